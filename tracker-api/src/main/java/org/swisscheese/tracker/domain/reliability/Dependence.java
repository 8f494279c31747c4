package org.swisscheese.tracker.domain.reliability;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * Does barrier B fail more often when barrier A failed? The swiss-cheese model assumes the holes are independent;
 * when they line up (a common cause, a shared blind spot), the product of PFDs flatters the path. This is the
 * evidence for or against that assumption, pair by pair.
 *
 * <p>The test is Fisher's exact test, one-sided (odds ratio > 1), because incident tables are small and sparse and
 * only positive dependence is a hazard; a chi-squared approximation would be wrong exactly in the cells that
 * matter. The lift is the ratio P(B fails | A failed) / P(B fails | A held) with a 95% Katz log interval; when any
 * cell is zero, 0.5 is added to every cell (the Haldane–Anscombe correction) for both the lift and its interval,
 * so that a single empty cell gives a finite, if wide, answer instead of 0 or infinity. The β-factor estimate, a /
 * (a + c), is the share of B's failures that coincided with A's: the common-cause share in IEC 61508's sense.
 *
 * @param table         the counts
 * @param pValue        one-sided Fisher exact p for "B fails more often when A failed"
 * @param lift          P(B fails | A failed) / P(B fails | A held), or {@code null} when A never failed or never
 *                      held in these incidents (there is nothing to compare)
 * @param liftInterval  its 95% Katz log interval, {@code null} with the lift
 * @param liftCorrected whether 0.5 was added to every cell for the lift and its interval
 * @param betaFactor    a / (a + c), or {@code null} when B never failed
 */
public record Dependence(
        PairTable table, double pValue, Double lift, Interval liftInterval, boolean liftCorrected, Double betaFactor) {

    /** The false discovery rate at which "holes line up" is declared. */
    public static final double ALPHA = 0.05;

    private static final FisherExactTest FISHER =
            FisherExactTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);

    public static Dependence of(PairTable table) {
        double p = table.total() == 0 ? 1.0 : FISHER.test(table.asMatrix()).getPValue();
        Double betaFactor = table.a() + table.c() == 0 ? null : (double) table.a() / (table.a() + table.c());
        if (table.a() + table.b() == 0 || table.c() + table.d() == 0) {
            return new Dependence(table, p, null, null, false, betaFactor);
        }
        boolean corrected = table.a() == 0 || table.b() == 0 || table.c() == 0 || table.d() == 0;
        double add = corrected ? 0.5 : 0.0;
        double a = table.a() + add;
        double b = table.b() + add;
        double c = table.c() + add;
        double d = table.d() + add;
        double logLift = Math.log(a / (a + b)) - Math.log(c / (c + d));
        double se = Math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d));
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);
        Interval interval = new Interval(Math.exp(logLift - z * se), Math.exp(logLift + z * se));
        return new Dependence(table, p, Math.exp(logLift), interval, corrected, betaFactor);
    }

    /**
     * A pair's dependence after correcting for the number of pairs looked at.
     *
     * @param dependence    the pair's own test, lift and β-factor
     * @param qValue        its Benjamini–Hochberg q-value among the pairs screened together
     * @param holesLineUp   q < {@link #ALPHA}: B fails more often when A failed, beyond what chance across all pairs
     *                      explains
     */
    public record Screened(Dependence dependence, double qValue, boolean holesLineUp) {}

    /**
     * Tests every pair and corrects across them, in the input order. Pairs must be screened together (all pairs of a
     * system, or of the fleet) for the q-values to mean anything; screening one pair at a time is testing at 5% each.
     */
    public static List<Screened> screen(List<PairTable> tables) {
        List<Dependence> tested = new ArrayList<>(tables.size());
        List<Double> pValues = new ArrayList<>(tables.size());
        for (PairTable table : tables) {
            Dependence dependence = of(table);
            tested.add(dependence);
            pValues.add(dependence.pValue());
        }
        List<Double> qValues = BenjaminiHochberg.qValues(pValues);
        List<Screened> screened = new ArrayList<>(tables.size());
        for (int i = 0; i < tested.size(); i++) {
            double q = qValues.get(i);
            screened.add(new Screened(tested.get(i), q, q < ALPHA));
        }
        return screened;
    }
}
