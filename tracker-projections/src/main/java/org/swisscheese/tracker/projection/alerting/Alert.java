package org.swisscheese.tracker.projection.alerting;

import java.time.Instant;
import org.swisscheese.tracker.api.AlertKind;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Severity;

/**
 * One alert, as matched, grouped and sent. {@code key} = system / incident (or {@code system} for a system's own
 * alerts) / kind [/ qualifier]: the same key is never sent twice to one route. {@code subject} is what flaps: the
 * incident, or the system's class. {@code qualifier}: the new class of a class change, the severity of a severity
 * change; null otherwise.
 */
public record Alert(
        String key,
        String systemId,
        String incidentId,
        AlertKind kind,
        String qualifier,
        Outcome outcome,
        Severity severity,
        Instant occurredAt,
        String eventId,
        String summary) {

    public static String key(String systemId, String incidentId, AlertKind kind, String qualifier) {
        return systemId + "/" + (incidentId == null ? "system" : incidentId) + "/" + kind.wire()
                + (qualifier == null ? "" : "/" + qualifier);
    }

    /** Alerts of one route go in one POST per group: the system's. */
    public String groupKey() {
        return systemId;
    }

    /** What changes state and may flap: the incident, or the system's class. */
    public String subject() {
        return incidentId != null ? incidentId : systemId + "/class";
    }
}
