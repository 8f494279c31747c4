package org.swisscheese.tracker.domain;

import java.util.List;
import java.util.Objects;

/**
 * A threat line (preventive barriers, ordered from the threat towards the top event) or a consequence line
 * (reactive barriers, ordered from the top event towards the harm).
 */
public record LineSpec(String id, Side side, String name, List<BarrierSpec> barriers) {

    public LineSpec {
        Objects.requireNonNull(id, "line id");
        Objects.requireNonNull(side, "line side");
        name = name == null || name.isBlank() ? id : name;
        barriers = barriers == null ? List.of() : List.copyOf(barriers);
    }

    /** Whether the barrier stands on this line. */
    public boolean holds(String barrierId) {
        for (BarrierSpec barrier : barriers) {
            if (barrier.id().equals(barrierId)) {
                return true;
            }
        }
        return false;
    }

    public List<String> barrierIds() {
        return barriers.stream().map(BarrierSpec::id).toList();
    }
}
