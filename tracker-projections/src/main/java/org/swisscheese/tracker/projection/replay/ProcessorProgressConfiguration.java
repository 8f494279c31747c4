package org.swisscheese.tracker.projection.replay;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where each streaming processor is against the head of the store ({@link ProcessorProgress}), for the replay status
 * and for the lag metric, which is computed on a thread of its own every {@code tracker.metrics.lag-refresh-every}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessorLagProperties.class)
public class ProcessorProgressConfiguration {

    /** The token store's serializer (Axon's general one) reads the stored tokens. */
    @Bean
    ProcessorProgress processorProgress(EventProcessingConfiguration processing, EventStore eventStore,
                                        JdbcClient jdbc, TokenSchema tokenSchema, Serializer serializer) {
        return new ProcessorProgress(processing, eventStore, jdbc, tokenSchema, serializer);
    }

    @Bean
    ProcessorLag processorLag(ProcessorProgress progress, MeterRegistry meters) {
        return new ProcessorLag(progress, meters);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService processorLagRefresh(ProcessorLag lag, ProcessorLagProperties properties) {
        ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "processor-lag");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.lagRefreshEvery().toMillis();
        if (every > 0) {
            refresh.scheduleWithFixedDelay(lag::refresh, every, every, TimeUnit.MILLISECONDS);
        }
        return refresh;
    }
}
