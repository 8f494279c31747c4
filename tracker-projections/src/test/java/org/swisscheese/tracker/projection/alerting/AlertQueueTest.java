package org.swisscheese.tracker.projection.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSeverityChanged;
import org.swisscheese.tracker.api.AlertKind;
import org.swisscheese.tracker.api.AlertMatchers;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteCreated;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteDeleted;
import org.swisscheese.tracker.api.AlertRoutingEvent.SilenceCreated;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.Severity;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;

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
        AlertingProperties properties = new AlertingProperties(
                true, Duration.ofSeconds(10), null, null, null, null, null, null, Duration.ofMinutes(10), 2, null);
        AlertingStore store = new AlertingStore(jdbc, mapper);
        routes = new AlertRoutesProjection(jdbc, store);
        dispatcher = new AlertDispatcher(jdbc, store, properties, clock);
        sender = new AlertSender(
                jdbc,
                store,
                properties,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                mapper,
                new SimpleMeterRegistry(),
                clock);
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

    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
