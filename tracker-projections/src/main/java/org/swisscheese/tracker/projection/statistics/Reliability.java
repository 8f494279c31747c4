package org.swisscheese.tracker.projection.statistics;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * Probability of failure on demand with the Jeffreys prior: estimate {@code (F + 0.5) / (D + 1)}, 95% interval from
 * the quantiles of {@code Beta(F + 0.5, D - F + 0.5)}, with the usual boundary rule (lower bound 0 when no demand
 * failed, upper bound 1 when every demand failed).
 */
public final class Reliability {

    private Reliability() {
    }

    public record Pfd(long demands, long failures, double estimate, double lower, double upper) {

        /** How much the barrier reduces the frequency of what reaches it: 1 / PFD. */
        public double riskReductionFactor() {
            return 1 / estimate;
        }

        public boolean excludes(double value) {
            return value < lower || value > upper;
        }
    }

    public static Pfd jeffreys(long demands, long failures) {
        if (demands < 0 || failures < 0 || failures > demands) {
            throw new IllegalArgumentException("need 0 <= failures <= demands, got " + failures + "/" + demands);
        }
        double a = failures + 0.5;
        double b = demands - failures + 0.5;
        BetaDistribution posterior = new BetaDistribution(null, a, b);
        double lower = failures == 0 ? 0 : posterior.inverseCumulativeProbability(0.025);
        double upper = failures == demands ? 1 : posterior.inverseCumulativeProbability(0.975);
        return new Pfd(demands, failures, a / (demands + 1), lower, upper);
    }
}
