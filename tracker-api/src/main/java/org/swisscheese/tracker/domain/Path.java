package org.swisscheese.tracker.domain;

import java.util.ArrayList;
import java.util.List;

/** One threat line followed by one consequence line: the route a hazard takes from threat to harm. */
public record Path(LineSpec threat, LineSpec consequence) {

    public String threatLineId() {
        return threat == null ? null : threat.id();
    }

    public String consequenceLineId() {
        return consequence == null ? null : consequence.id();
    }

    /** Barrier ids in the order a hazard meets them. */
    public List<String> barrierIds() {
        List<String> ids = new ArrayList<>();
        if (threat != null) {
            ids.addAll(threat.barrierIds());
        }
        if (consequence != null) {
            ids.addAll(consequence.barrierIds());
        }
        return ids;
    }

    /** How many of the path's barriers are preventive (stand before the top event). */
    public int threatLength() {
        return threat == null ? 0 : threat.barriers().size();
    }
}
