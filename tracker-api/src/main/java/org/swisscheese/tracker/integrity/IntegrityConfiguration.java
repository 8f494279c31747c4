package org.swisscheese.tracker.integrity;

import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.swisscheese.tracker.command.WriteSideProperties;

/** Every event the event store appends is chained to the one before it in its stream. */
@Configuration(proxyBeanMethods = false)
public class IntegrityConfiguration {

    @Bean
    HashChain hashChain(
            EventStorageEngine storageEngine,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            WriteSideProperties properties) {
        // hashed with the very serializer that writes the payloads, so the bytes hashed are the bytes stored
        Serializer writes = storageEngine instanceof AbstractEventStorageEngine engine
                ? engine.getEventSerializer()
                : eventSerializer;
        return new HashChain(writes, storageEngine, properties.cacheSize());
    }

    @Bean
    InitializingBean hashEveryAppendedEvent(EventStore eventStore, HashChain hashChain) {
        return () -> eventStore.registerDispatchInterceptor(hashChain);
    }
}
