package org.swisscheese.tracker.domain;

/** Barrier categories of the source post, each with the way the post says it fails. */
public enum Category {
    ADVERSARIAL_ROBUSTNESS(
            Side.THREAT, Ingredient.MISALIGNMENT, "Robustness costs clean accuracy and never removes misalignment."),
    ANOMALY_MONITORING(
            Side.THREAT, Ingredient.MISALIGNMENT, "Out-of-distribution or deceptive behaviour is not flagged."),
    INTERPRETABILITY(Side.THREAT, Ingredient.MISALIGNMENT, "The network stays a black box."),
    SATISFICER(Side.THREAT, Ingredient.OPTIMIZATION, "The easiest way to satisfice is to maximize."),
    QUANTILIZER(Side.THREAT, Ingredient.OPTIMIZATION, "The right q is unknown."),
    MYOPIA(Side.THREAT, Ingredient.OPTIMIZATION, "Short horizons may still act long-term."),
    COMPUTE_LIMIT(Side.THREAT, Ingredient.OPTIMIZATION, "Unenforced, or algorithms come to need less compute."),
    BOXING(Side.THREAT, Ingredient.INFLUENCE, "Let out by humans, or escapes."),
    POWER_SEEKING_DETECTION(Side.THREAT, Ingredient.INFLUENCE, "Only identifies power-seeking, does not stop it."),
    IMPACT_MEASURE(Side.THREAT, Ingredient.INFLUENCE, "Impact is hard to measure; low-impact harm gets through."),
    DEPLOYMENT_GATE(
            Side.THREAT, Ingredient.INFLUENCE, "Sunk cost: deployed later anyway, or learns online after the gate."),
    SELF_DECLARATION(
            Side.CONSEQUENCE, Ingredient.CONSEQUENCE, "The bot is not recognised as one, or persuasion works anyway."),
    SAFETY_INTERLOCK(
            Side.CONSEQUENCE,
            Ingredient.CONSEQUENCE,
            "The trigger condition is not met, or the interlock is disabled."),
    OFF_SWITCH(Side.CONSEQUENCE, Ingredient.CONSEQUENCE, "The system resists or survives shutdown."),
    CORRIGIBILITY(Side.CONSEQUENCE, Ingredient.CONSEQUENCE, "Goal-content integrity: it stops deferring."),
    /** Either side; failure modes as described by the owner. */
    CUSTOM(null, null, "As described by the owner.");

    /**
     * What a category guards against, after the source post: the hazard itself (misalignment), one of the two
     * ingredients that make a misaligned AI dangerous (optimization, influence), or the consequences once it acts.
     */
    public enum Ingredient {
        MISALIGNMENT,
        OPTIMIZATION,
        INFLUENCE,
        CONSEQUENCE
    }

    private final Side side;
    private final Ingredient ingredient;
    private final String failureModes;

    Category(Side side, Ingredient ingredient, String failureModes) {
        this.side = side;
        this.ingredient = ingredient;
        this.failureModes = failureModes;
    }

    /** What it guards against, or null for {@link #CUSTOM}. */
    public Ingredient ingredient() {
        return ingredient;
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
