package org.swisscheese.tracker.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.domain.Category.ANOMALY_MONITORING;
import static org.swisscheese.tracker.domain.Category.BOXING;
import static org.swisscheese.tracker.domain.Category.COMPUTE_LIMIT;
import static org.swisscheese.tracker.domain.Category.DEPLOYMENT_GATE;
import static org.swisscheese.tracker.domain.Category.MYOPIA;
import static org.swisscheese.tracker.domain.Category.OFF_SWITCH;
import static org.swisscheese.tracker.domain.Category.SAFETY_INTERLOCK;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swisscheese.tracker.domain.IncidentJudge.Counterfactual;

/**
 * The swiss-cheese rules of DESIGN §4, one hand-worked row each, on a small agent:
 *
 * <pre>
 * optimization (T=3): myopia(0) compute-limit(1) monitor(2, detects) | harm: interlock(3) off-switch(4)   n=5
 * influence    (T=2): boxing(0)  gate(1)                             | harm: interlock(2) off-switch(3)   n=4
 * </pre>
 *
 * Acting barriers: myopia, compute-limit, boxing, gate, interlock, off-switch. The monitor only detects. A step is
 * "type barrier minute"; "harm [line] minute" for harm.
 */
class IncidentJudgeTest {

    static final BowTie AGENT = new BowTie(
            null,
            null,
            List.of(
                    new LineSpec(
                            "optimization",
                            Side.THREAT,
                            "Optimization",
                            List.of(
                                    BarrierSpec.of("myopia", "Myopia", MYOPIA),
                                    BarrierSpec.of("compute-limit", "Compute limit", COMPUTE_LIMIT),
                                    BarrierSpec.of("monitor", "Anomaly monitor", ANOMALY_MONITORING))),
                    new LineSpec(
                            "influence",
                            Side.THREAT,
                            "Influence",
                            List.of(
                                    BarrierSpec.of("boxing", "Sandbox", BOXING),
                                    BarrierSpec.of("gate", "Deployment gate", DEPLOYMENT_GATE))),
                    new LineSpec(
                            "harm",
                            Side.CONSEQUENCE,
                            "Harm",
                            List.of(
                                    BarrierSpec.of("interlock", "Interlock", SAFETY_INTERLOCK),
                                    BarrierSpec.of("off-switch", "Off switch", OFF_SWITCH)))));

    /** Only consequence lines: every path starts at the top event (T = 0). */
    static final BowTie REACTIVE_ONLY = new BowTie(
            null,
            null,
            List.of(new LineSpec(
                    "harm",
                    Side.CONSEQUENCE,
                    "Harm",
                    List.of(
                            BarrierSpec.of("interlock", "Interlock", SAFETY_INTERLOCK),
                            BarrierSpec.of("off-switch", "Off switch", OFF_SWITCH)))));

    /** The monitor overridden to act: its trip is a hold. */
    static final BowTie ACTING_MONITOR = new BowTie(
            null,
            null,
            List.of(
                    new LineSpec(
                            "optimization",
                            Side.THREAT,
                            "Optimization",
                            List.of(
                                    BarrierSpec.of("myopia", "Myopia", MYOPIA),
                                    new BarrierSpec(
                                            "monitor",
                                            "Blocking monitor",
                                            ANOMALY_MONITORING,
                                            null,
                                            null,
                                            null,
                                            true))),
                    new LineSpec(
                            "harm",
                            Side.CONSEQUENCE,
                            "Harm",
                            List.of(BarrierSpec.of("off-switch", "Off switch", OFF_SWITCH)))));

    record Row(
            String rule,
            BowTie bowTie,
            List<String> steps,
            Map<String, BarrierState> states,
            Outcome outcome,
            String worstPath,
            int position,
            int margin,
            String stoppedBy,
            List<String> breached,
            List<String> silent,
            List<String> detected,
            Counterfactual what) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Row> rules() {
        return Stream.of(
                row(
                        "a breach puts the hazard past the barrier; the acting barriers after it still stand",
                        AGENT,
                        List.of("breached myopia 0"),
                        Map.of(),
                        // position 1; standing: compute-limit, interlock, off-switch (the monitor only detects)
                        Outcome.UNDETERMINED,
                        "optimization/harm",
                        1,
                        3,
                        null,
                        List.of("myopia"),
                        List.of(),
                        List.of()),
                row(
                        "an acting barrier that holds after a breach: a near miss, and it counts in the margin",
                        AGENT,
                        List.of("breached myopia 0", "tripped compute-limit 1"),
                        Map.of(),
                        // held at 1: compute-limit, interlock, off-switch
                        Outcome.NEAR_MISS,
                        "optimization/harm",
                        1,
                        3,
                        "compute-limit",
                        List.of("myopia"),
                        List.of(),
                        List.of()),
                row(
                        "a detection barrier that sees the hazard does not stop it: it got past the monitor",
                        AGENT,
                        List.of("breached myopia 0", "breached compute-limit 1", "tripped monitor 2"),
                        Map.of(),
                        // position 3 = T: the top event; left: interlock, off-switch
                        Outcome.TOP_EVENT,
                        "optimization/harm",
                        3,
                        2,
                        null,
                        List.of("myopia", "compute-limit"),
                        List.of(),
                        List.of("monitor")),
                row(
                        "a detection-only chain: an anomaly on the monitor alone is past it, nothing holds",
                        AGENT,
                        List.of("anomaly monitor 0"),
                        Map.of(),
                        // myopia and compute-limit were passed with no report: silent, never breaches
                        Outcome.TOP_EVENT,
                        "optimization/harm",
                        3,
                        2,
                        null,
                        List.of(),
                        List.of("myopia", "compute-limit"),
                        List.of("monitor")),
                row(
                        "a barrier skipped by the reports was passed silently, not breached",
                        AGENT,
                        List.of("breached compute-limit 0"),
                        Map.of(),
                        Outcome.UNDETERMINED,
                        "optimization/harm",
                        2,
                        2,
                        null,
                        List.of("compute-limit"),
                        List.of("myopia"),
                        List.of()),
                row(
                        "a hold that later fails: the stopper's breach puts the hazard past it",
                        AGENT,
                        List.of("breached myopia 0", "tripped compute-limit 1", "breached compute-limit 2"),
                        Map.of(),
                        Outcome.UNDETERMINED,
                        "optimization/harm",
                        2,
                        2,
                        null,
                        List.of("myopia", "compute-limit"),
                        List.of(),
                        List.of()),
                row(
                        "reports land in order of occurrence: a breach that happened before the hold still passes it",
                        AGENT,
                        List.of("tripped compute-limit 5", "breached compute-limit 3", "breached myopia 1"),
                        Map.of(),
                        Outcome.UNDETERMINED,
                        "optimization/harm",
                        2,
                        2,
                        null,
                        List.of("myopia", "compute-limit"),
                        List.of(),
                        List.of()),
                row(
                        "a demand on a reactive barrier: the top event was reached on every path of its line",
                        AGENT,
                        List.of("tripped interlock 0"),
                        Map.of(),
                        // both paths: position T, held by the interlock, interlock + off-switch stand; the first
                        // path in bow-tie order; no threat line reported, so no silent pass is invented there
                        Outcome.TOP_EVENT,
                        "optimization/harm",
                        3,
                        2,
                        "interlock",
                        List.of(),
                        List.of(),
                        List.of()),
                row(
                        "a completed shutdown holds at the off switch: one barrier left, not three",
                        AGENT,
                        List.of("breached boxing 0", "shutdown.completed off-switch 1"),
                        Map.of(),
                        // influence path (more reported barriers on it): position 3, off-switch holds
                        Outcome.TOP_EVENT,
                        "influence/harm",
                        3,
                        1,
                        "off-switch",
                        List.of("boxing"),
                        List.of("gate", "interlock"),
                        List.of()),
                row(
                        "a requested shutdown reached the off switch; nothing holds until it completes",
                        AGENT,
                        List.of("shutdown.requested off-switch 0"),
                        Map.of(),
                        Outcome.TOP_EVENT,
                        "optimization/harm",
                        4,
                        1,
                        null,
                        List.of(),
                        List.of("interlock"),
                        List.of()),
                row(
                        "a failed shutdown is past the last barrier: full failure",
                        AGENT,
                        List.of("shutdown.failed off-switch 0"),
                        Map.of(),
                        Outcome.FULL_FAILURE,
                        "optimization/harm",
                        5,
                        0,
                        null,
                        List.of("off-switch"),
                        List.of("interlock"),
                        List.of()),
                row(
                        "harm alone is a full failure with no margin, on every path",
                        AGENT,
                        List.of("harm - 0"),
                        Map.of(),
                        Outcome.FULL_FAILURE,
                        "optimization/harm",
                        5,
                        0,
                        null,
                        List.of(),
                        List.of(),
                        List.of()),
                row(
                        "harm after a breach: the worst path is the one the reports say most about",
                        AGENT,
                        List.of("breached boxing 0", "harm harm 1"),
                        Map.of(),
                        Outcome.FULL_FAILURE,
                        "influence/harm",
                        4,
                        0,
                        null,
                        List.of("boxing"),
                        List.of("gate", "interlock", "off-switch"),
                        List.of()),
                row(
                        "a hold on one line never contains a hazard loose on another",
                        AGENT,
                        List.of("breached myopia 0", "breached boxing 1", "tripped gate 2"),
                        Map.of(),
                        // optimization: UNDETERMINED, margin 3; influence: NEAR_MISS held by gate, margin 3.
                        // UNDETERMINED ranks above NEAR_MISS; both breaches are listed
                        Outcome.UNDETERMINED,
                        "optimization/harm",
                        1,
                        3,
                        null,
                        List.of("myopia", "boxing"),
                        List.of(),
                        List.of()),
                row(
                        "a demand held at the first barrier of a side line does not make the incident a near miss",
                        AGENT,
                        List.of("breached myopia 0", "tripped boxing 1"),
                        Map.of(),
                        Outcome.UNDETERMINED,
                        "optimization/harm",
                        1,
                        3,
                        null,
                        List.of("myopia"),
                        List.of(),
                        List.of()),
                row(
                        "a degraded barrier is a hole in the margin",
                        AGENT,
                        List.of("breached myopia 0"),
                        Map.of("interlock", BarrierState.DEGRADED),
                        Outcome.UNDETERMINED,
                        "optimization/harm",
                        1,
                        2,
                        null,
                        List.of("myopia"),
                        List.of(),
                        List.of()),
                row(
                        "an impaired off switch is a hole in the margin too",
                        AGENT,
                        List.of("tripped interlock 0"),
                        Map.of("off-switch", BarrierState.IMPAIRED),
                        Outcome.TOP_EVENT,
                        "optimization/harm",
                        3,
                        1,
                        "interlock",
                        List.of(),
                        List.of(),
                        List.of()),
                row(
                        "with no threat line every report is past the top event",
                        REACTIVE_ONLY,
                        List.of("tripped interlock 0"),
                        Map.of(),
                        Outcome.TOP_EVENT,
                        "-/harm",
                        0,
                        2,
                        "interlock",
                        List.of(),
                        List.of(),
                        List.of()),
                row(
                        "a detection barrier set to act holds like any other",
                        ACTING_MONITOR,
                        List.of("breached myopia 0", "anomaly monitor 1"),
                        Map.of(),
                        Outcome.NEAR_MISS,
                        "optimization/harm",
                        1,
                        2,
                        "monitor",
                        List.of("myopia"),
                        List.of(),
                        List.of()),
                whatIf(
                        "what-if: a hold upstream of the deepest breach stops the hazard there; evidence past it is"
                                + " dropped",
                        new Counterfactual("compute-limit", Set.of()),
                        List.of(
                                "breached myopia 0",
                                "breached compute-limit 1",
                                "anomaly monitor 2",
                                "breached interlock 3"),
                        // compute-limit holds at 1 after myopia's breach: the monitor's detection and the interlock's
                        // breach happened past it and are dropped; the influence line is no route of this hazard.
                        // Standing: compute-limit, interlock, off-switch
                        Outcome.NEAR_MISS,
                        "optimization/harm",
                        1,
                        3,
                        "compute-limit",
                        List.of("myopia"),
                        List.of(),
                        List.of()),
                whatIf(
                        "what-if: removing a barrier drops its reports and takes the hazard past it",
                        new Counterfactual(null, Set.of("compute-limit")),
                        List.of("breached myopia 0", "tripped compute-limit 1"),
                        // without compute-limit the path is myopia, monitor | interlock, off-switch (n=4, T=2): the
                        // hazard is at the monitor (position 1), nothing holds it; interlock and off-switch stand
                        Outcome.UNDETERMINED,
                        "optimization/harm",
                        1,
                        2,
                        null,
                        List.of("myopia"),
                        List.of(),
                        List.of()),
                row(
                        "reports on barriers the bow-tie no longer has are left out",
                        AGENT,
                        List.of("breached retired 0", "breached myopia 1"),
                        Map.of(),
                        Outcome.UNDETERMINED,
                        "optimization/harm",
                        1,
                        3,
                        null,
                        List.of("myopia"),
                        List.of(),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void judges(Row row) {
        Assessment a = IncidentJudge.assess(row.bowTie(), steps(row.steps()), row.states(), row.what());
        assertThat(a.outcome()).as("outcome").isEqualTo(row.outcome());
        assertThat((a.threatLineId() == null ? "-" : a.threatLineId()) + "/"
                        + (a.consequenceLineId() == null ? "-" : a.consequenceLineId()))
                .as("worst path")
                .isEqualTo(row.worstPath());
        assertThat(a.position()).as("position").isEqualTo(row.position());
        assertThat(a.margin()).as("margin").isEqualTo(row.margin());
        assertThat(a.stoppedBy()).as("stoppedBy").isEqualTo(row.stoppedBy());
        assertThat(a.breachedBarriers()).as("breached").isEqualTo(row.breached());
        assertThat(a.silentlyPassed()).as("silently passed").isEqualTo(row.silent());
        assertThat(a.detectedBy()).as("detected by").isEqualTo(row.detected());
        assertThat(a.margin()).isLessThanOrEqualTo(a.pathLength());
    }

    private static Row row(
            String rule,
            BowTie bowTie,
            List<String> steps,
            Map<String, BarrierState> states,
            Outcome outcome,
            String worstPath,
            int position,
            int margin,
            String stoppedBy,
            List<String> breached,
            List<String> silent,
            List<String> detected) {
        return new Row(
                rule,
                bowTie,
                steps,
                states,
                outcome,
                worstPath,
                position,
                margin,
                stoppedBy,
                breached,
                silent,
                detected,
                Counterfactual.NONE);
    }

    /** What-if: the same steps judged with a barrier held or removed (DESIGN §4, what-if). */
    private static Row whatIf(
            String rule,
            Counterfactual what,
            List<String> steps,
            Outcome outcome,
            String worstPath,
            int position,
            int margin,
            String stoppedBy,
            List<String> breached,
            List<String> silent,
            List<String> detected) {
        return new Row(
                rule, AGENT, steps, Map.of(), outcome, worstPath, position, margin, stoppedBy, breached, silent,
                detected, what);
    }

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    static List<Step> steps(List<String> specs) {
        List<Step> steps = new ArrayList<>();
        Map<String, ReportType> types = new HashMap<>();
        for (ReportType t : ReportType.values()) {
            types.put(
                    t.wireType()
                            .replace("ai.barrier.", "")
                            .replace("ai.", "")
                            .replace(".detected", "")
                            .replace(".reported", ""),
                    t);
        }
        for (int i = 0; i < specs.size(); i++) {
            String[] parts = specs.get(i).split(" ");
            ReportType type = types.get(parts[0]);
            Instant at = T0.plus(Duration.ofMinutes(Integer.parseInt(parts[2])));
            boolean harm = type == ReportType.HARM_REPORTED;
            String target = parts[1].equals("-") ? null : parts[1];
            steps.add(new Step("r" + i, type, harm ? null : target, at, i, harm ? target : null));
        }
        return steps;
    }
}
