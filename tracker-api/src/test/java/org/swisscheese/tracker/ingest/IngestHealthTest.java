package org.swisscheese.tracker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** When a listener last polled, read off its consumers' own metrics. */
class IngestHealthTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static Map<MetricName, Metric> consumer(double lastPollSecondsAgo) {
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        add(metrics, new MetricName("records-lag-max", "consumer-fetch-manager-metrics", "", Map.of()), 12.0);
        add(metrics, new MetricName("last-poll-seconds-ago", "consumer-metrics", "", Map.of()), lastPollSecondsAgo);
        return metrics;
    }

    private static void add(Map<MetricName, Metric> metrics, MetricName name, Object value) {
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }

    @Test
    void oneConsumerPolledSecondsAgo() {
        assertThat(IngestHealth.lastPoll(Map.of("consumer-1", consumer(3)), NOW))
                .contains(NOW.minusSeconds(3));
    }

    @Test
    void theStalestOfSeveralConsumersCounts() {
        assertThat(IngestHealth.lastPoll(Map.of("consumer-1", consumer(3), "consumer-2", consumer(70)), NOW))
                .contains(NOW.minusSeconds(70));
    }

    @Test
    void aConsumerThatNeverPolledMeansNoPollYet() {
        // the consumer reports -1 before its first poll
        assertThat(IngestHealth.lastPoll(Map.of("consumer-1", consumer(3), "consumer-2", consumer(-1)), NOW))
                .isEmpty();
    }

    @Test
    void noConsumersMeansNoPollYet() {
        assertThat(IngestHealth.lastPoll(Map.of(), NOW)).isEmpty();
        assertThat(IngestHealth.lastPoll(
                        Map.of(
                                "consumer-1",
                                Map.of(
                                        new MetricName(
                                                "records-lag-max", "consumer-fetch-manager-metrics", "", Map.of()),
                                        consumer(5).values().iterator().next())),
                        NOW))
                .isEmpty();
    }
}
