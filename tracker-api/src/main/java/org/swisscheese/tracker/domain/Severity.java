package org.swisscheese.tracker.domain;

import java.util.Arrays;
import java.util.Locale;

/**
 * How urgently responders treat an incident, set and changed by people: SEV1 (most severe: harm or an imminent full
 * failure, all hands now) to SEV4 (least: worth a look in working hours). It is their judgement of the response the
 * incident needs, not the model's: the tracker never derives it from the {@link Outcome} and never changes it by
 * itself.
 */
public enum Severity {
    SEV1,
    SEV2,
    SEV3,
    SEV4;

    /** The severity a person typed, case-insensitive; refused in words if it is none of SEV1..SEV4. */
    public static Severity parse(String value) {
        String given = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.name().equals(given))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("severity must be one of "
                        + Arrays.toString(values()) + " (SEV1 the most severe); got '"
                        + (value != null && value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'"));
    }
}
