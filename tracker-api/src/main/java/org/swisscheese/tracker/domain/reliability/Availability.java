package org.swisscheese.tracker.domain.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The share of a window a barrier spent in service.
 *
 * <p>Time before the barrier entered the bow-tie (or after it left) is not counted at all, neither as service nor
 * as outage: a barrier added on the last day of a quarter was not "unavailable" for the rest of it, and a removed
 * barrier keeps its figures for the time it stood (DESIGN §5). The same exposure feeds the time between failures.
 *
 * @param exposure     the time within the window the barrier was in the bow-tie
 * @param outOfService the part of {@code exposure} covered by at least one outage
 * @param share        ({@code exposure} − {@code outOfService}) / {@code exposure}, or {@code null} when the exposure is
 *                     zero (a share of nothing is not 100%)
 */
public record Availability(Duration exposure, Duration outOfService, Double share) {

    /** The in-service time, the numerator of the share. */
    public Duration inService() {
        return exposure.minus(outOfService);
    }

    /**
     * Availability over the window [{@code from}, {@code to}) of a barrier still in the bow-tie.
     *
     * @param enteredBowTie when the barrier was added to the bow-tie
     * @param outages       stretches out of service, in any order, possibly overlapping, possibly open
     */
    public static Availability over(Instant from, Instant to, Instant enteredBowTie, List<Outage> outages) {
        return over(from, to, enteredBowTie, null, outages);
    }

    /**
     * Availability over the window [{@code from}, {@code to}) of a barrier that stood in the bow-tie from
     * {@code enteredBowTie} until {@code leftBowTie} ({@code null} = still there). An open outage lasts until the
     * end of what is counted.
     */
    public static Availability over(
            Instant from, Instant to, Instant enteredBowTie, Instant leftBowTie, List<Outage> outages) {
        Duration exposure = exposure(from, to, enteredBowTie, leftBowTie);
        if (exposure.isZero()) {
            return new Availability(Duration.ZERO, Duration.ZERO, null);
        }
        Instant start = latest(from, enteredBowTie);
        Instant end = leftBowTie == null ? to : earliest(to, leftBowTie);
        List<Instant[]> clipped = new ArrayList<>();
        for (Outage outage : outages) {
            Instant s = latest(outage.start(), start);
            Instant e = outage.isOpen() ? end : earliest(outage.end(), end);
            if (s.isBefore(e)) {
                clipped.add(new Instant[] {s, e});
            }
        }
        clipped.sort(Comparator.comparing((Instant[] stretch) -> stretch[0]));
        Duration out = Duration.ZERO;
        Instant coveredUntil = start;
        for (Instant[] stretch : clipped) {
            Instant s = latest(stretch[0], coveredUntil);
            if (s.isBefore(stretch[1])) {
                out = out.plus(Duration.between(s, stretch[1]));
                coveredUntil = stretch[1];
            }
        }
        double share = seconds(exposure.minus(out)) / seconds(exposure);
        return new Availability(exposure, out, share);
    }

    /**
     * The time within [{@code from}, {@code to}) a barrier stood in the bow-tie: the exposure both availability and
     * the time between failures are measured against.
     *
     * @param leftBowTie when it was removed, or {@code null} while it is still there
     */
    public static Duration exposure(Instant from, Instant to, Instant enteredBowTie, Instant leftBowTie) {
        if (from == null || to == null || enteredBowTie == null) {
            throw new IllegalArgumentException("a window needs both ends and the barrier its entry into the bow-tie");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a window cannot end (" + to + ") before it starts (" + from + ")");
        }
        if (leftBowTie != null && leftBowTie.isBefore(enteredBowTie)) {
            throw new IllegalArgumentException("a barrier cannot leave the bow-tie before it entered it");
        }
        Instant start = latest(from, enteredBowTie);
        Instant end = leftBowTie == null ? to : earliest(to, leftBowTie);
        return start.isBefore(end) ? Duration.between(start, end) : Duration.ZERO;
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
