package org.swisscheese.tracker.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.swisscheese.tracker.api.Commands.AcknowledgeIncident;
import org.swisscheese.tracker.api.Commands.AddFollowUpAction;
import org.swisscheese.tracker.api.Commands.AddIncidentNote;
import org.swisscheese.tracker.api.Commands.AssignIncident;
import org.swisscheese.tracker.api.Commands.ChangeIncidentSeverity;
import org.swisscheese.tracker.api.Commands.DeclareSeriousIncident;
import org.swisscheese.tracker.api.Commands.DesignateHighRisk;
import org.swisscheese.tracker.api.Commands.MarkNotAnIncident;
import org.swisscheese.tracker.api.Commands.MergeIncidents;
import org.swisscheese.tracker.api.Commands.ReclassifyReport;
import org.swisscheese.tracker.api.Commands.RecordSeriousIncidentReport;
import org.swisscheese.tracker.api.Commands.SplitIncident;
import org.swisscheese.tracker.api.Commands.UnassignIncident;
import org.swisscheese.tracker.api.Commands.UpdateFollowUpAction;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ActionStatus;
import org.swisscheese.tracker.domain.ReportClass;
import org.swisscheese.tracker.domain.SeriousIncidentKind;
import org.swisscheese.tracker.domain.Severity;

/**
 * Incident response: acknowledge, assign, rate, annotate, close as no incident, and follow up. Each act becomes an event on the
 * incident's system stream with the signed-in user's name, taken here from the authenticated principal and handed to
 * the command as a plain field. Refusals come back through {@link ApiErrors}: an unknown incident is a 404, an act on
 * a closed incident or a second acknowledgement a 409, a missing or too long value a 400. Who may act is the
 * security configuration's business (operators, analysts and admins).
 */
@RestController
@Tag(name = "incidents (response)")
@EnableConfigurationProperties(SeriousIncidentProperties.class)
public class IncidentResponseController {

    private final CommandGateway commands;
    private final SeriousIncidentProperties seriousIncidents;

    public IncidentResponseController(CommandGateway commands, SeriousIncidentProperties seriousIncidents) {
        this.commands = commands;
        this.seriousIncidents = seriousIncidents;
    }

    /** {@code kind}: GENERAL, DEATH or WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE; {@code awareAt}: now if left out. */
    public record SeriousIncidentRequest(String kind, Instant awareAt) {}

    public record SeriousIncidentReport(String reference) {}

    public record HighRiskRequest(Boolean highRisk, String basis) {}

    @Operation(
            summary = "Declare an incident of a high-risk system a serious incident (EU AI Act Art. 73): its report"
                    + " is due the configured period after the provider became aware of it")
    @ApiResponse(responseCode = "204", description = "declared; a durable deadline watches the due date")
    @ApiResponse(responseCode = "400", description = "an unknown kind, an awareness in the future")
    @ApiResponse(responseCode = "404", description = "no such incident")
    @ApiResponse(
            responseCode = "409",
            description = "the system is not high-risk, or the incident was declared already")
    @PostMapping("/api/incidents/{id}/serious-incident")
    public ResponseEntity<Void> declareSeriousIncident(
            @PathVariable String id, @RequestBody SeriousIncidentRequest request, Principal user) {
        IncidentId incident = IncidentId.of(id);
        SeriousIncidentKind kind = SeriousIncidentKind.parse(request == null ? null : request.kind());
        commands.sendAndWait(new DeclareSeriousIncident(
                incident.systemId(),
                incident,
                kind,
                request.awareAt(),
                seriousIncidents.periodFor(kind),
                user.getName()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Record that a serious incident was reported to the authority, with its reference")
    @ApiResponse(responseCode = "204", description = "recorded: the clock stops")
    @ApiResponse(responseCode = "404", description = "no such incident")
    @ApiResponse(responseCode = "409", description = "not declared a serious incident, or reported already")
    @PostMapping("/api/incidents/{id}/serious-incident/report")
    public ResponseEntity<Void> reportSeriousIncident(
            @PathVariable String id, @RequestBody SeriousIncidentReport request, Principal user) {
        IncidentId incident = IncidentId.of(id);
        commands.sendAndWait(new RecordSeriousIncidentReport(
                incident.systemId(), incident, request == null ? null : request.reference(), user.getName()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Designate a system high-risk under the EU AI Act (or take it back), with the basis")
    @ApiResponse(responseCode = "204", description = "designated (or already so)")
    @ApiResponse(responseCode = "400", description = "no basis")
    @ApiResponse(responseCode = "404", description = "no such system")
    @PutMapping("/api/systems/{id}/high-risk")
    public ResponseEntity<Void> designateHighRisk(
            @PathVariable String id, @RequestBody HighRiskRequest request, Principal user) {
        commands.sendAndWait(new DesignateHighRisk(
                SystemId.of(id),
                request == null || request.highRisk() == null || request.highRisk(),
                request == null ? null : request.basis(),
                user.getName()));
        return ResponseEntity.noContent().build();
    }

    public record AssignRequest(String assignee) {}

    /** {@code severity}: SEV1 (most severe) to SEV4. */
    public record SeverityRequest(String severity) {}

    public record NoteRequest(String text) {}

    public record NotAnIncidentRequest(String reason) {}

    @Operation(summary = "Acknowledge an open incident (once)")
    @ApiResponse(responseCode = "204", description = "acknowledged")
    @ApiResponse(responseCode = "404", description = "no such incident")
    @ApiResponse(responseCode = "409", description = "already acknowledged, or the incident is closed")
    @PostMapping("/api/incidents/{id}/acknowledge")
    public ResponseEntity<Void> acknowledge(@PathVariable String id, Principal user) {
        IncidentId incident = IncidentId.of(id);
        commands.sendAndWait(new AcknowledgeIncident(incident.systemId(), incident, user.getName()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Assign an open incident to a person or a team (again, to hand it on)")
    @ApiResponse(responseCode = "204", description = "assigned (or already assigned so)")
    @ApiResponse(responseCode = "400", description = "no assignee, or longer than 200 characters")
    @ApiResponse(responseCode = "404", description = "no such incident")
    @ApiResponse(responseCode = "409", description = "the incident is closed")
    @PostMapping("/api/incidents/{id}/assign")
    public ResponseEntity<Void> assign(@PathVariable String id, @RequestBody AssignRequest request, Principal user) {
        IncidentId incident = IncidentId.of(id);
        commands.sendAndWait(new AssignIncident(
                incident.systemId(), incident, request == null ? null : request.assignee(), user.getName()));
        return ResponseEntity.noContent().build();
    }

    /** {@code as}: SPURIOUS_TRIP, PROOF_TEST, NOT_APPLICABLE or COMMON_CAUSE. */
    public record ReclassifyRequest(String as, String reason) {}

    @Operation(
            summary = "Reclassify a report of an open incident (once): a spurious trip, a proof test or not applicable"
                    + " takes it out of the incident's judgement and of its barrier's demands; a common cause marks it")
    @ApiResponse(responseCode = "204", description = "reclassified; the incident is judged again")
    @ApiResponse(responseCode = "400", description = "an unknown class, one that does not fit the report, no reason")
    @ApiResponse(responseCode = "404", description = "no such incident, or no such report in it")
    @ApiResponse(
            responseCode = "409",
            description = "the incident is closed, the report was reclassified already, or it is the only evidence")
    @PostMapping("/api/incidents/{id}/reports/{reportId}/reclassify")
    public ResponseEntity<Void> reclassify(
            @PathVariable String id,
            @PathVariable String reportId,
            @RequestBody ReclassifyRequest request,
            Principal user) {
        IncidentId incident = IncidentId.of(id);
        ReclassifyRequest given = request == null ? new ReclassifyRequest(null, null) : request;
        commands.sendAndWait(new ReclassifyReport(
                incident.systemId(),
                incident,
                reportId,
                given.as() == null ? null : ReportClass.parse(given.as()),
                given.reason(),
                user.getName()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Take an open incident's assignee off: nobody owns it any more")
    @ApiResponse(responseCode = "204", description = "unassigned (or assigned to nobody already)")
    @ApiResponse(responseCode = "404", description = "no such incident")
    @ApiResponse(responseCode = "409", description = "the incident is closed")
    @PostMapping("/api/incidents/{id}/unassign")
    public ResponseEntity<Void> unassign(@PathVariable String id, Principal user) {
        IncidentId incident = IncidentId.of(id);
        commands.sendAndWait(new UnassignIncident(incident.systemId(), incident, user.getName()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Set or change an open incident's severity: SEV1 (most severe) to SEV4")
    @ApiResponse(responseCode = "204", description = "set (or already so)")
    @ApiResponse(responseCode = "400", description = "not one of SEV1..SEV4")
    @ApiResponse(responseCode = "404", description = "no such incident")
    @ApiResponse(responseCode = "409", description = "the incident is closed")
    @PostMapping("/api/incidents/{id}/severity")
    public ResponseEntity<Void> severity(
            @PathVariable String id, @RequestBody SeverityRequest request, Principal user) {
        IncidentId incident = IncidentId.of(id);
        commands.sendAndWait(new ChangeIncidentSeverity(
                incident.systemId(),
                incident,
                Severity.parse(request == null ? null : request.severity()),
                user.getName()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Add a note to the incident's timeline (open or closed; at most 4,000 characters)")
    @ApiResponse(responseCode = "204", description = "added")
    @ApiResponse(responseCode = "400", description = "no text, or longer than 4,000 characters")
    @ApiResponse(responseCode = "404", description = "no such incident")
    @PostMapping("/api/incidents/{id}/notes")
    public ResponseEntity<Void> note(@PathVariable String id, @RequestBody NoteRequest request, Principal user) {
        IncidentId incident = IncidentId.of(id);
        commands.sendAndWait(new AddIncidentNote(
                incident.systemId(), incident, request == null ? null : request.text(), user.getName()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Close an open incident as not an incident, with the reason; it leaves the statistics")
    @ApiResponse(responseCode = "204", description = "closed as not an incident")
    @ApiResponse(responseCode = "400", description = "no reason, or longer than 4,000 characters")
    @ApiResponse(responseCode = "404", description = "no such incident")
    @ApiResponse(responseCode = "409", description = "the incident is closed already")
    @PostMapping("/api/incidents/{id}/not-an-incident")
    public ResponseEntity<Void> notAnIncident(
            @PathVariable String id, @RequestBody NotAnIncidentRequest request, Principal user) {
        IncidentId incident = IncidentId.of(id);
        commands.sendAndWait(new MarkNotAnIncident(
                incident.systemId(), incident, request == null ? null : request.reason(), user.getName()));
        return ResponseEntity.noContent().build();
    }

    /** {@code incidentId}: the incident that joins this one (of the same system) and is closed as merged. */
    public record MergeRequest(String incidentId, String reason) {}

    /** {@code reportIds}: the reports that leave the incident for a new one. */
    public record SplitRequest(List<String> reportIds, String reason) {}

    public record SplitOff(String incidentId) {}

    @Operation(summary = "Merge another open incident of the same system into this one, with the reason")
    @ApiResponse(responseCode = "204", description = "merged: the other incident is closed as merged into this one")
    @ApiResponse(
            responseCode = "400",
            description = "no reason or other incident, an incident of another system, or itself")
    @ApiResponse(responseCode = "404", description = "no such incident")
    @ApiResponse(
            responseCode = "409",
            description = "one of them is closed, or the other was declared a serious incident")
    @PostMapping("/api/incidents/{id}/merge")
    public ResponseEntity<Void> merge(@PathVariable String id, @RequestBody MergeRequest request, Principal user) {
        IncidentId incident = IncidentId.of(id);
        if (request == null
                || request.incidentId() == null
                || request.incidentId().isBlank()) {
            throw new IllegalArgumentException("'incidentId' is missing: the incident that joins " + id);
        }
        commands.sendAndWait(new MergeIncidents(
                incident.systemId(), incident, IncidentId.of(request.incidentId()), request.reason(), user.getName()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Split reports off an open incident into a new incident, with the reason")
    @ApiResponse(responseCode = "201", description = "split: the body and the Location header name the new incident")
    @ApiResponse(responseCode = "400", description = "no reason or reports, or a report that cannot move")
    @ApiResponse(responseCode = "404", description = "no such incident, or no such report in it")
    @ApiResponse(responseCode = "409", description = "the incident is closed, or no report would be left in it")
    @PostMapping("/api/incidents/{id}/split")
    public ResponseEntity<SplitOff> split(@PathVariable String id, @RequestBody SplitRequest request, Principal user) {
        IncidentId incident = IncidentId.of(id);
        String created = commands.sendAndWait(new SplitIncident(
                incident.systemId(),
                incident,
                request == null ? null : request.reportIds(),
                request == null ? null : request.reason(),
                user.getName()));
        return ResponseEntity.created(URI.create("/api/incidents/" + created)).body(new SplitOff(created));
    }

    /**
     * {@code due}: an ISO-8601 instant ({@code 2026-12-31T17:00:00Z}) or a date ({@code 2026-12-31}, meaning the end of
     * that day in UTC).
     */
    public record ActionRequest(String title, String owner, String due) {}

    /** Each field left out stays as it is; {@code status}: OPEN, DONE or DROPPED. */
    public record ActionChange(String owner, String due, String status) {}

    public record ActionAdded(String actionId) {}

    @Operation(summary = "Add a follow-up action to an incident (open or closed): what, owner, due date")
    @ApiResponse(responseCode = "201", description = "added; the body and the Location header name the action")
    @ApiResponse(responseCode = "400", description = "no title, owner or due date, or one too long or unreadable")
    @ApiResponse(responseCode = "404", description = "no such incident")
    @PostMapping("/api/incidents/{id}/actions")
    public ResponseEntity<ActionAdded> addAction(
            @PathVariable String id, @RequestBody ActionRequest request, Principal user) {
        IncidentId incident = IncidentId.of(id);
        ActionRequest given = request == null ? new ActionRequest(null, null, null) : request;
        String actionId = commands.sendAndWait(new AddFollowUpAction(
                incident.systemId(), incident, given.title(), given.owner(), due(given.due()), user.getName()));
        return ResponseEntity.created(URI.create("/api/incidents/" + id + "/actions/" + shortId(actionId)))
                .body(new ActionAdded(actionId));
    }

    @Operation(summary = "Change a follow-up action: owner, due date, status (OPEN, DONE, DROPPED)")
    @ApiResponse(responseCode = "204", description = "changed (or already so)")
    @ApiResponse(responseCode = "400", description = "an unknown status, an unreadable due date, a blank owner")
    @ApiResponse(responseCode = "404", description = "no such incident or action")
    @PatchMapping("/api/incidents/{id}/actions/{action}")
    public ResponseEntity<Void> changeAction(
            @PathVariable String id, @PathVariable String action, @RequestBody ActionChange request, Principal user) {
        IncidentId incident = IncidentId.of(id);
        ActionChange change = request == null ? new ActionChange(null, null, null) : request;
        commands.sendAndWait(new UpdateFollowUpAction(
                incident.systemId(),
                incident,
                id + "/" + action,
                change.owner(),
                change.due() == null ? null : due(change.due()),
                change.status() == null ? null : ActionStatus.parse(change.status()),
                user.getName()));
        return ResponseEntity.noContent().build();
    }

    private static String shortId(String actionId) {
        return actionId.substring(actionId.lastIndexOf('/') + 1);
    }

    /** An instant, or a date meaning the end of that day in UTC; null stays null (the aggregate says it is missing). */
    static Instant due(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String given = value.strip();
        try {
            if (given.length() == 10) {
                return LocalDate.parse(given).atTime(LocalTime.of(23, 59, 59)).toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(given).toInstant();
        } catch (DateTimeParseException unreadable) {
            throw new IllegalArgumentException("'due' must be an ISO-8601 instant (2026-12-31T17:00:00Z) or a date"
                    + " (2026-12-31); got '" + (given.length() > 40 ? given.substring(0, 40) + "…" : given) + "'");
        }
    }
}
