package org.swisscheese.tracker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * Language-model systems registered over HTTP and the reports production sends about them to Kafka: trips, breaches
 * on numbered chains and anomalies, in the mix the ingest benchmark uses, each report with an id of its own.
 */
final class Fleet {

    static final String TOPIC = "tracker.barrier-events";
    static final String DEAD_LETTER_TOPIC = "tracker.barrier-events-dlt";
    static final String GROUP = "barrier-events-ingest";
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final List<String> THREAT_BARRIERS =
            List.of("adversarial-training", "anomaly-monitor", "interpretability", "deployment-gate", "output-filter");

    final String prefix;
    final List<String> systems = new ArrayList<>();

    private Fleet(String prefix) {
        this.prefix = prefix;
    }

    static Fleet register(TrackerProcess server, String prefix, int count) throws Exception {
        Fleet fleet = new Fleet(prefix);
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            int status = server.call(
                            "admin",
                            "POST",
                            "/api/systems",
                            "{\"id\":\"" + id + "\",\"kind\":\"LANGUAGE_MODEL\",\"template\":\"LANGUAGE_MODEL\"}")
                    .statusCode();
            assertThat(status).as("registering " + id).isIn(201, 409);
            fleet.systems.add(id);
        }
        return fleet;
    }

    /** {@code count} reports, key = system id, with report ids {@code <prefix>-r<n>}. */
    List<ProducerRecord<String, byte[]>> reports(int count, long seed) {
        return reports(0, count, seed);
    }

    /** Reports number {@code from} to {@code from + count - 1}. */
    List<ProducerRecord<String, byte[]>> reports(int from, int count, long seed) {
        Random random = new Random(seed);
        Instant start = Instant.now().minus(Duration.ofDays(1));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            String system = systems.get(random.nextInt(systems.size()));
            int roll = random.nextInt(10);
            ReportType type =
                    roll < 7 ? ReportType.TRIPPED : roll < 9 ? ReportType.BREACHED : ReportType.ANOMALY_DETECTED;
            String barrier = type == ReportType.ANOMALY_DETECTED
                    ? "anomaly-monitor"
                    : THREAT_BARRIERS.get(random.nextInt(THREAT_BARRIERS.size()));
            Instant at = start.plusMillis(i * 50L);
            Report report = new Report(
                    prefix + "-r" + i,
                    type,
                    barrier,
                    type == ReportType.TRIPPED ? null : "chain-" + (i / 4),
                    at,
                    at,
                    "/faults",
                    null,
                    Map.of(),
                    type == ReportType.ANOMALY_DETECTED ? 0.97 : null,
                    type == ReportType.ANOMALY_DETECTED ? 0.9 : null,
                    null,
                    false);
            records.add(new ProducerRecord<>(
                    TOPIC, system, BarrierEventFormat.toBytes(MAPPER, SystemId.of(system), report)));
        }
        return records;
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                300_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    /** Sends every record, at most {@code perSecond} a second, and waits until the broker has all of them. */
    static void send(
            KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records, int perSecond)
            throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        long began = System.nanoTime();
        for (int i = 0; i < records.size(); i++) {
            sent.add(producer.send(records.get(i)));
            long due = began + (long) (i * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                Thread.sleep(wait / 1_000_000);
            }
        }
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            future.get();
        }
    }

    /** A report id without a random part: unique per fleet and position, so a test knows every id it produced. */
    static String uniquePrefix(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
