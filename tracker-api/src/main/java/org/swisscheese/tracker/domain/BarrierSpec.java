package org.swisscheese.tracker.domain;

import java.util.Objects;

/**
 * One barrier of a bow-tie as its owner described it. {@code claimedPfd} is the probability of failure on
 * demand the owner claims for it, if any, to be checked against what production demonstrates.
 */
public record BarrierSpec(String id, String name, Category category, String owner, String description,
                          Double claimedPfd) {

    public BarrierSpec {
        Objects.requireNonNull(id, "barrier id");
        Objects.requireNonNull(category, "barrier category");
        name = name == null || name.isBlank() ? id : name;
        description = description == null || description.isBlank() ? category.failureModes() : description;
    }

    public static BarrierSpec of(String id, String name, Category category) {
        return new BarrierSpec(id, name, category, null, null, null);
    }
}
