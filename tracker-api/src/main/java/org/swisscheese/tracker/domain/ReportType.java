package org.swisscheese.tracker.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a barrier reported from production; the wire names are the CloudEvents {@code type}s. */
public enum ReportType {
    TRIPPED("ai.barrier.tripped"),
    BREACHED("ai.barrier.breached"),
    DEGRADED("ai.barrier.degraded"),
    RESTORED("ai.barrier.restored"),
    ANOMALY_DETECTED("ai.anomaly.detected"),
    SHUTDOWN_REQUESTED("ai.shutdown.requested"),
    SHUTDOWN_COMPLETED("ai.shutdown.completed"),
    SHUTDOWN_FAILED("ai.shutdown.failed"),
    HARM_REPORTED("ai.harm.reported"),
    /** A quiet barrier proving it is alive: no demand, no incident, no statistics. */
    HEARTBEAT("ai.barrier.heartbeat"),
    /** A model, guardrail or configuration rollout of the system: about the system, not a barrier; no incident. */
    SYSTEM_CHANGED("ai.system.changed");

    private final String wireType;

    ReportType(String wireType) {
        this.wireType = wireType;
    }

    public String wireType() {
        return wireType;
    }

    public static Optional<ReportType> fromWire(String type) {
        return Arrays.stream(values()).filter(t -> t.wireType.equals(type)).findFirst();
    }

    /** The barrier was called on to act (a demand), whatever the result. */
    public boolean isDemand() {
        return switch (this) {
            case TRIPPED, BREACHED, ANOMALY_DETECTED, SHUTDOWN_REQUESTED, SHUTDOWN_COMPLETED, SHUTDOWN_FAILED -> true;
            default -> false;
        };
    }

    /** The barrier was demanded and failed: a hole the hazard went through. */
    public boolean isFailure() {
        return this == BREACHED || this == SHUTDOWN_FAILED;
    }

    /** The barrier was demanded and did its job. */
    public boolean isHold() {
        return this == TRIPPED || this == ANOMALY_DETECTED || this == SHUTDOWN_COMPLETED;
    }

    /** About the barrier's service state, not about a hazard: no demand, no incident. */
    public boolean isServiceState() {
        return this == DEGRADED || this == RESTORED;
    }

    /** Shutdown reports concern the off switch: the barrier id may be left out. */
    public boolean isShutdown() {
        return this == SHUTDOWN_REQUESTED || this == SHUTDOWN_COMPLETED || this == SHUTDOWN_FAILED;
    }

    /**
     * Not about a hazard at all: a heartbeat or a rollout. Recorded as events of their own (never as a
     * {@code ReportRecorded}), so no incident, judgement or demand ever sees them.
     */
    public boolean isNotice() {
        return this == HEARTBEAT || this == SYSTEM_CHANGED;
    }

    /** Evidence that the system is still acting in the world. */
    public boolean isActivity() {
        return this == TRIPPED || this == BREACHED || this == ANOMALY_DETECTED || this == HARM_REPORTED;
    }
}
