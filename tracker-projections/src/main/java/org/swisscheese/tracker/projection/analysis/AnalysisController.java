package org.swisscheese.tracker.projection.analysis;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.IncidentJudge;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.Step;
import org.swisscheese.tracker.projection.analysis.SystemHistory.IncidentHistory;

/** Questions about the past, answered from the event store with the aggregate's own judge. */
@RestController
@Tag(name = "analysis")
public class AnalysisController {

    private final EventStore eventStore;

    public AnalysisController(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public record BarrierState(String id, String name, String category, String lineId, String state) {
    }

    public record OpenIncidentAsOf(String id, String outcome, List<String> breachedBarriers, int margin) {
    }

    public record BowTieAsOf(String systemId, Instant asOf, String lifecycle, String riskClass, BowTie bowTie,
                             List<BarrierState> barriers, List<OpenIncidentAsOf> openIncidents) {
    }

    @Operation(summary = "The bow-tie and every barrier's state as the tracker knew them at an instant")
    @GetMapping("/api/systems/{id}/bowtie")
    public BowTieAsOf bowTieAsOf(@PathVariable String id, @RequestParam(required = false) Instant asOf) {
        SystemHistory history = SystemHistory.read(eventStore, id, asOf);
        if (!history.exists()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, asOf == null ? "no system '" + id + "'"
                    : "system '" + id + "' was not registered yet at " + asOf);
        }
        Set<String> breached = new HashSet<>();
        List<OpenIncidentAsOf> open = new ArrayList<>();
        for (IncidentHistory incident : history.incidents.values()) {
            if (!incident.resolved && incident.assessment != null) {
                breached.addAll(incident.assessment.breachedBarriers());
                open.add(new OpenIncidentAsOf(incident.id, incident.assessment.outcome().name(),
                        incident.assessment.breachedBarriers(), incident.assessment.margin()));
            }
        }
        List<BarrierState> barriers = new ArrayList<>();
        for (LineSpec line : history.bowTie.lines()) {
            for (BarrierSpec b : line.barriers()) {
                String state = breached.contains(b.id()) ? "BREACHED"
                        : history.degraded.contains(b.id()) ? "DEGRADED" : "INTACT";
                barriers.add(new BarrierState(b.id(), b.name(), b.category().name(), line.id(), state));
            }
        }
        return new BowTieAsOf(id, asOf, history.lifecycle, history.riskClass, history.bowTie, barriers, open);
    }

    /** Barriers assumed to hold, removed, or added at a position of a line. */
    public record WhatIfRequest(List<String> hold, List<String> remove, List<Addition> add) {
    }

    public record Addition(String lineId, int position, BarrierSpec barrier) {
    }

    public record Rejudged(String incidentId, String outcome, int margin, List<String> breachedBarriers,
                           String whatIfOutcome, int whatIfMargin, List<String> whatIfBreachedBarriers) {
    }

    public record WhatIfAnswer(String systemId, int incidentsJudged, int outcomesChanged, List<Rejudged> changed) {
    }

    @Operation(summary = "Counterfactual: every past incident re-judged with barriers held, removed or added")
    @PostMapping("/api/systems/{id}/what-if")
    public WhatIfAnswer whatIf(@PathVariable String id, @RequestBody WhatIfRequest request) {
        SystemHistory history = SystemHistory.read(eventStore, id, null);
        if (!history.exists()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no system '" + id + "'");
        }
        Set<String> hold = new HashSet<>(request.hold() == null ? List.of() : request.hold());
        Set<String> remove = new HashSet<>(request.remove() == null ? List.of() : request.remove());
        for (String barrier : union(hold, remove)) {
            if (history.bowTie.barrier(barrier).isEmpty()) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no barrier '" + barrier + "' on " + id);
            }
        }
        BowTie alternative;
        try {
            alternative = alter(history.bowTie, remove, request.add() == null ? List.of() : request.add());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        List<Rejudged> changed = new ArrayList<>();
        int judged = 0;
        for (IncidentHistory incident : history.incidents.values()) {
            if (incident.steps.isEmpty()) {
                continue;
            }
            judged++;
            Assessment actual = IncidentJudge.assess(history.bowTie, incident.steps);
            List<Step> steps = incident.steps.stream()
                    .filter(s -> s.barrierId() == null || !remove.contains(s.barrierId()))
                    .map(s -> hold.contains(s.barrierId()) && s.type().isFailure() ? held(s) : s)
                    .toList();
            Assessment whatIf = steps.isEmpty() ? null : IncidentJudge.assess(alternative, steps);
            String whatIfOutcome = whatIf == null ? "NO_INCIDENT" : whatIf.outcome().name();
            if (!whatIfOutcome.equals(actual.outcome().name())) {
                changed.add(new Rejudged(incident.id, actual.outcome().name(), actual.margin(),
                        actual.breachedBarriers(), whatIfOutcome, whatIf == null ? 0 : whatIf.margin(),
                        whatIf == null ? List.of() : whatIf.breachedBarriers()));
            }
        }
        return new WhatIfAnswer(id, judged, changed.size(), changed);
    }

    private static Step held(Step s) {
        ReportType held = s.type() == ReportType.SHUTDOWN_FAILED ? ReportType.SHUTDOWN_COMPLETED : ReportType.TRIPPED;
        return new Step(s.reportId(), held, s.barrierId(), s.occurredAt(), s.arrival(), s.consequenceLine());
    }

    private static BowTie alter(BowTie bowTie, Set<String> remove, List<Addition> additions) {
        List<LineSpec> lines = new ArrayList<>();
        for (LineSpec line : bowTie.lines()) {
            List<BarrierSpec> barriers = new ArrayList<>(line.barriers().stream()
                    .filter(b -> !remove.contains(b.id())).toList());
            for (Addition a : additions) {
                if (a.lineId().equals(line.id())) {
                    barriers.add(Math.min(a.position(), barriers.size()), a.barrier());
                }
            }
            lines.add(new LineSpec(line.id(), line.side(), line.name(), barriers));
        }
        for (Addition a : additions) {
            if (bowTie.line(a.lineId()).isEmpty()) {
                throw new IllegalArgumentException("no line '" + a.lineId() + "'");
            }
        }
        return new BowTie(bowTie.hazard(), bowTie.topEvent(), lines);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
