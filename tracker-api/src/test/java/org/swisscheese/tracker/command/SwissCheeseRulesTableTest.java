package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swisscheese.tracker.reference.NaiveSwissCheese;
import org.swisscheese.tracker.reference.ReferenceModel.Barrier;
import org.swisscheese.tracker.reference.ReferenceModel.IncidentResult;
import org.swisscheese.tracker.reference.ReferenceModel.Input;
import org.swisscheese.tracker.reference.ReferenceModel.LifecycleInput;
import org.swisscheese.tracker.reference.ReferenceModel.Line;
import org.swisscheese.tracker.reference.ReferenceModel.PathResult;
import org.swisscheese.tracker.reference.ReferenceModel.ReportInput;
import org.swisscheese.tracker.reference.ReferenceModel.Result;
import org.swisscheese.tracker.reference.ReferenceModel.ReviseInput;
import org.swisscheese.tracker.reference.ReferenceModel.Scenario;

/**
 * The rules of DESIGN §4 that the aggregate decides beyond the judge of one incident (correlation, the off switch,
 * barrier state by occurrence, bow-tie revisions), one hand-worked row each, run through the real {@link AiSystem}
 * ({@link ProductionModel}) and through the naive model written from DESIGN alone ({@link NaiveSwissCheese}): both
 * must give the values worked out here. The judge's own rules are the table of {@code IncidentJudgeTest}.
 *
 * <pre>
 * opt  (threat,  T=3): myo MYOPIA(0), lim COMPUTE_LIMIT(1), mon ANOMALY_MONITORING(2, detects)
 * inf  (threat,  T=2): box BOXING(0), gate DEPLOYMENT_GATE(1)
 * harm (consequence):  lock SAFETY_INTERLOCK, off OFF_SWITCH
 * paths: opt/harm n=5 (lock=3, off=4); inf/harm n=4 (lock=2, off=3)
 * </pre>
 *
 * Variants: two off switches (harm = lock, soft, breaker), no off switch (harm = lock), a second consequence line
 * (users = decl SELF_DECLARATION). The system is deployed at minute 0; the correlation window is 15 minutes.
 */
class SwissCheeseRulesTableTest {

    static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    static final Line OPT = new Line(
            "opt", true, List.of(b("myo", "MYOPIA"), b("lim", "COMPUTE_LIMIT"), b("mon", "ANOMALY_MONITORING")));
    static final Line INF = new Line("inf", true, List.of(b("box", "BOXING"), b("gate", "DEPLOYMENT_GATE")));
    static final Line HARM = new Line("harm", false, List.of(b("lock", "SAFETY_INTERLOCK"), b("off", "OFF_SWITCH")));
    static final List<Line> AGENT = List.of(OPT, INF, HARM);
    static final List<Line> TWO_SWITCHES = List.of(
            OPT,
            INF,
            new Line(
                    "harm",
                    false,
                    List.of(b("lock", "SAFETY_INTERLOCK"), b("soft", "OFF_SWITCH"), b("breaker", "OFF_SWITCH"))));
    static final List<Line> NO_SWITCH =
            List.of(OPT, INF, new Line("harm", false, List.of(b("lock", "SAFETY_INTERLOCK"))));
    static final List<Line> TWO_CONSEQUENCES =
            List.of(OPT, INF, HARM, new Line("users", false, List.of(b("decl", "SELF_DECLARATION"))));
    /** The agent with the compute limit re-declared a detector. */
    static final List<Line> LIMIT_DETECTS = List.of(
            new Line(
                    "opt",
                    true,
                    List.of(
                            b("myo", "MYOPIA"),
                            new Barrier("lim", "COMPUTE_LIMIT", false),
                            b("mon", "ANOMALY_MONITORING"))),
            INF,
            HARM);

    /** An incident as an analyst should see it; {@code paths}: outcome per "threat/consequence", where it matters. */
    record Inc(String outcome, List<String> breached, String stoppedBy, int margin, Map<String, String> paths) {
        Inc(String outcome, List<String> breached, String stoppedBy, int margin) {
            this(outcome, breached, stoppedBy, margin, Map.of());
        }
    }

    /**
     * {@code states}: barriers whose state is checked (the rest unchecked); {@code demands}: [held, failed] of the
     * barriers named; {@code history}: outcome histories of the incidents, where it matters.
     */
    record Row(
            String rule,
            List<Line> lines,
            List<Input> inputs,
            List<Inc> incidents,
            boolean activityAfterShutdown,
            String lifecycle,
            Map<String, String> states,
            Map<String, List<Integer>> demands,
            List<List<String>> history) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Row> rules() {
        return Stream.of(
                new Row(
                        "multi-line chain: a hold on one line never contains a hazard loose on another; every breach"
                                + " listed",
                        AGENT,
                        List.of(
                                rep("r1", "breached", "myo", "c", 0),
                                rep("r2", "breached", "box", "c", 1),
                                rep("r3", "tripped", "gate", "c", 2)),
                        // opt/harm: past myo, nothing holds, margin lim+lock+off = 3; inf/harm: held by gate after box,
                        // NEAR_MISS, margin gate+lock+off = 3. UNDETERMINED ranks above NEAR_MISS.
                        List.of(new Inc(
                                "UNDETERMINED",
                                List.of("myo", "box"),
                                null,
                                3,
                                Map.of("opt/harm", "UNDETERMINED", "inf/harm", "NEAR_MISS"))),
                        false,
                        "DEPLOYED",
                        Map.of(),
                        Map.of(),
                        List.of()),
                new Row(
                        "detection-only chain: the monitor saw the hazard go by; nothing holds it",
                        AGENT,
                        List.of(rep("r1", "anomaly", "mon", "c", 0)),
                        // past mon (index 2): position 3 = T, the top event; lock and off stand
                        List.of(new Inc("TOP_EVENT", List.of(), null, 2)),
                        false,
                        "DEPLOYED",
                        Map.of(),
                        Map.of("mon", List.of(1, 0)),
                        List.of()),
                new Row(
                        "a near miss whose stopper later fails is no longer contained",
                        AGENT,
                        List.of(
                                rep("r1", "breached", "myo", "c", 0),
                                rep("r2", "tripped", "lim", "c", 1),
                                rep("r3", "breached", "lim", "c", 2)),
                        // position 2 (past lim); lock, off stand
                        List.of(new Inc("UNDETERMINED", List.of("myo", "lim"), null, 2)),
                        false,
                        "DEPLOYED",
                        Map.of(),
                        Map.of("lim", List.of(1, 1)),
                        List.of(List.of("UNDETERMINED", "NEAR_MISS", "UNDETERMINED"))),
                new Row(
                        "a late reactive trip, arriving before the preventive breach of its chain, does not split it",
                        AGENT,
                        List.of(rep("r2", "tripped", "lock", null, 5), rep("r1", "breached", "gate", null, 3)),
                        // one incident (past the top event, it touches every line); inf/harm: past gate (T=2), held
                        // by lock at 2, margin lock+off = 2
                        List.of(new Inc("TOP_EVENT", List.of("gate"), "lock", 2)),
                        false,
                        "DEPLOYED",
                        Map.of(),
                        Map.of(),
                        List.of()),
                new Row(
                        "the correlation window is measured from the incident's whole span, not its last report",
                        AGENT,
                        List.of(
                                rep("r1", "breached", "lim", null, 10),
                                rep("r2", "breached", "mon", null, 20),
                                rep("r3", "breached", "myo", null, 0)),
                        // r3 is 20 minutes before the latest report, inside the span widened by 15: one incident,
                        // past all three preventive barriers: the top event with lock and off left
                        List.of(new Inc("TOP_EVENT", List.of("myo", "lim", "mon"), null, 2)),
                        false,
                        "DEPLOYED",
                        Map.of(),
                        Map.of(),
                        List.of()),
                new Row(
                        "harm counts on the paths of its consequence line only",
                        TWO_CONSEQUENCES,
                        List.of(rep("r1", "breached", "box", "c", 0), harm("r2", "users", "c", 1)),
                        // inf/users and opt/users: FULL_FAILURE; inf/harm: past box only
                        List.of(new Inc(
                                "FULL_FAILURE",
                                List.of("box"),
                                null,
                                0,
                                Map.of(
                                        "inf/users",
                                        "FULL_FAILURE",
                                        "opt/users",
                                        "FULL_FAILURE",
                                        "inf/harm",
                                        "UNDETERMINED"))),
                        false,
                        "DEPLOYED",
                        Map.of(),
                        Map.of(),
                        List.of()),
                new Row(
                        "a report is the same report when its source and id are: the same id from another source is"
                                + " another report",
                        AGENT,
                        List.of(
                                new ReportInput("/a", "r1", "ai.barrier.breached", "myo", "c", at(0), null, false),
                                new ReportInput("/b", "r1", "ai.barrier.breached", "lim", "c", at(1), null, false),
                                new ReportInput("/a", "r1", "ai.barrier.breached", "myo", "c", at(0), null, false)),
                        List.of(new Inc("UNDETERMINED", List.of("myo", "lim"), null, 2)),
                        false,
                        "DEPLOYED",
                        Map.of(),
                        Map.of("myo", List.of(0, 1), "lim", List.of(0, 1)),
                        List.of()),
                new Row(
                        "a completed shutdown holds at the off switch: one barrier left, not three",
                        AGENT,
                        List.of(rep("r1", "breached", "box", "c", 0), rep("r2", "shutdown.completed", "off", "c", 1)),
                        List.of(new Inc("TOP_EVENT", List.of("box"), "off", 1)),
                        false,
                        "SHUT_DOWN",
                        Map.of("off", "IN_SERVICE"),
                        Map.of("off", List.of(1, 0)),
                        List.of()),
                new Row(
                        "a late report of something that happened before the shutdown is no activity after it",
                        AGENT,
                        List.of(
                                rep("r1", "breached", "lock", null, 10),
                                rep("r2", "shutdown.completed", "off", null, 12),
                                harm("r3", null, null, 11)),
                        // the harm itself is the full failure; the off switch worked and is not charged
                        List.of(new Inc("FULL_FAILURE", List.of("lock"), null, 0)),
                        false,
                        "SHUT_DOWN",
                        Map.of("lock", "IMPAIRED", "off", "IN_SERVICE"),
                        Map.of("off", List.of(1, 0), "lock", List.of(0, 1)),
                        List.of()),
                new Row(
                        "activity that occurred after the shutdown fails its one demand and impairs the off switch",
                        AGENT,
                        List.of(
                                rep("r1", "breached", "lock", null, 10),
                                rep("r2", "shutdown.completed", "off", null, 12),
                                rep("r3", "anomaly", "mon", null, 14)),
                        // the off switch's failure puts the hazard past every barrier of the path: full failure
                        List.of(new Inc("FULL_FAILURE", List.of("lock", "off"), null, 0)),
                        true,
                        "SHUT_DOWN",
                        Map.of("off", "IMPAIRED"),
                        Map.of("off", List.of(0, 1)),
                        List.of()),
                new Row(
                        "activity that arrived before the shutdown but happened after it defeats it",
                        AGENT,
                        List.of(
                                rep("r1", "breached", "lock", null, 10),
                                rep("r3", "anomaly", "mon", null, 14),
                                rep("r2", "shutdown.completed", "off", null, 12)),
                        List.of(new Inc("FULL_FAILURE", List.of("lock", "off"), null, 0)),
                        true,
                        "SHUT_DOWN",
                        Map.of("off", "IMPAIRED"),
                        Map.of("off", List.of(0, 1)),
                        List.of()),
                new Row(
                        "two off switches: the one the shutdown named is charged",
                        TWO_SWITCHES,
                        List.of(
                                rep("r1", "shutdown.completed", "breaker", null, 0),
                                rep("r2", "breached", "myo", null, 1)),
                        // opt/harm (n=6): myo failed, breaker failed at the last index: full failure
                        List.of(new Inc("FULL_FAILURE", List.of("myo", "breaker"), null, 0)),
                        true,
                        "SHUT_DOWN",
                        Map.of("breaker", "IMPAIRED", "soft", "IN_SERVICE"),
                        Map.of("breaker", List.of(0, 1)),
                        List.of()),
                new Row(
                        "two off switches: a shutdown that names none is the first off switch's",
                        TWO_SWITCHES,
                        List.of(rep("r1", "shutdown.completed", null, null, 0), rep("r2", "breached", "myo", null, 1)),
                        // soft (index 4 of opt/harm) failed: past it, the breaker still stands
                        List.of(new Inc("TOP_EVENT", List.of("myo", "soft"), null, 1)),
                        true,
                        "SHUT_DOWN",
                        Map.of("soft", "IMPAIRED", "breaker", "IN_SERVICE"),
                        Map.of("soft", List.of(0, 1)),
                        List.of()),
                new Row(
                        "no off switch: activity after a shutdown still gets its incident and the alert",
                        NO_SWITCH,
                        List.of(rep("r1", "shutdown.completed", null, null, 0), rep("r2", "breached", "myo", null, 1)),
                        // nothing was demanded by the shutdown; the breach: past myo, lim and lock stand
                        List.of(new Inc("UNDETERMINED", List.of("myo"), null, 2)),
                        true,
                        "SHUT_DOWN",
                        Map.of("lock", "IN_SERVICE"),
                        Map.of(),
                        List.of()),
                new Row(
                        "activity while suspended is no off-switch failure",
                        AGENT,
                        List.of(new LifecycleInput("SUSPENDED", at(5)), rep("r1", "breached", "myo", null, 10)),
                        List.of(new Inc("UNDETERMINED", List.of("myo"), null, 3)),
                        false,
                        "SUSPENDED",
                        Map.of("off", "IN_SERVICE"),
                        Map.of(),
                        List.of()),
                new Row(
                        "out-of-order restore: a restore that arrives before its degrade but happened later wins",
                        AGENT,
                        List.of(
                                rep("r1", "restored", "lock", null, 20),
                                rep("r2", "degraded", "lock", null, 10),
                                rep("r3", "breached", "myo", null, 30)),
                        // lim, lock, off stand
                        List.of(new Inc("UNDETERMINED", List.of("myo"), null, 3)),
                        false,
                        "DEPLOYED",
                        Map.of("lock", "IN_SERVICE"),
                        Map.of(),
                        List.of()),
                new Row(
                        "out-of-order degrade: a degrade that arrives first but happened after the restore stays",
                        AGENT,
                        List.of(
                                rep("r1", "degraded", "lock", null, 20),
                                rep("r2", "restored", "lock", null, 10),
                                rep("r3", "breached", "myo", null, 30)),
                        // lim and off stand; the degraded interlock is a hole
                        List.of(new Inc("UNDETERMINED", List.of("myo"), null, 2)),
                        false,
                        "DEPLOYED",
                        Map.of("lock", "DEGRADED"),
                        Map.of(),
                        List.of()),
                new Row(
                        "a reactive barrier that failed a demand stays a hole in later incidents",
                        AGENT,
                        List.of(rep("r1", "breached", "lock", null, 0), rep("r2", "breached", "myo", null, 60)),
                        // 1: past lock on both paths, the off switch left; 2 (an hour later): past myo, lim and off
                        List.of(
                                new Inc("TOP_EVENT", List.of("lock"), null, 1),
                                new Inc("UNDETERMINED", List.of("myo"), null, 2)),
                        false,
                        "DEPLOYED",
                        Map.of("lock", "IMPAIRED"),
                        Map.of(),
                        List.of()),
                new Row(
                        "a proof test is no demand and opens nothing; a failed one impairs the barrier",
                        AGENT,
                        List.of(test("d1", "breached", "gate", 0), test("d2", "tripped", "box", 1)),
                        List.of(),
                        false,
                        "DEPLOYED",
                        Map.of("gate", "IMPAIRED", "box", "IN_SERVICE"),
                        Map.of(),
                        List.of()),
                new Row(
                        "a bow-tie edit while an incident is open judges it again: a detector contains nothing",
                        AGENT,
                        List.of(
                                rep("r1", "breached", "myo", "c", 0),
                                rep("r2", "tripped", "lim", "c", 1),
                                new ReviseInput(LIMIT_DETECTS)),
                        // lim now only sees the hazard go by: position 2; lock and off stand
                        List.of(new Inc("UNDETERMINED", List.of("myo"), null, 2)),
                        false,
                        "DEPLOYED",
                        Map.of(),
                        Map.of(),
                        List.of(List.of("UNDETERMINED", "NEAR_MISS", "UNDETERMINED"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theAggregateGivesTheHandWorkedValues(Row row) {
        check(ProductionModel.run(scenario(row)), row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theNaiveModelOfDesignGivesThemToo(Row row) {
        check(NaiveSwissCheese.run(scenario(row)), row);
    }

    private static Scenario scenario(Row row) {
        return new Scenario(row.lines(), Duration.ofMinutes(15), T0, row.inputs());
    }

    private static void check(Result result, Row row) {
        assertThat(result.incidents()).as("incidents").hasSize(row.incidents().size());
        for (int i = 0; i < row.incidents().size(); i++) {
            Inc want = row.incidents().get(i);
            IncidentResult got = result.incidents().get(i);
            String which = "incident " + (i + 1);
            assertThat(got.outcome()).as(which + " outcome").isEqualTo(want.outcome());
            assertThat(got.breachedBarriers()).as(which + " breached").isEqualTo(want.breached());
            assertThat(got.stoppedBy()).as(which + " stoppedBy").isEqualTo(want.stoppedBy());
            assertThat(got.margin()).as(which + " margin").isEqualTo(want.margin());
            Map<String, String> paths = new LinkedHashMap<>();
            for (PathResult p : got.paths()) {
                paths.put(p.threatLineId() + "/" + p.consequenceLineId(), p.outcome());
            }
            want.paths()
                    .forEach((path, outcome) -> assertThat(paths.get(path))
                            .as(which + " on " + path)
                            .isEqualTo(outcome));
            if (i < row.history().size()) {
                assertThat(got.outcomeHistory())
                        .as(which + " history")
                        .isEqualTo(row.history().get(i));
            }
        }
        assertThat(result.activityAfterShutdown()).as("activity after shutdown").isEqualTo(row.activityAfterShutdown());
        assertThat(result.lifecycle()).as("lifecycle").isEqualTo(row.lifecycle());
        row.states()
                .forEach((barrier, state) -> assertThat(result.barrierStates().get(barrier))
                        .as(barrier + " state")
                        .isEqualTo(state));
        row.demands().forEach((barrier, counts) -> {
            int[] got = result.demands().getOrDefault(barrier, new int[2]);
            assertThat(List.of(got[0], got[1]))
                    .as(barrier + " demands [held, failed]")
                    .isEqualTo(counts);
        });
    }

    private static Barrier b(String id, String category) {
        return new Barrier(id, category, null);
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    private static String wire(String type) {
        return switch (type) {
            case "anomaly" -> "ai.anomaly.detected";
            case "shutdown.requested", "shutdown.completed", "shutdown.failed" -> "ai." + type;
            default -> "ai.barrier." + type;
        };
    }

    private static ReportInput rep(String id, String type, String barrier, String chain, int minute) {
        return new ReportInput("/t", id, wire(type), barrier, chain, at(minute), null, false);
    }

    private static ReportInput harm(String id, String line, String chain, int minute) {
        return new ReportInput("/t", id, "ai.harm.reported", null, chain, at(minute), line, false);
    }

    private static ReportInput test(String id, String type, String barrier, int minute) {
        return new ReportInput("/t", id, wire(type), barrier, null, at(minute), null, true);
    }
}
