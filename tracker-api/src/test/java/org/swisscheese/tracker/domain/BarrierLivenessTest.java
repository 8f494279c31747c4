package org.swisscheese.tracker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BarrierLivenessTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aBarrierIsSilentOnlyPastItsPeriodAndTheTenthThatThinnedHeartbeatsMayLag() {
        assertThat(BarrierLiveness.silent(HOUR, T0, T0, T0.plus(Duration.ofMinutes(66))))
                .isFalse();
        assertThat(BarrierLiveness.silent(HOUR, T0, T0, T0.plus(Duration.ofMinutes(67))))
                .isTrue();
    }

    @Test
    void silenceIsCountedFromWhenSomeoneCouldHearItAtTheEarliest() {
        Instant deployed = T0.plus(Duration.ofHours(5));
        assertThat(BarrierLiveness.silent(HOUR, T0, deployed, deployed.plus(Duration.ofMinutes(30))))
                .isFalse();
        assertThat(BarrierLiveness.silent(HOUR, null, deployed, deployed.plus(Duration.ofHours(2))))
                .isTrue();
        assertThat(BarrierLiveness.silent(null, null, deployed, deployed.plus(Duration.ofDays(30))))
                .as("a barrier that promised nothing is never silent")
                .isFalse();
    }

    @Test
    void aHeartbeatDeliveredAgainSaysNothingNewAndIsNotStoredTwice() {
        Instant beat = BarrierLiveness.signOfLife(T0);
        assertThat(beat).isEqualTo(T0);
        // the same heartbeat, received again later: the same sign of life, not worth storing again
        assertThat(BarrierLiveness.worthStoring(Duration.ofMinutes(10), beat, BarrierLiveness.signOfLife(T0)))
                .isFalse();
    }

    @Test
    void threeSilentCrossingsInARowAndNoneSinceMakeItSuspect() {
        assertThat(BarrierLiveness.passedSilently(List.of(true, true, true))).isTrue();
        assertThat(BarrierLiveness.passedSilently(List.of(true, true, true, false)))
                .isTrue();
        assertThat(BarrierLiveness.passedSilently(List.of(true, true))).isFalse();
        assertThat(BarrierLiveness.passedSilently(List.of(false, true, true, true)))
                .as("it spoke in the latest incident")
                .isFalse();
    }

    @Test
    void anIncidentCrossesTheBarriersBehindItsHazardAndTheOneHoldingIt() {
        LineSpec line = new LineSpec(
                "t",
                Side.THREAT,
                "Threat",
                List.of(
                        BarrierSpec.of("a", "A", Category.MYOPIA),
                        BarrierSpec.of("b", "B", Category.COMPUTE_LIMIT),
                        BarrierSpec.of("c", "C", Category.BOXING),
                        BarrierSpec.of("d", "D", Category.DEPLOYMENT_GATE)));
        BowTie bowTie = new BowTie(null, null, List.of(line));
        // b breached, c tripped: a was passed silently, d never reached
        Assessment assessment = IncidentJudge.assess(
                bowTie,
                List.of(
                        new Step("1", ReportType.BREACHED, "b", T0, 0, null),
                        new Step("2", ReportType.TRIPPED, "c", T0.plusSeconds(1), 1, null)),
                Map.of());
        assertThat(BarrierLiveness.crossings(bowTie, assessment))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", true, "b", false, "c", false));
    }

    @Test
    void rolloutsOnAnIncidentsTimelineAreThoseOfTheDayBeforeItAndWhileItWasOpen() {
        Instant opened = T0;
        Instant closed = T0.plus(Duration.ofHours(2));
        assertThat(SystemChanges.onTimeline(T0.minus(Duration.ofHours(23)), opened, closed))
                .isTrue();
        assertThat(SystemChanges.onTimeline(T0.minus(Duration.ofHours(25)), opened, closed))
                .isFalse();
        assertThat(SystemChanges.onTimeline(T0.plus(Duration.ofHours(1)), opened, closed))
                .isTrue();
        assertThat(SystemChanges.onTimeline(T0.plus(Duration.ofHours(3)), opened, closed))
                .isFalse();
        assertThat(SystemChanges.onTimeline(T0.plus(Duration.ofDays(3)), opened, null))
                .isTrue();
    }
}
