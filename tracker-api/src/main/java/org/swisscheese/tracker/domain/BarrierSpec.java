package org.swisscheese.tracker.domain;

import java.util.Objects;

/**
 * One barrier of a bow-tie as its owner described it. {@code claimedPfd} is the probability of failure on
 * demand the owner claims for it, if any, to be checked against what production demonstrates. {@code acts}
 * overrides whether the barrier can stop a hazard (null: its category decides, see {@link Category#detects()}).
 */
public record BarrierSpec(
        String id, String name, Category category, String owner, String description, Double claimedPfd, Boolean acts) {

    public BarrierSpec {
        Objects.requireNonNull(id, "barrier id");
        Objects.requireNonNull(category, "barrier category");
        name = name == null || name.isBlank() ? id : name;
        description = description == null || description.isBlank() ? category.failureModes() : description;
    }

    public BarrierSpec(String id, String name, Category category, String owner, String description, Double claimedPfd) {
        this(id, name, category, owner, description, claimedPfd, null);
    }

    public static BarrierSpec of(String id, String name, Category category) {
        return new BarrierSpec(id, name, category, null, null, null, null);
    }

    /** Whether a trip of this barrier stops the hazard (it acts) or only sees it pass (it detects). */
    public boolean acting() {
        return acts != null ? acts : !category.detects();
    }
}
