package org.swisscheese.tracker.domain;

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
        return Names.parse(Severity.class, value, "severity", " (SEV1 the most severe)");
    }
}
