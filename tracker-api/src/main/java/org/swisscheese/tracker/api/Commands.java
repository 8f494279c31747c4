package org.swisscheese.tracker.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.swisscheese.tracker.domain.ActionStatus;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierCondition;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportClass;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.SeriousIncidentKind;
import org.swisscheese.tracker.domain.Severity;
import org.swisscheese.tracker.domain.SystemKind;

/** Everything that can be asked of one AI system. Imperative; each may be refused. */
public final class Commands {

    private Commands() {}

    /** Register a system with its bow-tie (a template's, the owner's, or the owner's over the template's). */
    public record RegisterSystem(
            @TargetAggregateIdentifier SystemId systemId,
            String name,
            SystemKind kind,
            String owner,
            Duration correlationWindow,
            RiskProfile riskProfile,
            BowTie bowTie,
            SystemKind template) {}

    /** Record a batch of reports from production, in the order they arrived. */
    public record RecordReports(@TargetAggregateIdentifier SystemId systemId, List<Report> reports) {
        public RecordReports {
            reports = List.copyOf(reports);
        }
    }

    public record ReviseBowTie(@TargetAggregateIdentifier SystemId systemId, BowTie bowTie) {}

    public record ChangeRiskProfile(
            @TargetAggregateIdentifier SystemId systemId, RiskProfile riskProfile) {}

    /** Someone responsible has seen that the system changed class (e.g. a sponge that gained influence). */
    public record AcknowledgeClassChange(
            @TargetAggregateIdentifier SystemId systemId) {}

    public record ChangeLifecycle(@TargetAggregateIdentifier SystemId systemId, Lifecycle target, String reason) {}

    /** An operator declares a barrier back in service: clears DEGRADED and IMPAIRED. */
    public record RestoreBarrier(@TargetAggregateIdentifier SystemId systemId, String barrierId, String reason) {}

    /**
     * Brings a history stored by the first release up to today's model (see {@code LegacyCorrections}): the barrier
     * states its reports imply, the shutdowns activity defeated, incidents judged again. Applied once per system.
     */
    public record CorrectLegacyHistory(
            @TargetAggregateIdentifier SystemId systemId,
            List<Fact> facts,
            List<Defeat> defeats,
            List<Reassessment> reassessments) {

        /** What a report said about a barrier's service; {@code arrival} null: after everything known. */
        public record Fact(
                String barrierId,
                BarrierCondition.Change change,
                String cause,
                String reportId,
                Instant occurredAt,
                Long arrival) {}

        /** A shutdown that activity after it defeated. */
        public record Defeat(
                String activityReportId,
                Instant occurredAt,
                String shutdownReportId,
                String shutdownSource,
                Instant shutdownAt,
                String offSwitchId,
                String incidentId) {}

        /** An incident as today's model judges it. */
        public record Reassessment(String incidentId, Outcome from, Assessment assessment) {}
    }

    public record ResolveIncident(
            @TargetAggregateIdentifier SystemId systemId, IncidentId incidentId, Postmortem postmortem) {}

    // --- incident response: people acting on an incident. {@code by} is who, as the signed-in user's name (the
    // REST layer takes it from the authenticated principal; the aggregate knows nothing of HTTP or security).

    /** Someone has seen the incident and is on it; once per incident. */
    public record AcknowledgeIncident(
            @TargetAggregateIdentifier SystemId systemId, IncidentId incidentId, String by) {}

    /** Hand the incident to a person or a team ({@code assignee}, free text); may be handed on again. */
    public record AssignIncident(
            @TargetAggregateIdentifier SystemId systemId, IncidentId incidentId, String assignee, String by) {}

    /** Nobody owns the incident any more (handed back to the queue); an incident assigned to nobody changes nothing. */
    public record UnassignIncident(
            @TargetAggregateIdentifier SystemId systemId, IncidentId incidentId, String by) {}

    /**
     * An analyst's second look at one report of an open incident ({@code reportId}, its CloudEvents id): what it
     * really was ({@code as}) and why. Once per report.
     */
    public record ReclassifyReport(
            @TargetAggregateIdentifier SystemId systemId,
            IncidentId incidentId,
            String reportId,
            ReportClass as,
            String reason,
            String by) {}

    /** Designate the system high-risk (EU AI Act), or take the designation back, on {@code basis}. */
    public record DesignateHighRisk(
            @TargetAggregateIdentifier SystemId systemId, boolean highRisk, String basis, String by) {}

    /**
     * An incident of a high-risk system is a serious incident: aware since {@code awareAt}, to be reported within
     * {@code period} (the REST layer takes it from the configured periods per kind).
     */
    public record DeclareSeriousIncident(
            @TargetAggregateIdentifier SystemId systemId,
            IncidentId incidentId,
            SeriousIncidentKind kind,
            Instant awareAt,
            Duration period,
            String by) {}

    /** The serious incident was reported to the authority, under {@code reference}. */
    public record RecordSeriousIncidentReport(
            @TargetAggregateIdentifier SystemId systemId, IncidentId incidentId, String reference, String by) {}

    public record ChangeIncidentSeverity(
            @TargetAggregateIdentifier SystemId systemId, IncidentId incidentId, Severity severity, String by) {}

    /** A line on the incident's timeline; also taken once it is closed (postmortem work). */
    public record AddIncidentNote(
            @TargetAggregateIdentifier SystemId systemId, IncidentId incidentId, String text, String by) {}

    /**
     * The incident was no incident (a test harness, a misconfigured monitor, ...): it is closed as such, with the
     * reason. It keeps its id and its history, and is left out of the incident statistics.
     */
    public record MarkNotAnIncident(
            @TargetAggregateIdentifier SystemId systemId, IncidentId incidentId, String reason, String by) {}

    /**
     * Two open incidents of one system were one: the reports of {@code otherIncidentId} join {@code incidentId}, which
     * stays open and is judged again; the other is closed as merged, keeping its id and its history.
     */
    public record MergeIncidents(
            @TargetAggregateIdentifier SystemId systemId,
            IncidentId incidentId,
            IncidentId otherIncidentId,
            String reason,
            String by) {}

    /**
     * Some reports of an open incident were another incident: those named ({@code reportIds}) leave it for a new
     * incident, numbered next, and both are judged again. The handler answers the new incident's id.
     */
    public record SplitIncident(
            @TargetAggregateIdentifier SystemId systemId,
            IncidentId incidentId,
            List<String> reportIds,
            String reason,
            String by) {}

    /**
     * A follow-up action on an incident (open or closed): what ({@code title}), who owns it ({@code owner}, a person
     * or a team) and by when ({@code due}). It is overdue once {@code due} passes while it is still open.
     */
    public record AddFollowUpAction(
            @TargetAggregateIdentifier SystemId systemId,
            IncidentId incidentId,
            String title,
            String owner,
            Instant due,
            String by) {}

    /** Changes a follow-up action; each of {@code owner}, {@code due} and {@code status} left null stays as it is. */
    public record UpdateFollowUpAction(
            @TargetAggregateIdentifier SystemId systemId,
            IncidentId incidentId,
            String actionId,
            String owner,
            Instant due,
            ActionStatus status,
            String by) {}
}
