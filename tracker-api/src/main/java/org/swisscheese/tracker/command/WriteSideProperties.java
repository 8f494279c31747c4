package org.swisscheese.tracker.command;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param cacheSize         how many system aggregates stay in memory; each cache miss replays from the last snapshot
 * @param snapshotThreshold events after which a snapshot is taken ({@link LiveSnapshots}): a restart safeguard, not a
 *                          cache
 */
@ConfigurationProperties("tracker.write-side")
public record WriteSideProperties(Integer cacheSize, Integer snapshotThreshold) {

    public WriteSideProperties {
        cacheSize = cacheSize == null ? 10_000 : cacheSize;
        snapshotThreshold = snapshotThreshold == null ? 1_000 : snapshotThreshold;
    }
}
