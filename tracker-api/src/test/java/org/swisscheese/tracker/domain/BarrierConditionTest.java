package org.swisscheese.tracker.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.domain.BarrierCondition.Change.IMPAIRED;
import static org.swisscheese.tracker.domain.BarrierCondition.Change.OUT_OF_SERVICE;
import static org.swisscheese.tracker.domain.BarrierCondition.Change.RESTORED;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.domain.BarrierCondition.Fact;
import org.swisscheese.tracker.domain.BarrierCondition.Interval;

/** A barrier's state is decided by when things happened, not when the tracker heard of them. */
class BarrierConditionTest {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    static Moment at(int minute, long arrival) {
        return new Moment(T0.plusSeconds(60L * minute), arrival);
    }

    @Test
    void aRestoreThatArrivesBeforeItsDegradeButHappenedLaterStillWins() {
        BarrierCondition condition = BarrierCondition.IN_SERVICE
                .with(RESTORED, at(20, 0)) // arrives first, happened at minute 20
                .with(OUT_OF_SERVICE, at(10, 1)); // arrives second, happened at minute 10
        assertThat(condition.state()).isEqualTo(BarrierState.IN_SERVICE);
    }

    @Test
    void aDegradeThatHappenedAfterTheRestoreLeavesTheBarrierOutOfService() {
        BarrierCondition condition =
                BarrierCondition.IN_SERVICE.with(RESTORED, at(10, 0)).with(OUT_OF_SERVICE, at(20, 1));
        assertThat(condition.state()).isEqualTo(BarrierState.DEGRADED);
    }

    @Test
    void atTheSameInstantTheLaterArrivalWins() {
        assertThat(BarrierCondition.IN_SERVICE
                        .with(OUT_OF_SERVICE, at(10, 0))
                        .with(RESTORED, at(10, 1))
                        .state())
                .isEqualTo(BarrierState.IN_SERVICE);
        assertThat(BarrierCondition.IN_SERVICE
                        .with(RESTORED, at(10, 0))
                        .with(OUT_OF_SERVICE, at(10, 1))
                        .state())
                .isEqualTo(BarrierState.DEGRADED);
    }

    @Test
    void anImpairedBarrierStaysAHoleUntilRestoredAndARestoreClearsBoth() {
        BarrierCondition impaired = BarrierCondition.IN_SERVICE.with(IMPAIRED, at(5, 0));
        assertThat(impaired.state()).isEqualTo(BarrierState.IMPAIRED);
        assertThat(impaired.with(OUT_OF_SERVICE, at(6, 1)).state()).isEqualTo(BarrierState.DEGRADED);
        assertThat(impaired.with(OUT_OF_SERVICE, at(6, 1))
                        .with(RESTORED, at(7, 2))
                        .state())
                .isEqualTo(BarrierState.IN_SERVICE);
    }

    @Test
    void historyIsFoldedInOccurrenceOrderWhateverTheArrivalOrder() {
        List<Fact> facts = List.of(
                new Fact(RESTORED, at(30, 0)), new Fact(OUT_OF_SERVICE, at(10, 1)), new Fact(IMPAIRED, at(40, 2)));
        assertThat(BarrierCondition.history(facts))
                .containsExactly(
                        new Interval(
                                BarrierState.DEGRADED,
                                at(10, 0).occurredAt(),
                                at(30, 0).occurredAt()),
                        new Interval(BarrierState.IMPAIRED, at(40, 0).occurredAt(), null));
        assertThat(BarrierCondition.stateAt(facts, at(20, 0).occurredAt())).isEqualTo(BarrierState.DEGRADED);
        assertThat(BarrierCondition.stateAt(facts, at(35, 0).occurredAt())).isEqualTo(BarrierState.IN_SERVICE);
    }
}
