package org.swisscheese.tracker.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which open incident a report belongs to, and whether a report with none opens one (DESIGN §4, correlation). Pure:
 * the aggregate asks it with its open incidents, the legacy corrections and the reference model read the same rules.
 */
public final class Correlation {

    private Correlation() {}

    /** An open incident as correlation sees it. */
    public interface Open {
        String chainId();

        /** Whether reports on this chain belong to it: its own chain, or (in the aggregate) one of an incident merged in. */
        default boolean onChain(String chainId) {
            return chainId.equals(chainId());
        }

        /** The earliest and the latest occurrence among its reports. */
        Instant firstAt();

        Instant lastAt();

        List<Step> steps();

        /** Whether its latest judgement has the hazard past the top event on some path. */
        boolean topEventReached();
    }

    /**
     * A failure, a detection, any report on a reactive barrier, or harm starts a causal chain of its own; a trip of an
     * acting preventive barrier with nothing open is a demand that held at the first try, and opens nothing.
     */
    public static boolean opensIncident(BowTie bowTie, Step step) {
        if (step.type() == ReportType.HARM_REPORTED || bowTie.isReactive(step.barrierId())) {
            return true;
        }
        BarrierSpec barrier = bowTie.barrier(step.barrierId()).orElseThrow();
        return step.type().isFailure() || !barrier.acting();
    }

    /**
     * The open incident a report ({@code chainId}, {@code step}) belongs to: the one with its chain id; without a chain
     * id, one that {@link #matches} it. Among several, the nearest in time (zero inside its span), then the one listed
     * last (the newest, for incidents listed in the order they opened).
     */
    public static <T extends Open> Optional<T> correlate(
            BowTie bowTie, Duration window, Collection<T> open, String chainId, Step step) {
        if (chainId != null) {
            return open.stream().filter(i -> i.onChain(chainId)).findFirst();
        }
        T best = null;
        long bestDistance = Long.MAX_VALUE;
        for (T incident : open) {
            if (!matches(bowTie, window, incident, null, step)) {
                continue;
            }
            Instant at = step.occurredAt();
            long distance = at.isBefore(incident.firstAt())
                    ? Duration.between(at, incident.firstAt()).toMillis()
                    : at.isAfter(incident.lastAt())
                            ? Duration.between(incident.lastAt(), at).toMillis()
                            : 0;
            if (distance <= bestDistance) {
                best = incident;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Whether a report would be correlated with this incident: by chain id if it has one; else its time lies in the
     * incident's span widened by the window on both sides (a late report lands in its place in time), and it touches
     * the incident: the same line, or either of them past the top event.
     */
    public static boolean matches(BowTie bowTie, Duration window, Open incident, String chainId, Step step) {
        if (chainId != null) {
            return incident.onChain(chainId);
        }
        Instant at = step.occurredAt();
        if (at.isBefore(incident.firstAt().minus(window))
                || at.isAfter(incident.lastAt().plus(window))) {
            return false;
        }
        if (IncidentJudge.pastTopEvent(bowTie, step) || incident.topEventReached()) {
            return true;
        }
        String line = lineOf(bowTie, step.barrierId());
        return line != null && incident.steps().stream().anyMatch(s -> line.equals(lineOf(bowTie, s.barrierId())));
    }

    private static String lineOf(BowTie bowTie, String barrierId) {
        return barrierId == null
                ? null
                : bowTie.lineOf(barrierId).map(LineSpec::id).orElse(null);
    }
}
