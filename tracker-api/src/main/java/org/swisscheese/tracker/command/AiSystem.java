package org.swisscheese.tracker.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityWhileSuspended;
import org.swisscheese.tracker.api.AiSystemEvent.AnomalyDetected;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierDegraded;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierHeartbeat;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierRestored;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.ClassChangeAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionAdded;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionUpdated;
import org.swisscheese.tracker.api.AiSystemEvent.HarmReported;
import org.swisscheese.tracker.api.AiSystemEvent.HighRiskDesignated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssigned;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentNoteAdded;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentProgressed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSeverityChanged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSplit;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentUnassigned;
import org.swisscheese.tracker.api.AiSystemEvent.LegacyHistoryCorrected;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ProofTestRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.ReportJoinedIncident;
import org.swisscheese.tracker.api.AiSystemEvent.ReportReclassified;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskProfileChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentDeclared;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReportOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReported;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownCompleted;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownFailed;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownRequested;
import org.swisscheese.tracker.api.AiSystemEvent.SystemChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.Commands.AcknowledgeClassChange;
import org.swisscheese.tracker.api.Commands.AcknowledgeIncident;
import org.swisscheese.tracker.api.Commands.AddFollowUpAction;
import org.swisscheese.tracker.api.Commands.AddIncidentNote;
import org.swisscheese.tracker.api.Commands.AssignIncident;
import org.swisscheese.tracker.api.Commands.ChangeIncidentSeverity;
import org.swisscheese.tracker.api.Commands.ChangeLifecycle;
import org.swisscheese.tracker.api.Commands.ChangeRiskProfile;
import org.swisscheese.tracker.api.Commands.CorrectLegacyHistory;
import org.swisscheese.tracker.api.Commands.DeclareSeriousIncident;
import org.swisscheese.tracker.api.Commands.DesignateHighRisk;
import org.swisscheese.tracker.api.Commands.MarkNotAnIncident;
import org.swisscheese.tracker.api.Commands.MergeIncidents;
import org.swisscheese.tracker.api.Commands.ReclassifyReport;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.RecordSeriousIncidentReport;
import org.swisscheese.tracker.api.Commands.RegisterSystem;
import org.swisscheese.tracker.api.Commands.ResolveIncident;
import org.swisscheese.tracker.api.Commands.RestoreBarrier;
import org.swisscheese.tracker.api.Commands.ReviseBowTie;
import org.swisscheese.tracker.api.Commands.SplitIncident;
import org.swisscheese.tracker.api.Commands.UnassignIncident;
import org.swisscheese.tracker.api.Commands.UpdateFollowUpAction;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.RecordResult;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ActionStatus;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierCondition;
import org.swisscheese.tracker.domain.BarrierCondition.Change;
import org.swisscheese.tracker.domain.BarrierLiveness;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Correlation;
import org.swisscheese.tracker.domain.IncidentJudge;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.Limits;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.Moment;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportClass;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.RiskProfiles;
import org.swisscheese.tracker.domain.SeriousIncidentKind;
import org.swisscheese.tracker.domain.Severity;
import org.swisscheese.tracker.domain.Shutdowns;
import org.swisscheese.tracker.domain.Side;
import org.swisscheese.tracker.domain.Step;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.Templates;

/**
 * One deployed AI system: its bow-tie, its lifecycle, its barriers' service, and the incidents its barriers report.
 * Decides every rule of the swiss-cheese model (DESIGN §4) with the domain's {@link IncidentJudge} and
 * {@link BarrierCondition}, and records each decision as an event. Knows nothing of Kafka or HTTP.
 */
@Aggregate(
        snapshotTriggerDefinition = "aiSystemSnapshotTrigger",
        cache = "aiSystemCache",
        snapshotFilter = "aiSystemSnapshotFilter")
@Revision("6")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class AiSystem {

    static final String QUIET_DEADLINE = "incident-quiet";

    static final String FOLLOW_UP_DEADLINE = "follow-up-due";
    static final String SERIOUS_INCIDENT_DEADLINE = "serious-incident-report-due";
    static final Duration DEFAULT_CORRELATION_WINDOW = Duration.ofMinutes(15);
    /** How many recent report identities are remembered to make redelivery harmless. */
    static final int DEDUPLICATION_WINDOW = 20_000;
    /** How many recent activity reports are kept to judge a shutdown report that arrives late. */
    static final int RECENT_ACTIVITY = 200;

    @AggregateIdentifier
    private SystemId systemId;

    private String name;
    private SystemKind kind;
    private Duration correlationWindow;
    private RiskProfile riskProfile;
    private boolean classChangePending;
    private boolean legacyCorrected;
    private Lifecycle lifecycle;
    private BowTie bowTie;
    private Map<String, Integer> barrierVersions = new HashMap<>();
    /** The last version each barrier ever had, kept after it is removed: a re-added barrier continues from it. */
    private Map<String, Integer> lastVersions = new HashMap<>();

    private Map<String, BarrierCondition> conditions = new HashMap<>();
    /**
     * Counts changes to what a judgement reads besides an incident's own steps (barrier service, the bow-tie), so an
     * incident judged since the last change need not be judged again. In memory only: after a load, all are judged once.
     */
    @JsonIgnore
    private transient long judgementInputs;

    private LinkedHashMap<String, OpenIncident> openIncidents = new LinkedHashMap<>();
    private long incidentCount;
    private long arrivals;
    private LinkedHashSet<String> recentReports = new LinkedHashSet<>();
    /** The shutdown in force, if the system is shut down; activity that occurred after it defeats it. */
    private Shutdown shutdown;
    /** The last completed shutdown report, until the lifecycle change it causes puts it in force. */
    private Shutdown pendingShutdown;

    private Instant suspendedAt;
    private boolean activityWhileSuspendedFlagged;
    /** Recent activity, by arrival: a shutdown that arrives after activity that occurred later is defeated at once. */
    private ArrayDeque<Step> recentActivity = new ArrayDeque<>();
    /** Recent demands that held with nothing open, by arrival: an incident that opens later may take them. */
    private ArrayDeque<HeldDemand> heldDemands = new ArrayDeque<>();
    /** Designated high-risk (EU AI Act): its serious incidents have a reporting clock. */
    private boolean highRisk;
    /** Serious incidents (Art. 73), open or closed, by incident id. */
    private Map<String, SeriousClock> seriousIncidents = new HashMap<>();
    /** Follow-up actions of every incident, open or closed, by action id, in the order they were added. */
    private LinkedHashMap<String, FollowUp> followUps = new LinkedHashMap<>();

    protected AiSystem() {
        // for Axon and for snapshots
    }

    @CommandHandler
    public AiSystem(RegisterSystem command) {
        BowTie bowTie = command.bowTie();
        if (bowTie == null) {
            if (command.template() == null) {
                throw new IllegalArgumentException("a system needs a template or a bow-tie");
            }
            bowTie = Templates.forKind(command.template());
        }
        if (command.kind() == null) {
            throw new IllegalArgumentException("a system needs a kind");
        }
        Duration window =
                command.correlationWindow() == null ? DEFAULT_CORRELATION_WINDOW : command.correlationWindow();
        Limits.window(window);
        Limits.bowTie(bowTie);
        Limits.text("name", command.name(), Limits.NAME);
        Limits.text("owner", command.owner(), Limits.NAME);
        RiskProfile profile =
                command.riskProfile() == null ? RiskProfiles.defaultFor(command.kind()) : command.riskProfile();
        rationale(profile);
        String name = command.name() == null || command.name().isBlank()
                ? command.systemId().value()
                : command.name();
        apply(new SystemRegistered(
                command.systemId(),
                name,
                command.kind(),
                command.owner(),
                window,
                profile,
                profile.riskClass(),
                bowTie,
                command.template()));
    }

    // --- reports ---------------------------------------------------------------------------------------------

    @CommandHandler
    public RecordResult handle(RecordReports command, DeadlineManager deadlines) {
        int recorded = 0;
        List<String> duplicates = new ArrayList<>();
        List<RecordResult.Rejection> rejected = new ArrayList<>();
        for (Report report : command.reports()) {
            if (recentReports.contains(report.identity())) {
                duplicates.add(report.reportId());
                continue;
            }
            Optional<String> problem = problemWith(report);
            if (problem.isPresent()) {
                rejected.add(new RecordResult.Rejection(report.reportId(), problem.get()));
                continue;
            }
            record(withBarrierResolved(report), deadlines);
            recorded++;
        }
        return new RecordResult(recorded, duplicates, rejected);
    }

    private Optional<String> problemWith(Report report) {
        ReportType type = report.type();
        if (type.isNotice()) {
            return problemWithNotice(report);
        }
        if (report.test() && (type.isServiceState() || type == ReportType.HARM_REPORTED)) {
            return Optional.of("\"test\" marks a proof test of a barrier; " + type.wireType() + " cannot be one");
        }
        if (report.barrierId() == null) {
            if (type.isShutdown()) {
                // without an off switch, a completed shutdown still shuts the system down
                return bowTie.offSwitch().isPresent() || (type == ReportType.SHUTDOWN_COMPLETED && !report.test())
                        ? Optional.empty()
                        : Optional.of("system '" + systemId + "' has no OFF_SWITCH barrier; name the barrier");
            }
            return type == ReportType.HARM_REPORTED
                    ? checkConsequenceLine(report)
                    : Optional.of(type.wireType() + " needs a barrierId");
        }
        if (!bowTie.has(report.barrierId())) {
            return Optional.of("system '" + systemId + "' has no barrier '" + report.barrierId() + "'");
        }
        return checkConsequenceLine(report);
    }

    private Optional<String> checkConsequenceLine(Report report) {
        if (report.consequenceLine() == null) {
            return Optional.empty();
        }
        return bowTie.line(report.consequenceLine())
                        .filter(l -> l.side() == Side.CONSEQUENCE)
                        .isPresent()
                ? Optional.empty()
                : Optional.of("system '" + systemId + "' has no consequence line '" + report.consequenceLine() + "'");
    }

    private Report withBarrierResolved(Report report) {
        if (report.barrierId() == null && report.type().isShutdown()) {
            return bowTie.offSwitch()
                    .map(offSwitch -> report.withBarrier(offSwitch.id()))
                    .orElse(report);
        }
        return report;
    }

    private void record(Report report, DeadlineManager deadlines) {
        if (report.type().isNotice()) {
            recordNotice(report);
            return;
        }
        Integer version = report.barrierId() == null ? null : barrierVersions.get(report.barrierId());
        if (report.test()) {
            recordProofTest(report, version);
            rejudgeAll(null, deadlines);
            return;
        }
        if (report.type().isServiceState()) {
            apply(reportEvent(report, version, null)); // out of service or back: no demand, no incident
            learn(
                    report.barrierId(),
                    report.type() == ReportType.DEGRADED ? Change.OUT_OF_SERVICE : Change.RESTORED,
                    report.type() == ReportType.DEGRADED ? "DEGRADED" : "RESTORED",
                    report.reportId(),
                    report.occurredAt(),
                    arrivals - 1);
            rejudgeAll(null, deadlines);
            return;
        }
        boolean afterShutdown = isActivity(report)
                && shutdown != null
                && !shutdown.defeated
                && Shutdowns.defeats(shutdown.at, report.occurredAt());
        if (isActivity(report)
                && lifecycle == Lifecycle.SUSPENDED
                && !activityWhileSuspendedFlagged
                && suspendedAt != null
                && report.occurredAt().isAfter(suspendedAt)) {
            apply(new ActivityWhileSuspended(systemId, report.reportId(), report.occurredAt(), suspendedAt));
        }
        if (report.barrierId() == null && report.type().isShutdown()) {
            apply(reportEvent(report, null, null)); // a system without an off switch: nothing was demanded
        } else {
            OpenIncident incident = correlate(report);
            IncidentId incidentId;
            if (incident != null) {
                incidentId = IncidentId.of(incident.id);
            } else if (opensIncident(report) || afterShutdown) {
                incidentId = IncidentId.of(systemId, incidentCount + 1);
                Assessment assessment = IncidentJudge.assess(bowTie, List.of(report.toStep(arrivals)), states());
                apply(new IncidentOpened(
                        systemId, incidentId, report.chainId(), report.occurredAt(), report.reportId(), assessment));
                scheduleQuietCheck(incidentId, deadlines);
            } else {
                incidentId = null; // a preventive barrier held with nothing open: a demand that held at the first try
            }
            apply(reportEvent(report, version, incidentId));
            if (incident == null && incidentId != null) {
                joinHeldDemands(incidentId.value());
            }
            if (failsReactiveBarrier(report)) {
                learn(
                        report.barrierId(),
                        Change.IMPAIRED,
                        "DEMAND_FAILED",
                        report.reportId(),
                        report.occurredAt(),
                        arrivals - 1);
            }
        }
        if (report.type() == ReportType.SHUTDOWN_COMPLETED
                && (lifecycle == Lifecycle.DEPLOYED || lifecycle == Lifecycle.SUSPENDED)) {
            apply(new LifecycleChanged(
                    systemId,
                    lifecycle,
                    Lifecycle.SHUT_DOWN,
                    "off switch held",
                    report.reportId(),
                    report.occurredAt()));
            defeatByEarlierArrivals(deadlines);
        } else if (afterShutdown) {
            defeatShutdown(report.reportId(), report.occurredAt(), arrivals - 1);
        }
        rejudgeAll(report.reportId(), deadlines);
    }

    private void recordProofTest(Report report, Integer version) {
        Boolean passed = switch (report.type()) {
            case TRIPPED, ANOMALY_DETECTED, SHUTDOWN_COMPLETED -> true;
            case BREACHED, SHUTDOWN_FAILED -> false;
            default -> null;
        };
        apply(new ProofTestRecorded(systemId, report, version, passed));
        if (Boolean.FALSE.equals(passed)) {
            learn(
                    report.barrierId(),
                    Change.IMPAIRED,
                    "PROOF_TEST_FAILED",
                    report.reportId(),
                    report.occurredAt(),
                    arrivals - 1);
        }
    }

    /**
     * Activity that occurred after the shutdown in force: the off switch did not really work. Its one demand fails,
     * charged in the shutdown's incident while that is open, else in the activity's; the off switch is impaired.
     */
    private void defeatShutdown(String activityId, Instant activityAt, long activityArrival) {
        IncidentId ofActivity = incidentOf(activityId, activityArrival);
        String charged = Shutdowns.chargedIncident(
                shutdown.incidentId,
                shutdown.incidentId != null && openIncidents.containsKey(shutdown.incidentId),
                ofActivity == null ? null : ofActivity.value());
        IncidentId target = charged == null ? null : IncidentId.of(charged);
        String offSwitch = Shutdowns.chargedOffSwitch(shutdown.offSwitchId);
        apply(new ActivityAfterShutdown(
                systemId, activityId, activityAt, shutdown.reportId, shutdown.source, shutdown.at, offSwitch, target));
        if (offSwitch != null) {
            learn(offSwitch, Change.IMPAIRED, "ACTIVITY_AFTER_SHUTDOWN", activityId, activityAt, arrivals);
        }
    }

    /**
     * A shutdown just put in force: activity that occurred after it but arrived before it defeats it at once (the
     * earliest such activity), and that activity belongs to an incident even if it held with nothing open.
     */
    private void defeatByEarlierArrivals(DeadlineManager deadlines) {
        Optional<Step> first = Shutdowns.firstDefeating(shutdown.at, recentActivity, Step::occurredAt);
        if (first.isEmpty()) {
            return;
        }
        Step activity = first.get();
        if (incidentOf(activity.reportId(), activity.arrival()) == null) {
            heldDemands.stream()
                    .filter(h -> h.step.arrival() == activity.arrival())
                    .findFirst()
                    .ifPresent(held -> {
                        IncidentId id = IncidentId.of(systemId, incidentCount + 1);
                        apply(new IncidentOpened(
                                systemId,
                                id,
                                held.report.chainId(),
                                held.report.occurredAt(),
                                held.report.reportId(),
                                IncidentJudge.assess(bowTie, List.of(held.step), states())));
                        apply(new ReportJoinedIncident(systemId, held.report, held.barrierVersion, id));
                        scheduleQuietCheck(id, deadlines);
                        joinHeldDemands(id.value());
                    });
        }
        defeatShutdown(activity.reportId(), activity.occurredAt(), activity.arrival());
    }

    /** An incident just opened takes the held demands that would have joined it, had they arrived after it. */
    private void joinHeldDemands(String incidentId) {
        OpenIncident incident = openIncidents.get(incidentId);
        for (HeldDemand held : List.copyOf(heldDemands)) {
            if (matches(incident, held.report, held.step)) {
                apply(new ReportJoinedIncident(systemId, held.report, held.barrierVersion, IncidentId.of(incidentId)));
            }
        }
    }

    /**
     * The open incident holding the report that arrived {@code arrival}-th: by its arrival, for an id alone is not a
     * report's identity (another source may use the same id).
     */
    private IncidentId incidentOf(String reportId, long arrival) {
        return openIncidents.values().stream()
                .filter(i -> i.steps.stream()
                        .anyMatch(s -> s.arrival() == arrival && s.reportId().equals(reportId)))
                .findFirst()
                .map(i -> IncidentId.of(i.id))
                .orElse(null);
    }

    /** Records what was learnt about a barrier's service, and the state it leaves the barrier in. */
    private void learn(String barrierId, Change change, String cause, String reportId, Instant at, long arrival) {
        BarrierCondition before = conditions.getOrDefault(barrierId, BarrierCondition.IN_SERVICE);
        BarrierState after = before.with(change, new Moment(at, arrival)).state();
        apply(new BarrierStateChanged(
                systemId, barrierId, change, cause, reportId, at, arrival, before.state(), after));
    }

    private boolean failsReactiveBarrier(Report report) {
        return (report.type() == ReportType.BREACHED || report.type() == ReportType.SHUTDOWN_FAILED)
                && bowTie.isReactive(report.barrierId());
    }

    private static boolean isActivity(Report report) {
        return !report.test() && report.type().isActivity();
    }

    private ReportRecorded reportEvent(Report report, Integer version, IncidentId incidentId) {
        return switch (report.type()) {
            case TRIPPED -> new BarrierTripped(systemId, report, version, incidentId);
            case BREACHED -> new BarrierBreached(systemId, report, version, incidentId, null);
            case ANOMALY_DETECTED -> new AnomalyDetected(systemId, report, version, incidentId);
            case SHUTDOWN_REQUESTED -> new ShutdownRequested(systemId, report, version, incidentId);
            case SHUTDOWN_COMPLETED -> new ShutdownCompleted(systemId, report, version, incidentId);
            case SHUTDOWN_FAILED -> new ShutdownFailed(systemId, report, version, incidentId);
            case HARM_REPORTED -> new HarmReported(systemId, report, version, incidentId);
            case DEGRADED -> new BarrierDegraded(systemId, report, version, incidentId);
            case RESTORED -> new BarrierRestored(systemId, report, version, incidentId);
            case HEARTBEAT, SYSTEM_CHANGED -> throw new IllegalStateException(report.type() + " is no report recorded");
        };
    }

    /** DESIGN §4 correlation, in the domain: see {@link Correlation#opensIncident}. */
    private boolean opensIncident(Report report) {
        return Correlation.opensIncident(bowTie, report.toStep(arrivals));
    }

    /** The open incident a report belongs to ({@link Correlation#correlate}); open incidents are kept in opening order. */
    private OpenIncident correlate(Report report) {
        return Correlation.correlate(
                        bowTie, correlationWindow, openIncidents.values(), report.chainId(), report.toStep(arrivals))
                .orElse(null);
    }

    private boolean matches(OpenIncident incident, Report report, Step step) {
        return Correlation.matches(bowTie, correlationWindow, incident, report.chainId(), step);
    }

    /**
     * Re-judges every open incident whose judgement could have changed: one that took a step since it was last judged,
     * or all of them when a barrier's service or the bow-tie changed (a judgement reads nothing else). Each that changed
     * says how. {@code reportId}: what caused it, if a report. Without the skip, a system with many open incidents
     * judged all of them again on every report.
     */
    private void rejudgeAll(String reportId, DeadlineManager deadlines) {
        // judged first, applied after: applying a judgement changes no other incident's inputs (its steps, the
        // barriers' service, the bow-tie), so the order cannot change what is decided
        Map<String, BarrierState> states = null;
        List<Rejudged> changed = new ArrayList<>();
        for (OpenIncident incident : openIncidents.values()) {
            long inputs = judgementInputs;
            int steps = incident.steps.size();
            if (incident.judgedWith(inputs, steps)) {
                continue;
            }
            states = states == null ? states() : states;
            Assessment after = IncidentJudge.assess(bowTie, incident.steps, states);
            incident.markJudged(inputs, steps);
            if (!after.equals(incident.assessment)) {
                changed.add(new Rejudged(incident, after));
            }
        }
        for (Rejudged rejudged : changed) {
            OpenIncident incident = rejudged.incident();
            Assessment before = incident.assessment;
            Assessment after = rejudged.after();
            IncidentId id = IncidentId.of(incident.id);
            String cause = incident.hasReport(reportId) ? reportId : null;
            if (after.outcome() == before.outcome()) {
                apply(new IncidentProgressed(systemId, id, cause, after));
            } else if (after.outcome().isWorseThan(before.outcome())) {
                apply(new IncidentEscalated(systemId, id, cause, before.outcome(), after));
            } else if (before.outcome() == Outcome.UNDETERMINED && after.outcome() == Outcome.NEAR_MISS) {
                apply(new IncidentContained(systemId, id, cause, after));
            } else {
                apply(new IncidentReassessed(systemId, id, "re-judged", before.outcome(), after));
            }
        }
    }

    /** An open incident whose judgement changed, and what it is now. */
    private record Rejudged(OpenIncident incident, Assessment after) {}

    private Map<String, BarrierState> states() {
        Map<String, BarrierState> states = new HashMap<>();
        conditions.forEach((barrier, condition) -> states.put(barrier, condition.state()));
        return states;
    }

    private void scheduleQuietCheck(IncidentId incidentId, DeadlineManager deadlines) {
        deadlines.schedule(correlationWindow, QUIET_DEADLINE, incidentId.value());
    }

    /**
     * UNDETERMINED and NEAR_MISS incidents close themselves once quiet for the correlation window; TOP_EVENT and
     * FULL_FAILURE wait for a postmortem.
     */
    @DeadlineHandler(deadlineName = QUIET_DEADLINE)
    public void onQuiet(String incidentId, DeadlineManager deadlines) {
        OpenIncident incident = openIncidents.get(incidentId);
        if (incident == null || incident.assessment.outcome().needsPostmortem()) {
            return;
        }
        Instant now = GenericEventMessage.clock.instant();
        Instant quietAt = incident.lastReceivedAt.plus(correlationWindow);
        if (now.isBefore(quietAt)) {
            deadlines.schedule(quietAt, QUIET_DEADLINE, incidentId);
            return;
        }
        apply(new IncidentResolved(
                systemId, IncidentId.of(incidentId), now, true, null, incident.assessment.outcome()));
    }

    // --- analysts, operators and owners ----------------------------------------------------------------------

    @CommandHandler
    public void handle(ResolveIncident command) {
        OpenIncident incident = openIncidents.get(command.incidentId().value());
        if (incident == null) {
            if (incidentNumber(command.incidentId()) > incidentCount) {
                throw new NoSuchElementException("no incident " + command.incidentId());
            }
            throw new IllegalStateException("incident " + command.incidentId()
                    + " is already closed (resolved, marked not an incident, or merged)");
        }
        if (command.postmortem() == null
                || command.postmortem().summary() == null
                || command.postmortem().summary().isBlank()) {
            throw new IllegalArgumentException("resolving an incident takes a postmortem with a summary");
        }
        Limits.text("summary", command.postmortem().summary(), Limits.TEXT);
        Limits.texts("contributingFactors", command.postmortem().contributingFactors(), Limits.TEXT, 50);
        Limits.texts("actionItems", command.postmortem().actionItems(), Limits.TEXT, 50);
        for (var mode : command.postmortem().failureModes().entrySet()) {
            if (!incident.assessment.breachedBarriers().contains(mode.getKey())) {
                throw new IllegalArgumentException("a failure mode is given for barriers the incident breached ("
                        + incident.assessment.breachedBarriers() + "); " + mode.getKey() + " was not breached");
            }
            if (mode.getValue() == null) {
                throw new IllegalArgumentException(
                        "the failure mode of " + mode.getKey() + " is missing: MISSING, FAILED or INADEQUATE");
            }
        }
        apply(new IncidentResolved(
                systemId,
                command.incidentId(),
                GenericEventMessage.clock.instant(),
                false,
                command.postmortem(),
                incident.assessment.outcome()));
    }

    private static long incidentNumber(IncidentId id) {
        return Long.parseLong(id.value().substring(id.value().lastIndexOf('.') + 1));
    }

    // --- incident response: acts of people, recorded with who and when; none changes the judgement -------------

    @CommandHandler
    public void handle(AcknowledgeIncident command) {
        OpenIncident incident = openForResponse(command.incidentId(), "acknowledged");
        String by = who(command.by());
        if (incident.acknowledgedBy != null) {
            throw new IllegalStateException("incident " + command.incidentId() + " was already acknowledged by "
                    + incident.acknowledgedBy + " at "
                    + incident.acknowledgedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        apply(new IncidentAcknowledged(systemId, command.incidentId(), by, GenericEventMessage.clock.instant()));
    }

    /** Handing an incident to whom it already belongs changes nothing: no event. */
    @CommandHandler
    public void handle(AssignIncident command) {
        OpenIncident incident = openForResponse(command.incidentId(), "assigned");
        String by = who(command.by());
        String assignee = command.assignee() == null ? "" : command.assignee().strip();
        if (assignee.isEmpty()) {
            throw new IllegalArgumentException("an assignment names a person or a team: 'assignee' is missing");
        }
        Limits.text("assignee", assignee, Limits.NAME);
        if (assignee.equals(incident.assignee)) {
            return;
        }
        apply(new IncidentAssigned(
                systemId, command.incidentId(), assignee, incident.assignee, by, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(UnassignIncident command) {
        OpenIncident incident = openForResponse(command.incidentId(), "unassigned");
        String by = who(command.by());
        if (incident.assignee == null) {
            return;
        }
        apply(new IncidentUnassigned(
                systemId, command.incidentId(), incident.assignee, by, GenericEventMessage.clock.instant()));
    }

    /**
     * A report of an open incident seen again. One that was no evidence of the hazard (a spurious trip, a drill, a
     * report that does not belong) leaves the incident's judgement, which is made again and, if it changed, recorded as
     * reassessed with the reclassification as its reason. Barrier states the report caused stay: an operator restores
     * a barrier that was wrongly taken for impaired. A failure found to be a drill is a failed proof test, which leaves
     * any barrier a hole (DESIGN §4), not only a reactive one: every open incident's margin is judged again.
     */
    @CommandHandler
    public void handle(ReclassifyReport command, DeadlineManager deadlines) {
        OpenIncident incident = openForResponse(command.incidentId(), "given a reclassified report");
        String by = who(command.by());
        if (command.as() == null) {
            throw new IllegalArgumentException(
                    "'as' is missing: one of " + java.util.Arrays.toString(ReportClass.values()));
        }
        reason(command.reason(), "a reclassification");
        ReportClass before = incident.reclassified.get(command.reportId());
        if (before != null) {
            throw new IllegalStateException("report " + command.reportId() + " was already reclassified as "
                    + before.words() + "; a report is reclassified once");
        }
        List<Step> matching = incident.steps.stream()
                .filter(s -> s.reportId().equals(command.reportId()))
                .toList();
        if (matching.isEmpty()) {
            throw new NoSuchElementException(
                    "incident " + command.incidentId() + " has no report " + command.reportId());
        }
        if (matching.size() > 1) {
            throw new IllegalStateException("incident " + command.incidentId() + " has " + matching.size()
                    + " reports with id " + command.reportId() + " from different sources; they cannot be told apart");
        }
        Step step = matching.get(0);
        if (!incident.identities.containsKey(step.reportId())) {
            throw new IllegalArgumentException(
                    step.reportId() + " is the off switch's failure the tracker inferred from"
                            + " activity after a shutdown, not a report; reclassify the activity instead");
        }
        if (!command.as().appliesTo(step.type())) {
            throw new IllegalArgumentException("a " + step.type() + " report cannot be reclassified as "
                    + command.as().words());
        }
        if (command.as().removesEvidence() && incident.steps.size() == 1) {
            throw new IllegalStateException("report " + command.reportId() + " is the only evidence of incident "
                    + command.incidentId() + "; mark the incident not an incident instead");
        }
        apply(new ReportReclassified(
                systemId,
                command.incidentId(),
                step.reportId(),
                incident.identities.get(step.reportId()),
                step.barrierId(),
                step.type(),
                command.as(),
                command.reason(),
                by,
                GenericEventMessage.clock.instant()));
        boolean failedDrill = command.as() == ReportClass.PROOF_TEST
                && (step.type() == ReportType.BREACHED || step.type() == ReportType.SHUTDOWN_FAILED);
        // a reactive barrier was impaired by the failure itself; one the bow-tie no longer has has no state
        if (failedDrill && bowTie.has(step.barrierId()) && !bowTie.isReactive(step.barrierId())) {
            learn(
                    step.barrierId(),
                    Change.IMPAIRED,
                    "PROOF_TEST_FAILED",
                    step.reportId(),
                    step.occurredAt(),
                    step.arrival());
        }
        judgeAgain(
                incident,
                "report " + step.reportId() + " reclassified as " + command.as().words());
        rejudgeAll(null, deadlines);
    }

    /** Setting the severity it already has changes nothing: no event. */
    @CommandHandler
    public void handle(ChangeIncidentSeverity command) {
        OpenIncident incident = openForResponse(command.incidentId(), "given a severity");
        String by = who(command.by());
        if (command.severity() == null) {
            throw new IllegalArgumentException("'severity' is missing: one of SEV1, SEV2, SEV3, SEV4");
        }
        if (command.severity() == incident.severity) {
            return;
        }
        apply(new IncidentSeverityChanged(
                systemId,
                command.incidentId(),
                command.severity(),
                incident.severity,
                by,
                GenericEventMessage.clock.instant()));
    }

    /** Notes are taken on open and on closed incidents alike: postmortem work goes on after an incident closes. */
    @CommandHandler
    public void handle(AddIncidentNote command) {
        if (!isKnown(command.incidentId())) {
            throw new NoSuchElementException("no incident " + command.incidentId());
        }
        String by = who(command.by());
        if (command.text() == null || command.text().isBlank()) {
            throw new IllegalArgumentException("a note needs a 'text'");
        }
        Limits.text("text", command.text(), Limits.TEXT);
        apply(new IncidentNoteAdded(
                systemId, command.incidentId(), command.text(), by, GenericEventMessage.clock.instant()));
    }

    /**
     * Closes an open incident as no incident at all. Later reports no longer join it (like a resolved one); its
     * quiet check finds it closed and does nothing.
     */
    @CommandHandler
    public void handle(MarkNotAnIncident command) {
        OpenIncident incident = openForResponse(command.incidentId(), "marked not an incident");
        String by = who(command.by());
        reason(command.reason(), "marking an incident as none");
        apply(new IncidentMarkedNotAnIncident(
                systemId,
                command.incidentId(),
                command.reason(),
                incident.assessment.outcome(),
                by,
                GenericEventMessage.clock.instant()));
    }

    /**
     * Two open incidents of this system were one. The other's reports join this one, which is judged again; the other
     * is closed as merged into it. Who acknowledged, who is assigned and how severe it is stay this one's. An incident
     * declared serious is not merged away: its reporting clock runs under its id.
     */
    @CommandHandler
    public void handle(MergeIncidents command, DeadlineManager deadlines) {
        IncidentId otherId = command.otherIncidentId();
        if (otherId == null) {
            throw new IllegalArgumentException("'otherIncidentId' is missing: the incident that joins this one");
        }
        if (!otherId.systemId().equals(systemId)) {
            throw new IllegalArgumentException("incident " + otherId + " belongs to system " + otherId.systemId()
                    + ", not " + systemId + ": incidents of two systems are never merged");
        }
        if (otherId.equals(command.incidentId())) {
            throw new IllegalArgumentException("an incident is not merged with itself");
        }
        OpenIncident kept = openForResponse(command.incidentId(), "merged");
        OpenIncident other = openForResponse(otherId, "merged");
        String by = who(command.by());
        String reason = reason(command.reason(), "merging incidents");
        if (seriousIncidents.containsKey(other.id)) {
            throw new IllegalStateException("incident " + otherId + " was declared a serious incident and its"
                    + " reporting clock runs under its id; merge " + command.incidentId() + " into it instead");
        }
        apply(new IncidentMerged(
                systemId,
                otherId,
                command.incidentId(),
                reason,
                other.assessment.outcome(),
                by,
                GenericEventMessage.clock.instant()));
        judgeAgain(kept, "merged with " + otherId);
        scheduleQuietCheck(command.incidentId(), deadlines);
    }

    /**
     * Some reports of an open incident were another incident: they leave it for a new one, numbered next, and both
     * are judged by the reports they now hold. Reports reclassified as no evidence, and the off switch's failure the
     * tracker inferred, do not move; at least one report stays.
     */
    @CommandHandler
    public String handle(SplitIncident command, DeadlineManager deadlines) {
        OpenIncident incident = openForResponse(command.incidentId(), "split");
        String by = who(command.by());
        String reason = reason(command.reason(), "splitting an incident");
        if (command.reportIds() == null || command.reportIds().isEmpty()) {
            throw new IllegalArgumentException("name the reports that leave the incident: 'reportIds' is empty");
        }
        List<Step> moving = new ArrayList<>();
        for (String reportId : new LinkedHashSet<>(command.reportIds())) {
            ReportClass reclassified = incident.reclassified.get(reportId);
            if (reclassified != null && reclassified.removesEvidence()) {
                throw new IllegalStateException("report " + reportId + " was reclassified as " + reclassified.words()
                        + " and is no evidence of incident " + command.incidentId() + "; it cannot move");
            }
            List<Step> matching = incident.steps.stream()
                    .filter(s -> s.reportId().equals(reportId))
                    .toList();
            if (matching.isEmpty()) {
                throw new NoSuchElementException("incident " + command.incidentId() + " has no report " + reportId);
            }
            if (matching.size() > 1 || !incident.identities.containsKey(reportId)) {
                throw new IllegalArgumentException("report " + reportId + " cannot be told apart in incident "
                        + command.incidentId() + " (several sources, or the tracker's inference): it cannot move");
            }
            moving.add(matching.get(0));
        }
        boolean reportLeft = incident.steps.stream()
                .anyMatch(s -> !moving.contains(s) && incident.identities.containsKey(s.reportId()));
        if (!reportLeft) {
            throw new IllegalStateException("every report of incident " + command.incidentId()
                    + " would leave it; an incident keeps at least one (merge it, or mark it not an incident)");
        }
        IncidentId newId = IncidentId.of(systemId, incidentCount + 1);
        Step first = moving.stream().min(Step.IN_TIME_ORDER).orElseThrow();
        Assessment assessment = IncidentJudge.assess(bowTie, moving, states());
        apply(new IncidentOpened(systemId, newId, null, first.occurredAt(), first.reportId(), assessment));
        apply(new IncidentSplit(
                systemId,
                command.incidentId(),
                newId,
                moving.stream().map(Step::reportId).toList(),
                moving.stream().map(s -> incident.identities.get(s.reportId())).toList(),
                reason,
                by,
                GenericEventMessage.clock.instant()));
        openIncidents.get(newId.value()).markJudged(judgementInputs, moving.size());
        judgeAgain(incident, moving.size() + " of its reports split off into " + newId);
        scheduleQuietCheck(newId, deadlines);
        scheduleQuietCheck(command.incidentId(), deadlines);
        return newId.value();
    }

    private static String reason(String reason, String act) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(act + " takes a 'reason'");
        }
        Limits.text("reason", reason, Limits.TEXT);
        return reason;
    }

    /** An incident whose reports changed by someone's act, judged again: reassessed, for {@code why}, if it changed. */
    private void judgeAgain(OpenIncident incident, String why) {
        Assessment was = incident.assessment;
        Assessment now = IncidentJudge.assess(bowTie, incident.steps, states());
        incident.markJudged(judgementInputs, incident.steps.size());
        if (!now.equals(was)) {
            apply(new IncidentReassessed(systemId, IncidentId.of(incident.id), why, was.outcome(), now));
        }
    }

    // --- follow-up actions: what an incident's review asked for, by whom, by when ---------------------------------

    @CommandHandler
    public String handle(AddFollowUpAction command, DeadlineManager deadlines) {
        if (!isKnown(command.incidentId())) {
            throw new NoSuchElementException("no incident " + command.incidentId());
        }
        String by = who(command.by());
        String title = command.title() == null ? "" : command.title().strip();
        if (title.isEmpty()) {
            throw new IllegalArgumentException("a follow-up action needs a 'title': what is to be done");
        }
        Limits.text("title", title, Limits.TEXT);
        String owner = owner(command.owner());
        if (command.due() == null) {
            throw new IllegalArgumentException(
                    "a follow-up action needs a 'due' instant (ISO-8601, e.g. " + "2026-12-31T17:00:00Z)");
        }
        String prefix = command.incidentId().value() + "/a";
        long number =
                followUps.keySet().stream().filter(id -> id.startsWith(prefix)).count() + 1;
        String actionId = prefix + number;
        apply(new FollowUpActionAdded(
                systemId,
                command.incidentId(),
                actionId,
                title,
                owner,
                command.due(),
                by,
                GenericEventMessage.clock.instant()));
        deadlines.schedule(command.due(), FOLLOW_UP_DEADLINE, actionId);
        return actionId;
    }

    /** A change that changes nothing records nothing. A new due date, or a reopened action, is watched again. */
    @CommandHandler
    public void handle(UpdateFollowUpAction command, DeadlineManager deadlines) {
        FollowUp action = command.actionId() == null ? null : followUps.get(command.actionId());
        if (action == null || !action.incidentId.equals(command.incidentId().value())) {
            throw new NoSuchElementException(
                    "no follow-up action " + command.actionId() + " on incident " + command.incidentId());
        }
        String by = who(command.by());
        String owner = command.owner() == null ? action.owner : owner(command.owner());
        Instant due = command.due() == null ? action.due : command.due();
        ActionStatus status = command.status() == null ? action.status : command.status();
        if (owner.equals(action.owner) && due.equals(action.due) && status == action.status) {
            return;
        }
        boolean watchAgain = status == ActionStatus.OPEN && (!due.equals(action.due) || action.status != status);
        apply(new FollowUpActionUpdated(
                systemId,
                command.incidentId(),
                command.actionId(),
                owner,
                due,
                status,
                by,
                GenericEventMessage.clock.instant()));
        if (watchAgain) {
            deadlines.schedule(due, FOLLOW_UP_DEADLINE, command.actionId());
        }
    }

    /**
     * The due date of an action came ({@code dueAt}: the instant the deadline was set for). A deadline of a due date
     * since moved later, or of an action closed or already overdue, does nothing.
     */
    @DeadlineHandler(deadlineName = FOLLOW_UP_DEADLINE)
    public void onFollowUpDue(String actionId, @Timestamp Instant dueAt) {
        FollowUp action = followUps.get(actionId);
        if (action == null || action.status != ActionStatus.OPEN || action.overdue || dueAt.isBefore(action.due)) {
            return;
        }
        apply(new FollowUpActionOverdue(
                systemId, IncidentId.of(action.incidentId), actionId, action.title, action.owner, action.due));
    }

    // --- serious incidents (EU AI Act Art. 73): a reporting clock for high-risk systems ---------------------------

    @CommandHandler
    public void handle(DesignateHighRisk command) {
        String by = who(command.by());
        if (command.basis() == null || command.basis().isBlank()) {
            throw new IllegalArgumentException(
                    "a designation takes a 'basis' (e.g. the Annex III area it falls under)");
        }
        Limits.text("basis", command.basis(), Limits.TEXT);
        if (command.highRisk() == highRisk) {
            return;
        }
        apply(new HighRiskDesignated(
                systemId, command.highRisk(), command.basis(), by, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(DeclareSeriousIncident command, DeadlineManager deadlines) {
        if (!isKnown(command.incidentId())) {
            throw new NoSuchElementException("no incident " + command.incidentId());
        }
        String by = who(command.by());
        if (!highRisk) {
            throw new IllegalStateException("system " + systemId + " is not designated high-risk; its incidents have"
                    + " no Article 73 reporting clock");
        }
        if (command.kind() == null) {
            throw new IllegalArgumentException(
                    "'kind' is missing: one of " + java.util.Arrays.toString(SeriousIncidentKind.values()));
        }
        SeriousClock declared = seriousIncidents.get(command.incidentId().value());
        if (declared != null) {
            throw new IllegalStateException("incident " + command.incidentId() + " was already declared a serious"
                    + " incident (" + declared.kind.words() + ", due " + declared.due + ")");
        }
        Instant now = GenericEventMessage.clock.instant();
        Instant aware = command.awareAt() == null ? now : command.awareAt();
        if (aware.isAfter(now)) {
            throw new IllegalArgumentException("'awareAt' is in the future: " + aware);
        }
        if (command.period() == null
                || command.period().isNegative()
                || command.period().isZero()) {
            throw new IllegalArgumentException("the reporting period must be positive");
        }
        Instant due = aware.plus(command.period());
        apply(new SeriousIncidentDeclared(systemId, command.incidentId(), command.kind(), aware, due, by, now));
        deadlines.schedule(due, SERIOUS_INCIDENT_DEADLINE, command.incidentId().value());
    }

    @CommandHandler
    public void handle(RecordSeriousIncidentReport command) {
        String by = who(command.by());
        SeriousClock clock = seriousIncidents.get(command.incidentId().value());
        if (clock == null) {
            if (!isKnown(command.incidentId())) {
                throw new NoSuchElementException("no incident " + command.incidentId());
            }
            throw new IllegalStateException(
                    "incident " + command.incidentId() + " was not declared a serious incident");
        }
        if (clock.reportedAt != null) {
            throw new IllegalStateException("the serious incident " + command.incidentId() + " was reported already,"
                    + " under " + clock.reference);
        }
        if (command.reference() == null || command.reference().isBlank()) {
            throw new IllegalArgumentException("a report takes the authority's 'reference'");
        }
        Limits.text("reference", command.reference(), Limits.NAME);
        apply(new SeriousIncidentReported(
                systemId, command.incidentId(), command.reference(), by, GenericEventMessage.clock.instant()));
    }

    @DeadlineHandler(deadlineName = SERIOUS_INCIDENT_DEADLINE)
    public void onSeriousIncidentDue(String incidentId) {
        SeriousClock clock = seriousIncidents.get(incidentId);
        if (clock == null || clock.reportedAt != null || clock.overdue) {
            return;
        }
        apply(new SeriousIncidentReportOverdue(systemId, IncidentId.of(incidentId), clock.kind, clock.due));
    }

    private static String owner(String given) {
        String owner = given == null ? "" : given.strip();
        if (owner.isEmpty()) {
            throw new IllegalArgumentException("a follow-up action needs an 'owner': a person or a team");
        }
        Limits.text("owner", owner, Limits.NAME);
        return owner;
    }

    /** The open incident an act names: an incident never opened is not found, a closed one refuses the act. */
    private OpenIncident openForResponse(IncidentId id, String act) {
        OpenIncident incident = openIncidents.get(id.value());
        if (incident != null) {
            return incident;
        }
        if (!isKnown(id)) {
            throw new NoSuchElementException("no incident " + id);
        }
        throw new IllegalStateException(
                "incident " + id + " is closed (resolved, marked not an incident, or merged) and" + " cannot be " + act
                        + "; a closed incident takes notes only");
    }

    /** Incidents are numbered 1, 2, ... in the order they open, so every number up to the count was one. */
    private boolean isKnown(IncidentId id) {
        if (!id.systemId().equals(systemId)) {
            return false;
        }
        String number = id.value().substring(id.value().lastIndexOf('.') + 1);
        return number.length() < 19 && incidentNumber(id) >= 1 && incidentNumber(id) <= incidentCount;
    }

    private static String who(String by) {
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("an act on an incident needs the user who did it");
        }
        Limits.text("user", by, Limits.NAME);
        return by;
    }

    @CommandHandler
    public void handle(RestoreBarrier command, DeadlineManager deadlines) {
        if (!bowTie.has(command.barrierId())) {
            throw new NoSuchElementException("system '" + systemId + "' has no barrier '" + command.barrierId() + "'");
        }
        // recorded even when in service: a failure that happened earlier but is reported later must not undo it
        learn(command.barrierId(), Change.RESTORED, "OPERATOR", null, GenericEventMessage.clock.instant(), arrivals);
        rejudgeAll(null, deadlines);
    }

    private static void rationale(RiskProfile profile) {
        Limits.text("misalignment rationale", profile.rationale().misalignment(), Limits.TEXT);
        Limits.text("optimization rationale", profile.rationale().optimization(), Limits.TEXT);
        Limits.text("influence rationale", profile.rationale().influence(), Limits.TEXT);
    }

    @CommandHandler
    public void handle(ReviseBowTie command, DeadlineManager deadlines) {
        BowTie revised = command.bowTie();
        Limits.bowTie(revised);
        if (revised.equals(bowTie)) {
            return; // nothing changes: no event
        }
        Map<String, Integer> versions = new LinkedHashMap<>();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (LineSpec line : revised.lines()) {
            for (int position = 0; position < line.barriers().size(); position++) {
                BarrierSpec barrier = line.barriers().get(position);
                Integer current = barrierVersions.get(barrier.id());
                if (current == null) {
                    added.add(barrier.id());
                    versions.put(barrier.id(), lastVersions.getOrDefault(barrier.id(), 0) + 1);
                } else if (!sameBarrierInSamePlace(barrier, line.id(), position)) {
                    changed.add(barrier.id());
                    versions.put(barrier.id(), current + 1);
                } else {
                    versions.put(barrier.id(), current);
                }
            }
        }
        List<String> removed = bowTie.barrierIds().stream()
                .filter(id -> !versions.containsKey(id))
                .toList();
        apply(new BowTieRevised(systemId, revised, versions, added, removed, changed));
        for (OpenIncident incident : List.copyOf(openIncidents.values())) {
            Assessment before = incident.assessment;
            Assessment after = IncidentJudge.assess(bowTie, incident.steps, states());
            if (after.equals(before)) {
                continue;
            }
            IncidentId id = IncidentId.of(incident.id);
            if (after.outcome() == before.outcome()) {
                apply(new IncidentProgressed(systemId, id, null, after));
            } else {
                apply(new IncidentReassessed(systemId, id, "bow-tie revised", before.outcome(), after));
                if (before.outcome().needsPostmortem() && !after.outcome().needsPostmortem()) {
                    scheduleQuietCheck(id, deadlines);
                }
            }
        }
    }

    private boolean sameBarrierInSamePlace(BarrierSpec barrier, String lineId, int position) {
        return bowTie.line(lineId)
                .filter(l -> l.barriers().size() > position
                        && l.barriers().get(position).sameBarrier(barrier))
                .isPresent();
    }

    /**
     * Appends what today's model makes of a first-release history: never a rewrite. Open incidents are judged again
     * here, by the aggregate; resolved ones take the judgement the same domain rules gave them from the stream.
     */
    @CommandHandler
    public void handle(CorrectLegacyHistory command, DeadlineManager deadlines) {
        if (legacyCorrected) {
            return;
        }
        for (CorrectLegacyHistory.Fact fact : command.facts()) {
            learn(
                    fact.barrierId(),
                    fact.change(),
                    fact.cause(),
                    fact.reportId(),
                    fact.occurredAt(),
                    fact.arrival() == null ? arrivals : fact.arrival());
        }
        for (CorrectLegacyHistory.Defeat d : command.defeats()) {
            apply(new ActivityAfterShutdown(
                    systemId,
                    d.activityReportId(),
                    d.occurredAt(),
                    d.shutdownReportId(),
                    d.shutdownSource(),
                    d.shutdownAt(),
                    d.offSwitchId(),
                    d.incidentId() == null ? null : IncidentId.of(d.incidentId())));
        }
        String reason = "judged again under the swiss-cheese model of DESIGN §4 (first-release history)";
        for (OpenIncident incident : List.copyOf(openIncidents.values())) {
            Assessment after = IncidentJudge.assess(bowTie, incident.steps, states());
            if (!after.equals(incident.assessment)) {
                apply(new IncidentReassessed(
                        systemId, IncidentId.of(incident.id), reason, incident.assessment.outcome(), after));
            }
        }
        for (CorrectLegacyHistory.Reassessment r : command.reassessments()) {
            if (!openIncidents.containsKey(r.incidentId())) {
                apply(new IncidentReassessed(
                        systemId, IncidentId.of(r.incidentId()), reason, r.from(), r.assessment()));
            }
        }
        apply(new LegacyHistoryCorrected(
                systemId,
                command.facts().size(),
                command.defeats().size(),
                command.reassessments().size()));
    }

    @CommandHandler
    public void handle(ChangeRiskProfile command) {
        RiskProfile profile = command.riskProfile();
        rationale(profile);
        if (profile.equals(riskProfile)) {
            return;
        }
        RiskClass before = riskProfile.riskClass();
        apply(new RiskProfileChanged(systemId, profile));
        if (profile.riskClass() != before) {
            apply(new RiskClassChanged(systemId, before, profile.riskClass()));
        }
    }

    /** Someone responsible has seen that the system changed class: the board stops alerting about it. */
    @CommandHandler
    public void handle(AcknowledgeClassChange command) {
        if (classChangePending) {
            apply(new ClassChangeAcknowledged(systemId, riskProfile.riskClass()));
        }
    }

    @CommandHandler
    public void handle(ChangeLifecycle command, DeadlineManager deadlines) {
        Lifecycle target = command.target();
        if (target == lifecycle) {
            return;
        }
        if (!lifecycle.canMoveTo(target)) {
            throw new IllegalStateException("system '" + systemId + "' is " + lifecycle + " and cannot become " + target
                    + " (allowed: " + lifecycle.next() + ")");
        }
        Shutdown before = shutdown;
        apply(new LifecycleChanged(
                systemId, lifecycle, target, command.reason(), null, GenericEventMessage.clock.instant()));
        if (shutdown != null && shutdown != before) {
            defeatByEarlierArrivals(deadlines);
            rejudgeAll(null, deadlines);
        }
    }

    // --- state -----------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(SystemRegistered event) {
        systemId = event.systemId();
        name = event.name();
        kind = event.kind();
        correlationWindow = event.correlationWindow();
        riskProfile = event.riskProfile();
        lifecycle = Lifecycle.REGISTERED;
        bowTie = event.bowTie();
        barrierVersions = new HashMap<>();
        bowTie.barrierIds().forEach(id -> barrierVersions.put(id, 1));
        lastVersions = new HashMap<>(barrierVersions);
    }

    @EventSourcingHandler
    void on(BowTieRevised event) {
        judgementInputs++;
        bowTie = event.bowTie();
        barrierVersions = new HashMap<>(event.barrierVersions());
        lastVersions.putAll(barrierVersions);
        // a removed barrier keeps what is known of its service: if it comes back, so does its state
    }

    @EventSourcingHandler
    void on(RiskProfileChanged event) {
        riskProfile = event.riskProfile();
    }

    @EventSourcingHandler
    void on(RiskClassChanged event) {
        classChangePending = true;
    }

    @EventSourcingHandler
    void on(ClassChangeAcknowledged event) {
        classChangePending = false;
    }

    @EventSourcingHandler
    void on(LegacyHistoryCorrected event) {
        legacyCorrected = true;
    }

    @EventSourcingHandler
    void on(LifecycleChanged event) {
        lifecycle = event.to();
        switch (event.to()) {
            case SHUT_DOWN, DECOMMISSIONED -> {
                if (event.reportId() != null
                        && pendingShutdown != null
                        && event.reportId().equals(pendingShutdown.reportId)) {
                    shutdown = pendingShutdown;
                } else if (shutdown == null) {
                    shutdown = new Shutdown(null, null, event.at(), null, null);
                }
            }
            case DEPLOYED -> {
                shutdown = null;
                suspendedAt = null;
            }
            case SUSPENDED -> {
                suspendedAt = event.at();
                activityWhileSuspendedFlagged = false;
            }
            default -> {}
        }
        pendingShutdown = null;
    }

    @EventSourcingHandler
    void on(ReportRecorded event) {
        Report report = event.report();
        remember(report.identity());
        heard(report.barrierId(), report.occurredAt(), report.receivedAt());
        long arrival = arrivals++;
        if (event instanceof ProofTestRecorded) {
            return;
        }
        if (event instanceof ShutdownCompleted) {
            pendingShutdown = new Shutdown(
                    report.reportId(),
                    report.source(),
                    report.occurredAt(),
                    report.barrierId(),
                    event.incidentId() == null ? null : event.incidentId().value());
        } else if (event instanceof BarrierBreached breached && breached.inferredFrom() != null) {
            return; // the first release's inferred second demand: no evidence, see CorrectLegacyHistory
        }
        if (report.type().isActivity()) {
            recentActivity.addLast(report.toStep(arrival));
            if (recentActivity.size() > RECENT_ACTIVITY) {
                recentActivity.removeFirst();
            }
        }
        if (event.incidentId() != null) {
            OpenIncident incident = openIncidents.get(event.incidentId().value());
            if (incident != null) {
                incident.add(report.toStep(arrival), report.receivedAt());
                incident.identities.put(report.reportId(), report.identity());
            }
        } else if (report.barrierId() != null && !report.type().isServiceState()) {
            heldDemands.addLast(new HeldDemand(report, event.barrierVersion(), report.toStep(arrival)));
            if (heldDemands.size() > RECENT_ACTIVITY) {
                heldDemands.removeFirst();
            }
        }
    }

    @EventSourcingHandler
    void on(ReportJoinedIncident event) {
        heldDemands.stream()
                .filter(h -> h.report.identity().equals(event.report().identity()))
                .findFirst()
                .ifPresent(held -> {
                    heldDemands.remove(held);
                    OpenIncident incident = openIncidents.get(event.incidentId().value());
                    if (incident != null) {
                        incident.add(held.step, held.report.receivedAt());
                        incident.identities.put(held.report.reportId(), held.report.identity());
                    }
                });
    }

    @EventSourcingHandler
    void on(BarrierStateChanged event) {
        judgementInputs++;
        conditions.put(
                event.barrierId(),
                conditions
                        .getOrDefault(event.barrierId(), BarrierCondition.IN_SERVICE)
                        .with(event.change(), new Moment(event.occurredAt(), event.arrival())));
        if (event.arrival() >= arrivals) {
            arrivals = event.arrival() + 1;
        }
    }

    @EventSourcingHandler
    void on(ActivityAfterShutdown event) {
        // the shutdown in force, not an earlier one whose defeat a correction of the first release's history records
        if (shutdown != null && shutdown.at.equals(event.shutdownAt())) {
            shutdown.defeated = true;
        }
        if (event.offSwitchId() != null && event.incidentId() != null) {
            OpenIncident incident = openIncidents.get(event.incidentId().value());
            if (incident != null) {
                // evidence, not a report: it does not widen the incident's span
                incident.addEvidence(new Step(
                        Shutdowns.inferredFailureId(event.activityReportId()),
                        ReportType.SHUTDOWN_FAILED,
                        event.offSwitchId(),
                        event.occurredAt(),
                        arrivals,
                        null));
            }
        }
    }

    @EventSourcingHandler
    void on(ActivityWhileSuspended event) {
        activityWhileSuspendedFlagged = true;
    }

    private void remember(String identity) {
        recentReports.add(identity);
        if (recentReports.size() > DEDUPLICATION_WINDOW) {
            Iterator<String> oldest = recentReports.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    @EventSourcingHandler
    void on(IncidentOpened event) {
        incidentCount++;
        openIncidents.put(
                event.incidentId().value(),
                new OpenIncident(event.incidentId().value(), event.chainId(), event.openedAt(), event.assessment()));
    }

    @EventSourcingHandler
    void on(IncidentAssessed event) {
        if (!(event instanceof IncidentOpened)) {
            OpenIncident incident = openIncidents.get(event.incidentId().value());
            if (incident != null) {
                incident.assessment = event.assessment();
            }
        }
    }

    @EventSourcingHandler
    void on(IncidentResolved event) {
        openIncidents.remove(event.incidentId().value());
    }

    @EventSourcingHandler
    void on(IncidentAcknowledged event) {
        OpenIncident incident = openIncidents.get(event.incidentId().value());
        if (incident != null) {
            incident.acknowledgedBy = event.by();
            incident.acknowledgedAt = event.at();
        }
    }

    @EventSourcingHandler
    void on(IncidentAssigned event) {
        OpenIncident incident = openIncidents.get(event.incidentId().value());
        if (incident != null) {
            incident.assignee = event.assignee();
        }
    }

    @EventSourcingHandler
    void on(IncidentUnassigned event) {
        OpenIncident incident = openIncidents.get(event.incidentId().value());
        if (incident != null) {
            incident.assignee = null;
        }
    }

    @EventSourcingHandler
    void on(ReportReclassified event) {
        OpenIncident incident = openIncidents.get(event.incidentId().value());
        if (incident != null) {
            incident.reclassified.put(event.reportId(), event.as());
            if (event.as().removesEvidence()) {
                incident.removeSteps(s -> s.reportId().equals(event.reportId()));
            }
        }
    }

    @EventSourcingHandler
    void on(IncidentSeverityChanged event) {
        OpenIncident incident = openIncidents.get(event.incidentId().value());
        if (incident != null) {
            incident.severity = event.severity();
        }
    }

    @EventSourcingHandler
    void on(IncidentMarkedNotAnIncident event) {
        openIncidents.remove(event.incidentId().value());
    }

    @EventSourcingHandler
    void on(IncidentMerged event) {
        OpenIncident merged = openIncidents.remove(event.incidentId().value());
        OpenIncident kept = openIncidents.get(event.into().value());
        if (merged != null && kept != null) {
            kept.absorb(merged);
        }
        // a shutdown charged to the merged incident is the survivor's now
        for (Shutdown known : new Shutdown[] {shutdown, pendingShutdown}) {
            if (known != null && event.incidentId().value().equals(known.incidentId)) {
                known.incidentId = event.into().value();
            }
        }
    }

    @EventSourcingHandler
    void on(IncidentSplit event) {
        OpenIncident from = openIncidents.get(event.incidentId().value());
        OpenIncident to = openIncidents.get(event.newIncidentId().value());
        if (from != null && to != null) {
            from.moveTo(to, Set.copyOf(event.reportIds()));
        }
        // a shutdown whose report was split off belongs to the new incident
        for (Shutdown known : new Shutdown[] {shutdown, pendingShutdown}) {
            if (known != null
                    && event.incidentId().value().equals(known.incidentId)
                    && event.reportIds().contains(known.reportId)) {
                known.incidentId = event.newIncidentId().value();
            }
        }
    }

    @EventSourcingHandler
    void on(HighRiskDesignated event) {
        highRisk = event.highRisk();
    }

    @EventSourcingHandler
    void on(SeriousIncidentDeclared event) {
        SeriousClock clock = new SeriousClock();
        clock.kind = event.kind();
        clock.due = event.due();
        seriousIncidents.put(event.incidentId().value(), clock);
    }

    @EventSourcingHandler
    void on(SeriousIncidentReported event) {
        SeriousClock clock = seriousIncidents.get(event.incidentId().value());
        if (clock != null) {
            clock.reportedAt = event.at();
            clock.reference = event.reference();
        }
    }

    @EventSourcingHandler
    void on(SeriousIncidentReportOverdue event) {
        SeriousClock clock = seriousIncidents.get(event.incidentId().value());
        if (clock != null) {
            clock.overdue = true;
        }
    }

    @EventSourcingHandler
    void on(FollowUpActionAdded event) {
        followUps.put(
                event.actionId(), new FollowUp(event.incidentId().value(), event.title(), event.owner(), event.due()));
    }

    @EventSourcingHandler
    void on(FollowUpActionUpdated event) {
        FollowUp action = followUps.get(event.actionId());
        if (action != null) {
            boolean dueMoved = !event.due().equals(action.due);
            boolean reopened = event.status() == ActionStatus.OPEN && action.status != ActionStatus.OPEN;
            action.owner = event.owner();
            action.due = event.due();
            action.status = event.status();
            if (dueMoved || reopened) {
                action.overdue = false;
            }
        }
    }

    @EventSourcingHandler
    void on(FollowUpActionOverdue event) {
        FollowUp action = followUps.get(event.actionId());
        if (action != null) {
            action.overdue = true;
        }
    }

    // --- notices: rollouts and heartbeats (issue 13). Neither is a demand, opens an incident or joins one. -------

    /** Each barrier's last stored sign of life (any report of it, or a stored heartbeat): heartbeats are thinned by it. */
    private Map<String, Instant> lastHeard = new HashMap<>();

    private Optional<String> problemWithNotice(Report report) {
        if (report.test()) {
            return Optional.of(
                    "\"test\" marks a proof test of a barrier; " + report.type().wireType() + " cannot be one");
        }
        if (report.type() == ReportType.SYSTEM_CHANGED) {
            return report.change() == null || report.change().kind() == null
                    ? Optional.of(report.type().wireType() + " needs a kind (MODEL, GUARDRAIL or CONFIGURATION)")
                    : Optional.empty();
        }
        if (report.barrierId() == null) {
            return Optional.of(report.type().wireType() + " needs a barrierId");
        }
        return bowTie.has(report.barrierId())
                ? Optional.empty()
                : Optional.of("system '" + systemId + "' has no barrier '" + report.barrierId() + "'");
    }

    /** A rollout is recorded once (by its identity); a heartbeat only when it says more than the last sign did. */
    private void recordNotice(Report report) {
        if (report.type() == ReportType.SYSTEM_CHANGED) {
            apply(new SystemChanged(
                    systemId,
                    report.reportId(),
                    report.source(),
                    report.change().kind(),
                    report.change().version(),
                    report.detail(),
                    report.occurredAt(),
                    report.receivedAt()));
            return;
        }
        Duration every = bowTie.barrier(report.barrierId())
                .map(BarrierSpec::expectedEvery)
                .orElse(null);
        Instant beat = BarrierLiveness.signOfLife(report.occurredAt());
        if (BarrierLiveness.worthStoring(every, lastHeard.get(report.barrierId()), beat)) {
            apply(new BarrierHeartbeat(
                    systemId,
                    report.barrierId(),
                    report.reportId(),
                    report.source(),
                    report.occurredAt(),
                    report.receivedAt()));
        }
    }

    private void heard(String barrierId, Instant occurredAt, Instant receivedAt) {
        if (barrierId != null) {
            lastHeard.merge(barrierId, BarrierLiveness.signOfLife(occurredAt), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    @EventSourcingHandler
    void on(SystemChanged event) {
        remember(Report.identity(event.source(), event.reportId()));
    }

    @EventSourcingHandler
    void on(BarrierHeartbeat event) {
        heard(event.barrierId(), event.occurredAt(), event.receivedAt());
    }

    /** A report that held with nothing open, as recorded: an incident that opens later may take it. */
    @JsonAutoDetect(
            fieldVisibility = Visibility.ANY,
            getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    static final class HeldDemand {
        private Report report;
        private Integer barrierVersion;
        private Step step;

        private HeldDemand() {
            // for snapshots
        }

        HeldDemand(Report report, Integer barrierVersion, Step step) {
            this.report = report;
            this.barrierVersion = barrierVersion;
            this.step = step;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HeldDemand other
                    && report.equals(other.report)
                    && Objects.equals(barrierVersion, other.barrierVersion)
                    && step.equals(other.step);
        }

        @Override
        public int hashCode() {
            return report.hashCode();
        }
    }

    /** A serious incident's reporting clock (Art. 73). */
    @JsonAutoDetect(
            fieldVisibility = Visibility.ANY,
            getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    static final class SeriousClock {
        private SeriousIncidentKind kind;
        private Instant due;
        private Instant reportedAt;
        private String reference;
        private boolean overdue;

        @Override
        public boolean equals(Object o) {
            return o instanceof SeriousClock other
                    && kind == other.kind
                    && Objects.equals(due, other.due)
                    && Objects.equals(reportedAt, other.reportedAt)
                    && Objects.equals(reference, other.reference)
                    && overdue == other.overdue;
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, due);
        }
    }

    /** A follow-up action as the aggregate needs it to refuse, change and watch it. */
    @JsonAutoDetect(
            fieldVisibility = Visibility.ANY,
            getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    static final class FollowUp {
        private String incidentId;
        private String title;
        private String owner;
        private Instant due;
        private ActionStatus status = ActionStatus.OPEN;
        private boolean overdue;

        private FollowUp() {
            // for snapshots
        }

        FollowUp(String incidentId, String title, String owner, Instant due) {
            this.incidentId = incidentId;
            this.title = title;
            this.owner = owner;
            this.due = due;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FollowUp other
                    && incidentId.equals(other.incidentId)
                    && title.equals(other.title)
                    && owner.equals(other.owner)
                    && due.equals(other.due)
                    && status == other.status
                    && overdue == other.overdue;
        }

        @Override
        public int hashCode() {
            return incidentId.hashCode() * 31 + title.hashCode();
        }
    }

    /** A shutdown in force: when it happened, which off switch held (if any), in which incident. */
    @JsonAutoDetect(
            fieldVisibility = Visibility.ANY,
            getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    static final class Shutdown {
        private String reportId;
        private String source;
        private Instant at;
        private String offSwitchId;
        private String incidentId;
        private boolean defeated;

        private Shutdown() {
            // for snapshots
        }

        Shutdown(String reportId, String source, Instant at, String offSwitchId, String incidentId) {
            this.reportId = reportId;
            this.source = source;
            this.at = at;
            this.offSwitchId = offSwitchId;
            this.incidentId = incidentId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Shutdown other
                    && Objects.equals(reportId, other.reportId)
                    && Objects.equals(source, other.source)
                    && at.equals(other.at)
                    && Objects.equals(offSwitchId, other.offSwitchId)
                    && Objects.equals(incidentId, other.incidentId)
                    && defeated == other.defeated;
        }

        @Override
        public int hashCode() {
            return at.hashCode();
        }
    }

    /** An incident still open: what correlation and judging need of it. */
    @JsonAutoDetect(
            fieldVisibility = Visibility.ANY,
            getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    static final class OpenIncident implements Correlation.Open {
        private String id;
        private String chainId;
        private Instant firstAt;
        private Instant lastAt;
        private Instant lastReceivedAt;
        private List<Step> steps = new ArrayList<>();
        private Assessment assessment;
        /** What {@code assessment} was last judged from: the aggregate's judgement inputs and this incident's steps. */
        @JsonIgnore
        private transient long judgedInputs = -1;

        @JsonIgnore
        private transient int judgedSteps = -1;
        /**
         * The lines its steps are on, in the bow-tie {@code linesIn} (correlation asks for every open incident on
         * every report without a chain id); null until asked, and again whenever its steps change.
         */
        @JsonIgnore
        private transient Set<String> lines;

        @JsonIgnore
        private transient BowTie linesIn;
        /** Incident response: who acknowledged it and when, to whom it is assigned, how severe responders rate it. */
        private String acknowledgedBy;

        private Instant acknowledgedAt;
        private String assignee;
        private Severity severity;
        /** Each report's identity (source and id), by its id: a reclassification names the report by id. */
        private Map<String, String> identities = new HashMap<>();
        /** Reports an analyst reclassified, with what they were found to be. */
        private Map<String, ReportClass> reclassified = new HashMap<>();
        /** The chains of incidents merged into this one: their later reports belong here. */
        private Set<String> mergedChains = new LinkedHashSet<>();

        private OpenIncident() {
            // for snapshots
        }

        OpenIncident(String id, String chainId, Instant openedAt, Assessment assessment) {
            this.id = id;
            this.chainId = chainId;
            this.firstAt = openedAt;
            this.lastAt = openedAt;
            this.lastReceivedAt = openedAt;
            this.assessment = assessment;
        }

        void add(Step step, Instant receivedAt) {
            addEvidence(step);
            if (step.occurredAt().isBefore(firstAt)) {
                firstAt = step.occurredAt();
            }
            if (step.occurredAt().isAfter(lastAt)) {
                lastAt = step.occurredAt();
            }
            if (receivedAt.isAfter(lastReceivedAt)) {
                lastReceivedAt = receivedAt;
            }
        }

        /**
         * A step added without widening the incident's span: evidence the tracker inferred, or a report of an incident
         * merged in (the merge sets the span); {@link #add} widens it for a report that joins.
         */
        void addEvidence(Step step) {
            steps.add(step);
            lines = null;
        }

        void removeSteps(java.util.function.Predicate<Step> which) {
            steps.removeIf(which);
            lines = null;
        }

        @Override
        public boolean touchesLine(BowTie bowTie, String lineId) {
            if (lines == null || linesIn != bowTie) {
                lines = Correlation.linesOf(bowTie, steps);
                linesIn = bowTie;
            }
            return lines.contains(lineId);
        }

        @Override
        public String chainId() {
            return chainId;
        }

        @Override
        public boolean onChain(String chain) {
            return chain.equals(chainId) || (!mergedChains.isEmpty() && mergedChains.contains(chain));
        }

        @Override
        public Instant firstAt() {
            return firstAt;
        }

        @Override
        public Instant lastAt() {
            return lastAt;
        }

        @Override
        public List<Step> steps() {
            return steps;
        }

        @Override
        public boolean topEventReached() {
            return assessment.topEventReached();
        }

        boolean judgedWith(long inputs, int stepCount) {
            return judgedInputs == inputs && judgedSteps == stepCount;
        }

        void markJudged(long inputs, int stepCount) {
            judgedInputs = inputs;
            judgedSteps = stepCount;
        }

        /** The reports of an incident merged into this one join it, with what is known of them and its chains. */
        void absorb(OpenIncident merged) {
            merged.steps.forEach(this::addEvidence);
            identities.putAll(merged.identities);
            reclassified.putAll(merged.reclassified);
            if (merged.chainId != null && !merged.chainId.equals(chainId)) {
                mergedChains.add(merged.chainId);
            }
            mergedChains.addAll(merged.mergedChains);
            firstAt = merged.firstAt.isBefore(firstAt) ? merged.firstAt : firstAt;
            lastAt = merged.lastAt.isAfter(lastAt) ? merged.lastAt : lastAt;
            lastReceivedAt = merged.lastReceivedAt.isAfter(lastReceivedAt) ? merged.lastReceivedAt : lastReceivedAt;
        }

        /**
         * Reports split off into a new incident leave this one, which then spans what it still holds. The off switch's
         * failure the tracker inferred from one of them goes with it.
         */
        void moveTo(OpenIncident split, Set<String> reportIds) {
            java.util.function.Predicate<Step> leaving = step -> Shutdowns.isOrInferredFrom(step.reportId(), reportIds);
            for (Step step : steps) {
                if (leaving.test(step)) {
                    split.add(step, lastReceivedAt);
                }
            }
            removeSteps(leaving);
            for (String reportId : reportIds) {
                String identity = identities.remove(reportId);
                if (identity != null) {
                    split.identities.put(reportId, identity);
                }
                ReportClass was = reclassified.remove(reportId);
                if (was != null) {
                    split.reclassified.put(reportId, was);
                }
            }
            steps.stream().map(Step::occurredAt).min(Instant::compareTo).ifPresent(first -> firstAt = first);
            steps.stream().map(Step::occurredAt).max(Instant::compareTo).ifPresent(last -> lastAt = last);
        }

        boolean hasReport(String reportId) {
            return reportId != null && steps.stream().anyMatch(s -> s.reportId().equals(reportId));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OpenIncident other
                    && id.equals(other.id)
                    && Objects.equals(chainId, other.chainId)
                    && firstAt.equals(other.firstAt)
                    && lastAt.equals(other.lastAt)
                    && lastReceivedAt.equals(other.lastReceivedAt)
                    && steps.equals(other.steps)
                    && assessment.equals(other.assessment)
                    && Objects.equals(acknowledgedBy, other.acknowledgedBy)
                    && Objects.equals(acknowledgedAt, other.acknowledgedAt)
                    && Objects.equals(assignee, other.assignee)
                    && severity == other.severity
                    && identities.equals(other.identities)
                    && reclassified.equals(other.reclassified)
                    && mergedChains.equals(other.mergedChains);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }
}
