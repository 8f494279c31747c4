package org.swisscheese.tracker.api;

import java.util.List;

/**
 * What the system aggregate made of a batch of reports: how many it recorded, which it had already recorded
 * (redeliveries, changing nothing), and which it rejected and why.
 */
public record RecordResult(int recorded, List<String> duplicates, List<Rejection> rejected) {

    public RecordResult {
        duplicates = List.copyOf(duplicates);
        rejected = List.copyOf(rejected);
    }

    public record Rejection(String reportId, String reason) {}
}
