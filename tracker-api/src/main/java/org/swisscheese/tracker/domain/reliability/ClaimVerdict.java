package org.swisscheese.tracker.domain.reliability;

/**
 * How an owner's claimed PFD stands against the evidence. Three outcomes, not two, because a claim can be
 * contradicted by the data only in one direction: a claim that is worse than what was observed (above the interval)
 * is merely conservative, and calling it "not demonstrated" would punish owners for being careful.
 */
public enum ClaimVerdict {
    /** The claim lies below the 95% interval: the barrier fails more often than its owner says. */
    NOT_DEMONSTRATED,
    /** The claim lies inside the 95% interval: the data do not contradict it. */
    CONSISTENT,
    /** The claim lies above the 95% interval: the barrier does better than claimed. */
    CONSERVATIVE;

    /** Anything but {@link #NOT_DEMONSTRATED}: the data are not worse than the claim. */
    public boolean demonstrated() {
        return this != NOT_DEMONSTRATED;
    }
}
