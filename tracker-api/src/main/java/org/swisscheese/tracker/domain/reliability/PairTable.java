package org.swisscheese.tracker.domain.reliability;

/**
 * How two barriers fared together, over the incidents that demanded both: A (met first on the path) and B (met
 * later). Only incidents that asked both count, because a barrier that was never asked tells nothing about whether
 * its hole lines up with another's.
 *
 * <pre>
 *                B failed   B held
 *   A failed        a          b
 *   A held          c          d
 * </pre>
 *
 * @param a A failed and B failed
 * @param b A failed and B held
 * @param c A held and B failed
 * @param d A held and B held
 */
public record PairTable(int a, int b, int c, int d) {

    public PairTable {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + a + ", " + b + ", " + c + ", " + d);
        }
    }

    public int total() {
        return a + b + c + d;
    }

    /** The layout the library's exact test expects: rows A failed / A held, columns B failed / B held. */
    int[][] asMatrix() {
        return new int[][] {{a, b}, {c, d}};
    }
}
