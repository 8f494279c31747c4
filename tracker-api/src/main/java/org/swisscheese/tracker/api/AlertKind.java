package org.swisscheese.tracker.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What an alert is about, as routes and silences match it and webhook receivers read it ({@code wire}: the name in
 * JSON, e.g. {@code full-failure}). One incident gives at most one alert of each kind.
 */
public enum AlertKind {
    /** An incident opened (any outcome). */
    INCIDENT_OPENED("incident-opened"),
    /** Its outcome got worse (the first escalation). */
    INCIDENT_ESCALATED("incident-escalated"),
    /** The hazard got past every preventive barrier of a path (or further). */
    TOP_EVENT("top-event"),
    /** Past every barrier of a path, or harm reported. Inhibits the incident's TOP_EVENT alert. */
    FULL_FAILURE("full-failure"),
    /** The system's risk class changed (the new class qualifies the alert). */
    CLASS_CHANGED("class-changed"),
    /** A report occurred after the system was shut down: the off switch did not hold. */
    ACTIVITY_AFTER_SHUTDOWN("activity-after-shutdown"),
    /** Responders rated the incident (the severity qualifies the alert). */
    SEVERITY_CHANGED("severity-changed"),
    /** A follow-up action of the incident is past its due date, still open (the action's id qualifies the alert). */
    OVERDUE_ACTION("overdue-action"),
    /** A serious incident's report to the authority (EU AI Act Art. 73) is past its due date. */
    SERIOUS_INCIDENT_OVERDUE("serious-incident-overdue");

    private final String wire;

    AlertKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The kind by its wire name or its enum name, case-insensitive; refused in words otherwise. */
    @JsonCreator
    public static AlertKind parse(String value) {
        String given =
                value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values())
                .filter(k -> k.wire.equals(given))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("alert kind must be one of "
                        + Arrays.stream(values()).map(AlertKind::wire).toList() + "; got '" + value + "'"));
    }
}
