package org.swisscheese.tracker.domain;

/** Barrier categories of the source post, each with the way the post says it fails. */
public enum Category {
    ADVERSARIAL_ROBUSTNESS(Side.THREAT, "Robustness costs clean accuracy and never removes misalignment."),
    ANOMALY_MONITORING(Side.THREAT, "Out-of-distribution or deceptive behaviour is not flagged."),
    INTERPRETABILITY(Side.THREAT, "The network stays a black box."),
    SATISFICER(Side.THREAT, "The easiest way to satisfice is to maximize."),
    QUANTILIZER(Side.THREAT, "The right q is unknown."),
    MYOPIA(Side.THREAT, "Short horizons may still act long-term."),
    COMPUTE_LIMIT(Side.THREAT, "Unenforced, or algorithms come to need less compute."),
    BOXING(Side.THREAT, "Let out by humans, or escapes."),
    POWER_SEEKING_DETECTION(Side.THREAT, "Only identifies power-seeking, does not stop it."),
    IMPACT_MEASURE(Side.THREAT, "Impact is hard to measure; low-impact harm gets through."),
    DEPLOYMENT_GATE(Side.THREAT, "Sunk cost: deployed later anyway, or learns online after the gate."),
    SELF_DECLARATION(Side.CONSEQUENCE, "The bot is not recognised as one, or persuasion works anyway."),
    SAFETY_INTERLOCK(Side.CONSEQUENCE, "The trigger condition is not met, or the interlock is disabled."),
    OFF_SWITCH(Side.CONSEQUENCE, "The system resists or survives shutdown."),
    CORRIGIBILITY(Side.CONSEQUENCE, "Goal-content integrity: it stops deferring."),
    /** Either side; failure modes as described by the owner. */
    CUSTOM(null, "As described by the owner.");

    private final Side side;
    private final String failureModes;

    Category(Side side, String failureModes) {
        this.side = side;
        this.failureModes = failureModes;
    }

    /** The side this category belongs on, or {@code null} for {@link #CUSTOM}, which fits either. */
    public Side side() {
        return side;
    }

    public String failureModes() {
        return failureModes;
    }

    public boolean fits(Side lineSide) {
        return side == null || side == lineSide;
    }

    /**
     * Detection categories see a hazard but cannot stop it (the source post: identification "is not a barrier per
     * se"): a trip of one is evidence that the hazard got past it, never a hold. Every other category acts.
     */
    public boolean detects() {
        return this == ANOMALY_MONITORING || this == INTERPRETABILITY || this == POWER_SEEKING_DETECTION;
    }
}
