package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AlertKind;
import org.swisscheese.tracker.api.AlertMatchers;
import org.swisscheese.tracker.api.AlertRoutingEvent;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteChanged;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteCreated;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteDeleted;
import org.swisscheese.tracker.api.AlertRoutingEvent.SilenceCreated;
import org.swisscheese.tracker.api.AlertRoutingEvent.SilenceExpired;
import org.swisscheese.tracker.api.AlertingCommands.ChangeAlertRoute;
import org.swisscheese.tracker.api.AlertingCommands.CreateAlertRoute;
import org.swisscheese.tracker.api.AlertingCommands.CreateSilence;
import org.swisscheese.tracker.api.AlertingCommands.DeleteAlertRoute;
import org.swisscheese.tracker.api.AlertingCommands.ExpireSilence;
import org.swisscheese.tracker.domain.Outcome;

/** What the alert routing accepts and refuses, and that every change is an event with who made it. */
class AlertRoutingRulesTest {

    private static final String ID = AlertRoutingEvent.ROUTING_ID;
    private static final String SECRET = "0123456789abcdef";
    private static final AlertMatchers FULL_FAILURES = new AlertMatchers(
            List.of("llm"), List.of(Outcome.FULL_FAILURE), List.of(), List.of(AlertKind.FULL_FAILURE));

    private AggregateTestFixture<AlertRouting> fixture;
    private List<Object> history;

    @BeforeEach
    void fresh() {
        fixture = new AggregateTestFixture<>(AlertRouting.class);
        fixture.setReportIllegalStateChange(true);
        history = new ArrayList<>();
    }

    private List<AlertRoutingEvent> run(Object command) {
        if (history.isEmpty()) {
            fixture.givenNoPriorActivity().when(command).expectSuccessfulHandlerExecution();
        } else {
            fixture.given(history).when(command).expectSuccessfulHandlerExecution();
        }
        List<AlertRoutingEvent> produced = fixture.getEventStore()
                .readEvents(ID)
                .asStream()
                .skip(history.size())
                .map(EventMessage::getPayload)
                .map(AlertRoutingEvent.class::cast)
                .toList();
        history.addAll(produced);
        return produced;
    }

    private void refused(Object command, Class<? extends Throwable> type, String message) {
        (history.isEmpty() ? fixture.givenNoPriorActivity() : fixture.given(history))
                .when(command)
                .expectException(type)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString(message))
                .expectNoEvents();
    }

    private CreateAlertRoute route(String routeId, String name) {
        return new CreateAlertRoute(
                ID, routeId, name, "https://hooks.example/" + routeId, SECRET, FULL_FAILURES, "admin");
    }

    @Test
    void aRouteIsCreatedChangedAndDeletedWithWhoDidIt() {
        AlertRouteCreated created =
                (AlertRouteCreated) run(route("r1", " pager ")).get(0);
        assertThat(created.name()).isEqualTo("pager");
        assertThat(created.by()).isEqualTo("admin");
        assertThat(created.at()).isNotNull();
        assertThat(created.matchers()).isEqualTo(FULL_FAILURES);

        // no secret given: the change keeps the route's (the event carries none)
        AlertRouteChanged changed = (AlertRouteChanged)
                run(new ChangeAlertRoute(ID, "r1", "pager 2", "http://hooks.example/b", null, null, "root"))
                        .get(0);
        assertThat(changed.secret()).isNull();
        assertThat(changed.matchers().matchesEverything()).isTrue();
        assertThat(changed.by()).isEqualTo("root");

        AlertRouteDeleted deleted =
                (AlertRouteDeleted) run(new DeleteAlertRoute(ID, "r1", "admin")).get(0);
        assertThat(deleted.name()).isEqualTo("pager 2");
        refused(new DeleteAlertRoute(ID, "r1", "admin"), NoSuchElementException.class, "no route 'r1'");
    }

    @Test
    void aRouteMayCarryItsOwnRepeatIntervalAndOptOutOfResolvedNotifications() {
        AlertRouteCreated plain = (AlertRouteCreated) run(route("r1", "pager")).get(0);
        assertThat(plain.sendResolved()).isNull(); // the default: yes
        assertThat(plain.repeatInterval()).isNull(); // the default: tracker.alerting.repeat-interval
        AlertRouteChanged changed = (AlertRouteChanged) run(new ChangeAlertRoute(
                        ID,
                        "r1",
                        "pager",
                        "https://hooks.example/r1",
                        null,
                        FULL_FAILURES,
                        "admin",
                        false,
                        Duration.ofMinutes(30)))
                .get(0);
        assertThat(changed.sendResolved()).isFalse();
        assertThat(changed.repeatInterval()).isEqualTo(Duration.ofMinutes(30));
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(500), Duration.ofDays(31), Duration.ofHours(-1))) {
            refused(
                    new CreateAlertRoute(ID, "r2", "chat", "https://hooks.example/c", SECRET, null, "admin", null, bad),
                    IllegalArgumentException.class,
                    "repeatInterval must be from 1 second to 30 days");
        }
    }

    @Test
    void routesAreRefusedInWords() {
        run(route("r1", "pager"));
        refused(route("r2", "PAGER"), IllegalStateException.class, "a route named 'PAGER' exists already");
        refused(route("r1", "other"), IllegalStateException.class, "exists already");
        refused(
                new CreateAlertRoute(ID, "r3", "x", "ftp://hooks.example", SECRET, null, "admin"),
                IllegalArgumentException.class,
                "http or https");
        refused(
                new CreateAlertRoute(ID, "r3", "x", "/relative", SECRET, null, "admin"),
                IllegalArgumentException.class,
                "http or https");
        refused(
                new CreateAlertRoute(ID, "r3", "x", "https://hooks.example", "short", null, "admin"),
                IllegalArgumentException.class,
                "secret must be 16 to 200 characters");
        refused(
                new CreateAlertRoute(ID, "r3", " ", "https://hooks.example", SECRET, null, "admin"),
                IllegalArgumentException.class,
                "name is required");
        refused(
                new CreateAlertRoute(
                        ID,
                        "r3",
                        "x",
                        "https://hooks.example",
                        SECRET,
                        new AlertMatchers(List.of("Not A System"), null, null, null),
                        "admin"),
                IllegalArgumentException.class,
                "is not a system id");
        refused(
                new ChangeAlertRoute(ID, "nope", "x", "https://hooks.example", null, null, "admin"),
                NoSuchElementException.class,
                "no route 'nope'");
    }

    @Test
    void aSilenceMatchesSomethingEndsInTheFutureAndIsExpiredOnce() {
        Instant now = Instant.now();
        AlertMatchers llm = new AlertMatchers(List.of("llm"), null, null, null);
        refused(
                new CreateSilence(ID, "s1", AlertMatchers.any(), null, now.plus(Duration.ofHours(1)), "all", "op"),
                IllegalArgumentException.class,
                "at least one matcher");
        refused(
                new CreateSilence(ID, "s1", llm, null, now.minus(Duration.ofMinutes(1)), "past", "op"),
                IllegalArgumentException.class,
                "endsAt must be after startsAt");
        refused(
                new CreateSilence(
                        ID, "s1", llm, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), "past", "op"),
                IllegalArgumentException.class,
                "endsAt must be in the future");
        refused(
                new CreateSilence(ID, "s1", llm, null, now.plus(Duration.ofDays(400)), "long", "op"),
                IllegalArgumentException.class,
                "at most 366 days");
        refused(
                new CreateSilence(ID, "s1", llm, null, now.plus(Duration.ofHours(1)), " ", "op"),
                IllegalArgumentException.class,
                "comment is required");
        refused(new CreateSilence(ID, "s1", llm, null, null, "x", "op"), IllegalArgumentException.class, "endsAt");

        SilenceCreated created = (SilenceCreated)
                run(new CreateSilence(ID, "s1", llm, null, now.plus(Duration.ofHours(1)), "model rollout", "op"))
                        .get(0);
        assertThat(created.startsAt()).isEqualTo(created.at()); // from now when not given
        assertThat(created.comment()).isEqualTo("model rollout");
        assertThat(created.by()).isEqualTo("op");

        SilenceExpired expired =
                (SilenceExpired) run(new ExpireSilence(ID, "s1", "admin")).get(0);
        assertThat(expired.by()).isEqualTo("admin");
        refused(new ExpireSilence(ID, "s1", "admin"), IllegalStateException.class, "has ended already");
        refused(new ExpireSilence(ID, "s9", "admin"), NoSuchElementException.class, "no silence 's9'");
    }
}
