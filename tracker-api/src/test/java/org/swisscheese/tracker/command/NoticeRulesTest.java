package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.swisscheese.tracker.command.Fixtures.AGENT;
import static org.swisscheese.tracker.command.Fixtures.BOWTIE;
import static org.swisscheese.tracker.command.Fixtures.T0;
import static org.swisscheese.tracker.command.Fixtures.deployed;
import static org.swisscheese.tracker.command.Fixtures.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierHeartbeat;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.SystemChanged;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.ReviseBowTie;
import org.swisscheese.tracker.api.RecordResult;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemChange;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.SystemChangeKind;

/** Rollouts ({@code ai.system.changed}) and heartbeats ({@code ai.barrier.heartbeat}): notices, never reports. */
class NoticeRulesTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private AggregateTestFixture<AiSystem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AiSystem.class);
        fixture.setReportIllegalStateChange(true);
    }

    private static Report change(String id, SystemChangeKind kind, String version, int minutes) {
        Instant at = T0.plus(Duration.ofMinutes(minutes));
        return new Report(
                id,
                ReportType.SYSTEM_CHANGED,
                null,
                null,
                at,
                at,
                "/deploy/pipeline",
                "new weights",
                Map.of(),
                null,
                null,
                null,
                false,
                kind == null ? null : new SystemChange(kind, version));
    }

    private static Report heartbeat(String id, String barrierId, int minutes) {
        return report(id, ReportType.HEARTBEAT, barrierId, minutes);
    }

    /** The fixture's bow-tie with the monitor promising to report every hour. */
    private static BowTie watched(Duration every) {
        List<LineSpec> lines = BOWTIE.lines().stream()
                .map(line -> new LineSpec(
                        line.id(),
                        line.side(),
                        line.name(),
                        line.barriers().stream()
                                .map(b -> b.id().equals("monitor") ? b.withExpectedEvery(every) : b)
                                .toList()))
                .toList();
        return new BowTie(BOWTIE.hazard(), BOWTIE.topEvent(), lines);
    }

    private List<AiSystemEvent> run(List<Object> history, Object command) {
        fixture.given(history).when(command).expectSuccessfulHandlerExecution();
        return Fixtures.appendProduced(fixture, history);
    }

    private List<Object> watchedHistory() {
        List<Object> history = new ArrayList<>(deployed());
        run(history, new ReviseBowTie(AGENT, watched(HOUR)));
        return history;
    }

    @Test
    void aRolloutIsRecordedAsSystemChangedAndOpensNoIncident() {
        List<Object> history = new ArrayList<>(deployed());
        List<AiSystemEvent> events =
                run(history, new RecordReports(AGENT, List.of(change("c1", SystemChangeKind.MODEL, "v7", 5))));
        assertThat(events)
                .containsExactly(new SystemChanged(
                        AGENT,
                        "c1",
                        "/deploy/pipeline",
                        SystemChangeKind.MODEL,
                        "v7",
                        "new weights",
                        T0.plusSeconds(300),
                        T0.plusSeconds(300)));
    }

    @Test
    void aRedeliveredRolloutChangesNothing() {
        List<Object> history = new ArrayList<>(deployed());
        run(history, new RecordReports(AGENT, List.of(change("c1", SystemChangeKind.GUARDRAIL, null, 5))));
        fixture.given(history)
                .when(new RecordReports(AGENT, List.of(change("c1", SystemChangeKind.GUARDRAIL, null, 5))))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordResult(0, List.of("c1"), List.of()));
    }

    @Test
    void aRolloutWithoutItsKindIsRejected() {
        fixture.given(deployed())
                .when(new RecordReports(AGENT, List.of(change("c1", null, null, 5))))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordResult(
                        0,
                        List.of(),
                        List.of(new RecordResult.Rejection(
                                "c1", "ai.system.changed needs a kind (MODEL, GUARDRAIL or CONFIGURATION)"))));
    }

    @Test
    void aHeartbeatOfAnUnknownBarrierIsRejected() {
        fixture.given(deployed())
                .when(new RecordReports(AGENT, List.of(heartbeat("h1", "ghost", 1))))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordResult(
                        0,
                        List.of(),
                        List.of(new RecordResult.Rejection("h1", "system 'agent-1' has no barrier 'ghost'"))));
    }

    @Test
    void aHeartbeatWithoutABarrierOrMarkedAsATestIsRejected() {
        Instant at = T0.plusSeconds(60);
        Report drill = new Report(
                "h2", ReportType.HEARTBEAT, "monitor", null, at, at, "test", null, Map.of(), null, null, null, true);
        fixture.given(deployed())
                .when(new RecordReports(AGENT, List.of(heartbeat("h1", null, 1), drill)))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordResult(
                        0,
                        List.of(),
                        List.of(
                                new RecordResult.Rejection("h1", "ai.barrier.heartbeat needs a barrierId"),
                                new RecordResult.Rejection(
                                        "h2",
                                        "\"test\" marks a proof test of a barrier; ai.barrier.heartbeat cannot be"
                                                + " one"))));
    }

    @Test
    void heartbeatsAreStoredOnlyWhenTheLastSignOfLifeIsOlderThanATenthOfTheirPeriod() {
        List<Object> history = watchedHistory();
        // every minute for 15 minutes, promised every hour: one stored per six minutes at most
        List<Report> beats = new ArrayList<>();
        for (int m = 0; m <= 15; m++) {
            beats.add(heartbeat("h" + m, "monitor", m));
        }
        List<AiSystemEvent> events = run(history, new RecordReports(AGENT, beats));
        assertThat(events).extracting(e -> ((BarrierHeartbeat) e).reportId()).containsExactly("h0", "h7", "h14");
    }

    @Test
    void anyReportOfTheBarrierIsASignOfLifeThatMakesTheNextHeartbeatRedundant() {
        List<Object> history = watchedHistory();
        run(history, new RecordReports(AGENT, List.of(report("r1", ReportType.DEGRADED, "monitor", 10))));
        fixture.given(history)
                .when(new RecordReports(AGENT, List.of(heartbeat("h1", "monitor", 12))))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordResult(1, List.of(), List.of()));
    }

    @Test
    void aRedeliveredHeartbeatIsNotStoredAgain() {
        List<Object> history = watchedHistory();
        run(history, new RecordReports(AGENT, List.of(heartbeat("h1", "monitor", 10))));
        fixture.given(history)
                .when(new RecordReports(AGENT, List.of(heartbeat("h1", "monitor", 10))))
                .expectNoEvents();
    }

    @Test
    void aHeartbeatIsNeverADemandNorPartOfAnIncident() {
        List<Object> history = watchedHistory();
        run(history, new RecordReports(AGENT, List.of(report("r1", ReportType.BREACHED, "myopia", 1, "c"))));
        List<AiSystemEvent> events = run(history, new RecordReports(AGENT, List.of(heartbeat("h1", "monitor", 2))));
        assertThat(events).singleElement().isInstanceOf(BarrierHeartbeat.class);
    }

    @Test
    void aBowTieMayDeclareHowOftenABarrierReportsWithoutANewVersionOfIt() {
        List<Object> history = new ArrayList<>(deployed());
        List<AiSystemEvent> events = run(history, new ReviseBowTie(AGENT, watched(HOUR)));
        assertThat(events).singleElement().isInstanceOfSatisfying(BowTieRevised.class, revised -> {
            assertThat(revised.changed()).isEmpty();
            assertThat(revised.barrierVersions()).containsEntry("monitor", 1);
            assertThat(revised.bowTie().barrier("monitor").map(BarrierSpec::expectedEvery))
                    .contains(HOUR);
        });
    }

    @Test
    void anExpectedEveryOutsideItsLimitsIsRefused() {
        fixture.given(deployed())
                .when(new ReviseBowTie(AGENT, watched(Duration.ZERO)))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("barrier 'monitor': expectedEvery must lie between PT1S and PT8784H; got PT0S");
        fixture.given(deployed())
                .when(new ReviseBowTie(AGENT, watched(Duration.ofDays(400))))
                .expectException(IllegalArgumentException.class);
        assertThatThrownBy(() -> org.swisscheese.tracker.domain.Limits.bowTie(watched(Duration.ofSeconds(-5))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
