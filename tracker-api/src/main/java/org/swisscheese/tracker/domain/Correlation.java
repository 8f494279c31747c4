package org.swisscheese.tracker.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

        /**
         * Whether one of its reports is on the line {@code lineId} of {@code bowTie}. An implementation may remember
         * the answer while its reports and the bow-tie stay as they are (the aggregate does: it is asked for every
         * open incident on every report without a chain id).
         */
        default boolean touchesLine(BowTie bowTie, String lineId) {
            return linesOf(bowTie, steps()).contains(lineId);
        }
    }

    /** The lines of {@code bowTie} that the steps' barriers stand on. */
    public static Set<String> linesOf(BowTie bowTie, List<Step> steps) {
        Set<String> lines = new HashSet<>();
        for (Step step : steps) {
            String line = lineOf(bowTie, step.barrierId());
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
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
        Instant at = step.occurredAt();
        Instant windowBefore = at.minus(window);
        Instant windowAfter = at.plus(window);
        boolean pastTopEvent = IncidentJudge.pastTopEvent(bowTie, step);
        String line = lineOf(bowTie, step.barrierId());
        T best = null;
        long bestDistance = Long.MAX_VALUE;
        for (T incident : open) {
            if (!matchesWithoutChain(incident, windowBefore, windowAfter, pastTopEvent, bowTie, line)) {
                continue;
            }
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
        return matchesWithoutChain(
                incident,
                step.occurredAt().minus(window),
                step.occurredAt().plus(window),
                IncidentJudge.pastTopEvent(bowTie, step),
                bowTie,
                lineOf(bowTie, step.barrierId()));
    }

    /**
     * {@link #matches} for a report without a chain id, given what depends on the report alone: its time less and
     * plus the window (the report lies in the widened span exactly when the span meets the report's own widened
     * time), whether it is past the top event, and its line.
     */
    private static boolean matchesWithoutChain(
            Open incident,
            Instant windowBefore,
            Instant windowAfter,
            boolean pastTopEvent,
            BowTie bowTie,
            String line) {
        if (windowAfter.isBefore(incident.firstAt()) || windowBefore.isAfter(incident.lastAt())) {
            return false;
        }
        if (pastTopEvent || incident.topEventReached()) {
            return true;
        }
        return line != null && incident.touchesLine(bowTie, line);
    }

    private static String lineOf(BowTie bowTie, String barrierId) {
        return barrierId == null
                ? null
                : bowTie.lineOf(barrierId).map(LineSpec::id).orElse(null);
    }
}
