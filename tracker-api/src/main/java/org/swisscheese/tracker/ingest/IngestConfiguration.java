package org.swisscheese.tracker.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.EventBus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import org.swisscheese.tracker.command.SystemLocks;

/** Wires the ingest: topics, the batch consumer, the command lanes and the dead-letter producer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
public class IngestConfiguration {

    @Bean
    KafkaAdmin.NewTopics trackerTopics(IngestProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(properties.topic(), properties),
                topic(properties.deadLetterTopic(), properties),
                topic(properties.incidentsTopic(), properties),
                topic(properties.integrityTopic(), properties));
    }

    private static NewTopic topic(String name, IngestProperties properties) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicas())
                .build();
    }

    @Bean
    BarrierEventFormat barrierEventFormat(ObjectMapper objectMapper, IngestProperties properties) {
        return new BarrierEventFormat(
                objectMapper, properties.maxEventBytes(), properties.maxClockSkew(), properties.maxReportAge());
    }

    @Bean
    RecordedReports recordedReports(JdbcTemplate jdbcTemplate) {
        return new RecordedReports(jdbcTemplate);
    }

    @Bean
    IngestDispatcher ingestDispatcher(
            CommandGateway commandGateway,
            EventBus eventBus,
            PlatformTransactionManager transactionManager,
            Cache aiSystemCache,
            RecordedReports recordedReports,
            SystemLocks systemLocks,
            IngestProperties properties,
            MeterRegistry meters) {
        return new IngestDispatcher(
                commandGateway,
                eventBus,
                new TransactionTemplate(transactionManager),
                aiSystemCache,
                recordedReports,
                systemLocks,
                properties.lanes(),
                meters);
    }

    /** Raw bytes out, so a dead letter carries exactly the value that came in. */
    @Bean
    KafkaTemplate<String, byte[]> rawKafkaTemplate(KafkaProperties kafkaProperties) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    @Bean
    DeadLetters deadLetters(
            KafkaTemplate<String, byte[]> rawKafkaTemplate, IngestProperties properties, MeterRegistry meters) {
        return new DeadLetters(rawKafkaTemplate, properties.deadLetterTopic(), meters);
    }

    @Bean
    KafkaIngestListener kafkaIngestListener(
            BarrierEventFormat format, IngestDispatcher dispatcher, DeadLetters deadLetters) {
        return new KafkaIngestListener(format, dispatcher, deadLetters, Clock.systemUTC());
    }

    /**
     * Values are read as bytes, so nothing can fail in the consumer's deserializer: every bad record reaches the
     * listener and, from there, the dead-letter topic. Offsets are committed after each batch returns. A batch that
     * fails for want of the store is retried with back-off, indefinitely: ingest pauses, nothing is lost.
     */
    @Bean
    IngestHealth ingestHealthIndicator(
            KafkaListenerEndpointRegistry registry,
            KafkaAdmin kafkaAdmin,
            IngestProperties properties,
            Environment environment) {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(
                environment.resolvePlaceholders("${tracker.ingest.listener-id:barrier-events-ingest}"),
                properties.groupId());
        groups.put(
                "dead-letter-archive",
                environment.resolvePlaceholders("${tracker.ingest.group-id:tracker-ingest}-dead-letters"));
        return new IngestHealth(registry, kafkaAdmin, groups, Duration.ofSeconds(60), Clock.systemUTC());
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> barrierEventsContainerFactory(
            KafkaProperties kafkaProperties, IngestProperties properties, MeterRegistry meters, Cache aggregateCache) {
        Map<String, Object> config = kafkaProperties.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int)
                properties.sessionTimeout().toMillis());
        if (properties.instanceId() != null) {
            // each consumer of a concurrent container gets "-<n>" appended by Spring Kafka
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, properties.instanceId());
        }
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(config);
        consumers.addListener(new MicrometerConsumerListener<>(meters)); // records-lag, fetch rates
        factory.setConsumerFactory(consumers);
        // partitions that move to another server take their systems with them: what this server cached of them is
        // dropped, so it never decides from state another server has moved on from (the listener has returned
        // before a rebalance runs inside poll(), so no lane is working on them then)
        factory.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    aggregateCache.removeAll();
                }
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                aggregateCache.removeAll();
            }
        });
        factory.setBatchListener(true);
        factory.setConcurrency(properties.concurrency());
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }
}
