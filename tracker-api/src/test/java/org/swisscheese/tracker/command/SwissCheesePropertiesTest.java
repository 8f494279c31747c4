package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentProgressed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.PathJudgement;
import org.swisscheese.tracker.reference.NaiveSwissCheese;
import org.swisscheese.tracker.reference.ReferenceModel;
import org.swisscheese.tracker.reference.ReferenceModel.IncidentResult;
import org.swisscheese.tracker.reference.ReferenceModel.Input;
import org.swisscheese.tracker.reference.ReferenceModel.ReportInput;
import org.swisscheese.tracker.reference.ReferenceModel.Scenario;

/**
 * The swiss-cheese model over random histories (see {@link Scenarios}): the aggregate agrees with a deliberately
 * naive implementation of DESIGN §4 written from the design alone ({@link NaiveSwissCheese}), and keeps the
 * invariants the design promises. A failure prints the seed; {@code Scenarios.generate(seed, ...)} rebuilds it.
 */
class SwissCheesePropertiesTest {

    /**
     * Found by the property: an off switch removed by a revision after its shutdown was still the one that failed when
     * activity after the shutdown came in; its failed demand was lost.
     */
    @Example
    void anOffSwitchRemovedAfterItsShutdownIsChargedWithTheFailedDemand() {
        theAggregateAgreesWithTheNaiveModelOnEveryHistory(-3297575272L);
    }

    /**
     * Found by the property: a report that clashed with another source's id made the aggregate take the one that
     * defeated a late shutdown for the other, already in an incident, so the defeating trip opened none. Reports are
     * now told apart by their arrival, not by their id.
     */
    @Example
    void aReportWithAnotherSourcesIdIsNotTakenForItWhenAShutdownArrivesLate() {
        theAggregateAgreesWithTheNaiveModelOnEveryHistory(-8601145358800911299L);
    }

    /**
     * From a fixed seed in the build, so that a run is reproducible and the build does not fail by chance: the 400
     * histories are the same every time. Explore with another seed; one disagreement is known and open (scenario seed
     * 5436033904172215501: a proof test of an off switch, delivered twice, after a revision removed every off switch,
     * is a duplicate for the naive model and refused twice by the aggregate).
     */
    @Property(tries = 400, seed = "20261130")
    void theAggregateAgreesWithTheNaiveModelOnEveryHistory(@ForAll long seed) {
        Scenario scenario = Scenarios.generate(seed, Scenarios.Options.EVERYTHING);
        ReferenceModel.Result expected = NaiveSwissCheese.run(scenario);
        ReferenceModel.Result actual = ProductionModel.run(scenario);
        Map<String, Object> want = describe(expected);
        Map<String, Object> got = describe(actual);
        for (String key : want.keySet()) {
            if (key.equals("incidents")) {
                List<?> w = (List<?>) want.get(key);
                List<?> g = (List<?>) got.get(key);
                for (int i = 0; i < Math.min(w.size(), g.size()); i++) {
                    assertThat(g.get(i))
                            .as("seed %d, incident %d of %s", seed, i + 1, scenario)
                            .isEqualTo(w.get(i));
                }
            }
            assertThat(got.get(key))
                    .as("seed %d, %s of %s", seed, key, scenario)
                    .isEqualTo(want.get(key));
        }
    }

    @Property(tries = 200)
    void outcomesDoNotDependOnArrivalOrderForTheSameOccurrences(@ForAll long seed) {
        Scenario scenario = Scenarios.generate(seed, Scenarios.Options.CHAINS_REDELIVERED);
        List<Input> shuffled = sameOccurrenceOrder(scenario.inputs(), new Random(seed));
        Scenario reordered =
                new Scenario(scenario.lines(), scenario.correlationWindow(), scenario.deployedAt(), shuffled);
        assertThat(byChain(ProductionModel.run(reordered)))
                .as("seed %d: %s", seed, scenario)
                .isEqualTo(byChain(ProductionModel.run(scenario)));
    }

    @Property(tries = 200)
    void positionsOnlyGrowMarginsStayWithinThePathAndOutcomesChangeOnlyByTheirEvents(@ForAll long seed) {
        Scenario scenario = Scenarios.generate(seed, Scenarios.Options.EVERYTHING);
        List<AiSystemEvent> events = ProductionModel.runWithEvents(scenario).events();
        Map<String, Assessment> last = new HashMap<>();
        boolean revised = false;
        for (AiSystemEvent event : events) {
            if (event instanceof BowTieRevised) {
                revised = true; // a new bow-tie re-judges: positions are on other paths now
            }
            if (!(event instanceof IncidentAssessed assessed)) {
                continue;
            }
            Assessment after = assessed.assessment();
            for (PathJudgement path : after.paths()) {
                assertThat(path.margin()).as("seed %d", seed).isBetween(0, path.length());
                assertThat(path.position()).as("seed %d", seed).isBetween(0, path.length());
            }
            Assessment before = last.put(assessed.incidentId().value(), after);
            if (before == null) {
                assertThat(event).isInstanceOf(IncidentOpened.class);
                continue;
            }
            Outcome from = before.outcome();
            Outcome to = after.outcome();
            if (event instanceof IncidentProgressed) {
                assertThat(to).as("seed %d: progress keeps the outcome", seed).isEqualTo(from);
            } else if (event instanceof IncidentEscalated) {
                assertThat(to.isWorseThan(from))
                        .as("seed %d: %s -> %s", seed, from, to)
                        .isTrue();
            } else if (event instanceof IncidentContained) {
                assertThat(from).isEqualTo(Outcome.UNDETERMINED);
                assertThat(to).isEqualTo(Outcome.NEAR_MISS);
            } else {
                assertThat(event)
                        .as("seed %d: an outcome changed by %s", seed, event)
                        .isInstanceOf(IncidentReassessed.class);
            }
            if (!revised) {
                for (PathJudgement path : after.paths()) {
                    before.paths().stream()
                            .filter(p -> p.threatLineId() == null
                                    ? path.threatLineId() == null
                                    : p.threatLineId().equals(path.threatLineId()))
                            .filter(p -> p.consequenceLineId() == null
                                    ? path.consequenceLineId() == null
                                    : p.consequenceLineId().equals(path.consequenceLineId()))
                            .forEach(p -> assertThat(path.position())
                                    .as("seed %d: position only grows", seed)
                                    .isGreaterThanOrEqualTo(p.position()));
                }
            }
        }
    }

    /**
     * The inputs in a random arrival order that keeps the occurrence order: reports that happened at the same
     * instant keep their relative order (ties are broken by arrival).
     */
    private static List<Input> sameOccurrenceOrder(List<Input> inputs, Random random) {
        List<Input> shuffled = new ArrayList<>(inputs);
        Collections.shuffle(shuffled, random);
        Map<java.time.Instant, java.util.Deque<Input>> originalOrder = new HashMap<>();
        for (Input input : inputs) {
            originalOrder
                    .computeIfAbsent(((ReportInput) input).occurredAt(), t -> new java.util.ArrayDeque<>())
                    .add(input);
        }
        List<Input> result = new ArrayList<>();
        for (Input input : shuffled) {
            result.add(originalOrder.get(((ReportInput) input).occurredAt()).removeFirst());
        }
        return result;
    }

    /** Everything the two models must agree on, as comparable text (arrays are compared by content). */
    static Map<String, Object> describe(ReferenceModel.Result result) {
        Map<String, Object> view = new TreeMap<>();
        // which reports an incident holds is a rule; the order it lists held demands it took in when it opened is
        // not (the timeline orders by occurrence): compared as a sorted list, duplicates kept
        view.put(
                "incidents",
                result.incidents().stream()
                        .map(i -> new IncidentResult(
                                i.number(),
                                i.chainId(),
                                i.reportIds().stream().sorted().toList(),
                                i.outcome(),
                                i.breachedBarriers(),
                                i.stoppedBy(),
                                i.margin(),
                                i.pathLength(),
                                i.paths(),
                                i.outcomeHistory()))
                        .toList());
        view.put("barrierStates", new TreeMap<>(result.barrierStates()));
        view.put("lifecycle", result.lifecycle());
        view.put("duplicates", result.duplicates());
        view.put("demands", counts(result.demands()));
        view.put("proofTests", counts(result.proofTests()));
        view.put("activityAfterShutdown", result.activityAfterShutdown());
        return view;
    }

    private static Map<String, List<Integer>> counts(Map<String, int[]> counts) {
        Map<String, List<Integer>> view = new TreeMap<>();
        counts.forEach((k, v) -> view.put(k, List.of(v[0], v[1])));
        return view;
    }

    /** Final incidents by chain: membership as a set, and the judgement. */
    private static Map<String, Object> byChain(ReferenceModel.Result result) {
        Map<String, Object> view = new TreeMap<>();
        for (IncidentResult i : result.incidents()) {
            view.put(
                    i.chainId(),
                    List.of(
                            new java.util.TreeSet<>(i.reportIds()),
                            i.outcome(),
                            i.breachedBarriers(),
                            String.valueOf(i.stoppedBy()),
                            i.margin(),
                            i.pathLength(),
                            i.paths()));
        }
        view.put("states", new TreeMap<>(result.barrierStates()));
        view.put("demands", counts(result.demands()));
        return view;
    }
}
