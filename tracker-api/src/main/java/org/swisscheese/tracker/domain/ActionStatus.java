package org.swisscheese.tracker.domain;

import java.util.Arrays;
import java.util.Locale;

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
        String given = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.name().equals(given))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("status must be one of " + Arrays.toString(values())
                        + "; got '" + (value != null && value.length() > 40 ? value.substring(0, 40) + "…" : value)
                        + "'"));
    }
}
