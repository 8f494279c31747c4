package org.swisscheese.tracker.domain.reliability;

import java.time.Instant;

/**
 * A stretch during which a barrier was out of service. Outages come from independent reports and may overlap (a
 * degrade reported twice, a proof test during a maintenance window); availability counts their union, never their
 * sum, so an overlap cannot make a barrier "less than unavailable".
 *
 * @param start when the barrier went out of service
 * @param end   when it was restored, or {@code null} while it is still out
 */
public record Outage(Instant start, Instant end) {

    public Outage {
        if (start == null) {
            throw new IllegalArgumentException("an outage needs a start");
        }
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("an outage cannot end (" + end + ") before it starts (" + start + ")");
        }
    }

    /** An outage that has not ended. */
    public static Outage open(Instant start) {
        return new Outage(start, null);
    }

    public boolean isOpen() {
        return end == null;
    }
}
