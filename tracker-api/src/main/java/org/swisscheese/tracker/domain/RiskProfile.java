package org.swisscheese.tracker.domain;

import java.util.Objects;

/**
 * The source post's three ingredients of a dangerous AI, each rated, with why ({@code rationale}: what the owner
 * based each rating on; it is part of the record an auditor reads).
 */
public record RiskProfile(Rating misalignment, Rating optimization, Rating influence, Rationale rationale) {

    /** Why each ingredient got its rating. */
    public record Rationale(String misalignment, String optimization, String influence) {
        public static final Rationale NONE = new Rationale(null, null, null);
    }

    /** Nothing known: every ingredient assumed present. */
    public static final RiskProfile UNKNOWN = new RiskProfile(
            Rating.MEDIUM,
            Rating.MEDIUM,
            Rating.MEDIUM,
            new Rationale("not rated: assumed present", "not rated: assumed present", "not rated: assumed present"));

    public RiskProfile {
        Objects.requireNonNull(misalignment, "misalignment");
        Objects.requireNonNull(optimization, "optimization");
        Objects.requireNonNull(influence, "influence");
        rationale = rationale == null ? Rationale.NONE : rationale;
    }

    public RiskProfile(Rating misalignment, Rating optimization, Rating influence) {
        this(misalignment, optimization, influence, Rationale.NONE);
    }

    public RiskClass riskClass() {
        if (!misalignment.present()) {
            return RiskClass.ALIGNED;
        }
        if (optimization.present() && influence.present()) {
            return RiskClass.AGENTIC;
        }
        if (optimization.present()) {
            return RiskClass.SPONGE;
        }
        if (influence.present()) {
            return RiskClass.DORMANT;
        }
        return RiskClass.INERT;
    }
}
