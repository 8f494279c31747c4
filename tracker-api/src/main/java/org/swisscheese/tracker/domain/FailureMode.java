package org.swisscheese.tracker.domain;

/**
 * How a barrier failed in an incident, in the sense of BSCAT (the barrier-based systematic cause analysis technique
 * used with bow-ties): the barrier was not there when the hazard came, it was there and did not work, or it worked as
 * designed and the design was not enough.
 */
public enum FailureMode {
    /** Not in place when it was needed (not built, switched off, bypassed). */
    MISSING,
    /** In place, and did not work as designed. */
    FAILED,
    /** Worked as designed; the design did not stop this hazard. */
    INADEQUATE
}
