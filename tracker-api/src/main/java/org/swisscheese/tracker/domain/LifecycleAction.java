package org.swisscheese.tracker.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a person asks of a system's lifecycle, by the name they use ({@code POST /api/systems/{id}/deploy}), and the
 * state it leads to. Deploy and resume lead to the same state; they are two words for it, resume for a suspended
 * system and deploy for any other. Which actions are allowed follows from {@link Lifecycle#next()}, so the read side
 * can offer exactly the actions the aggregate would accept.
 */
public enum LifecycleAction {
    DEPLOY(Lifecycle.DEPLOYED),
    SUSPEND(Lifecycle.SUSPENDED),
    RESUME(Lifecycle.DEPLOYED),
    SHUTDOWN(Lifecycle.SHUT_DOWN),
    DECOMMISSION(Lifecycle.DECOMMISSIONED);

    private final Lifecycle target;

    LifecycleAction(Lifecycle target) {
        this.target = target;
    }

    public Lifecycle target() {
        return target;
    }

    /** The name in the path of the endpoint: deploy, suspend, resume, shutdown, decommission. */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LifecycleAction> ofPath(String path) {
        return Arrays.stream(values()).filter(a -> a.path().equals(path)).findFirst();
    }

    /**
     * Whether a system in {@code from} would move on this action. The aggregate accepts deploy and resume alike;
     * only the one whose word fits is offered, so a suspended system is resumed and any other deployed.
     */
    public boolean isOfferedIn(Lifecycle from) {
        if (target == Lifecycle.DEPLOYED && (this == RESUME) != (from == Lifecycle.SUSPENDED)) {
            return false;
        }
        return from.canMoveTo(target);
    }

    /** The actions to offer a system in {@code from}, in the order of the lifecycle. */
    public static List<LifecycleAction> offeredIn(Lifecycle from) {
        return Arrays.stream(values()).filter(a -> a.isOfferedIn(from)).toList();
    }
}
