package org.swisscheese.tracker.domain;

/** Whether a barrier is a slice without a hole right now. Degraded and impaired barriers are holes in every margin. */
public enum BarrierState {
    IN_SERVICE,
    /** Reported out of service ({@code degraded}) and not restored since: a hole with no demand. */
    DEGRADED,
    /** Revealed failed: a reactive barrier that failed a demand, or any barrier that failed a proof test. */
    IMPAIRED;

    public boolean inService() {
        return this == IN_SERVICE;
    }
}
