package org.swisscheese.tracker.projection.incidents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.swisscheese.tracker.domain.ActionStatus;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Severity;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.ActionView;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.FindActions;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.FindIncidents;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.GetIncident;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.GetIncidentTimeline;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.IncidentPage;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.IncidentView;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.Timeline;
import org.swisscheese.tracker.projection.support.PageRequest;
import org.swisscheese.tracker.projection.support.SharedAnswers;
import org.swisscheese.tracker.projection.support.SharedAnswers.Answer;

@RestController
@Tag(name = "incidents")
public class IncidentQueryController {

    private final QueryGateway queries;
    private final SharedAnswers answers;

    public IncidentQueryController(QueryGateway queries, SharedAnswers answers) {
        this.queries = queries;
        this.answers = answers;
    }

    @Operation(
            summary =
                    "Incidents, newest first, paged; filters by system, status (OPEN, RESOLVED, NOT_AN_INCIDENT, MERGED),"
                            + " outcome, time, barrier, and by response: acknowledged, assignee, severity, notAnIncident")
    @GetMapping("/api/incidents")
    public Answer<IncidentPage> find(
            @RequestParam(required = false) String systemId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Outcome outcome,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String barrierId,
            @RequestParam(required = false) Boolean acknowledged,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) Boolean notAnIncident,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (status != null
                && !status.equals("OPEN")
                && !status.equals("RESOLVED")
                && !status.equals("NOT_AN_INCIDENT")
                && !status.equals("MERGED")) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "status must be OPEN, RESOLVED, NOT_AN_INCIDENT or MERGED");
        }
        Severity rated;
        try {
            rated = severity == null ? null : Severity.parse(severity);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        PageRequest asked = PageRequest.of(page, size);
        FindIncidents query = new FindIncidents(
                systemId,
                status,
                outcome,
                from,
                to,
                barrierId,
                acknowledged,
                assignee,
                rated,
                notAnIncident,
                asked.page(),
                asked.size());
        return answers.answer(
                query, () -> queries.query(query, IncidentPage.class).join());
    }

    @Operation(summary = "One incident: how far it got, its margin, its outcome")
    @GetMapping("/api/incidents/{id}")
    public IncidentView get(@PathVariable String id) {
        return queries.query(new GetIncident(id), ResponseTypes.optionalInstanceOf(IncidentView.class))
                .join()
                .orElseThrow(() -> notFound(id));
    }

    @Operation(
            summary = "Every report of the incident in order, with the path after each step; what people did"
                    + " about it (acknowledged, assigned, severity, notes, not an incident), and both in one order")
    @GetMapping("/api/incidents/{id}/timeline")
    public Timeline timeline(@PathVariable String id) {
        Optional<Timeline> timeline = queries.query(
                        new GetIncidentTimeline(id), ResponseTypes.optionalInstanceOf(Timeline.class))
                .join();
        return timeline.orElseThrow(() -> notFound(id));
    }

    @Operation(summary = "The follow-up actions of one incident, soonest due first")
    @GetMapping("/api/incidents/{id}/actions")
    public List<ActionView> actions(@PathVariable String id) {
        get(id);
        return queries.query(new FindActions(id, null, null, null), ResponseTypes.multipleInstancesOf(ActionView.class))
                .join();
    }

    @Operation(
            summary = "Follow-up actions across the fleet, soonest due first (at most 1,000): by system, status"
                    + " (OPEN, DONE, DROPPED) and overdue")
    @GetMapping("/api/actions")
    public List<ActionView> fleetActions(
            @RequestParam(required = false) String systemId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Boolean overdue) {
        return queries.query(
                        new FindActions(
                                null,
                                systemId,
                                status == null
                                        ? null
                                        : ActionStatus.parse(status).name(),
                                overdue),
                        ResponseTypes.multipleInstancesOf(ActionView.class))
                .join();
    }

    private static ResponseStatusException notFound(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no incident '" + id + "'");
    }
}
