package org.swisscheese.tracker.domain.reliability;

import org.junit.jupiter.api.Test;

/**
 * The naive second implementation is only a referee if it is right itself: it reproduces the SciPy values of the
 * hand-worked tests without any library.
 */
class NaiveReliabilityTest {

    @Test
    void theSeriesBetaQuantileMatchesSciPy() {
        // scipy.stats.beta.ppf(0.95, 0.5, 100.5)
        Close.to(NaiveReliability.betaQuantile(0.95, 0.5, 100.5), 0.01897688770307349);
        // scipy.stats.beta.ppf(0.025, 1.5, 999.5)
        Close.to(NaiveReliability.betaQuantile(0.025, 1.5, 999.5), 0.00010791880468097968);
        // scipy.stats.beta.ppf(0.025, 10.5, 0.5)
        Close.to(NaiveReliability.betaQuantile(0.025, 10.5, 0.5), 0.7828037324907894);
    }

    @Test
    void thePoissonFormChiSquaredQuantileMatchesSciPy() {
        // scipy.stats.chi2.ppf(0.90, 4), scipy.stats.chi2.ppf(0.90, 12)
        Close.to(NaiveReliability.chiSquaredQuantileEven(0.90, 4), 7.779440339734858);
        Close.to(NaiveReliability.chiSquaredQuantileEven(0.90, 12), 18.54934778670325);
    }

    @Test
    void theBigIntegerFisherMatchesSciPy() {
        // scipy.stats.fisher_exact([[6, 2], [3, 9]], alternative='greater').pvalue
        Close.to(NaiveReliability.fisherGreater(6, 2, 3, 9), 0.03989045010716837);
        Close.to(NaiveReliability.fisherGreater(1, 0, 0, 1), 0.5);
    }

    @Test
    void theErfSeriesNormalMatchesSciPy() {
        // scipy.stats.norm.ppf(0.975), scipy.stats.norm.sf(1.845928471820325)
        Close.to(NaiveReliability.normalQuantile(0.975), 1.959963984540054);
        Close.to(NaiveReliability.normalUpperTail(1.845928471820325), 0.03245129597247442);
    }

    @Test
    void theTextbookBenjaminiHochbergMatchesSciPy() {
        // scipy.stats.false_discovery_control([0.01, 0.04, 0.03, 0.005, 0.10, 0.50], method='bh')
        double[] q = NaiveReliability.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005, 0.10, 0.50});
        double[] expected = {0.03, 0.06, 0.06, 0.03, 0.12, 0.5};
        for (int i = 0; i < q.length; i++) {
            Close.to(q[i], expected[i]);
        }
    }
}
