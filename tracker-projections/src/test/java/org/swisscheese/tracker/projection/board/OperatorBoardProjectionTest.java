package org.swisscheese.tracker.projection.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.Events.INCIDENT;
import static org.swisscheese.tracker.projection.Events.SYSTEM;
import static org.swisscheese.tracker.projection.Events.T0;
import static org.swisscheese.tracker.projection.Events.judged;
import static org.swisscheese.tracker.projection.Events.report;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityWhileSuspended;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.HarmReported;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetBoard;

/**
 * The board's flags come from the events that decide them (DESIGN §4, the live board): activity while SUSPENDED and
 * activity after shutdown each raise an alert until the system is deployed again; the first release's off-switch
 * breach, inferred by arrival, is not taken for activity after shutdown.
 */
class OperatorBoardProjectionTest {

    private final OperatorBoardProjection board =
            new OperatorBoardProjection(InMemoryDatabase.fresh(), InMemoryDatabase.mapper(), new BoardStream());
    /** Events reach the board as Axon hands them over: an event it has no handler for is not applied. */
    private final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(board);

    @BeforeEach
    void aDeployedLanguageModel() {
        apply(Events.registered(), T0);
        move(Lifecycle.REGISTERED, Lifecycle.DEPLOYED, 1);
    }

    private void apply(Object event, Instant at) {
        Events.apply(handlers, event, at);
    }

    private static Instant minute(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    private void move(Lifecycle from, Lifecycle to, int minute) {
        apply(new LifecycleChanged(SYSTEM, from, to, "test", null, minute(minute)), minute(minute));
    }

    private CardView card() {
        return board.handle(new GetBoard()).systems().stream()
                .filter(c -> c.systemId().equals(SYSTEM.value()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void activityWhileSuspendedIsFlaggedOnTheBoardAsItsOwnAlertNotAsAnOffSwitchFailure() {
        assertThat(card().alert()).isFalse();
        move(Lifecycle.DEPLOYED, Lifecycle.SUSPENDED, 2);
        apply(new ActivityWhileSuspended(SYSTEM, "r1", minute(3), minute(2)), minute(3));
        CardView suspended = card();
        assertThat(suspended.activityWhileSuspended()).isTrue();
        assertThat(suspended.activityAfterShutdown()).isFalse();
        assertThat(suspended.alert()).isTrue();
        assertThat(suspended.alerts()).containsExactly("activity while suspended");
        // resumed: the flag was about that suspension
        move(Lifecycle.SUSPENDED, Lifecycle.DEPLOYED, 4);
        assertThat(card().activityWhileSuspended()).isFalse();
        assertThat(card().alert()).isFalse();
    }

    @Test
    void activityAfterShutdownAlertsUntilTheSystemIsDeployedAgain() {
        move(Lifecycle.DEPLOYED, Lifecycle.SHUT_DOWN, 2);
        apply(
                new ActivityAfterShutdown(SYSTEM, "r9", minute(5), "sd", "/test", minute(2), "off-switch", null),
                minute(5));
        assertThat(card().activityAfterShutdown()).isTrue();
        assertThat(card().alerts()).containsExactly("activity after shutdown: the off switch did not hold");
        move(Lifecycle.SHUT_DOWN, Lifecycle.DEPLOYED, 6);
        assertThat(card().activityAfterShutdown()).isFalse();
    }

    @Test
    void aMergedIncidentLeavesTheBoardAndASplitOffOneJoinsIt() {
        Report gate = report("r1", ReportType.BREACHED, "deployment-gate", 1);
        Report other = report("r2", ReportType.BREACHED, "deployment-gate", 2);
        org.swisscheese.tracker.api.IncidentId second = org.swisscheese.tracker.api.IncidentId.of(SYSTEM, 2);
        apply(new IncidentOpened(SYSTEM, INCIDENT, null, minute(1), "r1", judged(gate)), minute(1));
        apply(new IncidentOpened(SYSTEM, second, null, minute(2), "r2", judged(other)), minute(2));
        assertThat(card().openIncidents()).hasSize(2);

        apply(
                new org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged(
                        SYSTEM,
                        second,
                        INCIDENT,
                        "one",
                        org.swisscheese.tracker.domain.Outcome.UNDETERMINED,
                        "olga",
                        minute(3)),
                minute(3));
        assertThat(card().openIncidents())
                .extracting(BoardCard.OpenIncidentView::id)
                .containsExactly(INCIDENT.value());

        org.swisscheese.tracker.api.IncidentId third = org.swisscheese.tracker.api.IncidentId.of(SYSTEM, 3);
        apply(new IncidentOpened(SYSTEM, third, null, minute(2), "r2", judged(other)), minute(4));
        assertThat(card().openIncidents()).hasSize(2);
    }

    @Test
    void anOverdueSeriousIncidentReportAlertsUntilItIsReported() {
        org.swisscheese.tracker.api.IncidentId incident = org.swisscheese.tracker.api.IncidentId.of(SYSTEM, 4);
        apply(
                new org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReportOverdue(
                        SYSTEM, incident, org.swisscheese.tracker.domain.SeriousIncidentKind.DEATH, minute(3)),
                minute(4));
        assertThat(card().alert()).isTrue();
        assertThat(card().alerts())
                .containsExactly("serious incident " + incident + ": its report to the authority was due " + minute(3)
                        + " (EU AI Act Art. 73)");
        apply(
                new org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReported(
                        SYSTEM, incident, "MSA-7", "petra", minute(5)),
                minute(5));
        assertThat(card().alerts()).isEmpty();
    }

    @Test
    void aCorrectionOfAFirstReleaseHistoryAppendedAfterANewDeploymentRaisesNoAlertOnTheRunningSystem() {
        move(Lifecycle.DEPLOYED, Lifecycle.SHUT_DOWN, 2);
        move(Lifecycle.SHUT_DOWN, Lifecycle.DEPLOYED, 6);
        // the correction names the shutdown of minute 2, long over
        apply(
                new ActivityAfterShutdown(SYSTEM, "r9", minute(5), "sd", "/test", minute(2), "off-switch", null),
                minute(30));
        assertThat(card().activityAfterShutdown()).isFalse();
        assertThat(card().alert()).isFalse();
    }

    @Test
    void theFirstReleasesOffSwitchBreachInferredFromALateReportIsNoActivityAfterShutdown() {
        // stored by the first release: harm that occurred at minute 10, before the shutdown at minute 12, arrived
        // after it, and an off-switch breach was inferred from it by arrival
        move(Lifecycle.DEPLOYED, Lifecycle.SHUT_DOWN, 12);
        Report harm = report("late-harm", ReportType.HARM_REPORTED, null, 10);
        apply(new IncidentOpened(SYSTEM, INCIDENT, "c", harm.occurredAt(), harm.reportId(), judged(harm)), minute(13));
        apply(new HarmReported(SYSTEM, harm, null, INCIDENT), minute(13));
        Report inferred = new Report(
                "late-harm/activity-after-shutdown",
                ReportType.BREACHED,
                "off-switch",
                null,
                harm.occurredAt(),
                minute(13),
                "tracker",
                null,
                null,
                null,
                null,
                null);
        apply(new BarrierBreached(SYSTEM, inferred, 1, INCIDENT, "late-harm"), minute(13));
        CardView card = card();
        assertThat(card.activityAfterShutdown()).isFalse();
        assertThat(card.alerts()).noneMatch(a -> a.startsWith("activity after shutdown"));
        // the harm itself still alerts: no margin left on either path, an open full failure
        assertThat(card.lowestMargin()).isZero();
        assertThat(card.alerts())
                .contains("incident llm.1 is a full failure: past every barrier of a path, or harm reported");
    }
}
