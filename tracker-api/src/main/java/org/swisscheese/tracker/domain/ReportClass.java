package org.swisscheese.tracker.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an analyst found a report to be, on looking again. A reclassified report is never deleted: it stays in the
 * stream and on the timeline, and the incident is judged again without it when it was no evidence of the hazard.
 */
public enum ReportClass {
    /** The barrier tripped with no real demand (a false alarm): no evidence, and no demand of the barrier. */
    SPURIOUS_TRIP(true, EnumSet.of(ReportType.TRIPPED, ReportType.ANOMALY_DETECTED, ReportType.SHUTDOWN_REQUESTED)),
    /** A drill nobody flagged as one: a proof test of the barrier (passed or failed), not a demand. */
    PROOF_TEST(
            true,
            EnumSet.of(
                    ReportType.TRIPPED,
                    ReportType.BREACHED,
                    ReportType.ANOMALY_DETECTED,
                    ReportType.SHUTDOWN_REQUESTED,
                    ReportType.SHUTDOWN_FAILED)),
    /** It does not belong to this incident or this system (a misrouted report, a test harness): no evidence. */
    NOT_APPLICABLE(
            true,
            EnumSet.of(
                    ReportType.TRIPPED,
                    ReportType.BREACHED,
                    ReportType.ANOMALY_DETECTED,
                    ReportType.SHUTDOWN_REQUESTED,
                    ReportType.SHUTDOWN_FAILED,
                    ReportType.HARM_REPORTED)),
    /** A failure that shares its cause with another barrier's: still evidence and a failed demand, marked as such. */
    COMMON_CAUSE(false, EnumSet.of(ReportType.BREACHED, ReportType.SHUTDOWN_FAILED));

    private final boolean removesEvidence;
    private final Set<ReportType> appliesTo;

    ReportClass(boolean removesEvidence, Set<ReportType> appliesTo) {
        this.removesEvidence = removesEvidence;
        this.appliesTo = appliesTo;
    }

    /** Whether the incident is judged without the report from now on (and it is no demand of its barrier). */
    public boolean removesEvidence() {
        return removesEvidence;
    }

    /**
     * Whether a report of this type can be this: a breach is never a spurious trip, a trip never a common-cause
     * failure; a completed shutdown changed the system's lifecycle and is not reclassified.
     */
    public boolean appliesTo(ReportType type) {
        return appliesTo.contains(type);
    }

    /** The class a person typed, case-insensitive, dashes or underscores; refused in words otherwise. */
    public static ReportClass parse(String value) {
        return Names.parse(ReportClass.class, value, "'as'", "");
    }

    /** In words, for reasons and the timeline: "spurious trip". */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
