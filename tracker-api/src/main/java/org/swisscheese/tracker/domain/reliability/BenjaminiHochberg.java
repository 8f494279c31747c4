package org.swisscheese.tracker.domain.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benjamini–Hochberg q-values. A bow-tie with a dozen barriers has dozens of pairs; testing each at 5% would flag
 * a "lined-up hole" by chance in almost every fleet. Controlling the false discovery rate keeps the alerts about
 * dependence trustworthy without the bluntness of Bonferroni, which would hide real common causes.
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {}

    /**
     * The q-value of each p-value, in the input order: q_(i) = min over j >= i of m·p_(j)/j for the ascending
     * p_(1..m), capped at 1. Monotone in p (a smaller p never gets a larger q) and never below its p.
     */
    public static List<Double> qValues(List<Double> pValues) {
        int m = pValues.size();
        double[] p = new double[m];
        for (int i = 0; i < m; i++) {
            Double value = pValues.get(i);
            if (value == null || Double.isNaN(value) || value < 0 || value > 1) {
                throw new IllegalArgumentException("a p-value is a probability, got " + value + " at " + i);
            }
            p[i] = value;
        }
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        double[] q = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int index = order[rank - 1];
            // m / rank first: it is >= 1, so the rounded product never falls below p (p·m/m can, by an ulp)
            running = Math.min(running, p[index] * ((double) m / rank));
            q[index] = running;
        }
        List<Double> result = new ArrayList<>(m);
        for (double value : q) {
            result.add(value);
        }
        return result;
    }
}
