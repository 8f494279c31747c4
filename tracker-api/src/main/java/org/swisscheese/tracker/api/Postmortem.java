package org.swisscheese.tracker.api;

import java.util.List;

public record Postmortem(String summary, List<String> contributingFactors, List<String> actionItems) {

    public Postmortem {
        contributingFactors = contributingFactors == null ? List.of() : List.copyOf(contributingFactors);
        actionItems = actionItems == null ? List.of() : List.copyOf(actionItems);
    }
}
