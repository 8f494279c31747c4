package org.swisscheese.tracker.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.swisscheese.tracker.api.AiSystemEvent.AnomalyDetected;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierDegraded;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierRestored;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.HarmReported;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentProgressed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskProfileChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownCompleted;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownFailed;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownRequested;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.Commands.ChangeLifecycle;
import org.swisscheese.tracker.api.Commands.ChangeRiskProfile;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.RegisterSystem;
import org.swisscheese.tracker.api.Commands.ResolveIncident;
import org.swisscheese.tracker.api.Commands.ReviseBowTie;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.RecordResult;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.IncidentJudge;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.Side;
import org.swisscheese.tracker.domain.Step;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.Templates;

/**
 * One deployed AI system: its bow-tie, its lifecycle, and the incidents its barriers report. Decides every rule
 * of the swiss-cheese model and records each decision as an event. Knows nothing of Kafka or HTTP.
 */
@Aggregate(snapshotTriggerDefinition = "aiSystemSnapshotTrigger", cache = "aiSystemCache")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class AiSystem {

    static final String QUIET_DEADLINE = "incident-quiet";
    static final Duration DEFAULT_CORRELATION_WINDOW = Duration.ofMinutes(15);
    /** How many recent report ids are remembered to make redelivery harmless; Kafka redelivers recent records. */
    static final int DEDUPLICATION_WINDOW = 20_000;

    @AggregateIdentifier
    private SystemId systemId;
    private String name;
    private SystemKind kind;
    private Duration correlationWindow;
    private RiskProfile riskProfile;
    private Lifecycle lifecycle;
    private BowTie bowTie;
    private Map<String, Integer> barrierVersions = new HashMap<>();
    private Set<String> degraded = new HashSet<>();
    private LinkedHashMap<String, OpenIncident> openIncidents = new LinkedHashMap<>();
    private long incidentCount;
    private long arrivals;
    private LinkedHashSet<String> recentReportIds = new LinkedHashSet<>();
    private boolean offSwitchBreachedSinceShutdown;

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
        Duration window = command.correlationWindow() == null ? DEFAULT_CORRELATION_WINDOW
                : command.correlationWindow();
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the correlation window must be positive");
        }
        RiskProfile profile = command.riskProfile() == null ? RiskProfile.UNKNOWN : command.riskProfile();
        String name = command.name() == null || command.name().isBlank() ? command.systemId().value()
                : command.name();
        apply(new SystemRegistered(command.systemId(), name, command.kind(), command.owner(), window, profile,
                profile.riskClass(), bowTie, command.template()));
    }

    // --- reports ---------------------------------------------------------------------------------------------

    @CommandHandler
    public RecordResult handle(RecordReports command, DeadlineManager deadlines) {
        int recorded = 0;
        List<String> duplicates = new ArrayList<>();
        List<RecordResult.Rejection> rejected = new ArrayList<>();
        for (Report report : command.reports()) {
            if (recentReportIds.contains(report.reportId())) {
                duplicates.add(report.reportId());
                continue;
            }
            Optional<String> problem = problemWith(report);
            if (problem.isPresent()) {
                rejected.add(new RecordResult.Rejection(report.reportId(), problem.get()));
                continue;
            }
            record(withBarrierResolved(report), null, deadlines);
            recorded++;
        }
        return new RecordResult(recorded, duplicates, rejected);
    }

    private Optional<String> problemWith(Report report) {
        ReportType type = report.type();
        if (report.barrierId() == null) {
            if (type.isShutdown()) {
                return bowTie.offSwitch().isPresent() ? Optional.empty()
                        : Optional.of("system '" + systemId + "' has no OFF_SWITCH barrier; name the barrier");
            }
            return type == ReportType.HARM_REPORTED ? checkConsequenceLine(report)
                    : Optional.of(type.wireType() + " needs a barrierId");
        }
        if (bowTie.barrier(report.barrierId()).isEmpty()) {
            return Optional.of("system '" + systemId + "' has no barrier '" + report.barrierId() + "'");
        }
        return checkConsequenceLine(report);
    }

    private Optional<String> checkConsequenceLine(Report report) {
        if (report.consequenceLine() == null) {
            return Optional.empty();
        }
        return bowTie.line(report.consequenceLine()).filter(l -> l.side() == Side.CONSEQUENCE).isPresent()
                ? Optional.empty()
                : Optional.of("system '" + systemId + "' has no consequence line '" + report.consequenceLine() + "'");
    }

    private Report withBarrierResolved(Report report) {
        if (report.barrierId() == null && report.type().isShutdown()) {
            return report.withBarrier(bowTie.offSwitch().orElseThrow().id());
        }
        return report;
    }

    private void record(Report report, String inferredFrom, DeadlineManager deadlines) {
        String barrierId = report.barrierId();
        Integer version = barrierId == null ? null : barrierVersions.get(barrierId);
        if (report.type().isServiceState()) {
            apply(reportEvent(report, version, null, null)); // out of service or back: no demand, no incident
            return;
        }
        OpenIncident incident = correlate(report);
        IncidentId incidentId;
        if (incident != null) {
            incidentId = IncidentId.of(incident.id);
        } else if (opensIncident(report)) {
            incidentId = IncidentId.of(systemId, incidentCount + 1);
            Assessment assessment = IncidentJudge.assess(bowTie, List.of(report.toStep(arrivals)));
            apply(new IncidentOpened(systemId, incidentId, report.chainId(), report.occurredAt(), report.reportId(),
                    assessment));
            deadlines.schedule(correlationWindow, QUIET_DEADLINE, incidentId.value());
        } else {
            incidentId = null; // a preventive barrier held with nothing open: a demand that held at the first try
        }
        apply(reportEvent(report, version, incidentId, inferredFrom));
        if (incident != null) {
            judge(incident, report.reportId());
        }
        if (report.type() == ReportType.SHUTDOWN_COMPLETED && !lifecycle.isOff()) {
            apply(new LifecycleChanged(systemId, lifecycle, Lifecycle.SHUT_DOWN, "off switch held",
                    report.reportId(), report.occurredAt()));
        } else if (inferredFrom == null && lifecycle.isOff() && report.type().isActivity()
                && !offSwitchBreachedSinceShutdown) {
            breachOffSwitchByActivity(report, deadlines);
        }
    }

    /** A system that was shut down is still acting: the off switch did not really work. */
    private void breachOffSwitchByActivity(Report activity, DeadlineManager deadlines) {
        bowTie.offSwitch().ifPresent(offSwitch -> {
            Report breach = new Report(activity.reportId() + "/activity-after-shutdown", ReportType.BREACHED,
                    offSwitch.id(), activity.chainId(), activity.occurredAt(), activity.receivedAt(),
                    activity.source(), "activity after shutdown: " + activity.type().wireType()
                            + (activity.barrierId() == null ? "" : " on " + activity.barrierId()),
                    Map.of(), null, null, null);
            record(breach, activity.reportId(), deadlines);
        });
    }

    private ReportRecorded reportEvent(Report report, Integer version, IncidentId incidentId, String inferredFrom) {
        return switch (report.type()) {
            case TRIPPED -> new BarrierTripped(systemId, report, version, incidentId);
            case BREACHED -> new BarrierBreached(systemId, report, version, incidentId, inferredFrom);
            case ANOMALY_DETECTED -> new AnomalyDetected(systemId, report, version, incidentId);
            case SHUTDOWN_REQUESTED -> new ShutdownRequested(systemId, report, version, incidentId);
            case SHUTDOWN_COMPLETED -> new ShutdownCompleted(systemId, report, version, incidentId);
            case SHUTDOWN_FAILED -> new ShutdownFailed(systemId, report, version, incidentId);
            case HARM_REPORTED -> new HarmReported(systemId, report, version, incidentId);
            case DEGRADED -> new BarrierDegraded(systemId, report, version, incidentId);
            case RESTORED -> new BarrierRestored(systemId, report, version, incidentId);
        };
    }

    private boolean opensIncident(Report report) {
        ReportType type = report.type();
        return type.isFailure() || type == ReportType.ANOMALY_DETECTED || type == ReportType.HARM_REPORTED
                || (type.isDemand() && bowTie.isReactive(report.barrierId()));
    }

    /**
     * The open incident a report belongs to: the one with its chain id; without a chain id, the most recent one
     * on the same line whose last report is within the correlation window (for a reactive barrier or harm, any
     * line: past the top event the lines meet).
     */
    private OpenIncident correlate(Report report) {
        if (report.chainId() != null) {
            return openIncidents.values().stream().filter(i -> report.chainId().equals(i.chainId)).findFirst()
                    .orElse(null);
        }
        Optional<LineSpec> line = report.barrierId() == null ? Optional.empty() : bowTie.lineOf(report.barrierId());
        boolean preventive = line.map(l -> l.side() == Side.THREAT).orElse(false);
        OpenIncident best = null;
        for (OpenIncident incident : openIncidents.values()) {
            Duration gap = Duration.between(incident.lastReportAt, report.occurredAt()).abs();
            if (gap.compareTo(correlationWindow) > 0) {
                continue;
            }
            if (preventive && !incident.touches(bowTie, line.get().id())) {
                continue;
            }
            if (best == null || incident.lastReportAt.isAfter(best.lastReportAt)) {
                best = incident;
            }
        }
        return best;
    }

    private void judge(OpenIncident incident, String reportId) {
        Assessment before = incident.assessment;
        Assessment after = IncidentJudge.assess(bowTie, incident.steps);
        if (after.equals(before)) {
            return;
        }
        IncidentId id = IncidentId.of(incident.id);
        if (after.outcome().isWorseThan(before.outcome()) && after.outcome().compareTo(Outcome.TOP_EVENT) >= 0) {
            apply(new IncidentEscalated(systemId, id, reportId, before.outcome(), after));
        } else if (after.stoppedBy() != null && !after.stoppedBy().equals(before.stoppedBy())) {
            apply(new IncidentContained(systemId, id, reportId, after));
        } else {
            apply(new IncidentProgressed(systemId, id, reportId, after));
        }
    }

    @DeadlineHandler(deadlineName = QUIET_DEADLINE)
    public void onQuiet(String incidentId, DeadlineManager deadlines) {
        OpenIncident incident = openIncidents.get(incidentId);
        if (incident == null) {
            return;
        }
        Instant now = GenericEventMessage.clock.instant();
        Instant quietAt = incident.lastReceivedAt.plus(correlationWindow);
        if (now.isBefore(quietAt)) {
            deadlines.schedule(quietAt, QUIET_DEADLINE, incidentId);
            return;
        }
        apply(new IncidentResolved(systemId, IncidentId.of(incidentId), now, true, null,
                incident.assessment.outcome()));
    }

    // --- analysts and owners ---------------------------------------------------------------------------------

    @CommandHandler
    public void handle(ResolveIncident command) {
        OpenIncident incident = openIncidents.get(command.incidentId().value());
        if (incident == null) {
            if (incidentNumber(command.incidentId()) > incidentCount) {
                throw new NoSuchElementException("no incident " + command.incidentId());
            }
            throw new IllegalStateException("incident " + command.incidentId() + " is already resolved");
        }
        if (command.postmortem() == null || command.postmortem().summary() == null
                || command.postmortem().summary().isBlank()) {
            throw new IllegalArgumentException("resolving an incident takes a postmortem with a summary");
        }
        apply(new IncidentResolved(systemId, command.incidentId(), GenericEventMessage.clock.instant(), false,
                command.postmortem(), incident.assessment.outcome()));
    }

    private static long incidentNumber(IncidentId id) {
        return Long.parseLong(id.value().substring(id.value().lastIndexOf('.') + 1));
    }

    @CommandHandler
    public void handle(ReviseBowTie command) {
        BowTie revised = command.bowTie();
        Map<String, Integer> versions = new LinkedHashMap<>();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (LineSpec line : revised.lines()) {
            for (int position = 0; position < line.barriers().size(); position++) {
                BarrierSpec barrier = line.barriers().get(position);
                Integer old = barrierVersions.get(barrier.id());
                if (old == null) {
                    added.add(barrier.id());
                    versions.put(barrier.id(), 1);
                } else if (!sameBarrierInSamePlace(barrier, line.id(), position)) {
                    changed.add(barrier.id());
                    versions.put(barrier.id(), old + 1);
                } else {
                    versions.put(barrier.id(), old);
                }
            }
        }
        List<String> removed = bowTie.barrierIds().stream().filter(id -> !versions.containsKey(id)).toList();
        if (revised.equals(bowTie)) {
            return; // nothing changes: no event
        }
        apply(new BowTieRevised(systemId, revised, versions, added, removed, changed));
    }

    private boolean sameBarrierInSamePlace(BarrierSpec barrier, String lineId, int position) {
        return bowTie.line(lineId)
                .filter(l -> l.barriers().size() > position && l.barriers().get(position).equals(barrier))
                .isPresent();
    }

    @CommandHandler
    public void handle(ChangeRiskProfile command) {
        RiskProfile profile = command.riskProfile();
        if (profile.equals(riskProfile)) {
            return;
        }
        RiskClass before = riskProfile.riskClass();
        apply(new RiskProfileChanged(systemId, profile));
        if (profile.riskClass() != before) {
            apply(new RiskClassChanged(systemId, before, profile.riskClass()));
        }
    }

    @CommandHandler
    public void handle(ChangeLifecycle command) {
        Lifecycle target = command.target();
        if (target == lifecycle) {
            return;
        }
        if (!lifecycle.canMoveTo(target)) {
            throw new IllegalStateException("system '" + systemId + "' is " + lifecycle + " and cannot become "
                    + target + " (allowed: " + lifecycle.next() + ")");
        }
        apply(new LifecycleChanged(systemId, lifecycle, target, command.reason(), null,
                GenericEventMessage.clock.instant()));
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
    }

    @EventSourcingHandler
    void on(BowTieRevised event) {
        bowTie = event.bowTie();
        barrierVersions = new HashMap<>(event.barrierVersions());
        degraded.retainAll(barrierVersions.keySet());
    }

    @EventSourcingHandler
    void on(RiskProfileChanged event) {
        riskProfile = event.riskProfile();
    }

    @EventSourcingHandler
    void on(LifecycleChanged event) {
        lifecycle = event.to();
        if (event.to() == Lifecycle.SHUT_DOWN) {
            offSwitchBreachedSinceShutdown = false;
        }
    }

    @EventSourcingHandler
    void on(ReportRecorded event) {
        Report report = event.report();
        remember(report.reportId());
        long arrival = arrivals++;
        if (event instanceof BarrierDegraded) {
            degraded.add(report.barrierId());
        } else if (event instanceof BarrierRestored) {
            degraded.remove(report.barrierId());
        } else if (event instanceof BarrierBreached breached && breached.inferredFrom() != null) {
            offSwitchBreachedSinceShutdown = true;
        }
        if (event.incidentId() != null) {
            OpenIncident incident = openIncidents.get(event.incidentId().value());
            if (incident != null) {
                incident.add(report.toStep(arrival), report.receivedAt());
            }
        }
    }

    private void remember(String reportId) {
        recentReportIds.add(reportId);
        if (recentReportIds.size() > DEDUPLICATION_WINDOW) {
            Iterator<String> oldest = recentReportIds.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    @EventSourcingHandler
    void on(IncidentOpened event) {
        incidentCount++;
        openIncidents.put(event.incidentId().value(),
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

    /** An incident still open: what correlation and judging need of it. */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    static final class OpenIncident {
        private String id;
        private String chainId;
        private Instant lastReportAt;
        private Instant lastReceivedAt;
        private List<Step> steps = new ArrayList<>();
        private Assessment assessment;

        private OpenIncident() {
            // for snapshots
        }

        OpenIncident(String id, String chainId, Instant openedAt, Assessment assessment) {
            this.id = id;
            this.chainId = chainId;
            this.lastReportAt = openedAt;
            this.lastReceivedAt = openedAt;
            this.assessment = assessment;
        }

        void add(Step step, Instant receivedAt) {
            steps.add(step);
            if (step.occurredAt().isAfter(lastReportAt)) {
                lastReportAt = step.occurredAt();
            }
            if (receivedAt.isAfter(lastReceivedAt)) {
                lastReceivedAt = receivedAt;
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OpenIncident other && id.equals(other.id) && Objects.equals(chainId, other.chainId)
                    && lastReportAt.equals(other.lastReportAt) && lastReceivedAt.equals(other.lastReceivedAt)
                    && steps.equals(other.steps) && assessment.equals(other.assessment);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }

        boolean touches(BowTie bowTie, String lineId) {
            return steps.stream().anyMatch(s -> s.barrierId() != null
                    && bowTie.lineOf(s.barrierId()).map(l -> l.id().equals(lineId)).orElse(false));
        }
    }
}
