package org.swisscheese.tracker.projection.replay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param lagRefreshEvery how often {@code tracker_processor_lag_events} is computed anew (in the background: a scrape
 *                        reads the last value); zero turns the gauge off
 */
@ConfigurationProperties("tracker.metrics")
public record ProcessorLagProperties(Duration lagRefreshEvery) {

    public ProcessorLagProperties {
        lagRefreshEvery = lagRefreshEvery == null ? Duration.ofSeconds(5) : lagRefreshEvery;
    }
}
