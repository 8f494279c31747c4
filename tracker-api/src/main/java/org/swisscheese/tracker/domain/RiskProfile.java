package org.swisscheese.tracker.domain;

import java.util.Objects;

public record RiskProfile(Rating misalignment, Rating optimization, Rating influence) {

    public static final RiskProfile UNKNOWN = new RiskProfile(Rating.MEDIUM, Rating.MEDIUM, Rating.MEDIUM);

    public RiskProfile {
        Objects.requireNonNull(misalignment, "misalignment");
        Objects.requireNonNull(optimization, "optimization");
        Objects.requireNonNull(influence, "influence");
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
