package org.swisscheese.tracker.domain.reliability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Whether a barrier's failure proportion is rising over the weeks: the Cochran–Armitage test for trend, one-sided.
 *
 * <p>Cochran–Armitage rather than a regression on weekly ratios because the weeks carry very different numbers of
 * demands: it weighs each week by its demands and tests the failures directly, and it is the standard test for a
 * trend in proportions. One-sided because only a barrier getting worse is worth an alert; an improving one is not
 * flagged. Weeks are scored 0, 1, 2, … in calendar order (weeks given without demands keep their score).
 *
 * @param status    worsening, not worsening, or not enough data to tell
 * @param statistic the standardised statistic Z (positive when failures concentrate in later weeks), or
 *                  {@code null} with {@link Status#NOT_ENOUGH_DATA}
 * @param pValue    P(N(0,1) >= Z), or {@code null} with {@link Status#NOT_ENOUGH_DATA}
 */
public record Trend(Status status, Double statistic, Double pValue) {

    /** A barrier is flagged worsening below this one-sided p. */
    public static final double ALPHA = 0.05;

    /** Fewer weeks with demands than this and a "trend" is two points and a line through them. */
    public static final int MIN_WEEKS_WITH_DEMANDS = 3;

    /** What the test can say. */
    public enum Status {
        WORSENING,
        NOT_WORSENING,
        /**
         * Fewer than {@link #MIN_WEEKS_WITH_DEMANDS} weeks with demands, or no variation to test: no failure at all
         * (or nothing but failures) leaves the statistic undefined, and silence is not evidence of a trend.
         */
        NOT_ENOUGH_DATA
    }

    private static final Trend NOT_ENOUGH = new Trend(Status.NOT_ENOUGH_DATA, null, null);

    public boolean worsening() {
        return status == Status.WORSENING;
    }

    /**
     * Runs the test on weekly counts given in any order (they are put in calendar order; a week may appear once).
     */
    public static Trend cochranArmitage(List<WeekCount> weeks) {
        List<WeekCount> ordered = new ArrayList<>(weeks);
        ordered.sort(Comparator.comparing(WeekCount::weekStart));
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i).weekStart().equals(ordered.get(i - 1).weekStart())) {
                throw new IllegalArgumentException(
                        "the week of " + ordered.get(i).weekStart() + " appears twice");
            }
        }
        int weeksWithDemands = 0;
        double n = 0;
        double r = 0;
        double scoreSum = 0;
        for (int i = 0; i < ordered.size(); i++) {
            WeekCount week = ordered.get(i);
            if (week.demands() > 0) {
                weeksWithDemands++;
            }
            n += week.demands();
            r += week.failures();
            scoreSum += (double) week.demands() * i;
        }
        if (weeksWithDemands < MIN_WEEKS_WITH_DEMANDS || r == 0 || r == n) {
            return NOT_ENOUGH;
        }
        // Centred sums: the same statistic as the textbook T = Σ t_i (F_i − D_i p̄), without its cancellation.
        double meanScore = scoreSum / n;
        double proportion = r / n;
        double t = 0;
        double spread = 0;
        for (int i = 0; i < ordered.size(); i++) {
            WeekCount week = ordered.get(i);
            double centred = i - meanScore;
            t += week.failures() * centred;
            spread += week.demands() * centred * centred;
        }
        double variance = proportion * (1 - proportion) * spread;
        if (!(variance > 0)) {
            return NOT_ENOUGH;
        }
        double z = t / Math.sqrt(variance);
        double p = NormalDistribution.of(0, 1).survivalProbability(z);
        return new Trend(p < ALPHA ? Status.WORSENING : Status.NOT_WORSENING, z, p);
    }
}
