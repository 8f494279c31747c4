package org.swisscheese.tracker.projection.replay;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where each streaming processor is against the head of the store ({@link ProcessorProgress}), for the replay status
 * and for the lag metric, which is computed on a thread of its own every {@code tracker.metrics.lag-refresh-every}
 * once the application is ready.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessorLagProperties.class)
public class ProcessorProgressConfiguration {

    /** The token store's serializer (Axon's general one) reads the stored tokens. */
    @Bean
    ProcessorProgress processorProgress(
            EventProcessingConfiguration processing,
            EventStore eventStore,
            JdbcClient jdbc,
            TokenSchema tokenSchema,
            Serializer serializer) {
        return new ProcessorProgress(processing, eventStore, jdbc, tokenSchema, serializer);
    }

    @Bean(destroyMethod = "stop")
    ProcessorLag processorLag(ProcessorProgress progress, MeterRegistry meters, ProcessorLagProperties properties) {
        return new ProcessorLag(progress, meters, properties.lagRefreshEvery());
    }

    /** The lag is computed from when the application is ready, every {@code tracker.metrics.lag-refresh-every}. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> processorLagRefresh(ProcessorLag lag) {
        return new ApplicationListener<ApplicationReadyEvent>() {
            @Override
            public void onApplicationEvent(ApplicationReadyEvent ready) {
                lag.start();
            }
        };
    }
}
