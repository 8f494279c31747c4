package org.swisscheese.tracker.projection.parked;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxSystems      systems that may have parked events at once, per read model
 * @param maxPerSystem    events parked behind one system's first failure, per read model; a system busier than this
 *                        while its failure is not dealt with stops its read model (and says so in health)
 * @param retryEvery      how often parked events are tried again by themselves (a failure that was passing, such as a
 *                        lost connection, heals without anyone); zero turns it off
 */
@ConfigurationProperties("tracker.parked")
public record ParkedEventsProperties(Integer maxSystems, Integer maxPerSystem, Duration retryEvery) {

    public ParkedEventsProperties {
        maxSystems = maxSystems == null ? 10_000 : maxSystems;
        maxPerSystem = maxPerSystem == null ? 100_000 : maxPerSystem;
        retryEvery = retryEvery == null ? Duration.ofMinutes(10) : retryEvery;
    }
}
