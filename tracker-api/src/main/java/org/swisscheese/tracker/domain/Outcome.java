package org.swisscheese.tracker.domain;

/** How close an incident came to a full swiss-cheese failure; later constants are worse, and worst wins. */
public enum Outcome {
    UNDETERMINED,
    /** A barrier held after at least one breach. */
    NEAR_MISS,
    /** Every preventive barrier of the line was breached, or a reactive barrier was demanded. */
    TOP_EVENT,
    /** Every barrier of a path was breached, or harm was reported: margin 0. */
    FULL_FAILURE;

    public boolean isWorseThan(Outcome other) {
        return compareTo(other) > 0;
    }
}
