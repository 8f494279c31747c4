package org.swisscheese.tracker.projection.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.Events.BOWTIE;
import static org.swisscheese.tracker.projection.Events.SYSTEM;
import static org.swisscheese.tracker.projection.Events.T0;
import static org.swisscheese.tracker.projection.Events.judged;
import static org.swisscheese.tracker.projection.Events.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierHeartbeat;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierCondition;
import org.swisscheese.tracker.domain.BarrierLiveness.Reason;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.MovableClock;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;
import org.swisscheese.tracker.projection.board.BoardCard.MayBeDead;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetBoard;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetMayBeDead;

/**
 * "This barrier may be dead" on the language model's card: the anomaly monitor promises a report every hour; the
 * deployment gate is passed silently by incidents that breach the output filter behind it.
 */
class BarrierLivenessOnTheBoardTest {

    private static final Duration HOUR = Duration.ofHours(1);

    /** The reader's clock, set by each test. */
    private final MovableClock clock = new MovableClock(T0);

    private final OperatorBoardProjection board =
            new OperatorBoardProjection(InMemoryDatabase.fresh(), InMemoryDatabase.mapper(), new BoardStream(), clock);

    private static BowTie monitorEveryHour() {
        return new BowTie(
                BOWTIE.hazard(),
                BOWTIE.topEvent(),
                BOWTIE.lines().stream()
                        .map(line -> new LineSpec(
                                line.id(),
                                line.side(),
                                line.name(),
                                line.barriers().stream()
                                        .map(b -> b.id().equals("anomaly-monitor") ? b.withExpectedEvery(HOUR) : b)
                                        .toList()))
                        .toList());
    }

    @BeforeEach
    void aDeployedLanguageModelWhoseMonitorPromisesAReportEveryHour() {
        board.on(Events.registered(), T0.minus(Duration.ofDays(1)), ReplayStatus.REGULAR);
        board.on(
                new BowTieRevised(SYSTEM, monitorEveryHour(), java.util.Map.of(), List.of(), List.of(), List.of()),
                T0.minus(Duration.ofHours(12)),
                ReplayStatus.REGULAR);
        board.on(
                new LifecycleChanged(SYSTEM, Lifecycle.REGISTERED, Lifecycle.DEPLOYED, "go live", null, T0),
                T0,
                ReplayStatus.REGULAR);
    }

    private CardView cardAt(Instant now) {
        clock.now = now;
        return board.handle(new GetBoard()).systems().get(0);
    }

    private List<MayBeDead> mayBeDeadAt(Instant now) {
        return cardAt(now).mayBeDead();
    }

    private void heartbeat(String id, Instant at) {
        board.on(new BarrierHeartbeat(SYSTEM, "anomaly-monitor", id, "/monitor", at, at), ReplayStatus.REGULAR);
    }

    @Test
    void aBarrierSilentForLongerThanItPromisedMayBeDeadCountedFromTheSystemsDeployment() {
        assertThat(mayBeDeadAt(T0.plus(Duration.ofMinutes(66)))).isEmpty();
        assertThat(cardAt(T0.plus(Duration.ofMinutes(30))).livenessRecheckAt())
                .isEqualTo(T0.plus(Duration.ofMinutes(66)).plusSeconds(1));
        assertThat(mayBeDeadAt(T0.plus(Duration.ofMinutes(67)))).singleElement().satisfies(dead -> {
            assertThat(dead.barrierId()).isEqualTo("anomaly-monitor");
            assertThat(dead.reasons()).containsExactly(Reason.SILENT);
            assertThat(dead.expectedEvery()).isEqualTo(HOUR);
            assertThat(dead.lastHeard()).isNull();
            assertThat(dead.message())
                    .isEqualTo("this barrier may be dead: 'Anomaly monitoring': nothing heard from it since it was"
                            + " watched, though it promised a report every PT1H");
        });
        assertThat(cardAt(T0.plus(Duration.ofMinutes(67))).alerts())
                .as("apart from the alerts, like overdue actions")
                .isEmpty();
    }

    @Test
    void aHeartbeatOrAnyReportOfTheBarrierProvesItAlive() {
        heartbeat("h1", T0.plus(Duration.ofMinutes(60)));
        assertThat(mayBeDeadAt(T0.plus(Duration.ofMinutes(100)))).isEmpty();
        assertThat(mayBeDeadAt(T0.plus(Duration.ofMinutes(127))))
                .singleElement()
                .satisfies(dead -> assertThat(dead.lastHeard()).isEqualTo(T0.plus(Duration.ofMinutes(60))));
        Report trip = report("t1", ReportType.ANOMALY_DETECTED, "anomaly-monitor", 120);
        board.on(new BarrierTripped(SYSTEM, trip, 1, null));
        assertThat(mayBeDeadAt(T0.plus(Duration.ofMinutes(127)))).isEmpty();
        heartbeat("h0", T0.plus(Duration.ofMinutes(10)));
        assertThat(mayBeDeadAt(T0.plus(Duration.ofMinutes(127))))
                .as("a late heartbeat older than the last sign changes nothing")
                .isEmpty();
    }

    @Test
    void aSuspendedSystemsBarriersAreNotWatched() {
        board.on(
                new LifecycleChanged(SYSTEM, Lifecycle.DEPLOYED, Lifecycle.SUSPENDED, "pause", null, T0),
                T0.plusSeconds(60),
                ReplayStatus.REGULAR);
        assertThat(mayBeDeadAt(T0.plus(Duration.ofDays(3)))).isEmpty();
        assertThat(cardAt(T0.plus(Duration.ofDays(3))).livenessRecheckAt()).isNull();
    }

    @Test
    void aBarrierKnownOutOfServiceIsAHoleAlreadyNotAMaybe() {
        board.on(
                new BarrierStateChanged(
                        SYSTEM,
                        "anomaly-monitor",
                        BarrierCondition.Change.OUT_OF_SERVICE,
                        "DEGRADED",
                        "d1",
                        T0,
                        0,
                        BarrierState.IN_SERVICE,
                        BarrierState.DEGRADED),
                T0,
                ReplayStatus.REGULAR);
        assertThat(mayBeDeadAt(T0.plus(Duration.ofDays(3)))).isEmpty();
    }

    private void incidentThroughTheFilter(int n, String gateSays) {
        IncidentId id = IncidentId.of(SYSTEM, n);
        Report breach = report("b" + n, ReportType.BREACHED, "output-filter", 10 * n);
        Assessment judged = gateSays == null
                ? judged(breach)
                : judged(report("g" + n, ReportType.valueOf(gateSays), "deployment-gate", 10 * n), breach);
        board.on(
                new IncidentOpened(SYSTEM, id, "c", breach.occurredAt(), breach.reportId(), judged),
                ReplayStatus.REGULAR);
        board.on(
                new IncidentResolved(SYSTEM, id, breach.occurredAt(), true, null, Outcome.NEAR_MISS),
                ReplayStatus.REGULAR);
    }

    private List<String> passedSilently() {
        return mayBeDeadAt(T0.plus(Duration.ofMinutes(5))).stream()
                .filter(d -> d.reasons().contains(Reason.PASSED_SILENTLY))
                .map(MayBeDead::barrierId)
                .toList();
    }

    @Test
    void threeIncidentsInARowPassingABarrierSilentlyMakeItSuspectUntilItSpeaksInOne() {
        incidentThroughTheFilter(1, null);
        incidentThroughTheFilter(2, null);
        assertThat(passedSilently()).isEmpty();
        incidentThroughTheFilter(3, null);
        assertThat(passedSilently()).containsExactly("deployment-gate");
        assertThat(board.handle(new GetMayBeDead(SYSTEM.value())).barriers())
                .extracting(MayBeDead::barrierId)
                .containsExactly("deployment-gate");
        incidentThroughTheFilter(4, "BREACHED");
        assertThat(passedSilently()).isEmpty();
    }

    private void gate(BarrierCondition.Change change, BarrierState from, BarrierState to, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        board.on(
                new BarrierStateChanged(
                        SYSTEM, "deployment-gate", change, change.name(), "s" + minute, at, minute, from, to),
                at,
                ReplayStatus.REGULAR);
    }

    @Test
    void aBarrierPassedWhileKnownOutOfServiceIsNotTakenForDeadOnceRestored() {
        gate(BarrierCondition.Change.OUT_OF_SERVICE, BarrierState.IN_SERVICE, BarrierState.DEGRADED, 1);
        incidentThroughTheFilter(1, null);
        incidentThroughTheFilter(2, null);
        incidentThroughTheFilter(3, null);
        gate(BarrierCondition.Change.RESTORED, BarrierState.DEGRADED, BarrierState.IN_SERVICE, 40);
        assertThat(passedSilently())
                .as("it was a known hole when they passed it")
                .isEmpty();
    }

    @Test
    void anIncidentThatWasNoneDoesNotCount() {
        incidentThroughTheFilter(1, null);
        incidentThroughTheFilter(2, null);
        incidentThroughTheFilter(3, null);
        board.on(
                new IncidentMarkedNotAnIncident(
                        SYSTEM, IncidentId.of(SYSTEM, 3), "a test harness", Outcome.NEAR_MISS, "ana", T0),
                ReplayStatus.REGULAR);
        assertThat(passedSilently()).isEmpty();
    }

    @Test
    void aRebuildStartsWithoutSignsOrCrossings() {
        incidentThroughTheFilter(1, null);
        incidentThroughTheFilter(2, null);
        incidentThroughTheFilter(3, null);
        heartbeat("h1", T0.plus(Duration.ofMinutes(60)));
        board.reset();
        board.on(Events.registered(), T0, ReplayStatus.REGULAR);
        assertThat(mayBeDeadAt(T0.plus(Duration.ofDays(3)))).isEmpty();
    }
}
