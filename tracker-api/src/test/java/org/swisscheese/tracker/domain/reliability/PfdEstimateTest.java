package org.swisscheese.tracker.domain.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Hand-worked Jeffreys PFDs. Every expected number carries the SciPy 1.17 call that produced it; the posterior is
 * Beta(F + 0.5, D − F + 0.5).
 */
class PfdEstimateTest {

    @Test
    void aBarrierNeverAskedHasEstimateOneHalfTheWholeIntervalAndNoBand() {
        PfdEstimate pfd = PfdEstimate.jeffreys(0, 0);
        assertThat(pfd.estimate()).isEqualTo(0.5); // (0 + 0.5) / (0 + 1)
        assertThat(pfd.interval95()).isEqualTo(new Interval(0, 1)); // F = 0 and F = D: both boundary rules
        assertThat(pfd.upper95()).isEqualTo(1.0); // F = D
        assertThat(pfd.riskReductionFactor()).isEqualTo(1.0); // 1 / 1
        assertThat(pfd.sil()).isEqualTo(SilBand.NONE);
    }

    @Test
    void aHundredCleanDemandsEarnARiskReductionOfAboutFiftyThreeAndSil1NotTwoHundredFromTheEstimate() {
        PfdEstimate pfd = PfdEstimate.jeffreys(100, 0);
        Close.to(pfd.estimate(), 0.0049504950495049506); // 0.5 / 101
        assertThat(pfd.interval95().lower()).isZero(); // F = 0
        // scipy.stats.beta.ppf(0.975, 0.5, 100.5)
        Close.to(pfd.interval95().upper(), 0.02474527001526989);
        // scipy.stats.beta.ppf(0.95, 0.5, 100.5)
        Close.to(pfd.upper95(), 0.01897688770307349);
        // 1 / scipy.stats.beta.ppf(0.95, 0.5, 100.5)
        Close.to(pfd.riskReductionFactor(), 52.69567990530082);
        assertThat(pfd.riskReductionFactor()).isBetween(40.0, 75.0);
        Close.to(1 / pfd.estimate(), 202.0); // what the estimate would (wrongly) claim
        assertThat(pfd.riskReductionFactor()).isLessThan(1 / pfd.estimate() / 3);
        assertThat(pfd.sil()).isEqualTo(SilBand.SIL_1); // 0.019 is in [1e-2, 1e-1)
    }

    @Test
    void oneFailureInAThousandDemandsIsSil2FromItsUpperBound() {
        PfdEstimate pfd = PfdEstimate.jeffreys(1000, 1);
        Close.to(pfd.estimate(), 0.0014985014985014985); // 1.5 / 1001
        // scipy.stats.beta.ppf(0.025, 1.5, 999.5)
        Close.to(pfd.interval95().lower(), 0.00010791880468097968);
        // scipy.stats.beta.ppf(0.975, 1.5, 999.5)
        Close.to(pfd.interval95().upper(), 0.004664458808791372);
        // scipy.stats.beta.ppf(0.95, 1.5, 999.5)
        Close.to(pfd.upper95(), 0.003900713932346007);
        // 1 / scipy.stats.beta.ppf(0.95, 1.5, 999.5)
        Close.to(pfd.riskReductionFactor(), 256.36332664840404);
        assertThat(pfd.sil()).isEqualTo(SilBand.SIL_2); // 0.0039 is in [1e-3, 1e-2)
    }

    @Test
    void aBarrierThatFailedEveryDemandHasUpperBoundOneAndNoBand() {
        PfdEstimate pfd = PfdEstimate.jeffreys(10, 10);
        Close.to(pfd.estimate(), 0.9545454545454546); // 10.5 / 11
        // scipy.stats.beta.ppf(0.025, 10.5, 0.5)
        Close.to(pfd.interval95().lower(), 0.7828037324907894);
        assertThat(pfd.interval95().upper()).isEqualTo(1.0); // F = D
        assertThat(pfd.upper95()).isEqualTo(1.0); // F = D
        assertThat(pfd.riskReductionFactor()).isEqualTo(1.0);
        assertThat(pfd.sil()).isEqualTo(SilBand.NONE);
    }

    @Test
    void threeFailuresInTwentyIsNoBand() {
        PfdEstimate pfd = PfdEstimate.jeffreys(20, 3);
        Close.to(pfd.estimate(), 3.5 / 21);
        // scipy.stats.beta.ppf(0.025, 3.5, 17.5)
        Close.to(pfd.interval95().lower(), 0.04413134197515587);
        // scipy.stats.beta.ppf(0.975, 3.5, 17.5)
        Close.to(pfd.interval95().upper(), 0.348577710858454);
        // scipy.stats.beta.ppf(0.95, 3.5, 17.5)
        Close.to(pfd.upper95(), 0.31368035743571937);
        // 1 / scipy.stats.beta.ppf(0.95, 3.5, 17.5)
        Close.to(pfd.riskReductionFactor(), 3.187958621874894);
        assertThat(pfd.sil()).isEqualTo(SilBand.NONE);
    }

    @Test
    void aClaimBelowTheIntervalIsNotDemonstratedInsideIsConsistentAboveIsConservative() {
        // D = 1000, F = 1: interval [1.079e-4, 4.664e-3] (see above)
        PfdEstimate pfd = PfdEstimate.jeffreys(1000, 1);
        assertThat(pfd.judge(1e-4)).isEqualTo(ClaimVerdict.NOT_DEMONSTRATED); // better than the data allow
        assertThat(pfd.judge(1e-4).demonstrated()).isFalse();
        assertThat(pfd.judge(1e-3)).isEqualTo(ClaimVerdict.CONSISTENT);
        assertThat(pfd.judge(1e-3).demonstrated()).isTrue();
        assertThat(pfd.judge(1e-2)).isEqualTo(ClaimVerdict.CONSERVATIVE); // worse than the data: careful
        assertThat(pfd.judge(1e-2).demonstrated()).isTrue();
    }

    @Test
    void aBarrierThatNeverFailedCannotContradictAnyClaim() {
        PfdEstimate pfd = PfdEstimate.jeffreys(100, 0);
        assertThat(pfd.judge(1e-9)).isEqualTo(ClaimVerdict.CONSISTENT); // lower end is 0
        assertThat(pfd.judge(0.0)).isEqualTo(ClaimVerdict.CONSISTENT);
    }

    @Test
    void silBandsFollowIec61508LowDemandWithInclusiveLowerEnds() {
        assertThat(SilBand.ofPfd(1.0)).isEqualTo(SilBand.NONE);
        assertThat(SilBand.ofPfd(0.1)).isEqualTo(SilBand.NONE);
        assertThat(SilBand.ofPfd(0.0999)).isEqualTo(SilBand.SIL_1);
        assertThat(SilBand.ofPfd(1e-2)).isEqualTo(SilBand.SIL_1);
        assertThat(SilBand.ofPfd(0.00999)).isEqualTo(SilBand.SIL_2);
        assertThat(SilBand.ofPfd(1e-3)).isEqualTo(SilBand.SIL_2);
        assertThat(SilBand.ofPfd(1e-4)).isEqualTo(SilBand.SIL_3);
        assertThat(SilBand.ofPfd(1e-5)).isEqualTo(SilBand.SIL_4);
        assertThat(SilBand.ofPfd(1e-7)).isEqualTo(SilBand.SIL_4); // nothing above SIL 4
        assertThat(SilBand.ofPfd(0.0)).isEqualTo(SilBand.SIL_4);
        assertThat(SilBand.SIL_3.level()).isEqualTo(3);
        assertThat(SilBand.NONE.level()).isZero();
    }

    @Test
    void moreFailuresThanDemandsIsRejected() {
        assertThatThrownBy(() -> PfdEstimate.jeffreys(3, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PfdEstimate.jeffreys(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PfdEstimate.jeffreys(10, 1).judge(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
