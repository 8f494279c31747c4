package org.swisscheese.tracker.projection.parked;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Read models park what they cannot handle instead of stopping: handler failures propagate to the processor (Axon's
 * default would log them and move on, losing the event silently), the read models with {@code dlq.enabled} park them
 * in the JDBC dead-letter queue, each event runs under a savepoint so a failed one leaves the batch usable, and the
 * parked events are counted in metrics and health.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ParkedEventsProperties.class)
public class ParkedEventsConfiguration {

    /** Every processor: a handler that fails is not skipped. Those without a dead-letter queue retry the batch. */
    @Bean
    ConfigurerModule handlerFailuresPropagate() {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /**
     * A rebuilt read model starts without parked events (they are handled again with the rest of the replay, and
     * a replay must not queue a system's events behind parked ones it is about to handle anyway); the invoker
     * remembers which systems have parked events, so an event of any other system costs no query.
     */
    @Bean
    ConfigurerModule parkedEventsClearedByAReplay(EventProcessorProperties processors) {
        return configurer -> parkingReadModels(processors)
                .forEach(readModel -> configurer
                        .eventProcessing()
                        .registerDeadLetteringEventHandlerInvokerConfiguration(
                                readModel,
                                (c, builder) -> builder.allowReset(true).enableSequenceIdentifierCache())
                        .registerDeadLetterPolicy(readModel, c -> new ParkingPolicy(readModel)));
    }

    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties processors,
            ConnectionProvider connections,
            TransactionManager transactions,
            DeadLetterSchema schema,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer genericSerializer,
            ParkedEventsProperties properties) {
        return new DeadLetterQueueProviderConfigurerModule(
                processors,
                group -> c -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .schema(schema)
                        .genericSerializer(genericSerializer)
                        .eventSerializer(eventSerializer)
                        .statementFactory(ParkingStatements.with(schema, genericSerializer, eventSerializer))
                        .maxSequences(properties.maxSystems())
                        .maxSequenceSize(properties.maxPerSystem())
                        .build());
    }

    @Bean
    SavepointPerEvent savepointPerEvent(PlatformTransactionManager transactions, EventProcessorProperties processors) {
        return new SavepointPerEvent(transactions, Set.copyOf(parkingReadModels(processors)));
    }

    @Bean
    ParkedEvents parkedEvents(EventProcessingConfiguration processing, EventProcessorProperties processors) {
        return new ParkedEvents(processing, parkingReadModels(processors));
    }

    @Bean
    MeterBinder parkedEventsGauge(ParkedEvents parked) {
        return registry -> parked.readModels()
                .forEach(readModel -> Gauge.builder(
                                "tracker.parked.events",
                                parked,
                                p -> p.lastKnownSummary().byReadModel().getOrDefault(readModel, 0L))
                        .description("events a read model could not handle, parked with the events of the same "
                                + "system behind them")
                        .tag("read_model", readModel)
                        .register(registry));
    }

    /** UP with the counts: parked events are a matter for the board and the admin page, not for a load balancer. */
    @Bean
    HealthIndicator parkedEventsHealthIndicator(ParkedEvents parked) {
        return () -> {
            ParkedEvents.Summary summary = parked.lastKnownSummary();
            return Health.up()
                    .withDetail("total", summary.total())
                    .withDetail("byReadModel", summary.byReadModel())
                    .withDetail("systems", summary.systems())
                    .build();
        };
    }

    /**
     * Parked events are tried again by themselves every {@code tracker.parked.retry-every}, and counted every 5 s for
     * the health, the metrics and the board.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService parkedEventsRetry(ParkedEvents parked, ParkedEventsProperties properties) {
        ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "parked-retry");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.retryEvery().toMillis();
        if (every > 0) {
            retry.scheduleWithFixedDelay(parked::retryAll, every, every, TimeUnit.MILLISECONDS);
        }
        retry.scheduleWithFixedDelay(parked::refresh, 0, 5, TimeUnit.SECONDS);
        return retry;
    }

    @Bean
    SkippedEventRepair skippedEventRepair(
            JdbcClient jdbc,
            EventProcessingConfiguration processing,
            EventStore eventStore,
            EventProcessorProperties processors,
            ParkedEventsProperties properties,
            MeterRegistry meters) {
        return new SkippedEventRepair(
                jdbc, processing, eventStore, parkingReadModels(processors), properties.holesForgottenAfter(), meters);
    }

    /** The watch for late commits runs on its own thread, every {@code tracker.parked.skipped-watch-every}. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService skippedEventWatch(SkippedEventRepair repair, ParkedEventsProperties properties) {
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "skipped-event-watch");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.skippedWatchEvery().toMillis();
        if (every > 0) {
            watch.scheduleWithFixedDelay(
                    () -> {
                        try {
                            repair.sweep();
                        } catch (RuntimeException e) {
                            LoggerFactory.getLogger(SkippedEventRepair.class)
                                    .warn("the watch for late commits failed this " + "time: {}", e.toString());
                        }
                    },
                    every,
                    every,
                    TimeUnit.MILLISECONDS);
        }
        return watch;
    }

    static List<String> parkingReadModels(EventProcessorProperties processors) {
        return processors.getProcessors().entrySet().stream()
                .filter(e -> e.getValue().getDlq().isEnabled())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
