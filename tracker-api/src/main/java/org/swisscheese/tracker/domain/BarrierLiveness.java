package org.swisscheese.tracker.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When a barrier may be dead (issue 13, "barrier liveness"), one rule in one place for the aggregate and every read
 * model. Two independent signs:
 *
 * <ul>
 *   <li><b>silent</b>: it declares {@code expectedEvery} and has given no sign of life (a report of any kind, a
 *       heartbeat included) for longer than that, plus the tolerance that thinning heartbeats costs (below). Judged
 *       against the reader's clock when asked, never by a timer, and only while the system is deployed: a suspended
 *       or shut-down system's barriers have nothing to watch;
 *   <li><b>passed silently</b>: the last {@link #SILENT_CROSSINGS} incidents whose hazard got to or past the barrier on
 *       a path they touched all got past it with no report from it at all (it is among their silently passed
 *       barriers). One report in any of them (a hold, a breach, a detection) clears it. Incidents that were none
 *       do not count.
 * </ul>
 *
 * Heartbeats may come often; each stored event lasts forever. So a heartbeat is stored only when the barrier's last
 * stored sign of life is older than a tenth of its {@code expectedEvery} (one hour for a barrier that promised
 * nothing): the stored signs are then never more than a tenth of the period behind the barrier's real last sign, and
 * a barrier is judged silent only past {@code expectedEvery × 1.1}: never before it was really silent for
 * {@code expectedEvery}, at most a tenth later. A redelivered heartbeat is never later than itself, so it changes
 * nothing without remembering its id.
 */
public final class BarrierLiveness {

    /** How many incidents in a row must pass a barrier silently before it is suspected. */
    public static final int SILENT_CROSSINGS = 3;

    /** A heartbeat is stored when the last stored sign is older than expectedEvery divided by this. */
    public static final int HEARTBEAT_SHARE = 10;

    /** Heartbeats of a barrier that promised no period are stored at most this often. */
    public static final Duration SPACING_WITHOUT_PROMISE = Duration.ofHours(1);

    public enum Reason {
        /** Nothing heard from it for longer than it promised. */
        SILENT,
        /** The last incidents got past it and it said nothing. */
        PASSED_SILENTLY
    }

    private BarrierLiveness() {}

    /**
     * When a report shows the barrier alive: when it happened. Only the report decides it, so a report delivered again
     * (a later receipt) says nothing new; a source clock running fast is bounded by ingest, which refuses reports more
     * than its clock skew (5 minutes by default) in the future.
     */
    public static Instant signOfLife(Instant occurredAt) {
        return occurredAt;
    }

    public static Duration heartbeatSpacing(Duration expectedEvery) {
        return expectedEvery == null ? SPACING_WITHOUT_PROMISE : expectedEvery.dividedBy(HEARTBEAT_SHARE);
    }

    /** Whether a heartbeat at {@code beat} is worth storing, the last stored sign of life being {@code lastHeard}. */
    public static boolean worthStoring(Duration expectedEvery, Instant lastHeard, Instant beat) {
        return lastHeard == null || beat.isAfter(lastHeard.plus(heartbeatSpacing(expectedEvery)));
    }

    /** How long past its last stored sign a barrier that promised {@code expectedEvery} may stay quiet. */
    public static Duration allowedSilence(Duration expectedEvery) {
        return expectedEvery.plus(heartbeatSpacing(expectedEvery));
    }

    /**
     * Whether a barrier that promised {@code expectedEvery} is silent at {@code now}. {@code lastHeard}: its last
     * stored sign of life (null: none yet); {@code watchedSince}: since when it is expected to report (it promised, or
     * the system was deployed, whichever is later), so a barrier is never silent before anyone could hear it.
     */
    public static boolean silent(Duration expectedEvery, Instant lastHeard, Instant watchedSince, Instant now) {
        if (expectedEvery == null || watchedSince == null) {
            return false;
        }
        Instant since = lastHeard != null && lastHeard.isAfter(watchedSince) ? lastHeard : watchedSince;
        return now.isAfter(since.plus(allowedSilence(expectedEvery)));
    }

    /** Whether the incidents passed it silently too often; {@code newestFirst}: per incident, whether it was silent. */
    public static boolean passedSilently(List<Boolean> newestFirst) {
        return newestFirst.size() >= SILENT_CROSSINGS
                && newestFirst.subList(0, SILENT_CROSSINGS).stream().allMatch(Boolean::booleanValue);
    }

    /**
     * The barriers an incident's hazard got to or past on the paths it touched, each with whether it got past with
     * no report from it (silent). Barriers it never reached are left out.
     */
    public static Map<String, Boolean> crossings(BowTie bowTie, Assessment assessment) {
        Map<String, Boolean> crossed = new LinkedHashMap<>();
        for (Path path : bowTie.paths()) {
            if (assessment.on(path).isEmpty()) {
                continue;
            }
            for (BarrierMark mark : IncidentJudge.marks(bowTie, path, assessment, Map.of())) {
                switch (mark.mark()) {
                    case PASSED_SILENTLY -> crossed.putIfAbsent(mark.barrierId(), true);
                    case BREACHED, DETECTED, PASSED, HOLDING -> crossed.put(mark.barrierId(), false);
                    default -> {}
                }
            }
        }
        return crossed;
    }
}
