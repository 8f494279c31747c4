package org.swisscheese.tracker.domain;

/** What a rollout of a system changed ({@code ai.system.changed}): its model, a guardrail, or its configuration. */
public enum SystemChangeKind {
    MODEL,
    GUARDRAIL,
    CONFIGURATION
}
