package org.swisscheese.tracker.projection.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.swisscheese.tracker.api.AiSystemEvent.ClassChangeAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionUpdated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSeverityChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.AlertKind;
import org.swisscheese.tracker.api.AlertMatchers;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteCreated;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteDeleted;
import org.swisscheese.tracker.api.AlertRoutingEvent.SilenceCreated;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.ActionStatus;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.domain.Severity;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.MovableClock;

/**
 * The queue between the dispatcher and the sender, on H2 with the real migrations and a clock the test moves: how
 * alerts are grouped and de-duplicated, and what silences, inhibition and flapping do when a group is due. Nothing is
 * POSTed here (AlertRoutingIT does that against a real receiver). Group wait 10 s; flapping: more than 2 changes of
 * state within 10 minutes. Language model of {@link Events}: influence = deployment-gate, output-filter.
 */
class AlertQueueTest {

    private final MovableClock clock = new MovableClock(Events.T0);
    private final ObjectMapper mapper = InMemoryDatabase.mapper();
    private JdbcClient jdbc;
    private AlertRoutesProjection routes;
    private AlertDispatcher dispatcher;
    private AlertSender sender;

    private final Report gate = Events.report("r1", ReportType.BREACHED, "deployment-gate", 0);
    private final Report filter = Events.report("r2", ReportType.BREACHED, "output-filter", 1);
    private final Report harm = new Report(
            "r3",
            ReportType.HARM_REPORTED,
            null,
            "c",
            Events.T0.plusSeconds(120),
            Events.T0.plusSeconds(120),
            "/test",
            null,
            java.util.Map.of(),
            null,
            null,
            "harm");
    private final Report held = Events.report("r4", ReportType.TRIPPED, "output-filter", 2);

    @BeforeEach
    void freshTables() {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        properties = new AlertingProperties(
                true,
                Duration.ofSeconds(10),
                null,
                null,
                null,
                null,
                null,
                null,
                Duration.ofMinutes(10),
                2,
                null,
                null); // repeat interval: the default, 4 h
        store = new AlertingStore(jdbc, mapper);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        routes = new AlertRoutesProjection(jdbc, store);
        dispatcher = new AlertDispatcher(jdbc, store, properties, clock);
        sender = newSender();
    }

    private AlertingProperties properties;
    private AlertingStore store;
    private TransactionTemplate transactions;

    /** A sender on the same tables: what a restarted server (or a second one) would run. */
    private AlertSender newSender() {
        return new AlertSender(jdbc, store, properties, transactions, mapper, new SimpleMeterRegistry(), clock);
    }

    private void route(String id, AlertMatchers matchers) {
        routes.on(new AlertRouteCreated(
                id, id, "https://hooks.example/" + id, "0123456789abcdef", matchers, "admin", clock.instant()));
    }

    private static AlertMatchers kinds(AlertKind... kinds) {
        return new AlertMatchers(List.of(Events.SYSTEM.value()), null, null, List.of(kinds));
    }

    private static IncidentId incident(int n) {
        return IncidentId.of(Events.SYSTEM, n);
    }

    private void opened(int n, Assessment assessment) {
        dispatcher.on(
                new IncidentOpened(Events.SYSTEM, incident(n), "c", clock.instant(), "r", assessment),
                UUID.randomUUID().toString(),
                clock.instant());
    }

    private void escalated(int n, Outcome from, Assessment assessment) {
        dispatcher.on(
                new IncidentEscalated(Events.SYSTEM, incident(n), "r", from, assessment),
                UUID.randomUUID().toString(),
                clock.instant());
    }

    private void contained(int n, Assessment assessment) {
        dispatcher.on(
                new IncidentContained(Events.SYSTEM, incident(n), "r", assessment),
                UUID.randomUUID().toString(),
                clock.instant());
    }

    private void after(int seconds) {
        clock.now = clock.now.plusSeconds(seconds);
    }

    /** route / kind / status [/ reason], in the order the alerts were queued. */
    private List<String> alerts() {
        return jdbc.sql("SELECT route_id, kind, status, reason FROM alert_notification ORDER BY id")
                .query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)
                        + (rs.getString(4) == null ? "" : " / " + rs.getString(4)))
                .list();
    }

    /** Each delivery's route and the kinds of its alerts, in the order they were created. */
    private List<String> deliveries() throws Exception {
        List<String> result = new ArrayList<>();
        for (String body : jdbc.sql("SELECT body FROM alert_delivery ORDER BY created_at, delivery_id")
                .query(String.class)
                .list()) {
            JsonNode json = mapper.readTree(body);
            List<String> kinds = new ArrayList<>();
            json.path("alerts").forEach(a -> kinds.add(a.path("kind").asText()));
            result.add(json.path("route").path("id").asText() + " " + kinds);
        }
        return result;
    }

    @Test
    void alertsOfOneRouteAndSystemWithinTheGroupWaitGoInOneDeliveryAndLaterOnesInTheNext() throws Exception {
        route("pager", AlertMatchers.any());
        opened(1, Events.judged(gate)); // UNDETERMINED
        after(4);
        escalated(1, Outcome.UNDETERMINED, Events.judged(gate, filter)); // TOP_EVENT
        after(5); // 9 s after the first alert: the group waits
        assertThat(sender.flushDueGroups()).isZero();
        after(1);
        assertThat(sender.flushDueGroups()).isEqualTo(1);
        assertThat(deliveries()).containsExactly("pager [incident-opened, incident-escalated, top-event]");

        // a later alert starts a new group, with a wait of its own
        after(1);
        opened(2, Events.judged(gate));
        after(9);
        assertThat(sender.flushDueGroups()).isZero();
        after(1);
        assertThat(sender.flushDueGroups()).isEqualTo(1);
        assertThat(deliveries())
                .containsExactly("pager [incident-opened, incident-escalated, top-event]", "pager [incident-opened]");
        assertThat(alerts()).allMatch(a -> a.endsWith("QUEUED"));
    }

    @Test
    void theSameAlertIsQueuedOncePerRouteAndEachRouteGetsItsOwnDelivery() throws Exception {
        route("pager", kinds(AlertKind.TOP_EVENT, AlertKind.INCIDENT_ESCALATED));
        route("chat", AlertMatchers.any());
        route("vision-only", new AlertMatchers(List.of("vision"), null, null, null));
        IncidentOpened open =
                new IncidentOpened(Events.SYSTEM, incident(1), "c", clock.instant(), "r", Events.judged(gate));
        dispatcher.on(open, "event-1", clock.instant());
        dispatcher.on(open, "event-1", clock.instant()); // the same event handled again (at least once)
        escalated(1, Outcome.UNDETERMINED, Events.judged(gate, filter));
        escalated(1, Outcome.TOP_EVENT, Events.judged(gate, filter, harm)); // escalated again: the same alert key
        // a severity is its own alert, once per severity
        dispatcher.on(
                new IncidentSeverityChanged(Events.SYSTEM, incident(1), Severity.SEV2, null, "op", clock.instant()),
                "event-9",
                clock.instant());
        assertThat(alerts())
                .containsExactlyInAnyOrder(
                        "chat INCIDENT_OPENED PENDING",
                        "pager INCIDENT_ESCALATED PENDING",
                        "pager TOP_EVENT PENDING",
                        "chat INCIDENT_ESCALATED PENDING",
                        "chat TOP_EVENT PENDING",
                        "chat FULL_FAILURE PENDING",
                        "chat SEVERITY_CHANGED PENDING");
        after(10);
        assertThat(sender.flushDueGroups()).isEqualTo(2);
        // the full failure arrived within the wait: its TOP_EVENT alert is inhibited on every route
        assertThat(deliveries())
                .containsExactlyInAnyOrder(
                        "pager [incident-escalated]",
                        "chat [incident-opened, incident-escalated, full-failure, severity-changed]");
        assertThat(alerts())
                .contains(
                        "pager TOP_EVENT INHIBITED / the full failure of incident llm.1",
                        "chat TOP_EVENT INHIBITED / the full failure of incident llm.1");
    }

    @Test
    void eachOverdueFollowUpActionAlertsOnceAndARouteMayAskForThemAlone() throws Exception {
        route("owners", kinds(AlertKind.OVERDUE_ACTION));
        route("pager", kinds(AlertKind.INCIDENT_OPENED));
        opened(1, Events.judged(gate));
        org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue late =
                new org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue(
                        Events.SYSTEM, incident(1), "llm.1/a1", "retrain the gate", "safety team", clock.instant());
        dispatcher.on(late, "event-7", clock.instant());
        dispatcher.on(late, "event-7", clock.instant()); // handled again (at least once): queued once
        dispatcher.on(
                new org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue(
                        Events.SYSTEM, incident(1), "llm.1/a2", "add a canary", "ops", clock.instant()),
                "event-8",
                clock.instant());
        assertThat(alerts())
                .containsExactlyInAnyOrder(
                        "pager INCIDENT_OPENED PENDING",
                        "owners OVERDUE_ACTION PENDING",
                        "owners OVERDUE_ACTION PENDING");
        after(10);
        sender.flushDueGroups();
        assertThat(deliveries())
                .containsExactlyInAnyOrder("pager [incident-opened]", "owners [overdue-action, overdue-action]");
        JsonNode body = mapper.readTree(jdbc.sql("SELECT body FROM alert_delivery WHERE route_id = 'owners'")
                .query(String.class)
                .single());
        assertThat(body.path("alerts").get(0).path("summary").asText())
                .contains("llm.1/a1", "retrain the gate", "safety team", "past its due date");
    }

    @Test
    void aTopEventSentBeforeTheFullFailureStaysSentAndTheFullFailureFollows() throws Exception {
        route("pager", AlertMatchers.any());
        opened(1, Events.judged(gate, filter)); // TOP_EVENT from the start
        after(10);
        sender.flushDueGroups();
        escalated(1, Outcome.TOP_EVENT, Events.judged(gate, filter, harm));
        after(10);
        sender.flushDueGroups();
        assertThat(deliveries())
                .containsExactly("pager [incident-opened, top-event]", "pager [incident-escalated, full-failure]");
    }

    @Test
    void aSilenceInForceWhenTheGroupIsDueRecordsItsAlertsAsSilencedAndTheOthersGoOut() throws Exception {
        route("pager", AlertMatchers.any());
        routes.on(new SilenceCreated(
                "s1",
                kinds(AlertKind.INCIDENT_OPENED),
                clock.instant(),
                clock.instant().plus(Duration.ofHours(1)),
                "model rollout",
                "op",
                clock.instant()));
        // a silence that starts later does not silence now
        routes.on(new SilenceCreated(
                "s2",
                kinds(AlertKind.TOP_EVENT),
                clock.instant().plus(Duration.ofHours(1)),
                clock.instant().plus(Duration.ofHours(2)),
                "tonight",
                "op",
                clock.instant()));
        opened(1, Events.judged(gate, filter));
        after(10);
        sender.flushDueGroups();
        assertThat(alerts())
                .containsExactly(
                        "pager INCIDENT_OPENED SILENCED / silence s1: model rollout", "pager TOP_EVENT QUEUED");
        assertThat(deliveries()).containsExactly("pager [top-event]");
    }

    @Test
    void anIncidentThatFlapsIsHeldUntilItCalmsDownThenSent() throws Exception {
        route("pager", kinds(AlertKind.INCIDENT_ESCALATED));
        opened(1, Events.judged(gate));
        escalated(1, Outcome.UNDETERMINED, Events.judged(gate, filter)); // flip 1 (queues the alert)
        after(60);
        contained(1, Events.judged(gate, held)); // flip 2
        after(60);
        escalated(1, Outcome.NEAR_MISS, Events.judged(gate, held, filter)); // flip 3: more than 2 in 10 minutes
        after(10);
        sender.flushDueGroups();
        assertThat(alerts()).hasSize(1);
        assertThat(alerts().get(0)).startsWith("pager INCIDENT_ESCALATED HELD / flapping: 3 changes of state");
        assertThat(deliveries()).isEmpty();
        // looked at again once the first flip has left the window (10 minutes after it): calm, so sent
        after(460); // 590 s after the first flip
        assertThat(sender.flushDueGroups()).isZero();
        after(10);
        assertThat(sender.flushDueGroups()).isEqualTo(1);
        assertThat(alerts()).containsExactly("pager INCIDENT_ESCALATED QUEUED");
        assertThat(deliveries()).containsExactly("pager [incident-escalated]");
    }

    @Test
    void alertsOfADeletedRouteAreDropped() throws Exception {
        route("pager", AlertMatchers.any());
        opened(1, Events.judged(gate));
        routes.on(new AlertRouteDeleted("pager", "pager", "admin", clock.instant()));
        after(10);
        assertThat(sender.flushDueGroups()).isZero();
        assertThat(alerts()).containsExactly("pager INCIDENT_OPENED DROPPED / its route was deleted");
    }

    @Test
    void aFailedDeliveryIsRetriedOnlyByAnAdminAndOnlyWhenItFailed() {
        route("pager", AlertMatchers.any());
        opened(1, Events.judged(gate));
        after(10);
        sender.flushDueGroups();
        String id = jdbc.sql("SELECT delivery_id FROM alert_delivery")
                .query(String.class)
                .single();
        assertThat(sender.retryFailed(id)).isFalse(); // PENDING: not a dead letter
        jdbc.sql("UPDATE alert_delivery SET status = 'FAILED' WHERE delivery_id = ?")
                .param(id)
                .update();
        assertThat(sender.retryFailed(id)).isTrue();
        assertThat(jdbc.sql("SELECT status FROM alert_delivery")
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING");
        assertThat(sender.retryFailed("nope")).isFalse();
    }

    @Test
    void aDeadLetterDeliveredLateIsRepeatedAFullIntervalAfterItReachedTheReceiver() throws Exception {
        route("pager", AlertMatchers.any(), null, Duration.ofMinutes(30));
        opened(1, Events.judged(gate));
        after(10);
        sender.flushDueGroups();
        String id = jdbc.sql("SELECT delivery_id FROM alert_delivery")
                .query(String.class)
                .single();
        sender.finish(id, "FAILED", null, "receiver down overnight");
        after(10 * 3600);
        assertThat(sender.retryFailed(id)).isTrue();
        receiversAnswer200(); // delivered at last, ten hours after it was queued
        after(60);
        assertThat(sender.flushRepeats())
                .as("not a repeat a minute after it arrived")
                .isZero();
        after(30 * 60);
        assertThat(sender.flushRepeats()).isEqualTo(1);
    }

    // --- repeats and resolved notifications ----------------------------------------------------------------------

    private void route(String id, AlertMatchers matchers, Boolean sendResolved, Duration repeatInterval) {
        routes.on(new AlertRouteCreated(
                id,
                id,
                "https://hooks.example/" + id,
                "0123456789abcdef",
                matchers,
                "admin",
                clock.instant(),
                sendResolved,
                repeatInterval));
    }

    private void resolved(int n) {
        dispatcher.on(
                new IncidentResolved(Events.SYSTEM, incident(n), clock.instant(), false, null, Outcome.UNDETERMINED),
                "resolved-" + n,
                clock.instant());
    }

    /** Every delivery not yet finished is taken by its receiver (as the sender notes a 2xx). */
    private void receiversAnswer200() {
        jdbc.sql("SELECT delivery_id FROM alert_delivery WHERE status = 'PENDING'")
                .query(String.class)
                .list()
                .forEach(id -> sender.finish(id, "SENT", clock.instant(), null));
    }

    /**
     * Each delivery as kind, status, repeat, route and the kinds of its alerts with their status, in the order they
     * were created (FIRING, REPEAT, RESOLVED of one instant in that order).
     */
    private List<String> bodies() throws Exception {
        List<String> result = new ArrayList<>();
        for (var row : jdbc.sql("SELECT kind, body FROM alert_delivery ORDER BY created_at, kind, delivery_id")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
                .list()) {
            JsonNode json = mapper.readTree(row[1]);
            List<String> alerts = new ArrayList<>();
            json.path("alerts")
                    .forEach(a -> alerts.add(
                            a.path("kind").asText() + ":" + a.path("status").asText()));
            result.add(row[0] + " " + json.path("status").asText()
                    + (json.path("repeat").asBoolean() ? " repeat" : "") + " "
                    + json.path("route").path("id").asText() + " " + alerts);
        }
        return result;
    }

    private String resolvedStatuses() {
        return String.join(
                ", ",
                jdbc.sql("SELECT route_id, kind, resolved_status FROM alert_notification ORDER BY id")
                        .query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
                        .list());
    }

    @Test
    void anAlertStillFiringIsSentAgainAfterTheRepeatIntervalAsTheSameAlertsInTheirGroup() throws Exception {
        route("pager", AlertMatchers.any()); // the default: every 4 h
        route("chat", AlertMatchers.any(), null, Duration.ofMinutes(30)); // its own
        opened(1, Events.judged(gate, filter)); // TOP_EVENT: two alerts
        after(10);
        assertThat(sender.flushDueGroups()).isEqualTo(2);
        receiversAnswer200();
        long alertsBefore = alerts().size();

        after(30 * 60 - 1);
        assertThat(sender.flushRepeats()).isZero(); // not due for anyone
        after(1);
        assertThat(sender.flushRepeats()).isEqualTo(1); // chat's half hour has passed, pager's 4 h have not
        assertThat(bodies()).endsWith("REPEAT firing repeat chat [incident-opened:firing, top-event:firing]");
        // a repeat is not a new alert: nothing queued, the alerts stay SENT in their group
        assertThat(alerts()).hasSize((int) alertsBefore).allMatch(a -> a.endsWith("SENT"));
        assertThat(sender.flushRepeats()).isZero();
        assertThat(newSender().flushRepeats()).isZero(); // nor after a restart

        // while a repeat is still being delivered, no other is stacked on it; the next runs from its delivery
        after(30 * 60);
        assertThat(sender.flushRepeats()).isZero();
        receiversAnswer200();
        assertThat(sender.flushRepeats()).isZero();
        after(30 * 60);
        assertThat(sender.flushRepeats()).isEqualTo(1);
        receiversAnswer200();

        // pager: 4 h after it was sent (the half hours of chat do not move it)
        after(4 * 3600 - 3 * 30 * 60); // 4 h after the first delivery
        assertThat(sender.flushRepeats()).isEqualTo(2); // pager's first repeat, chat's next (due since)
        assertThat(bodies()).contains("REPEAT firing repeat pager [incident-opened:firing, top-event:firing]");
        assertThat(jdbc.sql("SELECT repeats FROM alert_notification WHERE route_id = 'chat' ORDER BY id")
                        .query(Integer.class)
                        .list())
                .containsOnly(3);

        // a new alert of the same incident starts its group as ever: the repeats did not touch it
        receiversAnswer200();
        escalated(1, Outcome.TOP_EVENT, Events.judged(gate, filter, harm));
        after(9);
        assertThat(sender.flushDueGroups()).isZero();
        after(1);
        assertThat(sender.flushDueGroups()).isEqualTo(2);
        assertThat(bodies()).contains("FIRING firing pager [incident-escalated:firing, full-failure:firing]");
    }

    @Test
    void aResolvedNotificationGoesOnceToEachRouteThatWasSentTheAlertAndItStopsRepeating() throws Exception {
        route("pager", AlertMatchers.any());
        route("quiet", AlertMatchers.any(), false, null); // sendResolved: false
        opened(1, Events.judged(gate));
        opened(2, Events.judged(gate));
        after(10);
        sender.flushDueGroups();
        assertThat(sender.flushResolved()).isZero();

        resolved(1);
        // its firing alert is still being delivered: the resolved notification waits, so it always comes after
        assertThat(sender.flushResolved()).isZero();
        receiversAnswer200();
        assertThat(sender.flushResolved()).isEqualTo(1);
        assertThat(bodies()).endsWith("RESOLVED resolved pager [incident-opened:resolved]");
        JsonNode body = mapper.readTree(jdbc.sql("SELECT body FROM alert_delivery WHERE kind = 'RESOLVED'")
                .query(String.class)
                .single());
        JsonNode alert = body.path("alerts").get(0);
        assertThat(alert.path("incidentId").asText()).isEqualTo("llm.1");
        assertThat(alert.path("endsAt").asText()).isEqualTo(clock.instant().toString());
        assertThat(alert.path("resolution").asText()).isEqualTo("incident llm.1 resolved with a postmortem");
        assertThat(resolvedStatuses())
                .isEqualTo("pager INCIDENT_OPENED QUEUED, quiet INCIDENT_OPENED OPTED_OUT, pager INCIDENT_OPENED null,"
                        + " quiet INCIDENT_OPENED null");

        // once: not again, not when the event is handled again, not by a restarted sender
        assertThat(sender.flushResolved()).isZero();
        resolved(1);
        assertThat(newSender().flushResolved()).isZero();
        receiversAnswer200();
        assertThat(resolvedStatuses()).startsWith("pager INCIDENT_OPENED SENT, quiet INCIDENT_OPENED OPTED_OUT");

        // what ended is not repeated; what still fires (incident 2) is, on both routes
        after(4 * 3600);
        assertThat(sender.flushRepeats()).isEqualTo(2);
        assertThat(bodies())
                .contains(
                        "REPEAT firing repeat pager [incident-opened:firing]",
                        "REPEAT firing repeat quiet [incident-opened:firing]");
        assertThat(jdbc.sql("SELECT body FROM alert_delivery WHERE kind = 'REPEAT'")
                        .query(String.class)
                        .list())
                .allMatch(b -> b.contains("llm.2") && !b.contains("llm.1"));

        // it ends while its repeat is still being delivered: the resolved notification waits for it, to come last
        resolved(2);
        assertThat(sender.flushResolved()).isZero();
        receiversAnswer200();
        assertThat(sender.flushResolved()).isEqualTo(1); // pager; quiet opted out
        assertThat(bodies()).endsWith("RESOLVED resolved pager [incident-opened:resolved]");
    }

    @Test
    void aSilencedOrInhibitedAlertThatWasNeverSentSendsNoResolvedNotification() throws Exception {
        route("pager", AlertMatchers.any());
        routes.on(new SilenceCreated(
                "s1",
                kinds(AlertKind.INCIDENT_OPENED),
                clock.instant(),
                clock.instant().plus(Duration.ofHours(1)),
                "model rollout",
                "op",
                clock.instant()));
        opened(1, Events.judged(gate, filter)); // incident-opened (silenced), top-event
        escalated(1, Outcome.TOP_EVENT, Events.judged(gate, filter, harm)); // full failure: top-event inhibited
        after(10);
        sender.flushDueGroups();
        receiversAnswer200();
        assertThat(alerts())
                .containsExactly(
                        "pager INCIDENT_OPENED SILENCED / silence s1: model rollout",
                        "pager TOP_EVENT INHIBITED / the full failure of incident llm.1",
                        "pager INCIDENT_ESCALATED SENT",
                        "pager FULL_FAILURE SENT");
        dispatcher.on(
                new IncidentMarkedNotAnIncident(
                        Events.SYSTEM, incident(1), "a drill", Outcome.FULL_FAILURE, "analyst", clock.instant()),
                "none-1",
                clock.instant());
        assertThat(sender.flushResolved()).isEqualTo(1);
        assertThat(bodies()).endsWith("RESOLVED resolved pager [incident-escalated:resolved, full-failure:resolved]");
        assertThat(resolvedStatuses())
                .isEqualTo("pager INCIDENT_OPENED NOT_SENT, pager TOP_EVENT NOT_SENT, pager INCIDENT_ESCALATED QUEUED,"
                        + " pager FULL_FAILURE QUEUED");
        assertThat(jdbc.sql("SELECT resolution FROM alert_notification WHERE kind = 'FULL_FAILURE'")
                        .query(String.class)
                        .single())
                .isEqualTo("incident llm.1 marked not an incident by analyst: a drill");
    }

    @Test
    void anIncidentMergedIntoAnotherIsResolvedForItsReceiversWithWhereItWent() throws Exception {
        route("pager", AlertMatchers.any());
        opened(1, Events.judged(gate));
        after(10);
        sender.flushDueGroups();
        receiversAnswer200();
        dispatcher.on(
                new org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged(
                        Events.SYSTEM,
                        incident(1),
                        incident(2),
                        "one attack",
                        Outcome.UNDETERMINED,
                        "olga",
                        clock.instant()),
                "merged-1",
                clock.instant());
        assertThat(sender.flushResolved()).isEqualTo(1);
        assertThat(bodies()).endsWith("RESOLVED resolved pager [incident-opened:resolved]");
        assertThat(jdbc.sql("SELECT resolution FROM alert_notification WHERE kind = 'INCIDENT_OPENED'")
                        .query(String.class)
                        .single())
                .isEqualTo("incident llm.1 merged into llm.2 by olga: one attack");
    }

    @Test
    void aSilenceInForceHoldsRepeatsBackButNotTheResolvedNotification() throws Exception {
        route("pager", AlertMatchers.any(), null, Duration.ofMinutes(10));
        opened(1, Events.judged(gate));
        after(10);
        sender.flushDueGroups();
        receiversAnswer200();
        routes.on(new SilenceCreated(
                "s1",
                kinds(AlertKind.INCIDENT_OPENED),
                clock.instant(),
                clock.instant().plus(Duration.ofMinutes(30)),
                "maintenance",
                "op",
                clock.instant()));
        after(20 * 60);
        assertThat(sender.flushRepeats()).isZero();
        after(10 * 60); // the silence is over: the repeat goes at once
        assertThat(sender.flushRepeats()).isEqualTo(1);
        receiversAnswer200();
        routes.on(new SilenceCreated(
                "s2",
                kinds(AlertKind.INCIDENT_OPENED),
                clock.instant(),
                clock.instant().plus(Duration.ofMinutes(30)),
                "again",
                "op",
                clock.instant()));
        resolved(1);
        assertThat(sender.flushResolved()).isEqualTo(1); // the receiver was told it fires: it is told it ended
        assertThat(bodies()).endsWith("RESOLVED resolved pager [incident-opened:resolved]");
    }

    @Test
    void anOverdueActionIsResolvedByItsActionAndAClassChangeByItsAcknowledgementNotByTheIncident() throws Exception {
        route("owners", new AlertMatchers(List.of(Events.SYSTEM.value()), null, null, null));
        opened(1, Events.judged(gate));
        dispatcher.on(
                new FollowUpActionOverdue(
                        Events.SYSTEM, incident(1), "llm.1/a1", "retrain the gate", "safety team", clock.instant()),
                "late-1",
                clock.instant());
        dispatcher.on(
                new RiskClassChanged(Events.SYSTEM, RiskClass.SPONGE, RiskClass.AGENTIC), "class-1", clock.instant());
        after(10);
        sender.flushDueGroups();
        receiversAnswer200();
        resolved(1);
        sender.flushResolved();
        assertThat(bodies()).endsWith("RESOLVED resolved owners [incident-opened:resolved]");
        // an update that leaves it late ends nothing; done ends it
        dispatcher.on(
                new FollowUpActionUpdated(
                        Events.SYSTEM,
                        incident(1),
                        "llm.1/a1",
                        "ops",
                        clock.instant().minusSeconds(60),
                        ActionStatus.OPEN,
                        "analyst",
                        clock.instant()),
                "update-1",
                clock.instant());
        assertThat(sender.flushResolved()).isZero();
        dispatcher.on(
                new FollowUpActionUpdated(
                        Events.SYSTEM,
                        incident(1),
                        "llm.1/a1",
                        "ops",
                        clock.instant().minusSeconds(60),
                        ActionStatus.DONE,
                        "analyst",
                        clock.instant()),
                "update-2",
                clock.instant());
        dispatcher.on(new ClassChangeAcknowledged(Events.SYSTEM, RiskClass.AGENTIC), "ack-1", clock.instant());
        receiversAnswer200();
        after(1);
        assertThat(sender.flushResolved()).isEqualTo(1);
        assertThat(bodies()).endsWith("RESOLVED resolved owners [overdue-action:resolved, class-changed:resolved]");
    }

    @Test
    void aNewRatingEndsTheOneBeforeItWhichIsResolvedForItsReceiversAndNoLongerRepeated() throws Exception {
        route("pager", AlertMatchers.any(), null, Duration.ofMinutes(30));
        opened(1, Events.judged(gate));
        dispatcher.on(
                new IncidentSeverityChanged(Events.SYSTEM, incident(1), Severity.SEV2, null, "op", clock.instant()),
                "rated-2",
                clock.instant());
        after(10);
        sender.flushDueGroups();
        receiversAnswer200();
        dispatcher.on(
                new IncidentSeverityChanged(
                        Events.SYSTEM, incident(1), Severity.SEV4, Severity.SEV2, "ana", clock.instant()),
                "rated-4",
                clock.instant());
        assertThat(sender.flushResolved()).isEqualTo(1);
        assertThat(bodies()).endsWith("RESOLVED resolved pager [severity-changed:resolved]");
        assertThat(jdbc.sql("SELECT resolution FROM alert_notification WHERE alert_key LIKE '%/SEV2'")
                        .query(String.class)
                        .single())
                .isEqualTo("incident llm.1 rated SEV4 since, by ana");
        after(10);
        sender.flushDueGroups();
        receiversAnswer200();
        after(30 * 60);
        // the incident and its current rating fire on; the rating before does not
        assertThat(sender.flushRepeats()).isEqualTo(1);
        assertThat(bodies()).endsWith("REPEAT firing repeat pager [incident-opened:firing, severity-changed:firing]");
    }

    @Test
    void anAlertAboutAnIncidentAlreadyClosedIsSentOnceAndNeverRepeatedNorResolved() throws Exception {
        route("pager", AlertMatchers.any());
        opened(1, Events.judged(gate));
        resolved(1);
        dispatcher.on(
                new IncidentSeverityChanged(Events.SYSTEM, incident(1), Severity.SEV3, null, "op", clock.instant()),
                "late-rating",
                clock.instant());
        after(10);
        sender.flushDueGroups();
        receiversAnswer200();
        // the firing alert that was pending when the incident closed is followed by its resolved notification
        assertThat(sender.flushResolved()).isEqualTo(1);
        assertThat(bodies()).endsWith("RESOLVED resolved pager [incident-opened:resolved]");
        receiversAnswer200();
        after(5 * 3600);
        assertThat(sender.flushRepeats()).isZero();
        assertThat(sender.flushResolved()).isZero();
    }
}
