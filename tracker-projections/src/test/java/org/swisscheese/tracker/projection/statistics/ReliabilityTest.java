package org.swisscheese.tracker.projection.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.projection.statistics.Reliability.Pfd;

/**
 * Estimates checked by hand; Beta quantiles computed independently with SciPy ({@code scipy.stats.beta.ppf}).
 */
class ReliabilityTest {

    @Test
    void withNoDemandTheEstimateIsOneHalfAndTheIntervalIsEverything() {
        Pfd pfd = Reliability.jeffreys(0, 0);
        assertThat(pfd.estimate()).isEqualTo(0.5);
        assertThat(pfd.lower()).isZero();
        assertThat(pfd.upper()).isEqualTo(1.0);
        assertThat(pfd.riskReductionFactor()).isEqualTo(2.0);
    }

    @Test
    void withNoFailureTheLowerBoundIsZero() {
        Pfd pfd = Reliability.jeffreys(10, 0);
        assertThat(pfd.estimate()).isCloseTo(0.5 / 11, within(1e-12));
        assertThat(pfd.lower()).isZero();
        // beta.ppf(0.975, 0.5, 10.5)
        assertThat(pfd.upper()).isCloseTo(0.217196, within(1e-5));
    }

    @Test
    void whenEveryDemandFailedTheUpperBoundIsOne() {
        Pfd pfd = Reliability.jeffreys(4, 4);
        assertThat(pfd.estimate()).isCloseTo(4.5 / 5, within(1e-12));
        assertThat(pfd.upper()).isEqualTo(1.0);
        // beta.ppf(0.025, 4.5, 0.5)
        assertThat(pfd.lower()).isCloseTo(0.555237, within(1e-5));
    }

    @Test
    void oneFailureInTwentyDemands() {
        Pfd pfd = Reliability.jeffreys(20, 1);
        assertThat(pfd.estimate()).isCloseTo(1.5 / 21, within(1e-12));
        // beta.ppf(0.025, 1.5, 19.5) and beta.ppf(0.975, 1.5, 19.5)
        assertThat(pfd.lower()).isCloseTo(0.005449, within(1e-5));
        assertThat(pfd.upper()).isCloseTo(0.210819, within(1e-5));
        assertThat(pfd.riskReductionFactor()).isCloseTo(14.0, within(1e-9));
        assertThat(pfd.excludes(0.5)).isTrue();
        assertThat(pfd.excludes(0.05)).isFalse();
    }

    @Test
    void moreFailuresThanDemandsIsRefused() {
        assertThatThrownBy(() -> Reliability.jeffreys(1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
