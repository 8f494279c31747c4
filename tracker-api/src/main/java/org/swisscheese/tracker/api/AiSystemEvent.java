package org.swisscheese.tracker.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.domain.RiskProfile;
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
    record SystemRegistered(SystemId systemId, String name, SystemKind kind, String owner,
                            Duration correlationWindow, RiskProfile riskProfile, RiskClass riskClass,
                            BowTie bowTie, SystemKind template) implements AiSystemEvent {
    }

    /**
     * The owner edited the bow-tie. {@code barrierVersions} holds every barrier's version after the edit: a
     * barrier's version goes up whenever it is added, moved, renamed or re-described, so statistics can be
     * attributed to the barrier as it was when it was demanded.
     */
    @Revision("1")
    record BowTieRevised(SystemId systemId, BowTie bowTie, Map<String, Integer> barrierVersions,
                         List<String> added, List<String> removed, List<String> changed) implements AiSystemEvent {
    }

    @Revision("1")
    record RiskProfileChanged(SystemId systemId, RiskProfile riskProfile) implements AiSystemEvent {
    }

    /** Worth an alert of its own: e.g. a sponge that gained influence is now agentic. */
    @Revision("1")
    record RiskClassChanged(SystemId systemId, RiskClass from, RiskClass to) implements AiSystemEvent {
    }

    /** {@code reportId} is set when a report (a completed shutdown) caused the change. */
    @Revision("1")
    record LifecycleChanged(SystemId systemId, Lifecycle from, Lifecycle to, String reason, String reportId,
                            Instant at) implements AiSystemEvent {
    }

    // --- reports from production ---------------------------------------------------------------------------

    /** A report as recorded: {@code barrierVersion} is the version in force, {@code incidentId} null if none. */
    sealed interface ReportRecorded extends AiSystemEvent {
        Report report();

        Integer barrierVersion();

        IncidentId incidentId();
    }

    @Revision("1")
    record BarrierTripped(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {
    }

    /**
     * {@code inferredFrom} is set when the tracker inferred the breach rather than received it: activity from a
     * system that was shut down breaches its off switch.
     */
    @Revision("1")
    record BarrierBreached(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId,
                           String inferredFrom) implements ReportRecorded {
    }

    @Revision("1")
    record BarrierDegraded(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {
    }

    @Revision("1")
    record BarrierRestored(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {
    }

    @Revision("1")
    record AnomalyDetected(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {
    }

    @Revision("1")
    record ShutdownRequested(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {
    }

    @Revision("1")
    record ShutdownCompleted(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {
    }

    @Revision("1")
    record ShutdownFailed(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {
    }

    @Revision("1")
    record HarmReported(SystemId systemId, Report report, Integer barrierVersion, IncidentId incidentId)
            implements ReportRecorded {
    }

    // --- incidents: the swiss cheese in motion -------------------------------------------------------------

    /** Published on {@code tracker.incidents} too, like every event of this family. */
    sealed interface IncidentEvent extends AiSystemEvent {
        IncidentId incidentId();
    }

    /** Assessment-carrying incident events: the incident as judged after the report that caused the event. */
    sealed interface IncidentAssessed extends IncidentEvent {
        String reportId();

        Assessment assessment();
    }

    @Revision("1")
    record IncidentOpened(SystemId systemId, IncidentId incidentId, String chainId, Instant openedAt,
                          String reportId, Assessment assessment) implements IncidentAssessed {
    }

    /** The incident got deeper or its margin changed, without a change of outcome. */
    @Revision("1")
    record IncidentProgressed(SystemId systemId, IncidentId incidentId, String reportId, Assessment assessment)
            implements IncidentAssessed {
    }

    /** The outcome got worse: to TOP_EVENT or FULL_FAILURE. */
    @Revision("1")
    record IncidentEscalated(SystemId systemId, IncidentId incidentId, String reportId, Outcome from,
                             Assessment assessment) implements IncidentAssessed {
    }

    /** A barrier held after a breach: {@code assessment.stoppedBy()} names it. */
    @Revision("1")
    record IncidentContained(SystemId systemId, IncidentId incidentId, String reportId, Assessment assessment)
            implements IncidentAssessed {
    }

    /**
     * Resolved by an analyst with a postmortem, or by going quiet past the correlation window ({@code quiet},
     * postmortem null). A resolved incident keeps its outcome.
     */
    @Revision("1")
    record IncidentResolved(SystemId systemId, IncidentId incidentId, Instant resolvedAt, boolean quiet,
                            Postmortem postmortem, Outcome outcome) implements IncidentEvent {
    }
}
