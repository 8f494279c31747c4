package org.swisscheese.tracker.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

/**
 * The off switch's demand (DESIGN §4, activity after shutdown): one completed shutdown is one demand, and it failed if
 * anything happened after it, judged by when things occurred, not when they arrived. Pure: the aggregate, the legacy
 * corrections and the reference model read the same rules.
 */
public final class Shutdowns {

    private static final String INFERRED = "#off-switch";

    private Shutdowns() {}

    /** The step id of the off switch's failure inferred from activity after a shutdown: the activity's id and a mark. */
    public static String inferredFailureId(String activityReportId) {
        return activityReportId + INFERRED;
    }

    /** The activity an inferred off-switch failure was inferred from, by the failure's step id; empty for a report. */
    public static Optional<String> inferredFrom(String stepId) {
        return stepId.endsWith(INFERRED)
                ? Optional.of(stepId.substring(0, stepId.length() - INFERRED.length()))
                : Optional.empty();
    }

    /** Whether a step is one of {@code reportIds}, or the off-switch failure inferred from one of them. */
    public static boolean isOrInferredFrom(String stepId, Collection<String> reportIds) {
        return reportIds.contains(stepId)
                || inferredFrom(stepId).filter(reportIds::contains).isPresent();
    }

    /**
     * Whether activity that occurred at {@code activityAt} defeats a shutdown that took effect at {@code shutdownAt}:
     * only what happened strictly after it. A late report of something that happened before the shutdown (a late harm
     * report, typically) is no activity after it.
     */
    public static boolean defeats(Instant shutdownAt, Instant activityAt) {
        return activityAt.isAfter(shutdownAt);
    }

    /**
     * The activity that defeats a shutdown just put in force among activity already known (which may have arrived
     * before the shutdown report): the earliest that occurred after it. A shutdown is defeated once, by that one.
     */
    public static <T> Optional<T> firstDefeating(
            Instant shutdownAt, Collection<T> activity, Function<T, Instant> occurredAt) {
        return activity.stream()
                .filter(a -> defeats(shutdownAt, occurredAt.apply(a)))
                .min(Comparator.comparing(occurredAt));
    }

    /**
     * The off switch charged with the failed demand: the one the shutdown named (a shutdown that named none was
     * given the first OFF_SWITCH when it arrived), even if a revision has removed it since: the demand was made of it
     * then, and a removed barrier keeps its history.
     */
    public static String chargedOffSwitch(String namedOffSwitch) {
        return namedOffSwitch;
    }

    /**
     * The incident the failed demand is evidence in: the shutdown's own incident while it is open, else the
     * activity's.
     */
    public static String chargedIncident(
            String shutdownIncident, boolean shutdownIncidentOpen, String activityIncident) {
        return shutdownIncident != null && shutdownIncidentOpen ? shutdownIncident : activityIncident;
    }
}
