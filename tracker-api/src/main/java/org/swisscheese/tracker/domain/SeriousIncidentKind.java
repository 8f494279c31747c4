package org.swisscheese.tracker.domain;

import java.util.Locale;

/**
 * Which serious incident, in the sense of the EU AI Act's Article 73, an incident of a high-risk system is: the kind
 * sets how soon the provider must report it to the market surveillance authority once aware of it (by default 15
 * days; 10 days when a person died; 2 days for a widespread infringement or a serious disruption of critical
 * infrastructure).
 */
public enum SeriousIncidentKind {
    GENERAL,
    DEATH,
    WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE;

    public static SeriousIncidentKind parse(String value) {
        return Names.parse(SeriousIncidentKind.class, value, "'kind'", "");
    }

    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
