package org.swisscheese.tracker.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.swisscheese.tracker.domain.FailureMode;

/**
 * What the review of an incident found. {@code failureModes}: for barriers the incident breached, how each failed
 * (BSCAT); {@code harm}: what harm it did (OECD). Both optional, and left out of the stored payload when not given, so
 * a postmortem stored before they existed reads the same.
 */
public record Postmortem(
        String summary,
        List<String> contributingFactors,
        List<String> actionItems,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, FailureMode> failureModes,
        @JsonInclude(JsonInclude.Include.NON_NULL) HarmClassification harm) {

    @JsonCreator
    public Postmortem {
        contributingFactors = contributingFactors == null ? List.of() : List.copyOf(contributingFactors);
        actionItems = actionItems == null ? List.of() : List.copyOf(actionItems);
        failureModes = failureModes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(failureModes));
    }

    public Postmortem(String summary, List<String> contributingFactors, List<String> actionItems) {
        this(summary, contributingFactors, actionItems, null, null);
    }
}
