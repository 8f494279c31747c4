package org.swisscheese.tracker.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An incident's id: its system's id and a sequence number, e.g. {@code support-llm-eu.17}. System ids contain no
 * dot, so the system an incident belongs to can be read off its id.
 */
public record IncidentId(String value) {

    public IncidentId {
        int dot = value == null ? -1 : value.lastIndexOf('.');
        if (dot <= 0
                || !SystemId.isValid(value.substring(0, dot))
                || !value.substring(dot + 1).matches("[0-9]+")) {
            throw new IllegalArgumentException("incident id must look like <system-id>.<number>; got '" + value + "'");
        }
    }

    public static IncidentId of(SystemId systemId, long number) {
        return new IncidentId(systemId.value() + "." + number);
    }

    @JsonCreator
    public static IncidentId of(String value) {
        return new IncidentId(value);
    }

    public SystemId systemId() {
        return new SystemId(value.substring(0, value.lastIndexOf('.')));
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
