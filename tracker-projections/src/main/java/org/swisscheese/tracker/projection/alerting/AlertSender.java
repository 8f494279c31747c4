package org.swisscheese.tracker.projection.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.projection.alerting.AlertRules.Silence;
import org.swisscheese.tracker.projection.alerting.AlertingStore.Route;

/**
 * Empties the queue the {@link AlertDispatcher} fills, every {@code tracker.alerting.poll-every}:
 * <ol>
 *   <li>groups that are due: each alert is silenced (a silence in force matches it), inhibited (a TOP_EVENT alert of an
 *       incident that is a full failure), held (its subject flaps: looked at again when it would be calm), dropped
 *       (its route was deleted) or put, with the others of its route and system, in one delivery (a POST);</li>
 *   <li>deliveries: claimed (so one server sends each; a claim not finished in time is taken over), POSTed with the
 *       signature headers, tried again with exponential back-off (Spring's {@link RetryTemplate}) and after the
 *       last attempt left as FAILED: the dead letters an admin lists and retries.</li>
 * </ol>
 * At least once: a server that dies after a receiver took a POST but before it noted so sends it again (the same
 * {@code X-Tracker-Delivery} id, for receivers to deduplicate).
 */
public class AlertSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertSender.class);

    private final JdbcClient jdbc;
    private final AlertingStore store;
    private final AlertingProperties properties;
    private final TransactionTemplate transactions;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HttpClient http;
    private final RetryTemplate retry;
    private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final MeterRegistry meters;

    private ScheduledExecutorService poller;
    private ExecutorService senders;
    private volatile boolean running;

    public AlertSender(
            JdbcClient jdbc,
            AlertingStore store,
            AlertingProperties properties,
            TransactionTemplate transactions,
            ObjectMapper mapper,
            MeterRegistry meters,
            Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.properties = properties;
        this.transactions = transactions;
        this.mapper = mapper;
        this.meters = meters;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // maxAttempts POSTs in all: the first and maxAttempts - 1 retries, waits growing from initialBackoff by
        // backoffMultiplier up to maxBackoff; only a failed delivery is tried again
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(properties.maxAttempts() - 1L)
                .delay(properties.initialBackoff())
                .multiplier(properties.backoffMultiplier())
                .maxDelay(properties.maxBackoff())
                .includes(DeliveryFailed.class)
                .build());
        // exported from the start, at 0, so dashboards and alerts see every series
        List.of("sent", "retried", "failed").forEach(this::delivered);
        List.of("queued", "silenced", "inhibited", "held", "dropped", "repeated", "resolved")
                .forEach(this::decided);
    }

    private Counter delivered(String result) {
        return deliveries.computeIfAbsent(
                result,
                r -> Counter.builder("tracker.alerting.deliveries")
                        .description("webhook deliveries by result: sent, retried (an attempt failed, another follows),"
                                + " failed (every attempt failed: a dead letter)")
                        .tag("result", r)
                        .register(meters));
    }

    private Counter decided(String decision) {
        return decisions.computeIfAbsent(
                decision,
                d -> Counter.builder("tracker.alerting.alerts")
                        .description("alerts by what became of them when their group was due (queued, silenced,"
                                + " inhibited, held, dropped), sent again while firing (repeated), and resolved"
                                + " notifications queued (resolved)")
                        .tag("decision", d)
                        .register(meters));
    }

    // --- lifecycle ---------------------------------------------------------------------------------------------

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("alerting is off (tracker.alerting.enabled=false): alerts are queued, not sent");
            running = true;
            return;
        }
        AtomicInteger n = new AtomicInteger();
        poller = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "alert-sender"));
        senders = Executors.newFixedThreadPool(
                properties.senders(), task -> daemon(task, "alert-delivery-" + n.incrementAndGet()));
        long every = properties.pollEvery().toMillis();
        poller.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
            senders.shutdownNow(); // a delivery cut short stays claimed and is taken over when its claim runs out
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Each step on its own: one that keeps failing must not hold back the others (deliveries above all). */
    void tick() {
        step("grouping", this::flushDueGroups);
        step("repeats", this::flushRepeats);
        step("resolved notifications", this::flushResolved);
        step("deliveries", this::sendDueDeliveries);
    }

    private void step(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("alert sender, {}: {} (tried again in {})", what, e.toString(), properties.pollEvery());
        }
    }

    // --- groups ------------------------------------------------------------------------------------------------

    record Due(long id, String routeId, String groupKey, String incidentId, Alert alert) {}

    /** Decides every alert whose group is due; returns the deliveries created. */
    int flushDueGroups() {
        Integer created = transactions.execute(status -> {
            Instant now = clock.instant();
            List<Due> due = jdbc.sql("SELECT id, route_id, group_key, incident_id, alert FROM alert_notification"
                            + " WHERE status IN ('PENDING', 'HELD') AND due_at <= ? ORDER BY id FOR UPDATE")
                    .param(now.atOffset(ZoneOffset.UTC))
                    .query((rs, i) -> new Due(
                            rs.getLong("id"),
                            rs.getString("route_id"),
                            rs.getString("group_key"),
                            rs.getString("incident_id"),
                            read(rs.getString("alert"))))
                    .list();
            if (due.isEmpty()) {
                return 0;
            }
            Map<String, Route> routes = store.routesById();
            List<Silence> silences = store.silencesNotEnded(now);
            Map<String, List<Due>> groups = new LinkedHashMap<>();
            for (Due alert : due) {
                Route route = routes.get(alert.routeId());
                if (route == null) {
                    decide(alert, "DROPPED", "its route was deleted", now);
                    continue;
                }
                Optional<Silence> silence = silences.stream()
                        .filter(s -> AlertRules.silences(s, alert.alert(), now))
                        .findFirst();
                if (silence.isPresent()) {
                    decide(
                            alert,
                            "SILENCED",
                            "silence " + silence.get().id() + ": "
                                    + silence.get().comment(),
                            now);
                    continue;
                }
                if (alert.incidentId() != null && AlertRules.inhibited(alert.alert(), outcome(alert.incidentId()))) {
                    decide(alert, "INHIBITED", "the full failure of incident " + alert.incidentId(), now);
                    continue;
                }
                List<Instant> flips = jdbc.sql("SELECT flipped_at FROM alert_flip WHERE subject = ?")
                        .param(alert.alert().subject())
                        .query((rs, i) -> AlertingStore.instant(rs, "flipped_at"))
                        .list();
                if (AlertRules.flapping(flips, now, properties.flapWindow(), properties.flapThreshold())) {
                    Instant calm = AlertRules.calmAt(flips, now, properties.flapWindow(), properties.flapThreshold());
                    jdbc.sql("UPDATE alert_notification SET status = 'HELD', reason = ?, due_at = ? WHERE id = ?")
                            .params(
                                    "flapping: " + AlertRules.flipsInWindow(flips, now, properties.flapWindow())
                                            + " changes of state within " + properties.flapWindow()
                                            + "; looked at again at " + calm,
                                    calm.atOffset(ZoneOffset.UTC),
                                    alert.id())
                            .update();
                    decided("held").increment();
                    continue;
                }
                groups.computeIfAbsent(alert.routeId() + "\n" + alert.groupKey(), k -> new ArrayList<>())
                        .add(alert);
            }
            groups.values().forEach(group -> queue(routes.get(group.get(0).routeId()), group, now));
            return groups.size();
        });
        return created == null ? 0 : created;
    }

    private void decide(Due alert, String status, String reason, Instant now) {
        jdbc.sql("UPDATE alert_notification SET status = ?, reason = ?, decided_at = ? WHERE id = ?")
                .params(status, reason, now.atOffset(ZoneOffset.UTC), alert.id())
                .update();
        decided(status.toLowerCase()).increment();
    }

    private Outcome outcome(String incidentId) {
        return jdbc.sql("SELECT outcome FROM alert_incident WHERE incident_id = ?")
                .param(incidentId)
                .query(String.class)
                .optional()
                .map(Outcome::valueOf)
                .orElse(null);
    }

    /** New alerts of one route and group, in one delivery; each notes when it was sent (for its repeats). */
    private void queue(Route route, List<Due> group, Instant now) {
        String deliveryId = queue(
                route,
                group.get(0).groupKey(),
                group.get(0).alert().systemId(),
                group.stream().map(alert -> firing(alert.alert())).toList(),
                Kind.FIRING,
                now);
        for (Due alert : group) {
            jdbc.sql("UPDATE alert_notification SET status = 'QUEUED', reason = NULL, decided_at = ?, delivery_id = ?,"
                            + " notified_at = ? WHERE id = ?")
                    .params(now.atOffset(ZoneOffset.UTC), deliveryId, now.atOffset(ZoneOffset.UTC), alert.id())
                    .update();
            decided("queued").increment();
        }
    }

    /** What a delivery says: new alerts, alerts still firing sent again, or alerts that ended. */
    enum Kind {
        FIRING,
        REPEAT,
        RESOLVED
    }

    private ObjectNode firing(Alert alert) {
        ObjectNode tree = mapper.valueToTree(alert);
        tree.put("status", "firing");
        return tree;
    }

    /**
     * One POST for the alerts of one route and group: the body is fixed now and signed at each attempt. Its
     * {@code status} is {@code resolved} when every alert in it ended (a resolved delivery), {@code firing} otherwise;
     * {@code repeat} says the alerts were sent before and still fire.
     */
    private String queue(
            Route route, String groupKey, String systemId, List<ObjectNode> alerts, Kind kind, Instant now) {
        String deliveryId = UUID.randomUUID().toString();
        ObjectNode body = mapper.createObjectNode()
                .put("version", 1)
                .put("deliveryId", deliveryId)
                .put("status", kind == Kind.RESOLVED ? "resolved" : "firing")
                .put("repeat", kind == Kind.REPEAT)
                .put("groupKey", groupKey)
                .put("systemId", systemId)
                .put("createdAt", now.toString());
        body.putObject("route").put("id", route.id()).put("name", route.name());
        ArrayNode array = body.putArray("alerts");
        alerts.forEach(array::add);
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a delivery", e);
        }
        jdbc.sql("INSERT INTO alert_delivery (delivery_id, route_id, group_key, body, alerts, status, attempts,"
                        + " created_at, kind) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)")
                .params(
                        deliveryId,
                        route.id(),
                        groupKey,
                        json,
                        alerts.size(),
                        now.atOffset(ZoneOffset.UTC),
                        kind.name())
                .update();
        return deliveryId;
    }

    // --- repeats and resolved notifications ----------------------------------------------------------------------

    /** A notification that went out, as repeats and resolved notifications need it. */
    record Sent(
            long id,
            String routeId,
            String groupKey,
            String incidentId,
            String status,
            Alert alert,
            Instant notifiedAt,
            Instant resolvedAt,
            String resolution,
            String repeatDeliveryId) {}

    private Sent sent(ResultSet rs) throws SQLException {
        return new Sent(
                rs.getLong("id"),
                rs.getString("route_id"),
                rs.getString("group_key"),
                rs.getString("incident_id"),
                rs.getString("status"),
                read(rs.getString("alert")),
                AlertingStore.instant(rs, "notified_at"),
                AlertingStore.instant(rs, "resolved_at"),
                rs.getString("resolution"),
                rs.getString("repeat_delivery_id"));
    }

    private static final String SENT_COLUMNS = "id, route_id, group_key, incident_id, status, alert, notified_at,"
            + " resolved_at, resolution, repeat_delivery_id";

    /**
     * Alerts sent to a route that still fire (what they are about has not ended) go to it again once its repeat
     * interval has passed since they were last sent: those of one group that are due together in one delivery
     * ({@code repeat: true}). A repeat is no new alert: nothing is queued, the alert keeps its key and its group, and
     * only when it was last sent moves. Not while a silence matches it or it is now inhibited (looked at again at the
     * next poll: sent as soon as neither holds), nor while its previous repeat is still being delivered. Returns the
     * deliveries created.
     */
    int flushRepeats() {
        Integer created = transactions.execute(status -> {
            Instant now = clock.instant();
            List<Silence> silences = null;
            int deliveries = 0;
            for (Route route : store.routes()) {
                Duration every = route.repeatEvery(properties);
                List<Sent> firing = jdbc.sql("SELECT " + SENT_COLUMNS + " FROM alert_notification n WHERE route_id = ?"
                                + " AND status = 'SENT' AND ends_with IS NOT NULL AND resolved_at IS NULL AND"
                                + " notified_at <= ? AND NOT EXISTS (SELECT 1 FROM alert_delivery d WHERE"
                                + " d.delivery_id = n.repeat_delivery_id AND d.status IN ('PENDING', 'SENDING'))"
                                + " ORDER BY id FOR UPDATE")
                        .params(route.id(), now.minus(every).atOffset(ZoneOffset.UTC))
                        .query((rs, i) -> sent(rs))
                        .list();
                if (firing.isEmpty()) {
                    continue;
                }
                if (silences == null) {
                    silences = store.silencesNotEnded(now);
                }
                Map<String, List<Sent>> groups = new LinkedHashMap<>();
                for (Sent alert : firing) {
                    if (!AlertRules.repeatDue(alert.notifiedAt(), every, now)
                            || silences.stream().anyMatch(s -> AlertRules.silences(s, alert.alert(), now))
                            || (alert.incidentId() != null
                                    && AlertRules.inhibited(alert.alert(), outcome(alert.incidentId())))) {
                        continue;
                    }
                    groups.computeIfAbsent(alert.groupKey(), k -> new ArrayList<>())
                            .add(alert);
                }
                for (List<Sent> group : groups.values()) {
                    String deliveryId = queue(
                            route,
                            group.get(0).groupKey(),
                            group.get(0).alert().systemId(),
                            group.stream().map(alert -> firing(alert.alert())).toList(),
                            Kind.REPEAT,
                            now);
                    for (Sent alert : group) {
                        jdbc.sql("UPDATE alert_notification SET notified_at = ?, repeats = repeats + 1,"
                                        + " repeat_delivery_id = ? WHERE id = ?")
                                .params(now.atOffset(ZoneOffset.UTC), deliveryId, alert.id())
                                .update();
                        decided("repeated").increment();
                    }
                    deliveries++;
                }
            }
            return deliveries;
        });
        return created == null ? 0 : created;
    }

    /**
     * Alerts whose subject ended: each route that was sent the firing alert gets one resolved notification (those of
     * one group together, {@code status: resolved}), once, unless it opted out ({@code sendResolved: false}) or was
     * deleted; an alert that never went out (silenced, inhibited, dropped) owes none. One still waiting to go out, or
     * a dead letter, is looked at again once it was sent; one whose repeat is still being delivered, once that is
     * done, so the resolved notification is always the last. Silences do not hold a resolved notification back: a
     * receiver told that something fires is told when it ends. Returns the deliveries created.
     */
    int flushResolved() {
        Integer created = transactions.execute(status -> {
            Instant now = clock.instant();
            List<Sent> ended = jdbc.sql("SELECT " + SENT_COLUMNS + " FROM alert_notification WHERE resolved_at IS NOT"
                            + " NULL AND resolved_status IS NULL AND status IN ('SENT', 'SILENCED', 'INHIBITED',"
                            + " 'DROPPED') ORDER BY id FOR UPDATE")
                    .query((rs, i) -> sent(rs))
                    .list();
            if (ended.isEmpty()) {
                return 0;
            }
            Map<String, Route> routes = store.routesById();
            Map<String, List<Sent>> groups = new LinkedHashMap<>();
            for (Sent alert : ended) {
                AlertRules.Resolved decision = AlertRules.resolved(alert.status(), routes.get(alert.routeId()));
                switch (decision) {
                    case WAIT -> {}
                    case SEND -> {
                        if (!stillDelivering(alert.repeatDeliveryId())) {
                            groups.computeIfAbsent(alert.routeId() + "\n" + alert.groupKey(), k -> new ArrayList<>())
                                    .add(alert);
                        }
                    }
                    default ->
                        jdbc.sql("UPDATE alert_notification SET resolved_status = ? WHERE id = ?")
                                .params(decision.name(), alert.id())
                                .update();
                }
            }
            for (List<Sent> group : groups.values()) {
                String deliveryId = queue(
                        routes.get(group.get(0).routeId()),
                        group.get(0).groupKey(),
                        group.get(0).alert().systemId(),
                        group.stream().map(this::resolved).toList(),
                        Kind.RESOLVED,
                        now);
                for (Sent alert : group) {
                    jdbc.sql("UPDATE alert_notification SET resolved_status = 'QUEUED', resolved_delivery_id = ?"
                                    + " WHERE id = ?")
                            .params(deliveryId, alert.id())
                            .update();
                    decided("resolved").increment();
                }
            }
            return groups.size();
        });
        return created == null ? 0 : created;
    }

    private boolean stillDelivering(String deliveryId) {
        return deliveryId != null
                && jdbc.sql("SELECT COUNT(*) FROM alert_delivery WHERE delivery_id = ? AND status IN ('PENDING',"
                                        + " 'SENDING')")
                                .param(deliveryId)
                                .query(Long.class)
                                .single()
                        > 0;
    }

    /** The alert as it was sent, now {@code resolved}, with when ({@code endsAt}) and how it ended. */
    private ObjectNode resolved(Sent alert) {
        ObjectNode tree = mapper.valueToTree(alert.alert());
        tree.put("status", "resolved");
        tree.put("endsAt", alert.resolvedAt().toString());
        if (alert.resolution() != null) {
            tree.put("resolution", alert.resolution());
        }
        return tree;
    }

    private Alert read(String json) {
        try {
            return mapper.readValue(json, Alert.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alert: " + json, e);
        }
    }

    // --- deliveries --------------------------------------------------------------------------------------------

    /** Claims deliveries that are waiting (or whose claim ran out) for as many senders as are free. */
    void sendDueDeliveries() {
        int free = properties.senders() - inFlight.size();
        if (free <= 0 || senders == null) {
            return;
        }
        Instant now = clock.instant();
        List<String> waiting = jdbc.sql("SELECT delivery_id FROM alert_delivery WHERE status = 'PENDING' OR (status ="
                        + " 'SENDING' AND claimed_until < ?) ORDER BY created_at LIMIT " + (free + inFlight.size()))
                .param(now.atOffset(ZoneOffset.UTC))
                .query(String.class)
                .list();
        for (String id : waiting) {
            if (inFlight.size() >= properties.senders() || inFlight.contains(id)) {
                continue;
            }
            int claimed = jdbc.sql(
                            "UPDATE alert_delivery SET status = 'SENDING', claimed_until = ? WHERE delivery_id = ?"
                                    + " AND (status = 'PENDING' OR (status = 'SENDING' AND claimed_until < ?))")
                    .params(now.plus(properties.lease()).atOffset(ZoneOffset.UTC), id, now.atOffset(ZoneOffset.UTC))
                    .update();
            if (claimed == 1) {
                inFlight.add(id);
                senders.submit(() -> {
                    try {
                        deliver(id);
                    } catch (RuntimeException e) {
                        log.warn("delivery {} could not be finished: {}", id, e.toString());
                    } finally {
                        inFlight.remove(id);
                    }
                });
            }
        }
    }

    /** A delivery attempt that did not get a 2xx: tried again until the attempts run out. */
    static class DeliveryFailed extends RuntimeException {
        DeliveryFailed(String message) {
            super(message);
        }
    }

    /** The sender was interrupted while it sent (shutting down): not a failed delivery, never retried. */
    static class SendInterrupted extends RuntimeException {
        SendInterrupted(InterruptedException cause) {
            super("interrupted while sending", cause);
        }
    }

    record Delivery(String id, String routeId, String body) {}

    void deliver(String id) {
        Delivery delivery = jdbc.sql("SELECT delivery_id, route_id, body FROM alert_delivery WHERE delivery_id = ?")
                .param(id)
                .query((rs, i) -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
        Route route = store.routesById().get(delivery.routeId());
        if (route == null) {
            finish(id, "FAILED", null, "its route was deleted");
            delivered("failed").increment();
            return;
        }
        try {
            AtomicInteger attempts = new AtomicInteger();
            retry.execute(() -> {
                attempt(delivery, route, attempts.incrementAndGet());
                return null;
            });
            finish(id, "SENT", clock.instant(), null);
            delivered("sent").increment();
        } catch (RetryException e) {
            if (e.getCause() instanceof SendInterrupted
                    || Thread.currentThread().isInterrupted()) {
                // shutting down: the claim runs out and another sender takes it over
                Thread.currentThread().interrupt();
                return;
            }
            if (!(e.getCause() instanceof DeliveryFailed failed)) {
                throw e.getCause() instanceof RuntimeException unexpected
                        ? unexpected
                        : new IllegalStateException(e.getCause());
            }
            finish(id, "FAILED", null, failed.getMessage());
            delivered("failed").increment();
            log.warn(
                    "alert delivery {} to route '{}' failed after {} attempts: {}",
                    id,
                    route.name(),
                    properties.maxAttempts(),
                    failed.getMessage());
        }
    }

    private void attempt(Delivery delivery, Route route, int attempt) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(route.url()))
                    .timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "barrier-tracker-alerting")
                    .header(WebhookSignature.DELIVERY_HEADER, delivery.id())
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(route.secret(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status < 200 || status > 299) {
                error = "the receiver answered " + status;
            }
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendInterrupted(e);
        }
        jdbc.sql("UPDATE alert_delivery SET attempts = attempts + 1, last_attempt_at = ?, last_status_code = ?,"
                        + " last_error = ? WHERE delivery_id = ?")
                .params(
                        clock.instant().atOffset(ZoneOffset.UTC),
                        status,
                        error == null ? null : truncate(error),
                        delivery.id())
                .update();
        if (error != null) {
            if (attempt < properties.maxAttempts()) {
                delivered("retried").increment();
            }
            throw new DeliveryFailed(error);
        }
    }

    void finish(String id, String status, Instant sentAt, String error) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("UPDATE alert_delivery SET status = ?, sent_at = ?, claimed_until = NULL,"
                            + " last_error = COALESCE(?, last_error) WHERE delivery_id = ?")
                    .params(
                            status,
                            sentAt == null ? null : sentAt.atOffset(ZoneOffset.UTC),
                            error == null ? null : truncate(error),
                            id)
                    .update();
            jdbc.sql("UPDATE alert_notification SET status = ? WHERE delivery_id = ?")
                    .params(status, id)
                    .update();
            jdbc.sql("UPDATE alert_notification SET resolved_status = ? WHERE resolved_delivery_id = ?")
                    .params(status, id)
                    .update();
            if ("SENT".equals(status) && sentAt != null) {
                // the repeat interval runs from when the receiver got it: a dead letter retried in the morning is not
                // repeated half a second later because it was first queued overnight
                jdbc.sql(
                                "UPDATE alert_notification SET notified_at = ? WHERE delivery_id = ? OR repeat_delivery_id = ?")
                        .params(sentAt.atOffset(ZoneOffset.UTC), id, id)
                        .update();
            }
        });
    }

    /**
     * A dead letter sent again from its first attempt (an admin's retry): {@code false} if there is no such delivery
     * or it has not failed.
     */
    boolean retryFailed(String id) {
        Boolean retried = transactions.execute(tx -> {
            int updated = jdbc.sql("UPDATE alert_delivery SET status = 'PENDING', claimed_until = NULL WHERE"
                            + " delivery_id = ? AND status = 'FAILED'")
                    .param(id)
                    .update();
            if (updated == 1) {
                jdbc.sql("UPDATE alert_notification SET status = 'QUEUED' WHERE delivery_id = ?")
                        .param(id)
                        .update();
                jdbc.sql("UPDATE alert_notification SET resolved_status = 'QUEUED' WHERE resolved_delivery_id = ?")
                        .param(id)
                        .update();
            }
            return updated == 1;
        });
        return Boolean.TRUE.equals(retried);
    }

    private static String truncate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
