package org.swisscheese.tracker.domain;

/** The source post's classes of AI, from its three ingredients: misalignment, optimization, influence. */
public enum RiskClass {
    /** No misalignment. */
    ALIGNED,
    /** Misaligned, with influence but no optimization: a deactivated bomb. */
    DORMANT,
    /** Misaligned, with optimization but no influence over the world. */
    SPONGE,
    /** Misaligned, optimizing and influential: the dangerous one. */
    AGENTIC,
    /** Misaligned but neither optimizing nor influential. */
    INERT
}
