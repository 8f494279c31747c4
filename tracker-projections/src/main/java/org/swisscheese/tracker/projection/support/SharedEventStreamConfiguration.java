package org.swisscheese.tracker.projection.support;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stream the event processors read ({@code axon.eventhandling.processors.<name>.source: sharedEventStream}), with
 * the last {@code tracker.read-models.shared-events} events' payloads (default 20,000) read once for all of them.
 */
@Configuration(proxyBeanMethods = false)
public class SharedEventStreamConfiguration {

    @Bean
    SharedEventStream sharedEventStream(
            EventStore eventStore, @Value("${tracker.read-models.shared-events:20000}") int capacity) {
        return new SharedEventStream(eventStore, capacity);
    }
}
