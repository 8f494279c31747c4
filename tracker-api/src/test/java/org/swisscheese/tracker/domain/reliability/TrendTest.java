package org.swisscheese.tracker.domain.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked Cochran–Armitage trend tests. SciPy has no such test, so each reference Z is SciPy's Pearson
 * correlation between week score and failure over the individual demands, times √N (Z² = N r² is the
 * Cochran–Armitage statistic), and p is its normal upper tail:
 * <pre>
 *   x = [week index per demand]; y = [1 per failure, 0 per success]
 *   z = sqrt(len(x)) * scipy.stats.pearsonr(x, y).statistic;  p = scipy.stats.norm.sf(z)
 * </pre>
 */
class TrendTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 1, 5);

    static List<WeekCount> weeks(long[] demands, long[] failures) {
        List<WeekCount> weeks = new ArrayList<>();
        for (int i = 0; i < demands.length; i++) {
            weeks.add(new WeekCount(MONDAY.plusWeeks(i), demands[i], failures[i]));
        }
        return weeks;
    }

    @Test
    void aBarrierFailingMoreEachWeekIsFlaggedWorsening() {
        // D = 20 each week, F = 0, 1, 2, 4, 6, 8
        Trend trend = Trend.cochranArmitage(weeks(new long[] {20, 20, 20, 20, 20, 20}, new long[] {0, 1, 2, 4, 6, 8}));
        Close.to(trend.statistic(), 4.009265706183978); // sqrt(120) * pearsonr(...).statistic
        Close.to(trend.pValue(), 3.045392579153389e-05, 1e-8); // scipy.stats.norm.sf(4.009265706183978)
        assertThat(trend.status()).isEqualTo(Trend.Status.WORSENING);
        assertThat(trend.worsening()).isTrue();
    }

    @Test
    void aFlatFailureRateIsNotFlagged() {
        // D = 20, F = 2 every week: Z = 0 (pearsonr gives −1.7e-17), p = scipy.stats.norm.sf(0) = 0.5
        Trend trend = Trend.cochranArmitage(weeks(new long[] {20, 20, 20, 20, 20}, new long[] {2, 2, 2, 2, 2}));
        assertThat(trend.statistic()).isCloseTo(0.0, within(1e-12));
        assertThat(trend.pValue()).isCloseTo(0.5, within(1e-12));
        assertThat(trend.status()).isEqualTo(Trend.Status.NOT_WORSENING);
    }

    @Test
    void anImprovingBarrierIsNotFlaggedBecauseTheTestIsOneSided() {
        // D = 20 each week, F = 8, 6, 4, 2, 1, 0: the mirror image of the worsening one
        Trend trend = Trend.cochranArmitage(weeks(new long[] {20, 20, 20, 20, 20, 20}, new long[] {8, 6, 4, 2, 1, 0}));
        Close.to(trend.statistic(), -4.009265706183983);
        Close.to(trend.pValue(), 0.9999695460742085); // scipy.stats.norm.sf(-4.009265706183983)
        assertThat(trend.worsening()).isFalse();
    }

    @Test
    void aWeekWithoutDemandsKeepsItsPlaceInTime() {
        // D = 30, 10, 0, 25, 40 and F = 1, 0, 0, 2, 6, scores 0..4 (the empty week holds score 2), given shuffled
        List<WeekCount> given = weeks(new long[] {30, 10, 0, 25, 40}, new long[] {1, 0, 0, 2, 6});
        Collections.reverse(given);
        Trend trend = Trend.cochranArmitage(given);
        Close.to(trend.statistic(), 1.845928471820325); // sqrt(105) * pearsonr(...).statistic
        Close.to(trend.pValue(), 0.03245129597247442); // scipy.stats.norm.sf(1.845928471820325)
        assertThat(trend.worsening()).isTrue();
    }

    @Test
    void fewerThanThreeWeeksWithDemandsIsNotEnoughData() {
        Trend twoWeeks = Trend.cochranArmitage(weeks(new long[] {20, 20}, new long[] {0, 9}));
        assertThat(twoWeeks.status()).isEqualTo(Trend.Status.NOT_ENOUGH_DATA);
        assertThat(twoWeeks.statistic()).isNull();
        assertThat(twoWeeks.pValue()).isNull();
        Trend twoOfFourAsked = Trend.cochranArmitage(weeks(new long[] {20, 0, 0, 20}, new long[] {0, 0, 0, 9}));
        assertThat(twoOfFourAsked.status()).isEqualTo(Trend.Status.NOT_ENOUGH_DATA);
    }

    @Test
    void noFailuresAtAllLeaveTheStatisticUndefined() {
        Trend trend = Trend.cochranArmitage(weeks(new long[] {20, 20, 20, 20}, new long[] {0, 0, 0, 0}));
        assertThat(trend.status()).isEqualTo(Trend.Status.NOT_ENOUGH_DATA);
        Trend allFailed = Trend.cochranArmitage(weeks(new long[] {2, 3, 4}, new long[] {2, 3, 4}));
        assertThat(allFailed.status()).isEqualTo(Trend.Status.NOT_ENOUGH_DATA);
    }

    @Test
    void aWeekGivenTwiceIsRejected() {
        List<WeekCount> twice = List.of(new WeekCount(MONDAY, 3, 1), new WeekCount(MONDAY, 4, 0));
        assertThatThrownBy(() -> Trend.cochranArmitage(twice)).isInstanceOf(IllegalArgumentException.class);
    }
}
