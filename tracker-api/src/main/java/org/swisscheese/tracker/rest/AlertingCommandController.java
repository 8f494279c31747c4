package org.swisscheese.tracker.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.swisscheese.tracker.api.AlertKind;
import org.swisscheese.tracker.api.AlertMatchers;
import org.swisscheese.tracker.api.AlertRoutingEvent;
import org.swisscheese.tracker.api.AlertingCommands.ChangeAlertRoute;
import org.swisscheese.tracker.api.AlertingCommands.CreateAlertRoute;
import org.swisscheese.tracker.api.AlertingCommands.CreateSilence;
import org.swisscheese.tracker.api.AlertingCommands.DeleteAlertRoute;
import org.swisscheese.tracker.api.AlertingCommands.ExpireSilence;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Severity;

/**
 * Changes to the alert routing: webhook routes (admins) and silences (operators and admins: maintenance windows are
 * the on-call's business). Each becomes an event on the routing's stream with the signed-in user; the read side
 * ({@code projection.alerting}) lists them and delivers the alerts. Refusals in words through {@link ApiErrors}.
 */
@RestController
@Tag(name = "alerting (commands)")
public class AlertingCommandController {

    private final CommandGateway commands;

    public AlertingCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * Matchers as people type them: {@code systemIds}, {@code outcomes} (NEAR_MISS, UNDETERMINED, TOP_EVENT,
     * FULL_FAILURE), {@code severities} (SEV1..SEV4), {@code kinds} (incident-opened, incident-escalated, top-event,
     * full-failure, class-changed, activity-after-shutdown, severity-changed); empty or missing lists match anything.
     */
    public record MatchersRequest(
            List<String> systemIds, List<String> outcomes, List<String> severities, List<String> kinds) {}

    /**
     * {@code secret}: 16..200 characters; on a change, leave it out to keep the route's secret. {@code sendResolved}
     * (default true): a resolved notification when what an alert was about ends. {@code repeatInterval}: how often a
     * still-firing alert is sent again, as ISO-8601 ({@code PT4H}) or {@code 30s}, {@code 15m}, {@code 4h},
     * {@code 1d}; left out: {@code tracker.alerting.repeat-interval}.
     */
    public record RouteRequest(
            String name,
            String url,
            String secret,
            MatchersRequest matchers,
            Boolean sendResolved,
            String repeatInterval) {}

    /** {@code startsAt} defaults to now; {@code endsAt} is required. */
    public record SilenceRequest(MatchersRequest matchers, Instant startsAt, Instant endsAt, String comment) {}

    @Operation(summary = "Create a webhook route")
    @ApiResponse(responseCode = "201", description = "created; the body names its id")
    @ApiResponse(responseCode = "400", description = "a missing or bad name, url, secret or matcher")
    @ApiResponse(responseCode = "409", description = "a route of that name exists")
    @PostMapping("/api/alerting/routes")
    public ResponseEntity<Map<String, String>> createRoute(@RequestBody RouteRequest request, Principal user) {
        RouteRequest r = request(request);
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateAlertRoute(
                AlertRoutingEvent.ROUTING_ID,
                id,
                r.name(),
                r.url(),
                r.secret(),
                matchers(r.matchers()),
                user.getName(),
                r.sendResolved(),
                duration(r.repeatInterval())));
        return ResponseEntity.created(URI.create("/api/alerting/routes/" + id)).body(Map.of("id", id));
    }

    @Operation(summary = "Change a webhook route (everything but its id; the secret is kept if left out)")
    @ApiResponse(responseCode = "204", description = "changed")
    @ApiResponse(responseCode = "400", description = "a missing or bad name, url, secret or matcher")
    @ApiResponse(responseCode = "404", description = "no such route")
    @ApiResponse(responseCode = "409", description = "another route has that name")
    @PutMapping("/api/alerting/routes/{id}")
    public ResponseEntity<Void> changeRoute(
            @PathVariable String id, @RequestBody RouteRequest request, Principal user) {
        RouteRequest r = request(request);
        commands.sendAndWait(new ChangeAlertRoute(
                AlertRoutingEvent.ROUTING_ID,
                id,
                r.name(),
                r.url(),
                r.secret(),
                matchers(r.matchers()),
                user.getName(),
                r.sendResolved(),
                duration(r.repeatInterval())));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Delete a webhook route: nothing more is sent to it (what was sent stays listed)")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "no such route")
    @DeleteMapping("/api/alerting/routes/{id}")
    public ResponseEntity<Void> deleteRoute(@PathVariable String id, Principal user) {
        commands.sendAndWait(new DeleteAlertRoute(AlertRoutingEvent.ROUTING_ID, id, user.getName()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Create a silence: matching alerts are recorded as silenced, not sent, while it lasts")
    @ApiResponse(responseCode = "201", description = "created; the body names its id")
    @ApiResponse(responseCode = "400", description = "no matcher, no comment, or an end not after its start / now")
    @PostMapping("/api/alerting/silences")
    public ResponseEntity<Map<String, String>> createSilence(@RequestBody SilenceRequest request, Principal user) {
        if (request == null) {
            throw new IllegalArgumentException("a silence needs matchers, endsAt and a comment");
        }
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateSilence(
                AlertRoutingEvent.ROUTING_ID,
                id,
                matchers(request.matchers()),
                request.startsAt(),
                request.endsAt(),
                request.comment(),
                user.getName()));
        return ResponseEntity.created(URI.create("/api/alerting/silences/" + id))
                .body(Map.of("id", id));
    }

    @Operation(summary = "Expire a silence now (its history stays)")
    @ApiResponse(responseCode = "204", description = "expired")
    @ApiResponse(responseCode = "404", description = "no such silence")
    @ApiResponse(responseCode = "409", description = "it has ended already")
    @PostMapping("/api/alerting/silences/{id}/expire")
    public ResponseEntity<Void> expireSilence(@PathVariable String id, Principal user) {
        commands.sendAndWait(new ExpireSilence(AlertRoutingEvent.ROUTING_ID, id, user.getName()));
        return ResponseEntity.noContent().build();
    }

    private static RouteRequest request(RouteRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a route needs a name, a url and a secret");
        }
        return request;
    }

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd])");

    /** ISO-8601 ({@code PT4H}) or a number and a unit ({@code 30s}, {@code 15m}, {@code 4h}, {@code 1d}); blank: null. */
    static Duration duration(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String text = given.trim().toLowerCase(Locale.ROOT);
        Matcher shortForm = SHORT_DURATION.matcher(text);
        if (shortForm.matches()) {
            long n = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "repeatInterval must be a duration such as PT4H, 30s, 15m, 4h or 1d; got '" + given + "'");
        }
    }

    static AlertMatchers matchers(MatchersRequest request) {
        if (request == null) {
            return AlertMatchers.any();
        }
        return new AlertMatchers(
                list(request.systemIds(), s -> s == null ? null : s.trim()),
                list(request.outcomes(), AlertingCommandController::outcome),
                list(request.severities(), Severity::parse),
                list(request.kinds(), AlertKind::parse));
    }

    private static <T> List<T> list(List<String> values, Function<String, T> parse) {
        if (values == null) {
            return List.of();
        }
        if (values.contains(null)) {
            throw new IllegalArgumentException("matchers may not contain null");
        }
        return values.stream().map(parse).distinct().toList();
    }

    private static Outcome outcome(String value) {
        String given =
                value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(Outcome.values())
                .filter(o -> o.name().equals(given))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "outcome must be one of " + Arrays.toString(Outcome.values()) + "; got '" + value + "'"));
    }
}
