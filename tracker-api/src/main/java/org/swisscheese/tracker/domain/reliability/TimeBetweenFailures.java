package org.swisscheese.tracker.domain.reliability;

import java.time.Duration;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Mean time between failures over an exposure, with its one-sided 90% lower bound.
 *
 * <p>The mean is exposure / F, not the average gap between consecutive failures: two failures a minute apart in a
 * year mean about half a year between failures, not a minute. The lower bound is the classical time-terminated
 * chi-squared bound 2T / χ²(0.90; 2F + 2); it exists also when nothing failed, which is exactly when a manager most
 * needs a number that does not pretend the barrier is perfect.
 *
 * @param exposure     T, the time the barrier stood in the bow-tie within the window
 * @param failures     F
 * @param meanHours    T / F in hours, or {@code null} when F = 0 (no failures, no mean)
 * @param lower90Hours 2T / χ²(0.90; 2F + 2) in hours
 */
public record TimeBetweenFailures(Duration exposure, long failures, Double meanHours, double lower90Hours) {

    /** The confidence of the lower bound: 90% one-sided, as DESIGN §5 asks. */
    public static final double CONFIDENCE = 0.90;

    public static TimeBetweenFailures of(Duration exposure, long failures) {
        if (exposure == null || exposure.isNegative()) {
            throw new IllegalArgumentException("exposure must be a non-negative duration, got " + exposure);
        }
        if (failures < 0) {
            throw new IllegalArgumentException("failures cannot be negative, got " + failures);
        }
        double hours = hours(exposure);
        Double mean = failures == 0 ? null : hours / failures;
        double chiSquared = ChiSquaredDistribution.of(2.0 * failures + 2.0).inverseCumulativeProbability(CONFIDENCE);
        return new TimeBetweenFailures(exposure, failures, mean, 2.0 * hours / chiSquared);
    }

    static double hours(Duration d) {
        return d.getSeconds() / 3600.0 + d.getNano() / 3.6e12;
    }
}
