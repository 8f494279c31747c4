package org.swisscheese.tracker.domain.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Relative-tolerance comparisons for the hand-worked figures: the test says how close, not AssertJ's default. */
final class Close {

    /** The tolerance the hand-worked figures are held to against SciPy. */
    static final double SCIPY = 1e-9;

    private Close() {}

    static void to(double actual, double expected) {
        to(actual, expected, SCIPY);
    }

    static void to(double actual, double expected, double relative) {
        if (expected == 0) {
            assertThat(actual).isZero();
        } else {
            assertThat(actual).isCloseTo(expected, within(relative * Math.abs(expected)));
        }
    }

    /** Within {@code relative} of each other, or both within {@code absolute} of each other (for tiny tails). */
    static boolean agree(double x, double y, double relative, double absolute) {
        return Math.abs(x - y) <= absolute || Math.abs(x - y) <= relative * Math.max(Math.abs(x), Math.abs(y));
    }
}
