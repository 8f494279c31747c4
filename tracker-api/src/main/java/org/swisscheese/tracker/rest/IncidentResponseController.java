package org.swisscheese.tracker.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.swisscheese.tracker.api.Commands.AcknowledgeIncident;
import org.swisscheese.tracker.api.Commands.AddIncidentNote;
import org.swisscheese.tracker.api.Commands.AssignIncident;
import org.swisscheese.tracker.api.Commands.ChangeIncidentSeverity;
import org.swisscheese.tracker.api.Commands.MarkNotAnIncident;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.domain.Severity;

/**
 * Incident response: acknowledge, assign, rate, annotate, or close as no incident. Each act becomes an event on the
 * incident's system stream with the signed-in user's name, taken here from the authenticated principal and handed to
 * the command as a plain field. Refusals come back through {@link ApiErrors}: an unknown incident is a 404, an act on
 * a closed incident or a second acknowledgement a 409, a missing or too long value a 400. Who may act is the
 * security configuration's business (operators, analysts and admins).
 */
@RestController
@Tag(name = "incidents (response)")
public class IncidentResponseController {

    private final CommandGateway commands;

    public IncidentResponseController(CommandGateway commands) {
        this.commands = commands;
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
}
