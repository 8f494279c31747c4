package org.swisscheese.tracker.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.serialization.Revision;
import org.swisscheese.tracker.domain.ActionStatus;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierCondition;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportClass;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.SeriousIncidentKind;
import org.swisscheese.tracker.domain.Severity;
import org.swisscheese.tracker.domain.SystemChangeKind;
import org.swisscheese.tracker.domain.SystemKind;

/**
 * Every fact stored in an AI system's event stream, in one place. Past tense; never edited once stored: a
 * change of shape is a new revision and an upcaster. Axon stores the class names, so moving or renaming one of
 * these records is a schema migration.
 */
public sealed interface AiSystemEvent {

    SystemId systemId();

    // --- the system and its bow-tie ------------------------------------------------------------------------

    @Revision("1")
    record SystemRegistered(
            SystemId systemId,
            String name,
            SystemKind kind,
            String owner,
            Duration correlationWindow,
            RiskProfile riskProfile,
            RiskClass riskClass,
            BowTie bowTie,
            SystemKind template)
            implements AiSystemEvent {}

    /**
     * The owner edited the bow-tie. {@code barrierVersions} holds every barrier's version after the edit: a
     * barrier's version goes up whenever it is added, moved, renamed or re-described, so statistics can be
     * attributed to the barrier as it was when it was demanded.
     */
    @Revision("1")
    record BowTieRevised(
            SystemId systemId,
            BowTie bowTie,
            Map<String, Integer> barrierVersions,
            List<String> added,
            List<String> removed,
            List<String> changed)
            implements AiSystemEvent {}

    @Revision("1")
    record RiskProfileChanged(SystemId systemId, RiskProfile riskProfile) implements AiSystemEvent {}

    /** Worth an alert of its own: e.g. a sponge that gained influence is now agentic. */
    @Revision("1")
    record RiskClassChanged(SystemId systemId, RiskClass from, RiskClass to) implements AiSystemEvent {}

    /** The class change was seen by someone responsible; {@code riskClass} is the class acknowledged. */
    @Revision("1")
    record ClassChangeAcknowledged(SystemId systemId, RiskClass riskClass) implements AiSystemEvent {}

    /**
     * The history the first release stored was brought up to today's model (barrier states, defeated shutdowns,
     * incidents judged again, all appended as events of their own before this one). Once per system.
     */
    @Revision("1")
    record LegacyHistoryCorrected(SystemId systemId, int facts, int defeats, int reassessments)
            implements AiSystemEvent {}

    /** {@code reportId} is set when a report (a completed shutdown) caused the change. */
    @Revision("1")
    record LifecycleChanged(SystemId systemId, Lifecycle from, Lifecycle to, String reason, String reportId, Instant at)
            implements AiSystemEvent {}

    // --- reports from production ---------------------------------------------------------------------------

    /** A report as recorded: {@code barrierVersion} is the version in force, {@code incidentId} null if none. */
    sealed interface ReportRecorded extends AiSystemEvent {
        Report report();

        Integer barrierVersion();

        IncidentId incidentId();

        /**
         * What this report counts as for the barrier it names (DESIGN §5): a trip, a detection or a completed
         * shutdown is a demand it met (for a detection barrier, seeing the hazard is its job), a breach or a failed
         * shutdown one it failed; anything else, and every proof test, is no demand. A completed shutdown that
         * activity later defeats stays one demand, failed: see {@link ActivityAfterShutdown}.
         */
        default Optional<DemandResult> demand() {
            if (report().test() || report().barrierId() == null) {
                return Optional.empty();
            }
            if (this instanceof BarrierTripped
                    || this instanceof AnomalyDetected
                    || this instanceof ShutdownCompleted) {
                return Optional.of(DemandResult.MET);
            }
            if (this instanceof BarrierBreached breached) {
                // the first release recorded a second, inferred demand for activity after shutdown: not counted
                return breached.inferredFrom() == null ? Optional.of(DemandResult.FAILED) : Optional.empty();
            }
            return this instanceof ShutdownFailed ? Optional.of(DemandResult.FAILED) : Optional.empty();
        }
    }

    /** Whether a barrier did its job when it was called on. */
    enum DemandResult {
        MET,
        FAILED
    }

    @Revision("1")
    record BarrierTripped(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {}

    /**
     * {@code inferredFrom} is only found in events stored by the first release, which inferred a second,
     * failed demand of the off switch from activity after shutdown. That is now {@link ActivityAfterShutdown}.
     */
    @Revision("1")
    record BarrierBreached(
            SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId, String inferredFrom)
            implements ReportRecorded {}

    @Revision("1")
    record BarrierDegraded(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {}

    @Revision("1")
    record BarrierRestored(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {}

    @Revision("1")
    record AnomalyDetected(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {}

    @Revision("1")
    record ShutdownRequested(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {}

    @Revision("1")
    record ShutdownCompleted(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {}

    @Revision("1")
    record ShutdownFailed(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {}

    @Revision("1")
    record HarmReported(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {}

    /**
     * A report recorded earlier without an incident (a demand that held with nothing open) turned out to belong to
     * an incident that opened later: it arrived before the report that started its causal chain.
     */
    @Revision("1")
    record ReportJoinedIncident(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements AiSystemEvent {}

    /**
     * A drill of the barrier ({@code "test": true}): not a demand, never part of an incident. {@code passed} is
     * null for a drill that only requested a shutdown.
     */
    @Revision("1")
    record ProofTestRecorded(SystemId systemId, Report report, Integer barrierVersion, Boolean passed)
            implements ReportRecorded {
        @Override
        public IncidentId incidentId() {
            return null;
        }
    }

    // --- barriers in and out of service ---------------------------------------------------------------------

    /**
     * Something was learnt about a barrier's service ({@code change}, with the moment it happened: occurrence
     * time, ties by {@code arrival}), and its state is now {@code to}. {@code from} and {@code to} are equal when a
     * late report changes only the barrier's history (e.g. a degrade that happened before one already known).
     * {@code cause}: DEGRADED, RESTORED, DEMAND_FAILED, PROOF_TEST_FAILED, ACTIVITY_AFTER_SHUTDOWN or OPERATOR.
     */
    @Revision("1")
    record BarrierStateChanged(
            SystemId systemId,
            String barrierId,
            BarrierCondition.Change change,
            String cause,
            String reportId,
            Instant occurredAt,
            long arrival,
            BarrierState from,
            BarrierState to)
            implements AiSystemEvent {}

    /**
     * A report that occurred after a shutdown: the off switch did not really work. The shutdown's one demand
     * (the report {@code shutdownReportId} from {@code shutdownSource}, null for an operator's shutdown) failed; {@code offSwitchId} (null when the system
     * has none, or for an operator's shutdown) is charged with the failure in {@code incidentId}.
     */
    @Revision("1")
    record ActivityAfterShutdown(
            SystemId systemId,
            String activityReportId,
            Instant occurredAt,
            String shutdownReportId,
            String shutdownSource,
            Instant shutdownAt,
            String offSwitchId,
            IncidentId incidentId)
            implements AiSystemEvent {}

    /** A report that occurred while the system was suspended: not an off-switch failure, but worth an alert. */
    @Revision("1")
    record ActivityWhileSuspended(SystemId systemId, String activityReportId, Instant occurredAt, Instant suspendedAt)
            implements AiSystemEvent {}

    /**
     * The system was designated high-risk in the sense of the EU AI Act (or no longer is), on {@code basis}: its serious
     * incidents then have a reporting clock (Article 73).
     */
    @Revision("1")
    record HighRiskDesignated(SystemId systemId, boolean highRisk, String basis, String by, Instant at)
            implements AiSystemEvent {}

    // --- notices from production: no report about a hazard, never a demand, never part of an incident ------------

    /**
     * A rollout of the system ({@code ai.system.changed}): its model, a guardrail or its configuration changed to
     * {@code version} ({@code description} says what). {@code reportId} and {@code source} are the CloudEvents
     * {@code id} and {@code source}, so a redelivered one is recognised; {@code occurredAt} when it went out at the
     * source, {@code receivedAt} when the tracker received it. Shown on the timelines of incidents around it and on
     * the statistics' trend.
     */
    @Revision("1")
    record SystemChanged(
            SystemId systemId,
            String reportId,
            String source,
            SystemChangeKind kind,
            String version,
            String description,
            Instant occurredAt,
            Instant receivedAt)
            implements AiSystemEvent {}

    /**
     * A barrier proved it is alive ({@code ai.barrier.heartbeat}). Stored only when its last stored sign of life was
     * older than a tenth of its {@code expectedEvery} ({@code BarrierLiveness}): most heartbeats leave no event.
     */
    @Revision("1")
    record BarrierHeartbeat(
            SystemId systemId, String barrierId, String reportId, String source, Instant occurredAt, Instant receivedAt)
            implements AiSystemEvent {}

    // --- incidents: the swiss cheese in motion -------------------------------------------------------------

    /** Published on {@code tracker.incidents} too, like every event of this family. */
    sealed interface IncidentEvent extends AiSystemEvent {
        IncidentId incidentId();
    }

    /**
     * Assessment-carrying incident events: the incident as judged after the report that caused the event
     * ({@code reportId}; null when something else did, e.g. a barrier's state or a bow-tie revision). Revision 2:
     * the assessment of DESIGN §4 (every path, position, silent passes); revision 1 payloads are upcast.
     */
    sealed interface IncidentAssessed extends IncidentEvent {
        String reportId();

        Assessment assessment();
    }

    @Revision("2")
    record IncidentOpened(
            SystemId systemId,
            IncidentId incidentId,
            String chainId,
            Instant openedAt,
            String reportId,
            Assessment assessment)
            implements IncidentAssessed {}

    /** The incident got deeper, or its margin or stopper changed, without a change of outcome. */
    @Revision("2")
    record IncidentProgressed(SystemId systemId, IncidentId incidentId, String reportId, Assessment assessment)
            implements IncidentAssessed {}

    /**
     * The outcome got worse (FULL_FAILURE, TOP_EVENT, UNDETERMINED, NEAR_MISS, worst first): a NEAR_MISS whose
     * stopper later fails escalates to UNDETERMINED or beyond.
     */
    @Revision("2")
    record IncidentEscalated(
            SystemId systemId, IncidentId incidentId, String reportId, Outcome from, Assessment assessment)
            implements IncidentAssessed {}

    /** UNDETERMINED to NEAR_MISS: an acting barrier holds the hazard; {@code assessment.stoppedBy()} names it. */
    @Revision("2")
    record IncidentContained(SystemId systemId, IncidentId incidentId, String reportId, Assessment assessment)
            implements IncidentAssessed {}

    /**
     * The outcome changed for another reason than a new report, e.g. the bow-tie was revised while the incident
     * was open, or the first release's judgement was corrected. {@code reason} says which.
     */
    @Revision("1")
    record IncidentReassessed(
            SystemId systemId, IncidentId incidentId, String reason, Outcome from, Assessment assessment)
            implements IncidentAssessed {
        @Override
        public String reportId() {
            return null;
        }
    }

    /**
     * Resolved by an analyst with a postmortem, or by going quiet past the correlation window ({@code quiet},
     * postmortem null). A resolved incident keeps its outcome.
     */
    @Revision("1")
    record IncidentResolved(
            SystemId systemId,
            IncidentId incidentId,
            Instant resolvedAt,
            boolean quiet,
            Postmortem postmortem,
            Outcome outcome)
            implements IncidentEvent {}

    // --- incidents: what people did about them -------------------------------------------------------------

    /**
     * An act of incident response: who ({@code by}, the signed-in user; the same name is in the metadata as
     * {@code user}) and when ({@code at}, the tracker's clock). None of them changes how the incident is judged.
     */
    sealed interface IncidentResponse extends IncidentEvent {
        String by();

        Instant at();
    }

    /** Someone has seen the incident and is on it. Once per incident. */
    @Revision("1")
    record IncidentAcknowledged(SystemId systemId, IncidentId incidentId, String by, Instant at)
            implements IncidentResponse {}

    /** Handed to {@code assignee} (a person or a team); {@code previousAssignee} null the first time. */
    @Revision("1")
    record IncidentAssigned(
            SystemId systemId, IncidentId incidentId, String assignee, String previousAssignee, String by, Instant at)
            implements IncidentResponse {}

    /** Nobody is assigned any more; {@code previousAssignee}: who was. */
    @Revision("1")
    record IncidentUnassigned(SystemId systemId, IncidentId incidentId, String previousAssignee, String by, Instant at)
            implements IncidentResponse {}

    /**
     * An analyst found a report of the incident to be something else ({@code as}), for {@code reason}. The report stays
     * in the stream; {@code reportKey} is its identity (source and id), {@code barrierId} and {@code type} what it
     * said. When the class removes it as evidence, an {@code IncidentReassessed} follows if the judgement changed.
     */
    @Revision("1")
    record ReportReclassified(
            SystemId systemId,
            IncidentId incidentId,
            String reportId,
            String reportKey,
            String barrierId,
            ReportType type,
            ReportClass as,
            String reason,
            String by,
            Instant at)
            implements IncidentResponse {}

    /**
     * An incident of a high-risk system is a serious incident ({@code kind}, EU AI Act Art. 73): the provider became
     * aware of it at {@code awareAt} and must report it to the authority by {@code due}.
     */
    @Revision("1")
    record SeriousIncidentDeclared(
            SystemId systemId,
            IncidentId incidentId,
            SeriousIncidentKind kind,
            Instant awareAt,
            Instant due,
            String by,
            Instant at)
            implements IncidentResponse {}

    /** The serious incident was reported to the authority ({@code reference}: its case or filing number). */
    @Revision("1")
    record SeriousIncidentReported(SystemId systemId, IncidentId incidentId, String reference, String by, Instant at)
            implements IncidentResponse {}

    /** The serious incident's report was not recorded by its due date: overdue (a durable deadline; nobody acted). */
    @Revision("1")
    record SeriousIncidentReportOverdue(SystemId systemId, IncidentId incidentId, SeriousIncidentKind kind, Instant due)
            implements IncidentEvent {}

    /** Rated {@code severity} by a responder; {@code previous} null the first time. */
    @Revision("1")
    record IncidentSeverityChanged(
            SystemId systemId, IncidentId incidentId, Severity severity, Severity previous, String by, Instant at)
            implements IncidentResponse {}

    /** A line on the incident's timeline, also after it was closed (postmortem work). */
    @Revision("1")
    record IncidentNoteAdded(SystemId systemId, IncidentId incidentId, String text, String by, Instant at)
            implements IncidentResponse {}

    /**
     * A follow-up action from the incident's review: {@code title} (what is to be done), {@code owner} (a person or a
     * team) and {@code due}. {@code actionId} is the incident's id with {@code /a1}, {@code /a2}, ... appended. Taken on
     * open and closed incidents alike: most actions come out of the postmortem.
     */
    @Revision("1")
    record FollowUpActionAdded(
            SystemId systemId,
            IncidentId incidentId,
            String actionId,
            String title,
            String owner,
            Instant due,
            String by,
            Instant at)
            implements IncidentResponse {}

    /** A follow-up action changed: its owner, due date and status as they now are (each may be unchanged). */
    @Revision("1")
    record FollowUpActionUpdated(
            SystemId systemId,
            IncidentId incidentId,
            String actionId,
            String owner,
            Instant due,
            ActionStatus status,
            String by,
            Instant at)
            implements IncidentResponse {}

    /**
     * An open follow-up action reached its due date undone (the event's timestamp says when the tracker noticed).
     * Moving the due date or closing the action ends it; nobody acted, so this is no response act.
     */
    @Revision("1")
    record FollowUpActionOverdue(
            SystemId systemId, IncidentId incidentId, String actionId, String title, String owner, Instant due)
            implements IncidentEvent {}

    /**
     * Closed as part of incident {@code into} (merged): its reports count for that one from now on, which is judged
     * again (an {@code IncidentReassessed} follows on it if the judgement changed). It keeps its id and its history,
     * and counts in no incident statistics. {@code outcome} is how it was judged when it was merged.
     */
    @Revision("1")
    record IncidentMerged(
            SystemId systemId,
            IncidentId incidentId,
            IncidentId into,
            String reason,
            Outcome outcome,
            String by,
            Instant at)
            implements IncidentResponse {}

    /**
     * Reports of the incident ({@code reportIds}, identities {@code reportKeys}) were another incident: they left it
     * for {@code newIncidentId}, opened with them by the {@code IncidentOpened} just before this event. The incident
     * is judged again (an {@code IncidentReassessed} follows if the judgement changed).
     */
    @Revision("1")
    record IncidentSplit(
            SystemId systemId,
            IncidentId incidentId,
            IncidentId newIncidentId,
            List<String> reportIds,
            List<String> reportKeys,
            String reason,
            String by,
            Instant at)
            implements IncidentResponse {}

    /**
     * The incident was no incident: closed as such, for {@code reason}. {@code outcome} is how it was judged when it
     * was closed; it keeps its id and its history but counts in no incident statistics. Its reports stay what they
     * were: a barrier that failed a demand still failed it.
     */
    @Revision("1")
    record IncidentMarkedNotAnIncident(
            SystemId systemId, IncidentId incidentId, String reason, Outcome outcome, String by, Instant at)
            implements IncidentResponse {}
}
