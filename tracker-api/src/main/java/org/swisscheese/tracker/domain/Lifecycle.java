package org.swisscheese.tracker.domain;

import java.util.EnumSet;
import java.util.Set;

/** REGISTERED → DEPLOYED → SUSPENDED / SHUT_DOWN → DECOMMISSIONED. */
public enum Lifecycle {
    REGISTERED,
    DEPLOYED,
    SUSPENDED,
    SHUT_DOWN,
    DECOMMISSIONED;

    public Set<Lifecycle> next() {
        return switch (this) {
            case REGISTERED -> EnumSet.of(DEPLOYED, DECOMMISSIONED);
            case DEPLOYED -> EnumSet.of(SUSPENDED, SHUT_DOWN, DECOMMISSIONED);
            case SUSPENDED -> EnumSet.of(DEPLOYED, SHUT_DOWN, DECOMMISSIONED);
            case SHUT_DOWN -> EnumSet.of(DEPLOYED, DECOMMISSIONED);
            case DECOMMISSIONED -> EnumSet.noneOf(Lifecycle.class);
        };
    }

    public boolean canMoveTo(Lifecycle target) {
        return next().contains(target);
    }

    /** A system in this state should produce no activity: any report from it means the off switch did not hold. */
    public boolean isOff() {
        return this == SHUT_DOWN || this == DECOMMISSIONED;
    }
}
