package org.swisscheese.tracker.projection.board;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Path;

/**
 * One system on the operators' board as stored: what is needed to say, right now, how many barriers stand between
 * it and harm on each path. Mutable, kept as one JSON document per system.
 */
public class BoardCard {

    public String systemId;
    public String name;
    public String kind;
    public String lifecycle;
    public String riskClass;
    public boolean activityAfterShutdown;
    public BowTie bowTie;
    public TreeSet<String> degraded = new TreeSet<>();
    /** Kept in rows of their own (board_incident), filled in when the card is shown. */
    @JsonIgnore
    public Map<String, OpenIncident> openIncidents = new LinkedHashMap<>();
    public Instant updatedAt;

    public record OpenIncident(String id, String outcome, List<String> path, List<String> breachedBarriers,
                               int margin, double depth, String stoppedBy, Instant openedAt) {
    }

    /** A barrier as the board draws it. */
    public record BarrierOnPath(String id, String name, String category, String state) {
        public static final String INTACT = "INTACT";
        public static final String DEGRADED = "DEGRADED";
        public static final String BREACHED = "BREACHED";
    }

    public record PathView(String threatLine, String consequenceLine, List<BarrierOnPath> barriers, int liveMargin) {
    }

    public record CardView(String systemId, String name, String kind, String lifecycle, String riskClass,
                           boolean activityAfterShutdown, List<String> degradedBarriers,
                           List<OpenIncident> openIncidents, List<PathView> paths, int lowestMargin, boolean alert,
                           Instant updatedAt) {
    }

    /** Margin ≤ this on any path raises the alert. */
    public static final int ALERT_MARGIN = 1;

    /**
     * Every path with its live margin: the barriers on it that are neither out of service nor breached by an
     * incident still open. Degraded barriers are holes without any demand.
     */
    public CardView view() {
        Set<String> breachedNow = new HashSet<>();
        openIncidents.values().forEach(i -> breachedNow.addAll(i.breachedBarriers()));
        Map<String, BarrierSpec> specs = new LinkedHashMap<>();
        bowTie.lines().forEach(l -> l.barriers().forEach(b -> specs.put(b.id(), b)));
        List<PathView> paths = new ArrayList<>();
        int lowest = Integer.MAX_VALUE;
        for (Path path : bowTie.paths()) {
            List<BarrierOnPath> barriers = new ArrayList<>();
            int standing = 0;
            for (String id : path.barrierIds()) {
                String state = breachedNow.contains(id) ? BarrierOnPath.BREACHED
                        : degraded.contains(id) ? BarrierOnPath.DEGRADED : BarrierOnPath.INTACT;
                if (state.equals(BarrierOnPath.INTACT)) {
                    standing++;
                }
                BarrierSpec spec = specs.get(id);
                barriers.add(new BarrierOnPath(id, spec.name(), spec.category().name(), state));
            }
            lowest = Math.min(lowest, standing);
            paths.add(new PathView(path.threatLineId(), path.consequenceLineId(), barriers, standing));
        }
        if (paths.isEmpty()) {
            lowest = 0;
        }
        return new CardView(systemId, name, kind, lifecycle, riskClass, activityAfterShutdown, List.copyOf(degraded),
                List.copyOf(openIncidents.values()), paths, lowest,
                lowest <= ALERT_MARGIN || activityAfterShutdown, updatedAt);
    }
}
