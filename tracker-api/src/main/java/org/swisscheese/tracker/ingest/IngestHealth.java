package org.swisscheese.tracker.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Health of the Kafka ingest consumers ({@code ingest} in /actuator/health): per listener, whether it runs, the
 * partitions it holds, when its consumers last polled (the consumer's own metric, records or none), the group's state
 * and how many records wait. DOWN when a listener that should run does not, has not polled for {@code stuckAfter}, or its
 * group has been rebalancing for that long: a stuck consumer is visible instead of looking healthy. Each check asks
 * the broker in the background every 5 s, so a check never waits for an unreachable broker: it reports what the
 * broker last said and when.
 */
public class IngestHealth implements HealthIndicator, DisposableBean {

    private final KafkaListenerEndpointRegistry registry;
    private final Map<String, String> groupOfListener;
    private final Duration stuckAfter;
    private final Clock clock;
    private final Admin admin;
    private final Map<String, Instant> waitingForFirstPoll = new ConcurrentHashMap<>();
    private final Map<String, Instant> rebalancingSince = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> brokerSays = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService refresh;

    public IngestHealth(
            KafkaListenerEndpointRegistry registry,
            KafkaAdmin kafkaAdmin,
            Map<String, String> groupOfListener,
            Duration stuckAfter,
            Clock clock) {
        this.registry = registry;
        this.groupOfListener = groupOfListener;
        this.stuckAfter = stuckAfter;
        this.clock = clock;
        Map<String, Object> config = new LinkedHashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000);
        this.admin = Admin.create(config);
        this.refresh = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ingest-health");
            thread.setDaemon(true);
            return thread;
        });
        refresh.scheduleWithFixedDelay(this::askBroker, 1, 5, TimeUnit.SECONDS);
    }

    private void askBroker() {
        Instant now = clock.instant();
        groupOfListener.forEach((id, group) -> {
            Map<String, Object> details = new LinkedHashMap<>();
            try {
                broker(id, group, now, details);
                details.put("brokerAsOf", now);
                brokerSays.put(id, details);
            } catch (RuntimeException e) {
                Map<String, Object> stale = new LinkedHashMap<>(brokerSays.getOrDefault(id, Map.of()));
                stale.put("broker", "unreachable since " + stale.getOrDefault("unreachableSince", now));
                stale.putIfAbsent("unreachableSince", now);
                brokerSays.put(id, stale);
            }
        });
    }

    /**
     * When the listener's consumers last called {@code poll()}: the oldest of its consumers' own
     * {@code last-poll-seconds-ago} metric (a stuck consumer among several counts), empty while none has polled yet.
     * The consumer keeps this whether or not records arrive, so a quiet topic is not mistaken for a stuck consumer.
     */
    static Optional<Instant> lastPoll(Map<String, ? extends Map<MetricName, ? extends Metric>> metrics, Instant now) {
        double oldest = -1;
        for (Map<MetricName, ? extends Metric> consumer : metrics.values()) {
            for (Map.Entry<MetricName, ? extends Metric> metric : consumer.entrySet()) {
                if (metric.getKey().name().equals("last-poll-seconds-ago")
                        && metric.getKey().group().equals("consumer-metrics")
                        && metric.getValue().metricValue() instanceof Number seconds) {
                    if (seconds.doubleValue() < 0) {
                        return Optional.empty(); // this consumer has never polled
                    }
                    oldest = Math.max(oldest, seconds.doubleValue());
                }
            }
        }
        return oldest < 0 ? Optional.empty() : Optional.of(now.minusSeconds((long) oldest));
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Health.Builder health = Health.up();
        for (Map.Entry<String, String> listener : groupOfListener.entrySet()) {
            String id = listener.getKey();
            MessageListenerContainer container = registry.getListenerContainer(id);
            Map<String, Object> details = new LinkedHashMap<>();
            if (container == null || !container.isAutoStartup()) {
                details.put("running", false);
                details.put("enabled", false);
                health.withDetail(id, details);
                continue;
            }
            boolean running = container.isRunning();
            Collection<TopicPartition> assigned = container.getAssignedPartitions();
            Instant polled = lastPoll(container.metrics(), now).orElse(null);
            if (polled != null || !running) {
                waitingForFirstPoll.remove(id);
            }
            details.put("running", running);
            details.put(
                    "assignedPartitions",
                    assigned == null
                            ? List.of()
                            : assigned.stream()
                                    .map(TopicPartition::toString)
                                    .sorted()
                                    .toList());
            details.put("lastPoll", polled);
            if (!running) {
                health.down().withDetail("reason", id + " is not running");
            } else if (polled == null) {
                Instant since = waitingForFirstPoll.computeIfAbsent(id, k -> now);
                if (Duration.between(since, now).compareTo(stuckAfter) > 0) {
                    health.down().withDetail("reason", id + " has not polled since it started, " + since);
                }
            } else if (Duration.between(polled, now).compareTo(stuckAfter) > 0) {
                health.down()
                        .withDetail("reason", id + " has not polled for more than " + stuckAfter.toSeconds() + " s");
            }
            Map<String, Object> broker = brokerSays.getOrDefault(id, Map.of());
            details.putAll(broker);
            Object since = rebalancingSince.get(id);
            if (since instanceof Instant rebalancing
                    && Duration.between(rebalancing, now).compareTo(stuckAfter) > 0) {
                health.down()
                        .withDetail(
                                "reason",
                                "group " + listener.getValue() + " has been rebalancing since " + rebalancing);
            }
            health.withDetail(id, details);
        }
        return health.build();
    }

    private void broker(String id, String group, Instant now, Map<String, Object> details) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                    .describedGroups()
                    .get(group)
                    .get(1, TimeUnit.SECONDS);
            ConsumerGroupState state = description.state();
            details.put("group", group);
            details.put("groupState", state.toString());
            details.put("groupMembers", description.members().size());
            if (state == ConsumerGroupState.PREPARING_REBALANCE || state == ConsumerGroupState.COMPLETING_REBALANCE) {
                rebalancingSince.computeIfAbsent(id, k -> now);
            } else {
                rebalancingSince.remove(id);
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(1, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest =
                    committed.keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(1, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> partition : committed.entrySet()) {
                if (partition.getValue() != null && ends.containsKey(partition.getKey())) {
                    lag += Math.max(
                            0,
                            ends.get(partition.getKey()).offset()
                                    - partition.getValue().offset());
                }
            }
            details.put("lag", lag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception unreachable) {
            throw new IllegalStateException(unreachable);
        }
    }

    @Override
    public void destroy() {
        refresh.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
