package org.swisscheese.tracker.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierDegraded;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierRestored;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownCompleted;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownFailed;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.Commands.CorrectLegacyHistory;
import org.swisscheese.tracker.api.Commands.CorrectLegacyHistory.Defeat;
import org.swisscheese.tracker.api.Commands.CorrectLegacyHistory.Fact;
import org.swisscheese.tracker.api.Commands.CorrectLegacyHistory.Reassessment;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierCondition;
import org.swisscheese.tracker.domain.BarrierCondition.Change;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.IncidentJudge;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.Moment;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.Shutdowns;
import org.swisscheese.tracker.domain.Step;

/**
 * What a system's history, as the first release stored it, looks like under today's swiss-cheese model: the barrier
 * states its reports imply (by occurrence time), the shutdowns that activity really defeated (by occurrence, not
 * arrival; one demand each), and every incident judged again under the bow-tie it was judged with. Nothing stored is
 * rewritten: these become new events, appended by the aggregate ({@link CorrectLegacyHistory}).
 */
public final class LegacyCorrections {

    private LegacyCorrections() {}

    private static final class Incident {
        final List<Step> steps = new ArrayList<>();
        Assessment recorded;
        BowTie judgedUnder;
        boolean resolved;
        Instant lastAt;
    }

    private record Shutdown(Report report, String offSwitchId, String incidentId, Instant at) {}

    /** The corrections for one system's stream, read in order. */
    public static CorrectLegacyHistory of(SystemId systemId, List<AiSystemEvent> stream) {
        BowTie bowTie = null;
        Map<String, Incident> incidents = new LinkedHashMap<>();
        List<Fact> facts = new ArrayList<>();
        List<Defeat> defeats = new ArrayList<>();
        List<ReportRecorded> activity = new ArrayList<>();
        Map<String, ShutdownCompleted> shutdownReports = new HashMap<>();
        Shutdown inForce = null;
        long arrival = 0;
        for (AiSystemEvent event : stream) {
            if (event instanceof SystemRegistered e) {
                bowTie = e.bowTie();
            } else if (event instanceof BowTieRevised e) {
                bowTie = e.bowTie();
                BowTie revised = e.bowTie();
                incidents.values().stream().filter(i -> !i.resolved).forEach(i -> i.judgedUnder = revised);
            } else if (event instanceof ReportRecorded e) {
                long at = arrival++;
                Report r = e.report();
                if (e instanceof BarrierBreached b && b.inferredFrom() != null) {
                    continue; // the first release's second, inferred demand: replaced by the defeats below
                }
                if (e instanceof BarrierDegraded) {
                    facts.add(new Fact(
                            r.barrierId(), Change.OUT_OF_SERVICE, "DEGRADED", r.reportId(), r.occurredAt(), at));
                } else if (e instanceof BarrierRestored) {
                    facts.add(new Fact(r.barrierId(), Change.RESTORED, "RESTORED", r.reportId(), r.occurredAt(), at));
                } else if ((e instanceof BarrierBreached || e instanceof ShutdownFailed)
                        && bowTie != null
                        && bowTie.isReactive(r.barrierId())) {
                    facts.add(new Fact(
                            r.barrierId(), Change.IMPAIRED, "DEMAND_FAILED", r.reportId(), r.occurredAt(), at));
                }
                if (e instanceof ShutdownCompleted completed) {
                    shutdownReports.put(r.reportId(), completed);
                }
                if (r.type().isActivity()) {
                    activity.add(e);
                }
                if (e.incidentId() != null) {
                    Incident incident = incidents.computeIfAbsent(e.incidentId().value(), k -> new Incident());
                    incident.steps.add(r.toStep(at));
                    incident.lastAt = max(incident.lastAt, r.occurredAt());
                }
            } else if (event instanceof LifecycleChanged e) {
                if (e.to() == Lifecycle.SHUT_DOWN || e.to() == Lifecycle.DECOMMISSIONED) {
                    if (inForce == null) {
                        ShutdownCompleted completed = e.reportId() == null ? null : shutdownReports.get(e.reportId());
                        inForce = completed == null
                                ? new Shutdown(null, null, null, e.at())
                                : new Shutdown(
                                        completed.report(),
                                        completed.report().barrierId(),
                                        completed.incidentId() == null
                                                ? null
                                                : completed.incidentId().value(),
                                        completed.report().occurredAt());
                    }
                } else if (e.to() == Lifecycle.DEPLOYED) {
                    defeat(inForce, activity, incidents, defeats, facts, arrival);
                    inForce = null;
                    activity.clear();
                }
            } else if (event instanceof IncidentAssessed e) {
                Incident incident = incidents.computeIfAbsent(e.incidentId().value(), k -> new Incident());
                incident.recorded = e.assessment();
                incident.judgedUnder = bowTie;
            } else if (event instanceof IncidentResolved e) {
                incidents.computeIfAbsent(e.incidentId().value(), k -> new Incident()).resolved = true;
            }
        }
        defeat(inForce, activity, incidents, defeats, facts, arrival);

        Map<String, List<BarrierCondition.Fact>> byBarrier = new HashMap<>();
        long afterEverything = arrival;
        facts.forEach(f -> byBarrier
                .computeIfAbsent(f.barrierId(), b -> new ArrayList<>())
                .add(new BarrierCondition.Fact(
                        f.change(), new Moment(f.occurredAt(), f.arrival() == null ? afterEverything : f.arrival()))));
        List<Reassessment> reassessments = new ArrayList<>();
        incidents.forEach((id, incident) -> {
            if (incident.recorded == null || incident.judgedUnder == null || incident.steps.isEmpty()) {
                return;
            }
            Map<String, BarrierState> states = new HashMap<>();
            byBarrier.forEach(
                    (barrier, known) -> states.put(barrier, BarrierCondition.stateAt(known, incident.lastAt)));
            Assessment now = IncidentJudge.assess(incident.judgedUnder, incident.steps, states);
            if (!now.equals(incident.recorded)) {
                reassessments.add(new Reassessment(id, incident.recorded.outcome(), now));
            }
        });
        return new CorrectLegacyHistory(systemId, facts, defeats, reassessments);
    }

    /**
     * The shutdown in force is defeated by the earliest activity that occurred after it, whenever it arrived: one
     * demand failed, the off switch impaired, its failure evidence in the shutdown's incident (else the activity's).
     */
    private static void defeat(
            Shutdown shutdown,
            List<ReportRecorded> activity,
            Map<String, Incident> incidents,
            List<Defeat> defeats,
            List<Fact> facts,
            long arrival) {
        if (shutdown == null) {
            return;
        }
        Optional<ReportRecorded> first = Shutdowns.firstDefeating(
                shutdown.at(), activity, a -> a.report().occurredAt());
        if (first.isEmpty()) {
            return;
        }
        Report a = first.get().report();
        String target = shutdown.incidentId() != null
                ? shutdown.incidentId()
                : first.get().incidentId() == null
                        ? null
                        : first.get().incidentId().value();
        defeats.add(new Defeat(
                a.reportId(),
                a.occurredAt(),
                shutdown.report() == null ? null : shutdown.report().reportId(),
                shutdown.report() == null ? null : shutdown.report().source(),
                shutdown.at(),
                shutdown.offSwitchId(),
                target));
        if (shutdown.offSwitchId() != null) {
            // its arrival is given by the aggregate when it records the fact: after everything known
            facts.add(new Fact(
                    shutdown.offSwitchId(),
                    Change.IMPAIRED,
                    "ACTIVITY_AFTER_SHUTDOWN",
                    a.reportId(),
                    a.occurredAt(),
                    null));
            if (target != null && incidents.containsKey(target)) {
                Incident incident = incidents.get(target);
                incident.steps.add(new Step(
                        Shutdowns.inferredFailureId(a.reportId()),
                        ReportType.SHUTDOWN_FAILED,
                        shutdown.offSwitchId(),
                        a.occurredAt(),
                        arrival,
                        null));
                incident.lastAt = max(incident.lastAt, a.occurredAt());
            }
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
