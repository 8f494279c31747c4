package org.swisscheese.tracker.domain;

import java.time.Instant;
import java.util.Comparator;

/** When something happened at the source, ties broken by the order the tracker received it. */
public record Moment(Instant occurredAt, long arrival) implements Comparable<Moment> {

    private static final Comparator<Moment> ORDER =
            Comparator.comparing(Moment::occurredAt).thenComparingLong(Moment::arrival);

    @Override
    public int compareTo(Moment other) {
        return ORDER.compare(this, other);
    }

    public boolean isAfter(Moment other) {
        return compareTo(other) > 0;
    }
}
