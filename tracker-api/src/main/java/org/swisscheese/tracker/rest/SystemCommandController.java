package org.swisscheese.tracker.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.swisscheese.tracker.api.Commands.AcknowledgeClassChange;
import org.swisscheese.tracker.api.Commands.ChangeLifecycle;
import org.swisscheese.tracker.api.Commands.ChangeRiskProfile;
import org.swisscheese.tracker.api.Commands.RegisterSystem;
import org.swisscheese.tracker.api.Commands.ResolveIncident;
import org.swisscheese.tracker.api.Commands.RestoreBarrier;
import org.swisscheese.tracker.api.Commands.ReviseBowTie;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.LifecycleAction;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.SystemKind;

/** Commands from people: register a system, edit its bow-tie, change its lifecycle, resolve an incident. */
@RestController
@Tag(name = "systems (commands)")
public class SystemCommandController {

    private final CommandGateway commands;

    public SystemCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    /** As in DESIGN §7: either {@code template} or {@code bowtie}, or both (the bow-tie wins). */
    public record RegisterSystemRequest(
            String id,
            String name,
            SystemKind kind,
            String owner,
            Duration correlationWindow,
            RiskProfile riskProfile,
            SystemKind template,
            BowTie bowtie) {}

    public record LifecycleRequest(String reason) {}

    @Operation(summary = "Register an AI system with its bow-tie")
    @PostMapping("/api/systems")
    public ResponseEntity<Map<String, String>> register(@RequestBody RegisterSystemRequest request) {
        SystemId id = SystemId.of(request.id());
        SystemKind kind = request.kind() != null ? request.kind() : request.template();
        commands.sendAndWait(new RegisterSystem(
                id,
                request.name(),
                kind,
                request.owner(),
                request.correlationWindow(),
                request.riskProfile(),
                request.bowtie(),
                request.template()));
        return ResponseEntity.created(URI.create("/api/systems/" + id)).body(Map.of("id", id.value()));
    }

    @Operation(summary = "Replace the bow-tie: barriers added, removed, moved or re-described get new versions")
    @PutMapping("/api/systems/{id}/bowtie")
    public ResponseEntity<Void> reviseBowTie(@PathVariable String id, @RequestBody BowTie bowTie) {
        commands.sendAndWait(new ReviseBowTie(SystemId.of(id), bowTie));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Change the risk profile; the class follows")
    @PutMapping("/api/systems/{id}/risk-profile")
    public ResponseEntity<Void> changeRiskProfile(@PathVariable String id, @RequestBody RiskProfile profile) {
        commands.sendAndWait(new ChangeRiskProfile(SystemId.of(id), profile));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Acknowledge that the system changed class: the board stops alerting about it")
    @PostMapping("/api/systems/{id}/class-change/acknowledge")
    public ResponseEntity<Void> acknowledgeClassChange(@PathVariable String id) {
        commands.sendAndWait(new AcknowledgeClassChange(SystemId.of(id)));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Lifecycle action: deploy, suspend, resume, shutdown or decommission")
    @PostMapping("/api/systems/{id}/{action:deploy|suspend|resume|shutdown|decommission}")
    public ResponseEntity<Void> lifecycle(
            @PathVariable String id,
            @PathVariable String action,
            @RequestBody(required = false) LifecycleRequest request) {
        Lifecycle target = LifecycleAction.ofPath(action).orElseThrow().target();
        commands.sendAndWait(new ChangeLifecycle(
                SystemId.of(id), target, request == null || request.reason() == null ? action : request.reason()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Declare a degraded or impaired barrier back in service (an operator's restore)")
    @PostMapping("/api/systems/{id}/barriers/{barrierId}/restore")
    public ResponseEntity<Void> restoreBarrier(
            @PathVariable String id,
            @PathVariable String barrierId,
            @RequestBody(required = false) LifecycleRequest request) {
        commands.sendAndWait(new RestoreBarrier(SystemId.of(id), barrierId, request == null ? null : request.reason()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Resolve an incident with a postmortem")
    @PostMapping("/api/incidents/{id}/resolve")
    public ResponseEntity<Void> resolve(@PathVariable String id, @RequestBody Postmortem postmortem) {
        IncidentId incidentId = IncidentId.of(id);
        commands.sendAndWait(new ResolveIncident(incidentId.systemId(), incidentId, postmortem));
        return ResponseEntity.noContent().build();
    }
}
