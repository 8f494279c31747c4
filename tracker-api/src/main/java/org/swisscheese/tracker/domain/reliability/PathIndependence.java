package org.swisscheese.tracker.domain.reliability;

import java.util.List;

/**
 * The swiss-cheese prediction for a path against what happened on it. If the barriers were independent, a hazard
 * would get through all of them with the product of their PFDs; when full failures are observed more often than
 * that, with confidence, the holes are lining up somewhere on the path and the bow-tie's risk figures are
 * optimistic.
 *
 * <p>"With confidence" means the lower end of the observed share's Jeffreys 95% interval lies above the prediction:
 * a single full failure among three incidents is not by itself proof of dependence.
 *
 * @param predicted          the product of the PFD estimates of the acting barriers demanded
 * @param fullFailures       incidents on the path that went through every barrier
 * @param incidents          incidents on the path
 * @param observedShare      fullFailures / incidents, or {@code null} without incidents
 * @param observedInterval   the Jeffreys 95% interval of that share (the whole [0, 1] without incidents)
 * @param exceedsPrediction  the observed interval lies wholly above the prediction
 */
public record PathIndependence(
        double predicted,
        long fullFailures,
        long incidents,
        Double observedShare,
        Interval observedInterval,
        boolean exceedsPrediction) {

    /**
     * The share of full failures independence predicts: the product of the barriers' PFDs. An empty path predicts
     * 1: with no barrier in the way, every hazard gets through.
     */
    public static double predictedFullFailureShare(List<Double> pfds) {
        double product = 1.0;
        for (Double pfd : pfds) {
            if (pfd == null || Double.isNaN(pfd) || pfd < 0 || pfd > 1) {
                throw new IllegalArgumentException("a PFD is a probability, got " + pfd);
            }
            product *= pfd;
        }
        return product;
    }

    /**
     * @param pfds         the PFD estimates of the acting barriers the path's incidents demanded
     * @param fullFailures incidents that were full failures
     * @param incidents    all incidents on the path
     */
    public static PathIndependence of(List<Double> pfds, long fullFailures, long incidents) {
        double predicted = predictedFullFailureShare(pfds);
        PfdEstimate observed = PfdEstimate.jeffreys(incidents, fullFailures);
        Double share = incidents == 0 ? null : (double) fullFailures / incidents;
        return new PathIndependence(
                predicted,
                fullFailures,
                incidents,
                share,
                observed.interval95(),
                observed.interval95().isAbove(predicted));
    }
}
