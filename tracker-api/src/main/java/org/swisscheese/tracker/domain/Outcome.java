package org.swisscheese.tracker.domain;

import java.util.Comparator;

/** How close an incident (or one path of it) came to a full swiss-cheese failure. */
public enum Outcome {
    /** Past at least one barrier, and nothing holds it yet. */
    UNDETERMINED(2),
    /** An acting barrier holds at the hazard's position, after the hazard got past at least one barrier. */
    NEAR_MISS(1),
    /** Past every preventive barrier of a path: the top event happened. */
    TOP_EVENT(3),
    /** Past every barrier of a path, or harm reported. */
    FULL_FAILURE(4);

    private final int severity;

    Outcome(int severity) {
        this.severity = severity;
    }

    /**
     * Worst first: FULL_FAILURE, TOP_EVENT, UNDETERMINED, NEAR_MISS. A contained line never masks a loose one, so a
     * hazard nothing holds yet ranks above one that is held.
     */
    public static final Comparator<Outcome> WORST_FIRST =
            Comparator.comparingInt((Outcome o) -> o.severity).reversed();

    public int severity() {
        return severity;
    }

    public boolean isWorseThan(Outcome other) {
        return severity > other.severity;
    }

    /** TOP_EVENT and FULL_FAILURE never close by themselves: they wait for a postmortem. */
    public boolean needsPostmortem() {
        return severity >= TOP_EVENT.severity;
    }
}
