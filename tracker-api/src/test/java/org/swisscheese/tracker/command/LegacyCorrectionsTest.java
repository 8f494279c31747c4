package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.AiSystemEvent.LegacyHistoryCorrected;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.Commands.CorrectLegacyHistory;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.GoldenStreams;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;

/**
 * Histories the first release stored (captured from it: golden/v1/streams, see their README), brought up to today's
 * model without rewriting a stored event.
 */
class LegacyCorrectionsTest {

    static final SystemId AGENT = SystemId.of("legacy-agent");
    static final SystemId LLM = SystemId.of("legacy-llm");

    @Test
    void theLateRestoreThatHappenedBeforeTheDegradeLeavesTheInterlockOutOfService() {
        CorrectLegacyHistory c =
                LegacyCorrections.of(AGENT, GoldenStreams.stream("golden/v1/streams/legacy-agent.json"));
        assertThat(c.facts())
                .filteredOn(f -> f.barrierId().equals("interlock"))
                .extracting(f -> f.change().name())
                .containsExactly("IMPAIRED", "OUT_OF_SERVICE", "RESTORED");
    }

    @Test
    void aLateHarmThatHappenedBeforeTheShutdownIsNoActivityAfterItButTheAnomalyThreeMinutesLaterIs() {
        CorrectLegacyHistory c =
                LegacyCorrections.of(AGENT, GoldenStreams.stream("golden/v1/streams/legacy-agent.json"));
        assertThat(c.defeats()).singleElement().satisfies(d -> {
            assertThat(d.activityReportId()).isEqualTo("legacy-0012");
            assertThat(d.shutdownReportId()).isEqualTo("legacy-0010");
            assertThat(d.offSwitchId()).isEqualTo("off-switch");
            assertThat(d.incidentId()).isEqualTo("legacy-agent.4");
        });
    }

    @Test
    void theAggregateAppendsTheCorrectionsOnceAndJudgesItsOpenIncidentsAgain() {
        List<AiSystemEvent> stream = GoldenStreams.stream("golden/v1/streams/legacy-agent.json");
        CorrectLegacyHistory correction = LegacyCorrections.of(AGENT, stream);
        List<AiSystemEvent> appended = apply(stream, correction);

        // a near miss "contained" on the other line than the breach is loose: UNDETERMINED
        assertThat(reassessed(appended, "legacy-agent.2").from()).isEqualTo(Outcome.NEAR_MISS);
        assertThat(reassessed(appended, "legacy-agent.2").assessment().outcome())
                .isEqualTo(Outcome.UNDETERMINED);
        // the shutdown of incident 4 was defeated by the anomaly: the off switch is in its breaches now
        assertThat(reassessed(appended, "legacy-agent.4").assessment().breachedBarriers())
                .contains("off-switch");
        assertThat(appended).filteredOn(ActivityAfterShutdown.class::isInstance).hasSize(1);
        assertThat(appended)
                .filteredOn(BarrierStateChanged.class::isInstance)
                .map(BarrierStateChanged.class::cast)
                .filteredOn(s -> s.barrierId().equals("interlock"))
                .last()
                .satisfies(s -> assertThat(s.to()).isEqualTo(BarrierState.DEGRADED));
        assertThat(appended).last().isInstanceOf(LegacyHistoryCorrected.class);

        List<AiSystemEvent> after = new ArrayList<>(stream);
        after.addAll(appended);
        assertThat(apply(after, correction))
                .as("a second correction changes nothing")
                .isEmpty();
    }

    @Test
    void aResolvedNearMissThatADetectorWasCreditedWithIsJudgedUndetermined() {
        List<AiSystemEvent> stream = GoldenStreams.stream("golden/v1/streams/legacy-llm.json");
        List<AiSystemEvent> appended = apply(stream, LegacyCorrections.of(LLM, stream));
        IncidentReassessed second = reassessed(appended, "legacy-llm.2");
        assertThat(second.from()).isEqualTo(Outcome.NEAR_MISS);
        assertThat(second.assessment().outcome()).isEqualTo(Outcome.UNDETERMINED);
        assertThat(second.assessment().stoppedBy()).isNull();
        assertThat(second.assessment().detectedBy()).containsExactly("anomaly-monitor");
    }

    @Test
    void aCorrectedDefeatOfAnEarlierShutdownLeavesTheShutdownInForceToBeDefeatedByLaterActivity() {
        // deployed, shut down at minute 10, deployed again at 30, shut down again at 60 (by operators)
        List<Object> history = new ArrayList<>(Fixtures.deployed());
        history.add(lifecycle(Lifecycle.DEPLOYED, Lifecycle.SHUT_DOWN, 10));
        history.add(lifecycle(Lifecycle.SHUT_DOWN, Lifecycle.DEPLOYED, 30));
        history.add(lifecycle(Lifecycle.DEPLOYED, Lifecycle.SHUT_DOWN, 60));
        // the first release's history, corrected: activity at minute 15 had defeated the shutdown of minute 10
        history.addAll(run(
                history,
                new CorrectLegacyHistory(
                        Fixtures.AGENT,
                        List.of(),
                        List.of(new CorrectLegacyHistory.Defeat(
                                "old-activity", minute(15), null, null, minute(10), null, null)),
                        List.of())));
        // activity at minute 70 defeats the shutdown in force, the one of minute 60 (DESIGN §4, off switch)
        List<AiSystemEvent> later = run(
                history,
                new RecordReports(Fixtures.AGENT, List.of(Fixtures.report("r1", ReportType.BREACHED, "myopia", 70))));
        assertThat(later)
                .filteredOn(ActivityAfterShutdown.class::isInstance)
                .map(ActivityAfterShutdown.class::cast)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.activityReportId()).isEqualTo("r1");
                    assertThat(a.shutdownAt()).isEqualTo(minute(60));
                });
    }

    private static Instant minute(int m) {
        return Fixtures.T0.plus(Duration.ofMinutes(m));
    }

    private static LifecycleChanged lifecycle(Lifecycle from, Lifecycle to, int minute) {
        return new LifecycleChanged(Fixtures.AGENT, from, to, "operator", null, minute(minute));
    }

    private static List<AiSystemEvent> run(List<Object> history, Object command) {
        AggregateTestFixture<AiSystem> fixture = new AggregateTestFixture<>(AiSystem.class);
        fixture.given(history).when(command).expectSuccessfulHandlerExecution();
        return fixture.getEventStore()
                .readEvents(Fixtures.AGENT.value())
                .asStream()
                .skip(history.size())
                .map(EventMessage::getPayload)
                .map(AiSystemEvent.class::cast)
                .toList();
    }

    private static IncidentReassessed reassessed(List<AiSystemEvent> events, String incidentId) {
        return events.stream()
                .filter(IncidentReassessed.class::isInstance)
                .map(IncidentReassessed.class::cast)
                .filter(r -> r.incidentId().value().equals(incidentId))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private static List<AiSystemEvent> apply(List<AiSystemEvent> history, CorrectLegacyHistory command) {
        AggregateTestFixture<AiSystem> fixture = new AggregateTestFixture<>(AiSystem.class);
        fixture.given(new ArrayList<Object>(history)).when(command).expectSuccessfulHandlerExecution();
        return fixture.getEventStore()
                .readEvents(command.systemId().value())
                .asStream()
                .skip(history.size())
                .map(EventMessage::getPayload)
                .map(AiSystemEvent.class::cast)
                .toList();
    }
}
