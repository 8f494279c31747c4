package org.swisscheese.tracker.domain;

import java.util.List;

/**
 * The judge's view of one incident on its worst path: which of the path's barriers are breached (in path order),
 * how many barriers still stand between it and harm ({@code margin}), its outcome, and which barrier stopped it if
 * one did. {@code path} lists the barrier ids of the worst path, preventive ones first.
 */
public record Assessment(String threatLineId, String consequenceLineId, List<String> path, int threatLength,
                         List<String> breachedBarriers, int margin, Outcome outcome, String stoppedBy,
                         boolean topEventReached, boolean harmReported) {

    public Assessment {
        path = List.copyOf(path);
        breachedBarriers = List.copyOf(breachedBarriers);
    }

    public int pathLength() {
        return path.size();
    }

    public int breachedCount() {
        return breachedBarriers.size();
    }

    /** Share of the path's barriers breached, 0..1. */
    public double depth() {
        return path.isEmpty() ? 0 : (double) breachedCount() / pathLength();
    }
}
