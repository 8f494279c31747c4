package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.swisscheese.tracker.command.Fixtures.AGENT;
import static org.swisscheese.tracker.command.Fixtures.T0;
import static org.swisscheese.tracker.command.Fixtures.deployed;
import static org.swisscheese.tracker.command.Fixtures.report;
import static org.swisscheese.tracker.domain.ReportType.BREACHED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionAdded;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionUpdated;
import org.swisscheese.tracker.api.Commands.AddFollowUpAction;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.ResolveIncident;
import org.swisscheese.tracker.api.Commands.UpdateFollowUpAction;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.domain.ActionStatus;

/**
 * Follow-up actions: added to an incident (open or closed) with an owner and a due date, changed, and overdue when the
 * due date passes while they are open. Incident 1 of {@link Fixtures#AGENT} is opened by a breach of myopia at T0.
 */
class FollowUpActionRulesTest {

    private static final IncidentId FIRST = IncidentId.of(AGENT, 1);
    private static final String A1 = "agent-1.1/a1";
    private static final Instant NOW = T0.plus(Duration.ofHours(1));
    private static final Instant DUE = NOW.plus(Duration.ofDays(7));

    private AggregateTestFixture<AiSystem> fixture;
    private List<Object> history;

    @BeforeEach
    void anOpenIncident() {
        history = new ArrayList<>(deployed());
        run(new RecordReports(AGENT, List.of(report("r1", BREACHED, "myopia", 0))));
    }

    /**
     * The history so far on a fresh fixture whose clock reads {@code now} (the deadline manager of a fixture can be set
     * to a time only before its first deadline).
     */
    private TestExecutor<AiSystem> given(Instant now) {
        fixture = new AggregateTestFixture<>(AiSystem.class);
        fixture.setReportIllegalStateChange(true);
        return fixture.givenCurrentTime(now).andGiven(history);
    }

    private List<AiSystemEvent> run(Object command) {
        given(NOW).when(command).expectSuccessfulHandlerExecution();
        return Fixtures.appendProduced(fixture, history);
    }

    private void refused(Object command, Class<? extends Exception> refusal, String message) {
        given(NOW)
                .when(command)
                .expectException(refusal)
                .expectExceptionMessage(containsString(message))
                .expectNoEvents();
    }

    private static AddFollowUpAction add(String title, String owner, Instant due) {
        return new AddFollowUpAction(AGENT, FIRST, title, owner, due, "petra");
    }

    @Test
    void anActionIsNumberedWithinItsIncidentAndWatchedFromItsDueDate() {
        given(NOW)
                .when(add("  retrain the myopia probe  ", " safety team ", DUE))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(A1)
                .expectEvents(new FollowUpActionAdded(
                        AGENT, FIRST, A1, "retrain the myopia probe", "safety team", DUE, "petra", NOW))
                .expectScheduledDeadlineWithName(Duration.between(NOW, DUE), AiSystem.FOLLOW_UP_DEADLINE);
        run(add("retrain the myopia probe", "safety team", DUE));
        assertThat(run(add("add a canary", "ops", DUE)))
                .singleElement()
                .isInstanceOfSatisfying(
                        FollowUpActionAdded.class, a -> assertThat(a.actionId()).isEqualTo("agent-1.1/a2"));
    }

    @Test
    void aClosedIncidentTakesActionsTooForMostComeOutOfThePostmortem() {
        run(new ResolveIncident(AGENT, FIRST, new Postmortem("myopia probe blind to the new prompt set", null, null)));
        assertThat(run(add("retrain the myopia probe", "safety team", DUE)))
                .singleElement()
                .isInstanceOf(FollowUpActionAdded.class);
    }

    @Test
    void anActionNeedsATitleAnOwnerADueDateAndAKnownIncident() {
        refused(add(" ", "ops", DUE), IllegalArgumentException.class, "needs a 'title'");
        refused(add("do it", null, DUE), IllegalArgumentException.class, "needs an 'owner'");
        refused(add("do it", "ops", null), IllegalArgumentException.class, "needs a 'due' instant");
        refused(
                new AddFollowUpAction(AGENT, IncidentId.of(AGENT, 9), "do it", "ops", DUE, "petra"),
                NoSuchElementException.class,
                "no incident agent-1.9");
        refused(
                new UpdateFollowUpAction(AGENT, FIRST, "agent-1.1/a7", null, null, ActionStatus.DONE, "petra"),
                NoSuchElementException.class,
                "no follow-up action agent-1.1/a7 on incident agent-1.1");
    }

    @Test
    void anUpdateRecordsTheActionAsItNowIsAndAnUpdateThatChangesNothingRecordsNothing() {
        run(add("retrain the myopia probe", "safety team", DUE));
        assertThat(run(new UpdateFollowUpAction(AGENT, FIRST, A1, "arne", null, null, "petra")))
                .containsExactly(
                        new FollowUpActionUpdated(AGENT, FIRST, A1, "arne", DUE, ActionStatus.OPEN, "petra", NOW));
        given(NOW)
                .when(new UpdateFollowUpAction(AGENT, FIRST, A1, "arne", DUE, ActionStatus.OPEN, "olga"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anOpenActionIsOverdueOnceItsDueDatePasses() {
        given(NOW)
                .andGivenCommands(add("retrain the myopia probe", "safety team", DUE))
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectEvents(
                        new FollowUpActionOverdue(AGENT, FIRST, A1, "retrain the myopia probe", "safety team", DUE));
    }

    @Test
    void aDoneActionIsNeverOverdue() {
        given(NOW)
                .andGivenCommands(
                        add("retrain the myopia probe", "safety team", DUE),
                        new UpdateFollowUpAction(AGENT, FIRST, A1, null, null, ActionStatus.DONE, "arne"))
                .whenTimeAdvancesTo(DUE.plus(Duration.ofDays(30)))
                .expectNoEvents();
    }

    @Test
    void aDueDateMovedLaterIsWatchedInsteadOfTheFirst() {
        Instant later = DUE.plus(Duration.ofDays(7));
        given(NOW)
                .andGivenCommands(
                        add("retrain the myopia probe", "safety team", DUE),
                        new UpdateFollowUpAction(AGENT, FIRST, A1, null, later, null, "arne"))
                .whenTimeAdvancesTo(DUE.plus(Duration.ofDays(1)))
                .expectNoEvents();
        given(NOW)
                .andGivenCommands(
                        add("retrain the myopia probe", "safety team", DUE),
                        new UpdateFollowUpAction(AGENT, FIRST, A1, null, later, null, "arne"))
                .whenTimeAdvancesTo(later.plusSeconds(1))
                .expectEvents(
                        new FollowUpActionOverdue(AGENT, FIRST, A1, "retrain the myopia probe", "safety team", later));
    }

    @Test
    void aReopenedActionPastItsDueDateIsOverdueAgain() {
        given(NOW)
                .andGivenCommands(
                        add("retrain the myopia probe", "safety team", DUE),
                        new UpdateFollowUpAction(AGENT, FIRST, A1, null, null, ActionStatus.DROPPED, "arne"))
                .whenTimeAdvancesTo(DUE.plus(Duration.ofDays(1)))
                .expectNoEvents();
        given(DUE.plus(Duration.ofDays(1)))
                .andGivenCommands(
                        add("retrain the myopia probe", "safety team", DUE),
                        new UpdateFollowUpAction(AGENT, FIRST, A1, null, null, ActionStatus.DROPPED, "arne"),
                        new UpdateFollowUpAction(AGENT, FIRST, A1, null, null, ActionStatus.OPEN, "arne"))
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectEvents(
                        new FollowUpActionOverdue(AGENT, FIRST, A1, "retrain the myopia probe", "safety team", DUE));
    }
}
