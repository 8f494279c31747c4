package org.swisscheese.tracker.domain.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-worked independence predictions for a path; observed intervals are Jeffreys, as for a PFD. */
class PathIndependenceTest {

    @Test
    void independencePredictsTheProductOfThePfds() {
        Close.to(PathIndependence.predictedFullFailureShare(List.of(0.1, 0.05, 0.2)), 0.001);
        assertThat(PathIndependence.predictedFullFailureShare(List.of())).isEqualTo(1.0);
    }

    @Test
    void threeFullFailuresInTwentyIncidentsExceedAPredictionOfOneInAThousand() {
        PathIndependence path = PathIndependence.of(List.of(0.1, 0.05, 0.2), 3, 20);
        Close.to(path.observedShare(), 0.15);
        // scipy.stats.beta.ppf(0.025, 3.5, 17.5), scipy.stats.beta.ppf(0.975, 3.5, 17.5)
        Close.to(path.observedInterval().lower(), 0.04413134197515587);
        Close.to(path.observedInterval().upper(), 0.348577710858454);
        assertThat(path.exceedsPrediction()).isTrue();
    }

    @Test
    void oneFullFailureInThreeIncidentsIsNotProofOfDependence() {
        // prediction 0.05; scipy.stats.beta.ppf(0.025, 1.5, 2.5) = 0.0387 < 0.05
        PathIndependence path = PathIndependence.of(List.of(0.5, 0.1), 1, 3);
        Close.to(path.observedInterval().lower(), 0.038747617785165174);
        assertThat(path.observedShare()).isGreaterThan(path.predicted());
        assertThat(path.exceedsPrediction()).isFalse();
    }

    @Test
    void aPathWithoutIncidentsHasNoObservedShare() {
        PathIndependence path = PathIndependence.of(List.of(0.1), 0, 0);
        assertThat(path.observedShare()).isNull();
        assertThat(path.observedInterval()).isEqualTo(new Interval(0, 1));
        assertThat(path.exceedsPrediction()).isFalse();
    }
}
