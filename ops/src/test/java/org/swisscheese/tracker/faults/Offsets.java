package org.swisscheese.tracker.faults;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the broker says about a consumer group: its committed offsets, the ends of the topic, its state. */
final class Offsets implements AutoCloseable {

    private final Admin admin;

    Offsets(String bootstrap) {
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000));
    }

    long committed(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                .filter(o -> o != null)
                .mapToLong(OffsetAndMetadata::offset)
                .sum();
    }

    long end(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> partitions =
                admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .collect(Collectors.toMap(
                                p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(partitions).all().get().values().stream()
                .mapToLong(o -> o.offset())
                .sum();
    }

    String state(String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(java.util.List.of(group))
                .describedGroups()
                .get(group)
                .get();
        return description.state() + " members=" + description.members().size();
    }

    /** Moves the group back to the beginning of the topic (the group must have no members). */
    void resetToBeginning(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> start =
                admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .collect(Collectors.toMap(
                                p -> new TopicPartition(topic, p.partition()), p -> new OffsetAndMetadata(0)));
        admin.alterConsumerGroupOffsets(group, start).all().get();
    }

    /** The {@code tracker-dlt-kind} header of every record on the dead-letter topic. */
    static java.util.List<String> deadLetterKinds(String bootstrap) {
        java.util.List<String> kinds = new java.util.ArrayList<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(Map.of(
                        "bootstrap.servers",
                        bootstrap,
                        "group.id",
                        "faults-" + java.util.UUID.randomUUID(),
                        "enable.auto.commit",
                        false,
                        "key.deserializer",
                        org.apache.kafka.common.serialization.StringDeserializer.class,
                        "value.deserializer",
                        org.apache.kafka.common.serialization.ByteArrayDeserializer.class))) {
            java.util.List<TopicPartition> partitions = consumer.partitionsFor(Fleet.DEAD_LETTER_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(java.time.Duration.ofMillis(500)).forEach(r -> {
                    var header = r.headers().lastHeader("tracker-dlt-kind");
                    kinds.add(
                            header == null ? "?" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
                });
            }
        }
        return kinds;
    }

    @Override
    public void close() {
        admin.close();
    }
}
