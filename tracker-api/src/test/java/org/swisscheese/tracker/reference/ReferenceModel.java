package org.swisscheese.tracker.reference;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary shared by the production model and the deliberately naive reference model of DESIGN §4
 * ({@link NaiveSwissCheese}) in property tests. Only data lives here: no rule. Categories and report types are the
 * public wire names (category enum names, CloudEvents types), so neither side borrows the other's code.
 */
public final class ReferenceModel {

    private ReferenceModel() {}

    /** {@code acts}: null = the category's default (detection categories detect, every other category acts). */
    public record Barrier(String id, String category, Boolean acts) {}

    /** A threat line ({@code threat} true: preventive barriers) or a consequence line; barriers in path order. */
    public record Line(String id, boolean threat, List<Barrier> barriers) {}

    /** Inputs in the order the tracker receives them. */
    public sealed interface Input {}

    /**
     * One report. {@code type} is the CloudEvents type ({@code ai.barrier.tripped}, ...); {@code barrierId} may be
     * null for shutdown reports (then: the first OFF_SWITCH barrier) and harm; {@code test} marks a proof test.
     */
    public record ReportInput(
            String source,
            String id,
            String type,
            String barrierId,
            String chainId,
            Instant occurredAt,
            String consequenceLine,
            boolean test)
            implements Input {}

    /** An operator moves the system to DEPLOYED, SUSPENDED, SHUT_DOWN or DECOMMISSIONED at {@code at}. */
    public record LifecycleInput(String target, Instant at) implements Input {}

    /** The owner replaces the bow-tie (same hazard); open incidents are re-judged under the new one. */
    public record ReviseInput(List<Line> lines) implements Input {}

    /**
     * An analyst reclassifies report {@code reportId} of incident {@code incident} (its number) as {@code as} (a
     * {@code ReportClass} name: SPURIOUS_TRIP, PROOF_TEST, NOT_APPLICABLE, COMMON_CAUSE).
     */
    public record ReclassifyInput(int incident, String reportId, String as) implements Input {}

    /** An operator declares a barrier back in service (clears DEGRADED and IMPAIRED) at {@code at}. */
    public record RestoreInput(String barrierId, Instant at) implements Input {}

    /** One path of an incident: the hazard's position on it and what that means. */
    public record PathResult(
            String threatLineId,
            String consequenceLineId,
            int position,
            int length,
            int margin,
            String outcome,
            String stoppedBy) {}

    /**
     * One incident as judged after the last input. {@code reportIds}: the reports correlated into it (proof tests
     * and duplicates never), in arrival order. {@code paths}: every path the incident touched. {@code outcome},
     * {@code margin}, {@code stoppedBy}, {@code pathLength}: those of the worst path. {@code breachedBarriers}:
     * every barrier that failed a demand in this incident, any line, in order of occurrence, each once.
     * {@code outcomeHistory}: the incident's outcome when it opened, then after every input that changed it.
     */
    public record IncidentResult(
            int number,
            String chainId,
            List<String> reportIds,
            String outcome,
            List<String> breachedBarriers,
            String stoppedBy,
            int margin,
            int pathLength,
            List<PathResult> paths,
            List<String> outcomeHistory) {}

    /**
     * Everything after the last input. {@code barrierStates}: IN_SERVICE, DEGRADED or IMPAIRED per barrier of the
     * current bow-tie. {@code lifecycle}: the system's lifecycle. {@code duplicates}: ids of reports recognised as
     * redeliveries. {@code demands}: per barrier, how many demands held and failed (proof tests excluded; one
     * shutdown is one demand). {@code proofTests}: per barrier, [passed, failed].
     */
    public record Result(
            List<IncidentResult> incidents,
            Map<String, String> barrierStates,
            String lifecycle,
            List<String> duplicates,
            Map<String, int[]> demands,
            Map<String, int[]> proofTests,
            boolean activityAfterShutdown) {}

    /** What a model is asked: a system deployed at {@code deployedAt} with this bow-tie, then the inputs. */
    public record Scenario(List<Line> lines, Duration correlationWindow, Instant deployedAt, List<Input> inputs) {}
}
