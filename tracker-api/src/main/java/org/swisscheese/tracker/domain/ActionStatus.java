package org.swisscheese.tracker.domain;

/**
 * Where a follow-up action from an incident's review stands. Only an OPEN action can become overdue; DONE and DROPPED
 * are closed (and may be reopened).
 */
public enum ActionStatus {
    OPEN,
    DONE,
    DROPPED;

    /** The status a person typed, case-insensitive; refused in words if it is none of the three. */
    public static ActionStatus parse(String value) {
        return Names.parse(ActionStatus.class, value, "status", "");
    }
}
