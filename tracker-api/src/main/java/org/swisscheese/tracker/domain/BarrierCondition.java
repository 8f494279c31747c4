package org.swisscheese.tracker.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A barrier's service state folded from what was reported about it, in order of occurrence, not of arrival: a
 * restore that arrives before its degrade still wins if it happened later. Only the latest moment of each kind
 * matters, so the fold is three moments, whatever the barrier's history.
 *
 * @param outOfService the latest {@code degraded}
 * @param impaired     the latest revealed failure (a reactive barrier failing a demand, any failed proof test)
 * @param restored     the latest {@code restored} or operator restore: clears both
 */
public record BarrierCondition(Moment outOfService, Moment impaired, Moment restored) {

    public static final BarrierCondition IN_SERVICE = new BarrierCondition(null, null, null);

    /** What can be learnt about a barrier's service. */
    public enum Change {
        OUT_OF_SERVICE,
        IMPAIRED,
        RESTORED
    }

    /** One thing learnt about a barrier's service, and when it happened. */
    public record Fact(Change change, Moment at) {}

    public BarrierCondition with(Change change, Moment at) {
        return switch (change) {
            case OUT_OF_SERVICE -> new BarrierCondition(latest(outOfService, at), impaired, restored);
            case IMPAIRED -> new BarrierCondition(outOfService, latest(impaired, at), restored);
            case RESTORED -> new BarrierCondition(outOfService, impaired, latest(restored, at));
        };
    }

    public BarrierState state() {
        if (after(outOfService, restored)) {
            return BarrierState.DEGRADED;
        }
        return after(impaired, restored) ? BarrierState.IMPAIRED : BarrierState.IN_SERVICE;
    }

    /** The state at an instant: the facts that had occurred by then, folded. */
    public static BarrierState stateAt(List<Fact> facts, Instant at) {
        BarrierCondition condition = IN_SERVICE;
        for (Fact fact : facts) {
            if (!fact.at().occurredAt().isAfter(at)) {
                condition = condition.with(fact.change(), fact.at());
            }
        }
        return condition.state();
    }

    /** A stretch of time in one state; {@code until} null while it lasts. */
    public record Interval(BarrierState state, Instant from, Instant until) {}

    /** The barrier's history as stretches of time in each state, from its facts in any order. */
    public static List<Interval> history(List<Fact> facts) {
        List<Fact> ordered =
                facts.stream().sorted(Comparator.comparing(Fact::at)).toList();
        List<Interval> intervals = new ArrayList<>();
        BarrierCondition condition = IN_SERVICE;
        BarrierState current = BarrierState.IN_SERVICE;
        Instant since = null;
        for (Fact fact : ordered) {
            condition = condition.with(fact.change(), fact.at());
            BarrierState next = condition.state();
            if (next != current) {
                if (current != BarrierState.IN_SERVICE) {
                    intervals.add(new Interval(current, since, fact.at().occurredAt()));
                }
                current = next;
                since = fact.at().occurredAt();
            }
        }
        if (current != BarrierState.IN_SERVICE) {
            intervals.add(new Interval(current, since, null));
        }
        return intervals;
    }

    private static Moment latest(Moment known, Moment at) {
        return known == null || at.isAfter(known) ? at : known;
    }

    private static boolean after(Moment set, Moment cleared) {
        return set != null && (cleared == null || set.isAfter(cleared));
    }
}
