package org.swisscheese.tracker.domain;

import java.time.Instant;
import java.util.Comparator;

/**
 * One report as the judge sees it. {@code arrival} orders reports with the same {@code occurredAt}: the order in
 * which the tracker received them. {@code barrierId} is null for a harm report.
 */
public record Step(
        String reportId, ReportType type, String barrierId, Instant occurredAt, long arrival, String consequenceLine) {

    /** Order of occurrence at the source, ties by arrival: late reports land in their place in time. */
    public static final Comparator<Step> IN_TIME_ORDER =
            Comparator.comparing(Step::occurredAt).thenComparingLong(Step::arrival);
}
