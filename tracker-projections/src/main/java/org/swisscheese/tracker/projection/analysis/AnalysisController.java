package org.swisscheese.tracker.projection.analysis;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.swisscheese.tracker.api.AiSystemEvent.DemandResult;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierMark;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.IncidentJudge;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.Path;
import org.swisscheese.tracker.domain.PathJudgement;
import org.swisscheese.tracker.domain.WhatIf;
import org.swisscheese.tracker.domain.reliability.PfdEstimate;
import org.swisscheese.tracker.projection.analysis.SystemHistory.IncidentHistory;

/** Questions about the past, answered from the event store and judged by the domain's own rules. */
@RestController
@Tag(name = "analysis")
public class AnalysisController {

    private final EventStore eventStore;

    public AnalysisController(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public record BarrierView(String id, String name, String category, String lineId, BarrierState state) {}

    public record OpenIncidentAsOf(
            String id, String outcome, int position, int margin, String stoppedBy, List<String> breachedBarriers) {}

    public record PathAsOf(
            String threatLine, String consequenceLine, int margin, String incidentId, List<BarrierMark> barriers) {}

    public record BowTieAsOf(
            String systemId,
            Instant asOf,
            String lifecycle,
            String riskClass,
            org.swisscheese.tracker.domain.BowTie bowTie,
            List<BarrierView> barriers,
            List<OpenIncidentAsOf> openIncidents,
            List<PathAsOf> paths) {}

    /**
     * As the tracker knew it at that instant: the bow-tie in force, each barrier's state, and every open incident
     * judged by the domain with the reports known then.
     */
    @Operation(summary = "The bow-tie, barrier states and open incidents as the tracker knew them at an instant")
    @GetMapping("/api/systems/{id}/bowtie")
    public BowTieAsOf bowTieAsOf(@PathVariable String id, @RequestParam(required = false) Instant asOf) {
        SystemHistory history = SystemHistory.read(eventStore, id, asOf);
        if (!history.exists()) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND,
                    asOf == null ? "no system '" + id + "'" : "system '" + id + "' was not registered yet at " + asOf);
        }
        Instant at = asOf == null ? Instant.now() : asOf;
        Map<String, BarrierState> states = history.statesAt(at);
        List<BarrierView> barriers = new ArrayList<>();
        for (LineSpec line : history.bowTie.lines()) {
            for (BarrierSpec b : line.barriers()) {
                barriers.add(new BarrierView(
                        b.id(),
                        b.name(),
                        b.category().name(),
                        line.id(),
                        states.getOrDefault(b.id(), BarrierState.IN_SERVICE)));
            }
        }
        List<OpenIncidentAsOf> open = new ArrayList<>();
        List<Assessment> assessments = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (IncidentHistory incident : history.incidents.values()) {
            if (incident.resolved || incident.steps.isEmpty()) {
                continue;
            }
            Assessment a = IncidentJudge.assess(history.bowTie, incident.steps, states);
            assessments.add(a);
            ids.add(incident.id);
            open.add(new OpenIncidentAsOf(
                    incident.id, a.outcome().name(), a.position(), a.margin(), a.stoppedBy(), a.breachedBarriers()));
        }
        List<PathAsOf> paths = new ArrayList<>();
        for (Path path : history.bowTie.paths()) {
            int closest = -1;
            for (int i = 0; i < assessments.size(); i++) {
                PathJudgement on = assessments.get(i).on(path).orElse(null);
                if (on != null
                        && (closest < 0
                                || on.margin()
                                        < assessments
                                                .get(closest)
                                                .on(path)
                                                .orElseThrow()
                                                .margin())) {
                    closest = i;
                }
            }
            Assessment a = closest < 0 ? null : assessments.get(closest);
            int margin = a == null
                    ? IncidentJudge.standing(history.bowTie, path, states)
                    : a.on(path).orElseThrow().margin();
            paths.add(new PathAsOf(
                    path.threatLineId(),
                    path.consequenceLineId(),
                    margin,
                    closest < 0 ? null : ids.get(closest),
                    IncidentJudge.marks(history.bowTie, path, a, states)));
        }
        return new BowTieAsOf(id, asOf, history.lifecycle, history.riskClass, history.bowTie, barriers, open, paths);
    }

    /**
     * One counterfactual question: {@code hold} (a barrier id), {@code remove} (barrier ids), or {@code add} (a new
     * barrier at a position of a line, with a claimed {@code pfd} or the demonstrated one of barrier {@code pfdFrom}).
     */
    public record WhatIfRequest(String hold, List<String> remove, Addition add) {}

    public record Addition(String lineId, Integer position, BarrierSpec barrier, Double pfd, String pfdFrom) {}

    public record WhatIfAnswer(
            String systemId,
            String question,
            Double pfd,
            int incidentsJudged,
            int outcomesChanged,
            WhatIf.Summary answer) {}

    @Operation(summary = "Counterfactual: every past incident re-judged with a barrier held, removed or added")
    @PostMapping("/api/systems/{id}/what-if")
    public WhatIfAnswer whatIf(@PathVariable String id, @RequestBody WhatIfRequest request) {
        SystemHistory history = SystemHistory.read(eventStore, id, null);
        if (!history.exists()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no system '" + id + "'");
        }
        int asked = (request.hold() == null ? 0 : 1)
                + (request.remove() == null || request.remove().isEmpty() ? 0 : 1)
                + (request.add() == null ? 0 : 1);
        if (asked != 1) {
            throw bad("ask one question: hold, remove or add");
        }
        Double pfd = null;
        WhatIf.Question question;
        String description;
        if (request.hold() != null) {
            known(history, request.hold());
            question = new WhatIf.Hold(request.hold());
            description = "hold " + request.hold();
        } else if (request.remove() != null && !request.remove().isEmpty()) {
            request.remove().forEach(b -> known(history, b));
            question = new WhatIf.Remove(Set.copyOf(request.remove()));
            description = "remove " + String.join(", ", request.remove());
        } else {
            Addition add = request.add();
            if (add.lineId() == null || add.position() == null || add.barrier() == null) {
                throw bad("add needs lineId, position and barrier");
            }
            LineSpec line = history.bowTie.line(add.lineId()).orElseThrow(() -> bad("no line '" + add.lineId() + "'"));
            if (history.bowTie.has(add.barrier().id())) {
                throw bad("barrier '" + add.barrier().id() + "' already exists on " + id);
            }
            try {
                WhatIf.insert(history.bowTie, line, add.position(), add.barrier());
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
            pfd = add.pfd() != null
                    ? add.pfd()
                    : add.pfdFrom() != null
                            ? demonstratedPfd(history, add.pfdFrom())
                            : add.barrier().claimedPfd();
            if (pfd == null) {
                throw bad("add needs a pfd, a pfdFrom barrier, or a barrier with a claimedPfd");
            }
            if (pfd < 0 || pfd > 1) {
                throw bad("pfd must lie in [0, 1]");
            }
            question = new WhatIf.Add(add.lineId(), add.position(), add.barrier(), pfd);
            description = "add " + add.barrier().id() + " at " + add.lineId() + "[" + add.position() + "] with PFD "
                    + pfd
                    + (add.pfdFrom() != null && add.pfd() == null ? " (as demonstrated by " + add.pfdFrom() + ")" : "");
        }
        List<WhatIf.Case> cases = new ArrayList<>();
        for (IncidentHistory incident : history.incidents.values()) {
            if (!incident.steps.isEmpty() && incident.judgedUnder != null && !incident.notAnIncident) {
                cases.add(new WhatIf.Case(
                        incident.id, incident.judgedUnder, incident.steps, history.statesAt(incident.lastOccurredAt)));
            }
        }
        WhatIf.Summary answer;
        try {
            answer = WhatIf.ask(cases, question);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        int changed =
                (int) answer.incidents().stream().filter(WhatIf.Answer::changed).count();
        return new WhatIfAnswer(id, description, pfd, cases.size(), changed, answer);
    }

    /** The Jeffreys estimate of a barrier's PFD from this system's own demands on it. */
    private static double demonstratedPfd(SystemHistory history, String barrierId) {
        known(history, barrierId);
        Map<String, DemandResult> demands = history.demands.getOrDefault(barrierId, Map.of());
        long failures =
                demands.values().stream().filter(r -> r == DemandResult.FAILED).count();
        return PfdEstimate.jeffreys(demands.size(), failures).estimate();
    }

    private static void known(SystemHistory history, String barrierId) {
        if (!history.bowTie.has(barrierId)) {
            throw bad("no barrier '" + barrierId + "' on " + history.systemId);
        }
    }

    private static ResponseStatusException bad(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
