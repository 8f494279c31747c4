package org.swisscheese.tracker.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.AxonAssertionError;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.AnomalyDetected;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ProofTestRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.ReportJoinedIncident;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownCompleted;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownFailed;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.Commands.ChangeLifecycle;
import org.swisscheese.tracker.api.Commands.ReclassifyReport;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.RestoreBarrier;
import org.swisscheese.tracker.api.Commands.ReviseBowTie;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.RecordResult;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Category;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.PathJudgement;
import org.swisscheese.tracker.domain.ReportClass;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.Side;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.reference.ReferenceModel;
import org.swisscheese.tracker.reference.ReferenceModel.IncidentResult;
import org.swisscheese.tracker.reference.ReferenceModel.Input;
import org.swisscheese.tracker.reference.ReferenceModel.LifecycleInput;
import org.swisscheese.tracker.reference.ReferenceModel.PathResult;
import org.swisscheese.tracker.reference.ReferenceModel.ReclassifyInput;
import org.swisscheese.tracker.reference.ReferenceModel.ReportInput;
import org.swisscheese.tracker.reference.ReferenceModel.RestoreInput;
import org.swisscheese.tracker.reference.ReferenceModel.ReviseInput;
import org.swisscheese.tracker.reference.ReferenceModel.Scenario;

/**
 * Runs a scenario through the real {@link AiSystem} aggregate (Axon's test fixture, one command per input) and
 * reads the result off the events it stored, in the vocabulary of the reference model.
 */
final class ProductionModel {

    static final SystemId ID = SystemId.of("prop-1");

    /** The run's events, and after each input the outcome of every incident known by then. */
    record Run(ReferenceModel.Result result, List<AiSystemEvent> events) {}

    static ReferenceModel.Result run(Scenario scenario) {
        return runWithEvents(scenario).result();
    }

    static Run runWithEvents(Scenario scenario) {
        List<Object> history = new ArrayList<>();
        history.add(new SystemRegistered(
                ID,
                "prop",
                SystemKind.OTHER,
                "test",
                scenario.correlationWindow(),
                RiskProfile.UNKNOWN,
                RiskProfile.UNKNOWN.riskClass(),
                bowTie(scenario.lines()),
                null));
        history.add(new LifecycleChanged(
                ID, Lifecycle.REGISTERED, Lifecycle.DEPLOYED, "test", null, scenario.deployedAt()));
        int given = history.size();
        Map<String, List<String>> outcomes = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        Instant now = scenario.deployedAt();
        for (Input input : scenario.inputs()) {
            Object command;
            if (input instanceof ReportInput r) {
                command = new RecordReports(ID, List.of(report(r)));
            } else if (input instanceof LifecycleInput l) {
                command = new ChangeLifecycle(ID, Lifecycle.valueOf(l.target()), "test");
                now = l.at();
            } else if (input instanceof RestoreInput r) {
                command = new RestoreBarrier(ID, r.barrierId(), "test");
                now = r.at();
            } else if (input instanceof ReviseInput r) {
                command = new ReviseBowTie(ID, bowTie(r.lines()));
            } else if (input instanceof ReclassifyInput r) {
                command = new ReclassifyReport(
                        ID,
                        IncidentId.of(ID, r.incident()),
                        r.reportId(),
                        ReportClass.valueOf(r.as()),
                        "found on review",
                        "analyst");
            } else {
                throw new IllegalArgumentException(String.valueOf(input));
            }
            AtomicReference<Object> result = new AtomicReference<>();
            // a fixture per input: its deadline manager cannot go back in time once deadlines are scheduled
            AggregateTestFixture<AiSystem> fixture = new AggregateTestFixture<>(AiSystem.class);
            try {
                fixture.given(history)
                        .andGivenCurrentTime(now)
                        .when(command)
                        .expectResultMessageMatching(new BaseMatcher<CommandResultMessage<?>>() {
                            @Override
                            public boolean matches(Object item) {
                                CommandResultMessage<?> message = (CommandResultMessage<?>) item;
                                result.set(message.isExceptional() ? null : message.getPayload());
                                return true;
                            }

                            @Override
                            public void describeTo(Description description) {
                                description.appendText("anything");
                            }
                        });
            } catch (AxonAssertionError refused) {
                continue; // the aggregate refused the command (e.g. a lifecycle move): nothing stored
            }
            if (result.get() instanceof RecordResult recorded) {
                duplicates.addAll(recorded.duplicates());
            }
            List<Object> stored = fixture.getEventStore()
                    .readEvents(ID.value())
                    .asStream()
                    .map(EventMessage::getPayload)
                    .map(Object.class::cast)
                    .toList();
            history = new ArrayList<>(stored);
            Map<String, Assessment> latest = assessments(events(history, given));
            latest.forEach((id, a) -> {
                List<String> seen = outcomes.computeIfAbsent(id, k -> new ArrayList<>());
                if (seen.isEmpty()
                        || !seen.get(seen.size() - 1).equals(a.outcome().name())) {
                    seen.add(a.outcome().name());
                }
            });
        }
        List<AiSystemEvent> events = events(history, given);
        return new Run(result(events, scenario, outcomes, duplicates), events);
    }

    private static List<AiSystemEvent> events(List<Object> history, int skip) {
        return history.stream().skip(skip).map(AiSystemEvent.class::cast).toList();
    }

    private static Map<String, Assessment> assessments(List<AiSystemEvent> events) {
        Map<String, Assessment> latest = new LinkedHashMap<>();
        for (AiSystemEvent e : events) {
            if (e instanceof IncidentAssessed a) {
                latest.put(a.incidentId().value(), a.assessment());
            }
        }
        return latest;
    }

    private static ReferenceModel.Result result(
            List<AiSystemEvent> events,
            Scenario scenario,
            Map<String, List<String>> outcomes,
            List<String> duplicates) {
        Map<String, IncidentOpened> opened = new LinkedHashMap<>();
        Map<String, List<String>> reports = new HashMap<>();
        Map<String, String> states = new HashMap<>();
        Map<String, String> demandOf = new LinkedHashMap<>();
        Map<String, String> demandResult = new HashMap<>();
        Map<String, int[]> proofTests = new LinkedHashMap<>();
        String lifecycle = Lifecycle.DEPLOYED.name();
        boolean activityAfterShutdown = false;
        List<ReferenceModel.Line> lines = scenario.lines();
        for (AiSystemEvent e : events) {
            if (e instanceof IncidentOpened o) {
                opened.put(o.incidentId().value(), o);
            } else if (e instanceof ReportJoinedIncident j) {
                reports.computeIfAbsent(j.incidentId().value(), k -> new ArrayList<>())
                        .add(j.report().reportId());
            } else if (e instanceof ProofTestRecorded p) {
                if (p.passed() != null) {
                    proofTests.computeIfAbsent(p.report().barrierId(), k -> new int[2])[p.passed() ? 0 : 1]++;
                }
            } else if (e instanceof ReportRecorded r) {
                if (r.incidentId() != null) {
                    reports.computeIfAbsent(r.incidentId().value(), k -> new ArrayList<>())
                            .add(r.report().reportId());
                }
                String result =
                        r instanceof BarrierTripped || r instanceof AnomalyDetected || r instanceof ShutdownCompleted
                                ? "held"
                                : r instanceof BarrierBreached || r instanceof ShutdownFailed ? "failed" : null;
                if (result != null && r.report().barrierId() != null) {
                    demandOf.put(r.report().identity(), r.report().barrierId());
                    demandResult.put(r.report().identity(), result);
                }
            } else if (e instanceof ActivityAfterShutdown a) {
                activityAfterShutdown = true;
                if (a.offSwitchId() != null && a.shutdownReportId() != null) {
                    demandResult.put(Report.identity(a.shutdownSource(), a.shutdownReportId()), "failed");
                }
            } else if (e instanceof BarrierStateChanged s) {
                states.put(s.barrierId(), s.to().name());
            } else if (e instanceof LifecycleChanged l) {
                lifecycle = l.to().name();
            }
        }
        Map<String, Assessment> latest = assessments(events);
        List<IncidentResult> incidents = new ArrayList<>();
        for (IncidentOpened o : opened.values()) {
            String id = o.incidentId().value();
            Assessment a = latest.get(id);
            incidents.add(new IncidentResult(
                    Integer.parseInt(id.substring(id.lastIndexOf('.') + 1)),
                    o.chainId(),
                    reports.getOrDefault(id, List.of()),
                    a.outcome().name(),
                    a.breachedBarriers(),
                    a.stoppedBy(),
                    a.margin(),
                    a.pathLength(),
                    a.paths().stream().map(ProductionModel::path).toList(),
                    outcomes.getOrDefault(id, List.of())));
        }
        Map<String, int[]> demands = new LinkedHashMap<>();
        demandOf.forEach((report, barrier) -> demands.computeIfAbsent(barrier, k -> new int[2])[
                demandResult.get(report).equals("held") ? 0 : 1]++);
        Map<String, String> barrierStates = new LinkedHashMap<>();
        for (ReferenceModel.Line line : finalLines(scenario)) {
            line.barriers()
                    .forEach(b ->
                            barrierStates.put(b.id(), states.getOrDefault(b.id(), BarrierState.IN_SERVICE.name())));
        }
        return new ReferenceModel.Result(
                incidents, barrierStates, lifecycle, duplicates, demands, proofTests, activityAfterShutdown);
    }

    private static List<ReferenceModel.Line> finalLines(Scenario scenario) {
        List<ReferenceModel.Line> lines = scenario.lines();
        for (Input input : scenario.inputs()) {
            if (input instanceof ReviseInput r) {
                lines = r.lines();
            }
        }
        return lines;
    }

    private static PathResult path(PathJudgement p) {
        return new PathResult(
                p.threatLineId(),
                p.consequenceLineId(),
                p.position(),
                p.length(),
                p.margin(),
                p.outcome().name(),
                p.stoppedBy());
    }

    static Report report(ReportInput r) {
        ReportType type = ReportType.fromWire(r.type()).orElseThrow();
        return new Report(
                r.id(),
                type,
                r.barrierId(),
                r.chainId(),
                r.occurredAt(),
                r.occurredAt(),
                r.source(),
                null,
                Map.of(),
                type == ReportType.ANOMALY_DETECTED ? 0.9 : null,
                type == ReportType.ANOMALY_DETECTED ? 0.8 : null,
                r.consequenceLine(),
                r.test());
    }

    static BowTie bowTie(List<ReferenceModel.Line> lines) {
        return new BowTie(
                null,
                null,
                lines.stream()
                        .map(l -> new LineSpec(
                                l.id(),
                                l.threat() ? Side.THREAT : Side.CONSEQUENCE,
                                l.id(),
                                l.barriers().stream()
                                        .map(b -> new BarrierSpec(
                                                b.id(),
                                                b.id(),
                                                Category.valueOf(b.category()),
                                                null,
                                                null,
                                                null,
                                                b.acts()))
                                        .toList()))
                        .toList());
    }

    static Duration window() {
        return Duration.ofMinutes(15);
    }

    private ProductionModel() {}
}
