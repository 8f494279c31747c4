package org.swisscheese.tracker.projection.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.DemandResult;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSplit;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ReportJoinedIncident;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.RiskProfileChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierCondition;
import org.swisscheese.tracker.domain.BarrierCondition.Fact;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Moment;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.Shutdowns;
import org.swisscheese.tracker.domain.Step;

/**
 * A system's stream read straight from the event store (never from a snapshot or a projection) and folded up to an
 * instant of the tracker's clock: what it knew then. Its bow-tie, lifecycle and class, what was learnt about each
 * barrier's service, every incident with its reports and the bow-tie it was judged under, and each barrier's demands.
 */
final class SystemHistory {

    String systemId;
    BowTie bowTie;
    String lifecycle = "REGISTERED";
    String riskClass;
    final Map<String, List<Fact>> facts = new HashMap<>();
    final Map<String, IncidentHistory> incidents = new LinkedHashMap<>();
    /** Per barrier: demands met and failed, by report identity (a defeated shutdown turns one into a failure). */
    final Map<String, Map<String, DemandResult>> demands = new HashMap<>();

    static final class IncidentHistory {
        final String id;
        final List<Step> steps = new ArrayList<>();
        Assessment assessment;
        BowTie judgedUnder;
        Instant lastOccurredAt;
        boolean resolved;
        /** Closed as not an incident, or merged into another: no longer open, and no case for what-if. */
        boolean notAnIncident;

        IncidentHistory(String id) {
            this.id = id;
        }

        void add(Step step) {
            steps.add(step);
            if (lastOccurredAt == null || step.occurredAt().isAfter(lastOccurredAt)) {
                lastOccurredAt = step.occurredAt();
            }
        }
    }

    static SystemHistory read(EventStore store, String systemId, Instant asOf) {
        SystemHistory history = new SystemHistory();
        history.systemId = systemId;
        store.readEvents(systemId, 0)
                .asStream()
                .filter(m -> asOf == null || !m.getTimestamp().isAfter(asOf))
                .forEach(history::apply);
        return history;
    }

    private void apply(DomainEventMessage<?> message) {
        if (!(message.getPayload() instanceof AiSystemEvent event)) {
            return;
        }
        long sequence = message.getSequenceNumber();
        if (event instanceof SystemRegistered e) {
            bowTie = e.bowTie();
            riskClass = e.riskClass().name();
        } else if (event instanceof BowTieRevised e) {
            bowTie = e.bowTie();
            incidents.values().stream().filter(i -> !i.resolved).forEach(i -> i.judgedUnder = e.bowTie());
        } else if (event instanceof RiskProfileChanged e) {
            riskClass = e.riskProfile().riskClass().name();
        } else if (event instanceof LifecycleChanged e) {
            lifecycle = e.to().name();
        } else if (event instanceof BarrierStateChanged e) {
            facts.computeIfAbsent(e.barrierId(), b -> new ArrayList<>())
                    .add(new Fact(e.change(), new Moment(e.occurredAt(), e.arrival())));
        } else if (event instanceof BarrierBreached e && e.inferredFrom() != null) {
            // the first release's off-switch breach inferred by arrival: no evidence, no demand (see
            // ActivityAfterShutdown)
        } else if (event instanceof ReportRecorded e) {
            if (e.incidentId() != null) {
                incident(e.incidentId().value()).add(e.report().toStep(sequence));
            }
            e.demand()
                    .ifPresent(result -> demands.computeIfAbsent(e.report().barrierId(), b -> new HashMap<>())
                            .put(e.report().identity(), result));
        } else if (event instanceof ReportJoinedIncident e) {
            incident(e.incidentId().value()).add(e.report().toStep(sequence));
        } else if (event instanceof ActivityAfterShutdown e) {
            if (e.offSwitchId() != null && e.incidentId() != null) {
                incident(e.incidentId().value())
                        .add(new Step(
                                Shutdowns.inferredFailureId(e.activityReportId()),
                                ReportType.SHUTDOWN_FAILED,
                                e.offSwitchId(),
                                e.occurredAt(),
                                sequence,
                                null));
            }
            if (e.offSwitchId() != null && e.shutdownReportId() != null) {
                demands.computeIfAbsent(e.offSwitchId(), b -> new HashMap<>())
                        .replaceAll((identity, result) ->
                                identity.equals(shutdownIdentity(e)) ? DemandResult.FAILED : result);
            }
        } else if (event instanceof IncidentAssessed e) {
            IncidentHistory incident = incident(e.incidentId().value());
            incident.assessment = e.assessment();
            incident.judgedUnder = bowTie;
        } else if (event instanceof IncidentResolved e) {
            incident(e.incidentId().value()).resolved = true;
        } else if (event instanceof IncidentMarkedNotAnIncident e) {
            IncidentHistory incident = incident(e.incidentId().value());
            incident.resolved = true;
            incident.notAnIncident = true;
        } else if (event instanceof IncidentMerged e) {
            IncidentHistory merged = incident(e.incidentId().value());
            merged.resolved = true;
            merged.notAnIncident = true;
            IncidentHistory into = incident(e.into().value());
            merged.steps.forEach(into::add);
        } else if (event instanceof IncidentSplit e) {
            IncidentHistory from = incident(e.incidentId().value());
            IncidentHistory to = incident(e.newIncidentId().value());
            // the off switch's failure inferred from a report goes with it
            java.util.function.Predicate<Step> leaving = s -> Shutdowns.isOrInferredFrom(s.reportId(), e.reportIds());
            from.steps.stream().filter(leaving).forEach(to::add);
            from.steps.removeIf(leaving);
            from.lastOccurredAt = from.steps.stream()
                    .map(Step::occurredAt)
                    .max(Instant::compareTo)
                    .orElse(from.lastOccurredAt);
        }
    }

    private static String shutdownIdentity(ActivityAfterShutdown e) {
        return org.swisscheese.tracker.api.Report.identity(e.shutdownSource(), e.shutdownReportId());
    }

    private IncidentHistory incident(String id) {
        return incidents.computeIfAbsent(id, IncidentHistory::new);
    }

    /** Each barrier's state at an instant, from what had happened by then. */
    Map<String, BarrierState> statesAt(Instant at) {
        Map<String, BarrierState> states = new HashMap<>();
        facts.forEach((barrier, known) -> states.put(barrier, BarrierCondition.stateAt(known, at)));
        return states;
    }

    boolean exists() {
        return bowTie != null;
    }
}
