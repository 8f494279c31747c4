package org.swisscheese.tracker.domain;

public enum Rating {
    NONE,
    LOW,
    MEDIUM,
    HIGH;

    public boolean present() {
        return this != NONE;
    }
}
