package org.swisscheese.tracker.domain.reliability;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * A barrier's probability of failure on demand with the Jeffreys prior, and what follows from it.
 *
 * <p>The Jeffreys prior, Beta(½, ½), is used because barriers are often asked only a handful of times and often never
 * fail: the plain ratio F/D would then report a perfect barrier from ten lucky demands, while the Jeffreys posterior
 * Beta(F + ½, D − F + ½) gives a finite, honest estimate and intervals with good frequentist coverage. Everything a
 * manager acts on (the risk-reduction factor and its SIL band) comes from the one-sided upper bound, never from the
 * estimate, so that little evidence means a modest claim.
 *
 * @param demands            D, reported demands (silent passes are not demands)
 * @param failures           F, the demands the barrier failed
 * @param estimate           (F + ½) / (D + 1), the posterior mean
 * @param interval95         two-sided 95%: the 0.025 and 0.975 posterior quantiles, with the lower end 0 when F = 0
 *                           and the upper end 1 when F = D
 * @param upper95            one-sided 95% upper bound: the 0.95 posterior quantile, 1 when F = D
 * @param riskReductionFactor 1 / {@code upper95}
 * @param sil                the IEC 61508 low-demand band of {@code upper95}
 */
public record PfdEstimate(
        long demands,
        long failures,
        double estimate,
        Interval interval95,
        double upper95,
        double riskReductionFactor,
        SilBand sil) {

    /**
     * Computes the estimate from D demands and F failures.
     *
     * <p>The boundary rule (lower end 0 when F = 0, upper end 1 when F = D) is the usual one for the Jeffreys
     * interval: without it, a barrier that never failed would get a lower bound above zero, i.e. the interval would
     * exclude the very value the data point at.
     */
    public static PfdEstimate jeffreys(long demands, long failures) {
        if (demands < 0 || failures < 0 || failures > demands) {
            throw new IllegalArgumentException("need 0 <= F <= D, got D=" + demands + ", F=" + failures);
        }
        BetaDistribution posterior = BetaDistribution.of(failures + 0.5, demands - failures + 0.5);
        boolean neverFailed = failures == 0;
        boolean alwaysFailed = failures == demands;
        double lower = neverFailed ? 0.0 : posterior.inverseCumulativeProbability(0.025);
        double upper = alwaysFailed ? 1.0 : posterior.inverseCumulativeProbability(0.975);
        double upper95 = alwaysFailed ? 1.0 : posterior.inverseCumulativeProbability(0.95);
        double estimate = (failures + 0.5) / (demands + 1.0);
        return new PfdEstimate(
                demands,
                failures,
                estimate,
                new Interval(lower, upper),
                upper95,
                1.0 / upper95,
                SilBand.ofPfd(upper95));
    }

    /**
     * Judges an owner's claimed PFD against the two-sided 95% interval. Only a claim below the interval is
     * contradicted; see {@link ClaimVerdict}.
     */
    public ClaimVerdict judge(double claimedPfd) {
        if (Double.isNaN(claimedPfd) || claimedPfd < 0 || claimedPfd > 1) {
            throw new IllegalArgumentException("a claimed PFD is a probability, got " + claimedPfd);
        }
        if (claimedPfd < interval95.lower()) {
            return ClaimVerdict.NOT_DEMONSTRATED;
        }
        if (claimedPfd > interval95.upper()) {
            return ClaimVerdict.CONSERVATIVE;
        }
        return ClaimVerdict.CONSISTENT;
    }
}
