package org.swisscheese.tracker.api;

import java.util.List;

/**
 * What harm an incident did, in the terms of the OECD's framework for AI incidents (and compatible with the AI
 * Incident Database's taxonomy): the kinds of harm, how severe (a hazard that harmed nobody, an incident, a serious
 * incident, a disaster), and who was affected.
 */
public record HarmClassification(List<HarmType> types, HarmSeverity severity, List<Stakeholder> stakeholders) {

    public HarmClassification {
        types = types == null ? List.of() : List.copyOf(types);
        stakeholders = stakeholders == null ? List.of() : List.copyOf(stakeholders);
    }

    /** The OECD's harm dimensions. */
    public enum HarmType {
        PHYSICAL,
        PSYCHOLOGICAL,
        ECONOMIC_OR_PROPERTY,
        REPUTATIONAL,
        ENVIRONMENTAL,
        PUBLIC_INTEREST,
        HUMAN_RIGHTS,
        CRITICAL_INFRASTRUCTURE
    }

    /** The OECD's terms: an AI hazard (could have harmed), an AI incident, a serious AI incident, an AI disaster. */
    public enum HarmSeverity {
        HAZARD,
        INCIDENT,
        SERIOUS_INCIDENT,
        DISASTER
    }

    public enum Stakeholder {
        CONSUMERS,
        WORKERS,
        BUSINESSES,
        CHILDREN,
        GENERAL_PUBLIC,
        GOVERNMENT,
        OTHER
    }
}
