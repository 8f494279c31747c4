package org.swisscheese.tracker.domain;

public enum SystemKind {
    IMAGE_CLASSIFIER,
    LANGUAGE_MODEL,
    GENERALIST_AGENT,
    RL_AGENT,
    OTHER
}
