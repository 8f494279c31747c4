package org.swisscheese.tracker.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.Objects;

/**
 * One barrier of a bow-tie as its owner described it. {@code claimedPfd} is the probability of failure on
 * demand the owner claims for it, if any, to be checked against what production demonstrates. {@code acts}
 * overrides whether the barrier can stop a hazard (null: its category decides, see {@link Category#detects()}).
 * {@code expectedEvery}: how often the barrier reports (any report, a heartbeat included) when it is alive; null when
 * nobody promised (see {@link BarrierLiveness}). Left out of the stored JSON when null, so bow-ties stored before it
 * existed are stored as they were.
 */
public record BarrierSpec(
        String id,
        String name,
        Category category,
        String owner,
        String description,
        Double claimedPfd,
        Boolean acts,
        @JsonInclude(JsonInclude.Include.NON_NULL) Duration expectedEvery) {

    public BarrierSpec {
        Objects.requireNonNull(id, "barrier id");
        Objects.requireNonNull(category, "barrier category");
        name = name == null || name.isBlank() ? id : name;
        description = description == null || description.isBlank() ? category.failureModes() : description;
    }

    public BarrierSpec(
            String id,
            String name,
            Category category,
            String owner,
            String description,
            Double claimedPfd,
            Boolean acts) {
        this(id, name, category, owner, description, claimedPfd, acts, null);
    }

    public BarrierSpec(String id, String name, Category category, String owner, String description, Double claimedPfd) {
        this(id, name, category, owner, description, claimedPfd, null, null);
    }

    public static BarrierSpec of(String id, String name, Category category) {
        return new BarrierSpec(id, name, category, null, null, null, null, null);
    }

    public BarrierSpec withExpectedEvery(Duration every) {
        return new BarrierSpec(id, name, category, owner, description, claimedPfd, acts, every);
    }

    /** Whether a trip of this barrier stops the hazard (it acts) or only sees it pass (it detects). */
    public boolean acting() {
        return acts != null ? acts : !category.detects();
    }

    /**
     * The same barrier as far as its demands go: how often it reports is about watching it, not about what it does,
     * so a changed {@code expectedEvery} alone gives it no new version and its statistics go on.
     */
    public boolean sameBarrier(BarrierSpec other) {
        return other != null && withExpectedEvery(null).equals(other.withExpectedEvery(null));
    }
}
