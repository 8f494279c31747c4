package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.command.SwissCheeseRulesTableTest.AGENT;
import static org.swisscheese.tracker.command.SwissCheeseRulesTableTest.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Assume;
import net.jqwik.api.Disabled;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.AiSystemEvent.ReportReclassified;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.ReportClass;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.reference.NaiveReclassification;
import org.swisscheese.tracker.reference.NaiveSwissCheese;
import org.swisscheese.tracker.reference.ReferenceModel.Barrier;
import org.swisscheese.tracker.reference.ReferenceModel.IncidentResult;
import org.swisscheese.tracker.reference.ReferenceModel.Input;
import org.swisscheese.tracker.reference.ReferenceModel.Line;
import org.swisscheese.tracker.reference.ReferenceModel.ReclassifyInput;
import org.swisscheese.tracker.reference.ReferenceModel.ReportInput;
import org.swisscheese.tracker.reference.ReferenceModel.Result;
import org.swisscheese.tracker.reference.ReferenceModel.Scenario;

/**
 * Reclassifying a report over random chains of one incident: the aggregate agrees with a deliberately naive reading
 * of the rule ({@link NaiveReclassification}: the incident is judged as if the report had come in as what it was
 * found to be), and the report stays on the incident. A failure prints the seed; {@link #chain(long)} rebuilds the
 * history. The hand-worked rows below use the agent of {@link SwissCheeseRulesTableTest}:
 *
 * <pre>
 * opt (threat, T=3): myo MYOPIA(0), lim COMPUTE_LIMIT(1), mon ANOMALY_MONITORING(2, detects)
 * harm (consequence): lock SAFETY_INTERLOCK(3), off OFF_SWITCH(4)      path opt/harm: n=5
 * </pre>
 */
class ReclassifyReportPropertiesTest {

    /** The judgement of an incident: outcome, breaches, stopper, margin, length, and every path's position. */
    private static List<Object> judgement(IncidentResult i) {
        return List.of(
                i.outcome(),
                i.breachedBarriers(),
                String.valueOf(i.stoppedBy()),
                i.margin(),
                i.pathLength(),
                i.paths());
    }

    /**
     * From a fixed seed, so that the build is reproducible: the same 300 chains every time. Explore with another seed.
     */
    @Property(tries = 300, seed = "20261130")
    void aReclassifiedIncidentIsJudgedAsIfTheReportHadComeInAsWhatItWasFound(@ForAll long seed) {
        Scenario chain = chain(seed);
        Result before = NaiveSwissCheese.run(chain);
        Assume.that(before.incidents().size() == 1);
        IncidentResult incident = before.incidents().get(0);
        ReclassifyInput reclassify = reclassification(chain, incident, new Random(seed ^ 0x5eed));
        Assume.that(reclassify != null);
        Scenario scenario = with(chain, reclassify);

        Result expected = NaiveReclassification.run(scenario);
        ProductionModel.Run run = ProductionModel.runWithEvents(scenario);
        Result actual = run.result();

        String about = "seed " + seed + ", " + reclassify + " of " + chain;
        assertThat(expected.incidents()).as(about).hasSize(1);
        assertThat(actual.incidents()).as(about).hasSize(1);
        IncidentResult got = actual.incidents().get(0);
        assertThat(judgement(got))
                .as(about)
                .isEqualTo(judgement(expected.incidents().get(0)));
        assertThat(new TreeMap<>(actual.barrierStates()))
                .as("barrier states, " + about)
                .isEqualTo(new TreeMap<>(expected.barrierStates()));
        // never deleted: the report stays on the incident, with every other report it had
        assertThat(got.reportIds().stream().sorted().toList())
                .as(about)
                .isEqualTo(incident.reportIds().stream().sorted().toList());
        reclassifiedOnceAndReassessedOnlyIfTheJudgementChanged(run.events(), reclassify, about);
        Statistics.label("as").collect(reclassify.as());
        Statistics.label("judgement").collect(judgement(got).equals(judgement(incident)) ? "unchanged" : "changed");
    }

    /**
     * Reclassifying as a class that keeps the evidence (a common-cause failure) changes no judgement: only the mark.
     */
    @Property(tries = 100, seed = "20261130")
    void aCommonCauseFailureChangesNoJudgement(@ForAll long seed) {
        Scenario chain = chain(seed);
        Result before = NaiveSwissCheese.run(chain);
        Assume.that(before.incidents().size() == 1);
        IncidentResult incident = before.incidents().get(0);
        List<String> failures = incident.reportIds().stream()
                .filter(id -> ReportClass.COMMON_CAUSE.appliesTo(typeOf(chain, id)))
                .toList();
        Assume.that(!failures.isEmpty());
        String reportId = failures.get(new Random(seed).nextInt(failures.size()));
        ProductionModel.Run run =
                ProductionModel.runWithEvents(with(chain, new ReclassifyInput(1, reportId, "COMMON_CAUSE")));

        String about = "seed " + seed + ", " + reportId + " of " + chain;
        assertThat(judgement(run.result().incidents().get(0))).as(about).isEqualTo(judgement(incident));
        AiSystemEvent last = run.events().get(run.events().size() - 1);
        assertThat(last).as(about).isInstanceOf(ReportReclassified.class);
    }

    private static void reclassifiedOnceAndReassessedOnlyIfTheJudgementChanged(
            List<AiSystemEvent> events, ReclassifyInput reclassify, String about) {
        int at = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof ReportReclassified) {
                assertThat(at).as("one reclassification, " + about).isEqualTo(-1);
                at = i;
            }
        }
        assertThat(at).as("reclassified, " + about).isNotNegative();
        ReportReclassified reclassified = (ReportReclassified) events.get(at);
        assertThat(reclassified.reportId()).isEqualTo(reclassify.reportId());
        assertThat(reclassified.as()).isEqualTo(ReportClass.valueOf(reclassify.as()));
        Assessment was = null;
        for (AiSystemEvent e : events.subList(0, at)) {
            if (e instanceof IncidentAssessed a) {
                was = a.assessment();
            }
        }
        List<AiSystemEvent> after = events.subList(at + 1, events.size());
        List<IncidentReassessed> reassessed = after.stream()
                .filter(IncidentReassessed.class::isInstance)
                .map(IncidentReassessed.class::cast)
                .filter(r -> r.reason().contains("reclassified"))
                .toList();
        Assessment now = after.stream()
                .filter(IncidentAssessed.class::isInstance)
                .map(e -> ((IncidentAssessed) e).assessment())
                .reduce((a, b) -> b)
                .orElse(was);
        if (now.equals(was)) {
            assertThat(reassessed)
                    .as("nothing changed, nothing reassessed: " + about)
                    .isEmpty();
        } else {
            assertThat(reassessed)
                    .as(about)
                    .singleElement()
                    .satisfies(r -> assertThat(r.reason())
                            .isEqualTo("report " + reclassify.reportId() + " reclassified as "
                                    + ReportClass.valueOf(reclassify.as()).words()));
        }
    }

    // --- hand-worked rows: both models give the values worked out here ---------------------------------------------

    @Example
    void aSpuriousTripOfTheStopperLeavesTheHazardLoose() {
        // before: past myo, held by lim: NEAR_MISS. Without the trip nothing holds: UNDETERMINED, margin lim+lock+off
        bothGive(
                List.of(rep("r1", "breached", "myo", 0), rep("r2", "tripped", "lim", 1)),
                new ReclassifyInput(1, "r2", "SPURIOUS_TRIP"),
                "UNDETERMINED",
                List.of("myo"),
                null,
                3,
                Map.of("lim", "IN_SERVICE"));
    }

    @Example
    void aBreachThatDidNotBelongLeavesTheListOfBreachesAndThePositionIsKeptByLaterEvidence() {
        // mon (detects) saw it at index 2: position 3 = T, the top event, whatever lim did; only myo failed a demand
        bothGive(
                List.of(
                        rep("r1", "breached", "myo", 0),
                        rep("r2", "breached", "lim", 1),
                        rep("r3", "anomaly", "mon", 2)),
                new ReclassifyInput(1, "r2", "NOT_APPLICABLE"),
                "TOP_EVENT",
                List.of("myo"),
                null,
                2,
                Map.of("lim", "IN_SERVICE"));
    }

    /**
     * A breach that was a drill is a failed proof test: the hazard is back at lim (position 1), and lim, which failed
     * its test, is a hole (§4: any barrier that failed a proof test) and no part of the margin: lock+off.
     */
    @Example
    void aBreachFoundToBeADrillIsAFailedProofTestAndItsBarrierAHole() {
        bothGive(
                List.of(rep("r1", "breached", "myo", 0), rep("r2", "breached", "lim", 1)),
                new ReclassifyInput(1, "r2", "PROOF_TEST"),
                "UNDETERMINED",
                List.of("myo"),
                null,
                2,
                Map.of("lim", "IMPAIRED"));
    }

    @Example
    void aCommonCauseFailureStaysABreach() {
        bothGive(
                List.of(rep("r1", "breached", "myo", 0), rep("r2", "breached", "lim", 1)),
                new ReclassifyInput(1, "r2", "COMMON_CAUSE"),
                "UNDETERMINED",
                List.of("myo", "lim"),
                null,
                2,
                Map.of("lim", "IN_SERVICE"));
    }

    /**
     * The product's own rule (its handler: "barrier states the report caused stay"): the interlock's failure does not
     * belong here, the hazard is back past myo only, but the interlock stays impaired until an operator restores it,
     * so the margin is lim+off.
     */
    @Example
    void aReactiveFailureThatDidNotBelongLeavesItsBarrierImpaired() {
        bothGive(
                List.of(rep("r1", "breached", "myo", 0), rep("r2", "breached", "lock", 1)),
                new ReclassifyInput(1, "r2", "NOT_APPLICABLE"),
                "UNDETERMINED",
                List.of("myo"),
                null,
                2,
                Map.of("lock", "IMPAIRED"));
    }

    /**
     * Open question, not decided by DESIGN: read literally (IMPAIRED = "a reactive barrier that failed a demand";
     * a report found not applicable is "no demand of its barrier"), the interlock would be back in service and in the
     * margin: lim+lock+off. The product keeps it impaired on purpose (see the example above); this row is the other
     * reading, kept for whoever decides.
     */
    @Example
    @Disabled("open: DESIGN read literally puts the interlock back in service; the product keeps it impaired")
    void readLiterallyAReactiveFailureThatDidNotBelongImpairsNothing() {
        Scenario scenario = with(
                scenario(List.of(rep("r1", "breached", "myo", 0), rep("r2", "breached", "lock", 1))),
                new ReclassifyInput(1, "r2", "NOT_APPLICABLE"));
        Result product = ProductionModel.run(scenario);
        assertThat(NaiveReclassification.designReading(scenario).barrierStates())
                .containsEntry("lock", "IN_SERVICE");
        assertThat(product.barrierStates()).containsEntry("lock", "IN_SERVICE");
        assertThat(product.incidents().get(0).margin()).isEqualTo(3);
    }

    private static void bothGive(
            List<ReportInput> reports,
            ReclassifyInput reclassify,
            String outcome,
            List<String> breached,
            String stoppedBy,
            int margin,
            Map<String, String> states) {
        Scenario scenario = with(scenario(reports), reclassify);
        for (Result result : List.of(NaiveReclassification.run(scenario), ProductionModel.run(scenario))) {
            assertThat(result.incidents()).hasSize(1);
            IncidentResult incident = result.incidents().get(0);
            assertThat(incident.outcome()).isEqualTo(outcome);
            assertThat(incident.breachedBarriers()).isEqualTo(breached);
            assertThat(incident.stoppedBy()).isEqualTo(stoppedBy);
            assertThat(incident.margin()).isEqualTo(margin);
            assertThat(result.barrierStates()).containsAllEntriesOf(states);
        }
    }

    private static Scenario scenario(List<ReportInput> reports) {
        return new Scenario(AGENT, Duration.ofMinutes(15), T0, List.copyOf(reports));
    }

    private static ReportInput rep(String id, String type, String barrier, int minute) {
        String wire = type.equals("anomaly") ? "ai.anomaly.detected" : "ai.barrier." + type;
        return new ReportInput("/t", id, wire, barrier, "c", T0.plus(Duration.ofMinutes(minute)), null, false);
    }

    // --- generators ----------------------------------------------------------------------------------------------

    /**
     * One causal chain of one system along a random path of a random bow-tie ({@link Scenarios#bowTie}): most often
     * with a chain id, otherwise close enough in time to fall in one correlation window; some reports late, some
     * delivered twice, a few proof tests and outages. No completed shutdown: it changes the lifecycle and is never
     * reclassified, and activity after it is a rule of its own.
     */
    static Scenario chain(long seed) {
        Random random = new Random(seed);
        List<Line> lines = Scenarios.bowTie(random);
        Line threat = pick(random, lines.stream().filter(Line::threat).toList());
        Line consequence = pick(random, lines.stream().filter(l -> !l.threat()).toList());
        List<Barrier> path = new ArrayList<>();
        if (threat != null) {
            path.addAll(threat.barriers());
        }
        if (consequence != null) {
            path.addAll(consequence.barriers());
        }
        String chainId = random.nextDouble() < 0.7 ? "chain-1" : null;
        Instant at = T0.plus(Duration.ofMinutes(random.nextInt(60)));
        int index = random.nextInt(Math.max(1, path.size() / 2 + 1));
        List<ReportInput> reports = new ArrayList<>();
        int count = 2 + random.nextInt(6);
        for (int r = 0; r < count && index < path.size(); r++) {
            Barrier barrier = path.get(index);
            String type = type(random, barrier);
            String barrierId = barrier.id();
            String consequenceLine = null;
            if (type.equals("ai.harm.reported")) {
                barrierId = null;
                consequenceLine = consequence != null && random.nextBoolean() ? consequence.id() : null;
            } else if (type.startsWith("ai.shutdown") && random.nextDouble() < 0.3) {
                barrierId = null; // the first off switch
            }
            boolean test = (type.equals("ai.barrier.tripped") || type.equals("ai.barrier.breached"))
                    && random.nextDouble() < 0.05;
            reports.add(new ReportInput("/sim", "r" + r, type, barrierId, chainId, at, consequenceLine, test));
            at = at.plus(Duration.ofSeconds(random.nextInt(240)));
            if (random.nextDouble() < 0.7) {
                index += random.nextDouble() < 0.8 ? 1 : 2;
            }
        }
        reports.sort(Comparator.comparing(ReportInput::occurredAt));
        for (int i = 0; i < reports.size() / 3; i++) { // late arrivals
            int a = random.nextInt(reports.size());
            int b = random.nextInt(reports.size());
            ReportInput swap = reports.get(a);
            reports.set(a, reports.get(b));
            reports.set(b, swap);
        }
        List<Input> inputs = new ArrayList<>(reports);
        if (!reports.isEmpty() && random.nextDouble() < 0.2) { // redelivered
            inputs.add(random.nextInt(inputs.size() + 1), reports.get(random.nextInt(reports.size())));
        }
        return new Scenario(lines, Duration.ofMinutes(15), T0, inputs);
    }

    private static String type(Random random, Barrier barrier) {
        double roll = random.nextDouble();
        if (barrier.category().equals("OFF_SWITCH") && roll < 0.5) {
            return random.nextBoolean() ? "ai.shutdown.requested" : "ai.shutdown.failed";
        }
        if (roll < 0.4) {
            return "ai.barrier.breached";
        } else if (roll < 0.7) {
            return "ai.barrier.tripped";
        } else if (roll < 0.82) {
            return "ai.anomaly.detected";
        } else if (roll < 0.9) {
            return "ai.harm.reported";
        } else if (roll < 0.96) {
            return "ai.barrier.degraded";
        }
        return "ai.barrier.restored";
    }

    /**
     * A report of the incident other than the one that opened it (the first the naive model lists), as a class that
     * fits its type; null if there is none.
     */
    private static ReclassifyInput reclassification(Scenario chain, IncidentResult incident, Random random) {
        List<String> candidates = incident.reportIds().stream()
                .skip(1)
                .filter(id -> !id.equals(incident.reportIds().get(0)))
                .distinct()
                .toList();
        if (candidates.isEmpty()) {
            return null;
        }
        String reportId = candidates.get(random.nextInt(candidates.size()));
        ReportType type = typeOf(chain, reportId);
        List<ReportClass> fitting = Arrays.stream(ReportClass.values())
                .filter(c -> c.appliesTo(type))
                .toList();
        if (fitting.isEmpty()) {
            return null;
        }
        return new ReclassifyInput(
                1, reportId, fitting.get(random.nextInt(fitting.size())).name());
    }

    private static ReportType typeOf(Scenario chain, String reportId) {
        return chain.inputs().stream()
                .filter(ReportInput.class::isInstance)
                .map(ReportInput.class::cast)
                .filter(r -> r.id().equals(reportId))
                .map(r -> ReportType.fromWire(r.type()).orElseThrow())
                .findFirst()
                .orElseThrow();
    }

    private static Scenario with(Scenario chain, ReclassifyInput reclassify) {
        List<Input> inputs = new ArrayList<>(chain.inputs());
        inputs.add(reclassify);
        return new Scenario(chain.lines(), chain.correlationWindow(), chain.deployedAt(), inputs);
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.isEmpty() ? null : items.get(random.nextInt(items.size()));
    }
}
