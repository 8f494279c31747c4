package org.swisscheese.tracker.projection.incidents;

import java.time.Instant;
import java.util.List;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.PathJudgement;

/** The questions the incident-timeline projection answers, and its answers. */
public final class IncidentQueries {

    private IncidentQueries() {
    }

    /** Newest first; every filter optional. {@code barrierId}: incidents that breached that barrier. */
    public record FindIncidents(String systemId, String status, Outcome outcome, Instant from, Instant to,
                                String barrierId, int page, int size) {
    }

    public record GetIncident(String incidentId) {
    }

    public record GetIncidentTimeline(String incidentId) {
    }

    /**
     * One incident as the aggregate last judged it. {@code path}, {@code position}, {@code margin},
     * {@code stoppedBy}: its worst path; {@code breachedBarriers}: every failure on any line, in order of occurrence;
     * {@code silentlyPassed}: barriers it got past with no report (never counted as breaches); {@code detectedBy}:
     * detection barriers that saw it pass; {@code paths}: every path it touched.
     */
    public record IncidentView(String id, String systemId, String chainId, String status, Outcome outcome,
                               List<String> breachedBarriers, String stoppedBy, int breachedCount, int pathLength,
                               int position, int margin, int barriersPassed, boolean topEventReached,
                               boolean harmReported, String threatLine, String consequenceLine, List<String> path,
                               int threatLength, List<String> silentlyPassed, List<String> detectedBy,
                               List<PathJudgement> paths, boolean activityAfterShutdown, String reassessedBecause,
                               int reportCount, Instant openedAt, Instant lastReportAt, Instant resolvedAt,
                               Boolean resolvedQuietly, String resolvedBy, Postmortem postmortem) {
    }

    public record IncidentPage(List<IncidentView> items, int page, int size, long total) {
    }

    /** {@code inferredFrom}: set on the off-switch failure the tracker inferred from activity after shutdown. */
    public record ReportView(String reportId, String source, String type, String barrierId, Integer barrierVersion,
                             String chainId, Instant occurredAt, Instant receivedAt, String detail,
                             String consequenceLine, String inferredFrom) {
    }

    /** One barrier of the path after a step: how it is drawn (see {@code BarrierMark.Mark}). */
    public record BarrierOnPath(String barrierId, String name, String category, String mark) {
    }

    /** The incident after one report: its worst path then, barrier by barrier, and what that means. */
    public record PathState(String threatLine, String consequenceLine, List<BarrierOnPath> barriers, int position,
                            int pathLength, int threatLength, int margin, Outcome outcome, String stoppedBy,
                            List<String> breachedBarriers, List<String> silentlyPassed, List<String> detectedBy) {
    }

    public record TimelineStep(int index, ReportView report, PathState after) {
    }

    public record Timeline(IncidentView incident, List<TimelineStep> steps) {
    }
}
