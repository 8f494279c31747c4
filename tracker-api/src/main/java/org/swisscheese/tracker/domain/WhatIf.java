package org.swisscheese.tracker.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.swisscheese.tracker.domain.IncidentJudge.Counterfactual;

/**
 * Past incidents re-judged under a changed bow-tie (DESIGN §4, what-if), each under the bow-tie in force when it was
 * judged: {@code hold X} (the hazard stops at X), {@code remove X} (X's reports are dropped and the hazard is taken
 * to pass it), or {@code add B at p} with a probability of failure on demand (for each incident that got past p, the
 * probability that B would have held). Answers per incident, and the expected number of incidents per outcome.
 */
public final class WhatIf {

    private WhatIf() {}

    /** One past incident as judged: its bow-tie, its reports, and its barriers' states when it was judged. */
    public record Case(String incidentId, BowTie bowTie, List<Step> steps, Map<String, BarrierState> states) {}

    /** The question. Exactly one of the three is asked. */
    public sealed interface Question {}

    public record Hold(String barrierId) implements Question {}

    public record Remove(Set<String> barrierIds) implements Question {}

    /** A new barrier at {@code position} of line {@code lineId} (0 = first), failing on demand with {@code pfd}. */
    public record Add(String lineId, int position, BarrierSpec barrier, double pfd) implements Question {
        public Add {
            if (pfd < 0 || pfd > 1) {
                throw new IllegalArgumentException("a probability of failure on demand lies in [0, 1]; got " + pfd);
            }
        }
    }

    /** One possible outcome after the change, with its probability (1 for hold and remove). */
    public record Possible(Outcome outcome, int margin, double probability) {}

    public record Answer(String incidentId, Outcome before, int marginBefore, List<Possible> after, boolean changed) {}

    public record Summary(
            List<Answer> incidents, Map<Outcome, Double> expectedBefore, Map<Outcome, Double> expectedAfter) {}

    public static Summary ask(List<Case> cases, Question question) {
        List<Answer> answers = new ArrayList<>();
        Map<Outcome, Double> before = zero();
        Map<Outcome, Double> after = zero();
        for (Case c : cases) {
            Assessment actual = IncidentJudge.assess(c.bowTie(), c.steps(), c.states());
            List<Possible> possible;
            if (question instanceof Hold hold) {
                possible = List.of(certain(
                        c.bowTie().has(hold.barrierId())
                                ? IncidentJudge.assess(
                                        c.bowTie(),
                                        c.steps(),
                                        c.states(),
                                        new Counterfactual(hold.barrierId(), Set.of()))
                                : actual));
            } else if (question instanceof Remove remove) {
                possible = List.of(certain(IncidentJudge.assess(
                        c.bowTie(), c.steps(), c.states(), new Counterfactual(null, remove.barrierIds()))));
            } else {
                possible = added(c, actual, (Add) question);
            }
            before.merge(actual.outcome(), 1.0, Double::sum);
            possible.forEach(p -> after.merge(p.outcome(), p.probability(), Double::sum));
            boolean changed = possible.stream().anyMatch(p -> p.outcome() != actual.outcome() && p.probability() > 0);
            answers.add(new Answer(c.incidentId(), actual.outcome(), actual.margin(), possible, changed));
        }
        return new Summary(answers, before, after);
    }

    private static Possible certain(Assessment a) {
        return new Possible(a.outcome(), a.margin(), 1);
    }

    /**
     * The new barrier is met by an incident whose hazard got to where it would stand on a path through its line; there
     * it holds with probability 1 - PFD (a detection barrier never holds), and otherwise the incident is as it was.
     */
    private static List<Possible> added(Case c, Assessment actual, Add add) {
        LineSpec line = c.bowTie().line(add.lineId()).orElse(null);
        if (line == null || !add.barrier().acting() || !metTheNewBarrier(c.bowTie(), actual, line, add.position())) {
            return List.of(certain(actual));
        }
        BowTie with = insert(c.bowTie(), line, add.position(), add.barrier());
        Assessment held = IncidentJudge.assess(
                with, c.steps(), c.states(), new Counterfactual(add.barrier().id(), Set.of()));
        if (add.pfd() == 0) {
            return List.of(certain(held));
        }
        if (add.pfd() == 1) {
            return List.of(certain(actual));
        }
        return List.of(
                new Possible(held.outcome(), held.margin(), 1 - add.pfd()),
                new Possible(actual.outcome(), actual.margin(), add.pfd()));
    }

    private static boolean metTheNewBarrier(BowTie bowTie, Assessment actual, LineSpec line, int position) {
        for (Path path : bowTie.paths()) {
            boolean through = line.id().equals(path.threatLineId()) || line.id().equals(path.consequenceLineId());
            if (!through) {
                continue;
            }
            int at = line.side() == Side.THREAT ? position : path.threatLength() + position;
            if (actual.on(path).map(p -> p.position() >= at).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** The bow-tie with one more barrier; refused like any bow-tie if the barrier does not fit. */
    public static BowTie insert(BowTie bowTie, LineSpec line, int position, BarrierSpec barrier) {
        if (position < 0 || position > line.barriers().size()) {
            throw new IllegalArgumentException(
                    "line '" + line.id() + "' has " + line.barriers().size() + " barriers: a new one goes at 0.."
                            + line.barriers().size() + ", not " + position);
        }
        List<LineSpec> lines = new ArrayList<>();
        for (LineSpec l : bowTie.lines()) {
            List<BarrierSpec> barriers = new ArrayList<>(l.barriers());
            if (l.id().equals(line.id())) {
                barriers.add(position, barrier);
            }
            lines.add(new LineSpec(l.id(), l.side(), l.name(), barriers));
        }
        return new BowTie(bowTie.hazard(), bowTie.topEvent(), lines);
    }

    private static Map<Outcome, Double> zero() {
        Map<Outcome, Double> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0.0);
        }
        return counts;
    }
}
