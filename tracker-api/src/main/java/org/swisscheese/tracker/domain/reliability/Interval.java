package org.swisscheese.tracker.domain.reliability;

/**
 * A closed interval of probabilities or ratios. Kept as its own type so that "the claim is below the interval" and
 * "the observation exceeds the prediction" read as comparisons with an interval, not with whichever bound the caller
 * happened to pick.
 *
 * @param lower the lower end (inclusive)
 * @param upper the upper end (inclusive)
 */
public record Interval(double lower, double upper) {

    public Interval {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("not an interval: [" + lower + ", " + upper + "]");
        }
    }

    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }

    /** True when the whole interval lies strictly above {@code x}: the data say "more than x" with confidence. */
    public boolean isAbove(double x) {
        return lower > x;
    }

    /** True when the whole interval lies strictly below {@code x}. */
    public boolean isBelow(double x) {
        return upper < x;
    }
}
