package org.swisscheese.tracker.projection.incidents;

import java.time.Instant;
import java.util.List;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.PathJudgement;
import org.swisscheese.tracker.domain.Severity;

/** The questions the incident-timeline projection answers, and its answers. */
public final class IncidentQueries {

    private IncidentQueries() {}

    /**
     * Newest first; every filter optional. {@code status}: OPEN, RESOLVED, NOT_AN_INCIDENT or MERGED; {@code barrierId}:
     * incidents that breached that barrier; {@code acknowledged}, {@code assignee} (exact), {@code severity}: as
     * responders left them; {@code notAnIncident}: false leaves out incidents closed as not an incident (as every
     * count of incidents should), true keeps only those.
     */
    public record FindIncidents(
            String systemId,
            String status,
            Outcome outcome,
            Instant from,
            Instant to,
            String barrierId,
            Boolean acknowledged,
            String assignee,
            Severity severity,
            Boolean notAnIncident,
            int page,
            int size) {

        public FindIncidents(
                String systemId,
                String status,
                Outcome outcome,
                Instant from,
                Instant to,
                String barrierId,
                int page,
                int size) {
            this(systemId, status, outcome, from, to, barrierId, null, null, null, null, page, size);
        }
    }

    public record GetIncident(String incidentId) {}

    public record GetIncidentTimeline(String incidentId) {}

    /**
     * One incident as the aggregate last judged it. {@code path}, {@code position}, {@code margin},
     * {@code stoppedBy}: its worst path; {@code breachedBarriers}: every failure on any line, in order of occurrence;
     * {@code silentlyPassed}: barriers it got past with no report (never counted as breaches); {@code detectedBy}:
     * detection barriers that saw it pass; {@code paths}: every path it touched. {@code status}: OPEN, RESOLVED,
     * NOT_AN_INCIDENT or MERGED; {@code resolvedAt}, {@code resolvedBy}: when and by whom it was closed, any way.
     * Incident response: {@code acknowledgedAt}, {@code acknowledgedBy}, {@code assignee}, {@code severity} (null until
     * someone sets them), {@code notAnIncident} with its reason; {@code mergedInto}: the incident a MERGED one joined;
     * {@code splitFrom}: the incident this one was split off.
     */
    public record IncidentView(
            String id,
            String systemId,
            String chainId,
            String status,
            Outcome outcome,
            List<String> breachedBarriers,
            String stoppedBy,
            int breachedCount,
            int pathLength,
            int position,
            int margin,
            int barriersPassed,
            boolean topEventReached,
            boolean harmReported,
            String threatLine,
            String consequenceLine,
            List<String> path,
            int threatLength,
            List<String> silentlyPassed,
            List<String> detectedBy,
            List<PathJudgement> paths,
            boolean activityAfterShutdown,
            String reassessedBecause,
            int reportCount,
            Instant openedAt,
            Instant lastReportAt,
            Instant resolvedAt,
            Boolean resolvedQuietly,
            String resolvedBy,
            Postmortem postmortem,
            Instant acknowledgedAt,
            String acknowledgedBy,
            String assignee,
            Severity severity,
            boolean notAnIncident,
            String notAnIncidentReason,
            String mergedInto,
            String splitFrom,
            SeriousIncident seriousIncident) {}

    /**
     * An incident of a high-risk system declared a serious incident (EU AI Act Art. 73): its {@code kind}, since when
     * the provider knew, when its report is due, when and under which reference it was reported, and whether it went
     * overdue first.
     */
    public record SeriousIncident(
            String kind, Instant awareAt, Instant due, Instant reportedAt, String reference, boolean overdue) {}

    public record IncidentPage(List<IncidentView> items, int page, int size, long total) {}

    /**
     * {@code inferredFrom}: set on the off-switch failure the tracker inferred from activity after shutdown.
     * {@code reclassifiedAs} (SPURIOUS_TRIP, PROOF_TEST, NOT_APPLICABLE, COMMON_CAUSE) and its reason: what an
     * analyst found the report to be; the first three are no evidence, and the steps after it are judged without it.
     */
    public record ReportView(
            String reportId,
            String source,
            String type,
            String barrierId,
            Integer barrierVersion,
            String chainId,
            Instant occurredAt,
            Instant receivedAt,
            String detail,
            String consequenceLine,
            String inferredFrom,
            String reclassifiedAs,
            String reclassifiedReason) {}

    /** One barrier of the path after a step: how it is drawn (see {@code BarrierMark.Mark}). */
    public record BarrierOnPath(String barrierId, String name, String category, String mark) {}

    /** The incident after one report: its worst path then, barrier by barrier, and what that means. */
    public record PathState(
            String threatLine,
            String consequenceLine,
            List<BarrierOnPath> barriers,
            int position,
            int pathLength,
            int threatLength,
            int margin,
            Outcome outcome,
            String stoppedBy,
            List<String> breachedBarriers,
            List<String> silentlyPassed,
            List<String> detectedBy) {}

    public record TimelineStep(int index, ReportView report, PathState after) {}

    /**
     * Something a person did about the incident. {@code kind}: ACKNOWLEDGED, ASSIGNED (value: the assignee,
     * previous: the one before), UNASSIGNED (previous: who was), SERIOUS_INCIDENT_DECLARED / _REPORTED / _OVERDUE, REPORT_RECLASSIFIED (value: the report, its class and the reason), SEVERITY_CHANGED (value: SEV1..SEV4, previous: the one before), NOTE_ADDED (value:
     * the text), MARKED_NOT_AN_INCIDENT (value: the reason), ACTION_ADDED and ACTION_UPDATED (value: the action as
     * added or as it now is) or ACTION_OVERDUE (by {@code tracker}, at the due date it missed).
     */
    public record ResponseAct(String kind, String by, Instant at, String value, String previous) {}

    /**
     * A rollout of the incident's system ({@code ai.system.changed}) on its timeline: one of the day before the
     * incident opened or of while it was open ({@code SystemChanges}). {@code kind}: MODEL, GUARDRAIL or CONFIGURATION.
     */
    public record SystemChangeView(
            String reportId, String source, String kind, String version, String description, Instant occurredAt) {}

    /**
     * One line of the timeline, reports (by occurrence), acts (by when they were done) and rollouts (by when they went
     * out) in one order. A report's {@code step} is its index in {@code steps}; an act's or a rollout's is the step
     * whose judgement stood then (null before the first report): neither changes the judgement. At one instant a
     * report comes first, then an act, then a rollout.
     */
    public record TimelineEntry(String kind, Instant at, Integer step, ResponseAct act, SystemChangeView change) {
        public static final String REPORT = "REPORT";
        public static final String ACT = "ACT";
        public static final String CHANGE = "CHANGE";

        public TimelineEntry(String kind, Instant at, Integer step, ResponseAct act) {
            this(kind, at, step, act, null);
        }
    }

    /**
     * {@code steps}: the reports, each judged again; {@code acts}: what people did; {@code changes}: the system's
     * rollouts around it; {@code entries}: all of them in order.
     */
    public record Timeline(
            IncidentView incident,
            List<TimelineStep> steps,
            List<ResponseAct> acts,
            List<TimelineEntry> entries,
            List<SystemChangeView> changes) {}

    /**
     * Follow-up actions: of one incident ({@code incidentId} set), or across the fleet, narrowed by {@code systemId},
     * {@code status} (OPEN, DONE, DROPPED) and {@code overdue}; soonest due first.
     */
    public record FindActions(String incidentId, String systemId, String status, Boolean overdue) {}

    /** A follow-up action as it now stands; {@code overdue}: open and past its due date, as the tracker noticed. */
    public record ActionView(
            String actionId,
            String incidentId,
            String systemId,
            String title,
            String owner,
            Instant due,
            String status,
            boolean overdue,
            String addedBy,
            Instant addedAt,
            String changedBy,
            Instant changedAt) {}
}
