package org.swisscheese.tracker.projection.incidents;

import java.time.Instant;
import java.util.List;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.domain.Outcome;

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

    public record IncidentView(String id, String systemId, String chainId, String status, Outcome outcome,
                               List<String> breachedBarriers, String stoppedBy, int breachedCount, int pathLength,
                               double depth, int margin, boolean topEventReached, String threatLine,
                               String consequenceLine, List<String> path, int threatLength, int reportCount,
                               Instant openedAt, Instant lastReportAt, Instant resolvedAt, Boolean resolvedQuietly,
                               String resolvedBy, Postmortem postmortem) {
    }

    public record IncidentPage(List<IncidentView> items, int page, int size, long total) {
    }

    public record ReportView(String reportId, String type, String barrierId, Integer barrierVersion, String chainId,
                             Instant occurredAt, Instant receivedAt, String source, String detail,
                             String consequenceLine, String inferredFrom) {
    }

    /** One barrier of the path after a step. */
    public record BarrierState(String barrierId, String state) {
        public static final String INTACT = "INTACT";
        public static final String HELD = "HELD";
        public static final String BREACHED = "BREACHED";
        /** Out of service when the report happened: a hole with no demand. */
        public static final String DEGRADED = "DEGRADED";
    }

    /** The path after one report: what a replay shows at that step. */
    public record PathState(List<BarrierState> barriers, int breachedCount, int pathLength, double depth, int margin,
                            Outcome outcome, String stoppedBy) {
    }

    public record TimelineStep(int index, ReportView report, PathState after) {
    }

    public record Timeline(IncidentView incident, List<TimelineStep> steps) {
    }
}
