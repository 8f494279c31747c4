package org.swisscheese.tracker.domain.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Hand-worked MTBF over a year of exposure, T = 365 d = 8760 h. Bound = 2T / scipy.stats.chi2.ppf(0.90, 2F + 2). */
class TimeBetweenFailuresTest {

    static final Duration YEAR = Duration.ofDays(365);

    @Test
    void noFailuresGiveNoMeanButStillALowerBound() {
        TimeBetweenFailures tbf = TimeBetweenFailures.of(YEAR, 0);
        assertThat(tbf.meanHours()).isNull();
        // 2 * 8760 / scipy.stats.chi2.ppf(0.90, 2)   (chi2.ppf = 4.605170185988092 = −2 ln 0.1)
        Close.to(tbf.lower90Hours(), 3804.4196614724856);
    }

    @Test
    void oneFailureInAYear() {
        TimeBetweenFailures tbf = TimeBetweenFailures.of(YEAR, 1);
        Close.to(tbf.meanHours(), 8760.0);
        // 2 * 8760 / scipy.stats.chi2.ppf(0.90, 4)   (chi2.ppf = 7.779440339734858)
        Close.to(tbf.lower90Hours(), 2252.090026388341);
    }

    @Test
    void fiveFailuresInAYear() {
        TimeBetweenFailures tbf = TimeBetweenFailures.of(YEAR, 5);
        Close.to(tbf.meanHours(), 1752.0);
        // 2 * 8760 / scipy.stats.chi2.ppf(0.90, 12)  (chi2.ppf = 18.54934778670325)
        Close.to(tbf.lower90Hours(), 944.5076021788152);
    }

    @Test
    void twoFailuresAMinuteApartInAYearMeanHalfAYearBetweenFailuresNotAMinute() {
        TimeBetweenFailures tbf = TimeBetweenFailures.of(YEAR, 2);
        Close.to(tbf.meanHours(), 4380.0); // 8760 / 2: half a year
        assertThat(tbf.meanHours()).isGreaterThan(1000 * (1.0 / 60)); // not the 0.017 h between the two
        // 2 * 8760 / scipy.stats.chi2.ppf(0.90, 6)   (chi2.ppf = 10.644640675668422)
        Close.to(tbf.lower90Hours(), 1645.8986765093266);
    }

    @Test
    void theLowerBoundIsBelowTheMeanAndShrinksWithMoreFailures() {
        TimeBetweenFailures one = TimeBetweenFailures.of(YEAR, 1);
        TimeBetweenFailures five = TimeBetweenFailures.of(YEAR, 5);
        assertThat(one.lower90Hours()).isLessThan(one.meanHours());
        assertThat(five.lower90Hours()).isLessThan(one.lower90Hours());
    }

    @Test
    void noExposureMeansNothingWasLearnt() {
        TimeBetweenFailures tbf = TimeBetweenFailures.of(Duration.ZERO, 0);
        assertThat(tbf.lower90Hours()).isZero();
        assertThat(tbf.meanHours()).isNull();
    }
}
