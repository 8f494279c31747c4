package org.swisscheese.tracker.rest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.swisscheese.tracker.domain.SeriousIncidentKind;

/**
 * How long a provider has to report a serious incident of a high-risk system, from when it became aware of it (EU AI
 * Act Article 73). The defaults are the Act's: 15 days; 10 days when a person died; 2 days for a widespread
 * infringement or a serious disruption of critical infrastructure. Shorten them to report earlier than the law asks.
 */
@ConfigurationProperties("tracker.serious-incident")
public record SeriousIncidentProperties(Duration general, Duration death, Duration widespread) {

    public SeriousIncidentProperties {
        general = general == null ? Duration.ofDays(15) : general;
        death = death == null ? Duration.ofDays(10) : death;
        widespread = widespread == null ? Duration.ofDays(2) : widespread;
    }

    public Duration periodFor(SeriousIncidentKind kind) {
        return switch (kind) {
            case GENERAL -> general;
            case DEATH -> death;
            case WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE -> widespread;
        };
    }
}
