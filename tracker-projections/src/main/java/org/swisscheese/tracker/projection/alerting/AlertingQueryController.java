package org.swisscheese.tracker.projection.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.swisscheese.tracker.api.AlertMatchers;

/**
 * Routes (never their secrets), silences, what became of each alert, and the deliveries: the failed ones are the
 * dead letters an admin retries. Operators and admins read; who may change what is the security configuration's
 * business.
 */
@RestController
@Tag(name = "alerting")
public class AlertingQueryController {

    private static final Set<String> ALERT_STATUSES =
            Set.of("PENDING", "QUEUED", "SENT", "SILENCED", "INHIBITED", "HELD", "DROPPED", "FAILED");
    private static final Set<String> DELIVERY_STATUSES = Set.of("PENDING", "SENDING", "SENT", "FAILED");

    private final JdbcClient jdbc;
    private final AlertingStore store;
    private final AlertSender sender;
    private final ObjectMapper mapper;

    private final AlertingProperties properties;

    public AlertingQueryController(
            JdbcClient jdbc,
            AlertingStore store,
            AlertSender sender,
            ObjectMapper mapper,
            AlertingProperties properties) {
        this.jdbc = jdbc;
        this.store = store;
        this.sender = sender;
        this.mapper = mapper;
        this.properties = properties;
    }

    /**
     * {@code sendResolved}: resolved notifications go to it; {@code repeatInterval}: its own (ISO-8601), null for the
     * configured default; {@code repeatEvery}: the one in force.
     */
    public record RouteView(
            String id,
            String name,
            String url,
            AlertMatchers matchers,
            String createdBy,
            Instant createdAt,
            String changedBy,
            Instant changedAt,
            boolean sendResolved,
            String repeatInterval,
            String repeatEvery) {}

    /** {@code active}: in force now; {@code expiredBy}: set when someone ended it early. */
    public record SilenceView(
            String id,
            AlertMatchers matchers,
            Instant startsAt,
            Instant endsAt,
            String comment,
            String createdBy,
            Instant createdAt,
            String expiredBy,
            boolean active) {}

    public record AlertView(
            long id,
            String routeId,
            String key,
            String systemId,
            String incidentId,
            String kind,
            String outcome,
            String severity,
            String status,
            String reason,
            Instant createdAt,
            Instant dueAt,
            Instant decidedAt,
            String deliveryId,
            JsonNode alert,
            Instant notifiedAt,
            int repeats,
            Instant resolvedAt,
            String resolution,
            String resolvedStatus) {}

    /** {@code kind}: FIRING (new alerts), REPEAT (still firing, sent again) or RESOLVED. */
    public record DeliveryView(
            String id,
            String kind,
            String routeId,
            String routeName,
            String groupKey,
            int alerts,
            String status,
            int attempts,
            Integer lastStatusCode,
            String lastError,
            Instant createdAt,
            Instant lastAttemptAt,
            Instant sentAt,
            JsonNode body) {}

    @Operation(summary = "The webhook routes (secrets are never shown)")
    @GetMapping("/api/alerting/routes")
    public List<RouteView> routes() {
        return jdbc.sql("SELECT * FROM alert_route ORDER BY name")
                .query((rs, i) -> new RouteView(
                        rs.getString("route_id"),
                        rs.getString("name"),
                        rs.getString("url"),
                        store.matchers(rs.getString("matchers")),
                        rs.getString("created_by"),
                        AlertingStore.instant(rs, "created_at"),
                        rs.getString("changed_by"),
                        AlertingStore.instant(rs, "changed_at"),
                        rs.getBoolean("send_resolved"),
                        iso(AlertingStore.seconds(rs.getObject("repeat_interval_seconds", Long.class))),
                        iso(Optional.ofNullable(
                                        AlertingStore.seconds(rs.getObject("repeat_interval_seconds", Long.class)))
                                .orElse(properties.repeatInterval()))))
                .list();
    }

    @Operation(summary = "Silences, newest first; active=true: those in force now")
    @GetMapping("/api/alerting/silences")
    public List<SilenceView> silences(@RequestParam(required = false) Boolean active) {
        Instant now = Instant.now();
        return jdbc
                .sql("SELECT * FROM alert_silence ORDER BY created_at DESC")
                .query((rs, i) -> {
                    Instant startsAt = AlertingStore.instant(rs, "starts_at");
                    Instant endsAt = AlertingStore.instant(rs, "ends_at");
                    return new SilenceView(
                            rs.getString("silence_id"),
                            store.matchers(rs.getString("matchers")),
                            startsAt,
                            endsAt,
                            rs.getString("remark"),
                            rs.getString("created_by"),
                            AlertingStore.instant(rs, "created_at"),
                            rs.getString("expired_by"),
                            !now.isBefore(startsAt) && now.isBefore(endsAt));
                })
                .list()
                .stream()
                .filter(s -> active == null || s.active() == active)
                .toList();
    }

    @Operation(
            summary = "What became of each alert per route, newest first: PENDING (waiting for its group), QUEUED,"
                    + " SENT, SILENCED, INHIBITED, HELD (flapping), DROPPED (route deleted), FAILED; when it was"
                    + " last sent and how often repeated; when it ended and what became of its resolved"
                    + " notification (QUEUED, SENT, FAILED, NOT_SENT, OPTED_OUT, DROPPED)")
    @ApiResponse(responseCode = "400", description = "an unknown status, or limit not in 1..1000")
    @GetMapping("/api/alerting/alerts")
    public List<AlertView> alerts(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String systemId,
            @RequestParam(defaultValue = "200") int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM alert_notification WHERE 1 = 1");
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status(status, ALERT_STATUSES));
        }
        if (systemId != null) {
            sql.append(" AND system_id = ?");
            params.add(systemId);
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit(limit));
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, i) -> new AlertView(
                        rs.getLong("id"),
                        rs.getString("route_id"),
                        rs.getString("alert_key"),
                        rs.getString("system_id"),
                        rs.getString("incident_id"),
                        rs.getString("kind"),
                        rs.getString("outcome"),
                        rs.getString("severity"),
                        rs.getString("status"),
                        rs.getString("reason"),
                        AlertingStore.instant(rs, "created_at"),
                        AlertingStore.instant(rs, "due_at"),
                        AlertingStore.instant(rs, "decided_at"),
                        rs.getString("delivery_id"),
                        tree(rs.getString("alert")),
                        AlertingStore.instant(rs, "notified_at"),
                        rs.getInt("repeats"),
                        AlertingStore.instant(rs, "resolved_at"),
                        rs.getString("resolution"),
                        rs.getString("resolved_status")))
                .list();
    }

    @Operation(summary = "Deliveries (one POST each), newest first; status=failed: the dead letters")
    @ApiResponse(responseCode = "400", description = "an unknown status, or limit not in 1..1000")
    @GetMapping("/api/alerting/deliveries")
    public List<DeliveryView> deliveries(
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "200") int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(
                "SELECT d.*, r.name AS route_name FROM alert_delivery d LEFT JOIN alert_route r ON r.route_id ="
                        + " d.route_id WHERE 1 = 1");
        if (status != null) {
            sql.append(" AND d.status = ?");
            params.add(status(status, DELIVERY_STATUSES));
        }
        sql.append(" ORDER BY d.created_at DESC LIMIT ").append(limit(limit));
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, i) -> new DeliveryView(
                        rs.getString("delivery_id"),
                        rs.getString("kind"),
                        rs.getString("route_id"),
                        rs.getString("route_name"),
                        rs.getString("group_key"),
                        rs.getInt("alerts"),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getObject("last_status_code", Integer.class),
                        rs.getString("last_error"),
                        AlertingStore.instant(rs, "created_at"),
                        AlertingStore.instant(rs, "last_attempt_at"),
                        AlertingStore.instant(rs, "sent_at"),
                        tree(rs.getString("body"))))
                .list();
    }

    @Operation(summary = "Send a failed delivery again, from its first attempt")
    @ApiResponse(responseCode = "202", description = "queued again")
    @ApiResponse(responseCode = "404", description = "no such delivery")
    @ApiResponse(responseCode = "409", description = "it has not failed")
    @PostMapping("/api/alerting/deliveries/{id}/retry")
    public ResponseEntity<Void> retry(@PathVariable String id) {
        if (sender.retryFailed(id)) {
            return ResponseEntity.accepted().build();
        }
        String status = jdbc.sql("SELECT status FROM alert_delivery WHERE delivery_id = ?")
                .param(id)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no delivery '" + id + "'"));
        throw new ResponseStatusException(
                HttpStatus.CONFLICT,
                "delivery '" + id + "' is " + status + ", not FAILED: only failed ones are retried");
    }

    private static String iso(Duration duration) {
        return duration == null ? null : duration.toString();
    }

    private static String status(String given, Set<String> known) {
        String status = given.trim().toUpperCase(Locale.ROOT);
        if (!known.contains(status)) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "status must be one of " + known + "; got '" + given + "'");
        }
        return status;
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
        }
        return limit;
    }

    private JsonNode tree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
