package org.swisscheese.tracker.server;

import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The broker of one test's application context, as its beans were configured. The embedded broker also leaves a
 * JVM-wide system property behind, which names whichever broker started last: never read that in a test.
 */
final class ContextBroker {

    private ContextBroker() {}

    /** A consumer of this context's broker in a group of its own, reading topics from their beginning. */
    static KafkaConsumer<String, byte[]> readFromStart(KafkaAdmin admin) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                address(admin),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    }

    static String address(KafkaAdmin admin) {
        return String.valueOf(admin.getConfigurationProperties().get("bootstrap.servers"))
                .replaceAll("[\\[\\]]", "");
    }
}
