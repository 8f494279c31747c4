package org.swisscheese.tracker.projection.parked;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxSystems      systems that may have parked events at once, per read model
 * @param maxPerSystem    events parked behind one system's first failure, per read model; a system busier than this
 *                        while its failure is not dealt with stops its read model (and says so in health)
 * @param retryEvery      how often parked events are tried again by themselves (a failure that was passing, such as a
 *                        lost connection, heals without anyone); zero turns it off
 * @param skippedWatchEvery how often the store is checked for events a read model moved past before they committed
 *                        ({@link SkippedEventRepair}); zero turns it off
 * @param holesForgottenAfter how long a hole in the store's numbering is watched before it counts as an append that
 *                        was rolled back
 */
@ConfigurationProperties("tracker.parked")
public record ParkedEventsProperties(
        Integer maxSystems,
        Integer maxPerSystem,
        Duration retryEvery,
        Duration skippedWatchEvery,
        Duration holesForgottenAfter) {

    public ParkedEventsProperties {
        maxSystems = maxSystems == null ? 10_000 : maxSystems;
        maxPerSystem = maxPerSystem == null ? 100_000 : maxPerSystem;
        retryEvery = retryEvery == null ? Duration.ofMinutes(10) : retryEvery;
        skippedWatchEvery = skippedWatchEvery == null ? Duration.ofSeconds(5) : skippedWatchEvery;
        holesForgottenAfter = holesForgottenAfter == null ? Duration.ofHours(1) : holesForgottenAfter;
    }
}
