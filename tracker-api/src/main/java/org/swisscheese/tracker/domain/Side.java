package org.swisscheese.tracker.domain;

/** Which half of the bow-tie a line sits on. */
public enum Side {
    /** Left of the top event: preventive barriers, from the threat towards the top event. */
    THREAT,
    /** Right of the top event: reactive barriers, from the top event towards the harm. */
    CONSEQUENCE
}
