package org.swisscheese.tracker.domain;

/** How one barrier of a path is drawn: by what the hazard did there, or by its service state. */
public record BarrierMark(String barrierId, Mark mark) {

    public enum Mark {
        /** Failed a demand: a hole the hazard went through. */
        BREACHED,
        /** A detection barrier saw the hazard pass: not a hole, not a stop either. */
        DETECTED,
        /** Behind the hazard with no report about it: passed silently, never counted as a breach. */
        PASSED_SILENTLY,
        /** Behind the hazard although reported (it held once, then something further on failed). */
        PASSED,
        /** The acting barrier holding the hazard right now. */
        HOLDING,
        /** An acting barrier in service ahead of the hazard: counts in the margin. */
        STANDING,
        /** A detection barrier in service ahead of the hazard: sees, does not stop, does not count. */
        WATCHING,
        /** Out of service: a hole with no demand. */
        DEGRADED,
        /** Revealed failed and not restored: a hole. */
        IMPAIRED
    }
}
