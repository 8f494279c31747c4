package org.swisscheese.tracker.domain.reliability;

import java.time.LocalDate;

/**
 * One week's demands and failures of a barrier. A week without demands still belongs in the series: it keeps the
 * weeks after it at their place in time for the trend test, while contributing nothing to its sums.
 *
 * @param weekStart the first day of the week (its identity and order)
 * @param demands   D in that week
 * @param failures  F in that week, 0 <= F <= D
 */
public record WeekCount(LocalDate weekStart, long demands, long failures) {

    public WeekCount {
        if (weekStart == null) {
            throw new IllegalArgumentException("a week needs its start");
        }
        if (demands < 0 || failures < 0 || failures > demands) {
            throw new IllegalArgumentException(
                    "need 0 <= F <= D in the week of " + weekStart + ", got D=" + demands + ", F=" + failures);
        }
    }
}
