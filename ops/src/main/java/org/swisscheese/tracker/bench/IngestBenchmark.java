package org.swisscheese.tracker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.Commands.RegisterSystem;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.ingest.BarrierEventFormat;
import org.swisscheese.tracker.ingest.IngestProperties;

/**
 * Ingest throughput, measured in one run beside a raw baseline: N records for S systems are produced to Kafka
 * while nothing consumes them; then (1) a plain KafkaConsumer batch-inserts them into the same database with JDBC,
 * and (2) the tracker's own listener turns them into commands, events and incidents. Prints both rates and exits.
 * Run with {@code ops/bench/ingest-benchmark.sh} (profile {@code bench}).
 */
@Component
@Profile("bench")
@ConditionalOnProperty(name = "bench.mode", havingValue = "ingest", matchIfMissing = true)
public class IngestBenchmark implements CommandLineRunner {

    private static final Logger log = LoggerFactory.getLogger(IngestBenchmark.class);

    private final CommandGateway commands;
    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaListenerEndpointRegistry listeners;
    private final DataSource dataSource;
    private final MeterRegistry meters;
    private final ObjectMapper mapper;
    private final IngestProperties ingest;
    private final ConfigurableApplicationContext context;
    private final EventProcessingConfiguration processing;

    @Value("${bench.records:100000}")
    int records;

    @Value("${bench.systems:100}")
    int systems;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    public IngestBenchmark(
            CommandGateway commands,
            KafkaTemplate<String, byte[]> rawKafkaTemplate,
            KafkaListenerEndpointRegistry listeners,
            DataSource dataSource,
            MeterRegistry meters,
            ObjectMapper mapper,
            IngestProperties ingest,
            ConfigurableApplicationContext context,
            EventProcessingConfiguration processing) {
        this.processing = processing;
        this.commands = commands;
        this.kafka = rawKafkaTemplate;
        this.listeners = listeners;
        this.dataSource = dataSource;
        this.meters = meters;
        this.mapper = mapper;
        this.ingest = ingest;
        this.context = context;
    }

    @Override
    public void run(String... args) throws Exception {
        listeners.getListenerContainers().forEach(c -> c.stop());
        List<SystemId> ids = new ArrayList<>();
        for (int i = 0; i < systems; i++) {
            SystemId id = SystemId.of("bench-" + i);
            ids.add(id);
            try {
                commands.sendAndWait(new RegisterSystem(
                        id, null, SystemKind.LANGUAGE_MODEL, "bench", null, null, null, SystemKind.LANGUAGE_MODEL));
            } catch (RuntimeException alreadyThere) {
                log.debug("{} exists", id);
            }
        }
        String rawTopic = "bench.raw-" + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(rawTopic, ingest.partitions(), (short) 1)))
                    .all()
                    .get();
        }
        Random random = new Random(42);
        List<byte[]> values = new ArrayList<>(records);
        List<String> keys = new ArrayList<>(records);
        Instant start = Instant.now().minus(Duration.ofDays(1));
        for (int i = 0; i < records; i++) {
            SystemId system = ids.get(random.nextInt(ids.size()));
            int roll = random.nextInt(10);
            ReportType type =
                    roll < 7 ? ReportType.TRIPPED : roll < 9 ? ReportType.BREACHED : ReportType.ANOMALY_DETECTED;
            String barrier = type == ReportType.ANOMALY_DETECTED
                    ? "anomaly-monitor"
                    : List.of("adversarial-training", "anomaly-monitor", "deployment-gate", "output-filter")
                            .get(random.nextInt(4));
            Instant at = start.plusMillis(i * 50L);
            Report report = new Report(
                    UUID.randomUUID().toString(),
                    type,
                    barrier,
                    type == ReportType.TRIPPED ? null : "chain-" + (i / 4),
                    at,
                    at,
                    "/bench",
                    null,
                    Map.of(),
                    type == ReportType.ANOMALY_DETECTED ? 0.97 : null,
                    type == ReportType.ANOMALY_DETECTED ? 0.9 : null,
                    null);
            keys.add(system.value());
            values.add(BarrierEventFormat.toBytes(mapper, system, report));
        }
        int bytes = values.stream().mapToInt(v -> v.length).sum() / records;
        log.info("producing {} records of ~{} B for {} systems", records, bytes, systems);
        for (int i = 0; i < records; i++) {
            kafka.send(rawTopic, keys.get(i), values.get(i));
            kafka.send(ingest.topic(), keys.get(i), values.get(i));
        }
        kafka.flush();

        double raw = rawBaseline(rawTopic);
        // first the write side alone (projections paused), then the projections catching up on what it stored
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        double tracker = trackerIngest();
        double catchUp = projectionsCatchUp();
        String summary = String.format(
                "RESULT records=%d systems=%d avgBytes=%d raw-jdbc=%.0f/s "
                        + "tracker-write-side=%.0f/s projections-catch-up=%.0f events/s",
                records, systems, bytes, raw, tracker, catchUp);
        log.info(summary);
        System.out.println(summary);
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    private double rawBaseline(String topic) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS bench_raw (k VARCHAR(64), v BYTEA)");
            c.createStatement().execute("DELETE FROM bench_raw");
        }
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-raw-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                500,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
        long began = System.nanoTime();
        int seen = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config);
                Connection c = dataSource.getConnection()) {
            consumer.subscribe(List.of(topic));
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_raw (k, v) VALUES (?, ?)")) {
                while (seen < records) {
                    ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, byte[]> r : batch) {
                        insert.setString(1, r.key());
                        insert.setBytes(2, r.value());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    c.commit();
                    consumer.commitSync();
                    seen += batch.count();
                }
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        log.info("raw baseline: {} records in {} s", seen, String.format("%.1f", seconds));
        return seen / seconds;
    }

    private double trackerIngest() throws InterruptedException {
        double before = recorded();
        long began = System.nanoTime();
        listeners.getListenerContainers().forEach(c -> c.start());
        while (recorded() - before < records) {
            Thread.sleep(200);
            if ((System.nanoTime() - began) / 1e9 > 3600) {
                throw new IllegalStateException("tracker ingest did not finish within an hour");
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        log.info("tracker ingest: {} reports in {} s", records, String.format("%.1f", seconds));
        return records / seconds;
    }

    private double projectionsCatchUp() throws Exception {
        long events;
        long head;
        try (Connection c = dataSource.getConnection()) {
            var rs = c.createStatement().executeQuery("SELECT COUNT(*), MAX(globalindex) FROM domainevententry");
            rs.next();
            events = rs.getLong(1);
            head = rs.getLong(2);
        }
        long began = System.nanoTime();
        List<EventProcessor> readModels = processing.eventProcessors().values().stream()
                // the publisher and the alert dispatcher are no read models: left out, as before alerting existed
                .filter(p -> !p.getName().equals("incident-publisher")
                        && !p.getName().equals("alert-dispatcher"))
                .toList();
        readModels.forEach(EventProcessor::start);
        while (!readModels.stream()
                .filter(p -> p instanceof StreamingEventProcessor)
                .map(p -> (StreamingEventProcessor) p)
                .allMatch(p -> !p.processingStatus().isEmpty()
                        && p.processingStatus().values().stream()
                                .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head))) {
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        log.info("projections caught up on {} events in {} s", events, String.format("%.1f", seconds));
        return events / seconds;
    }

    private double recorded() {
        var counter =
                meters.find("tracker.ingest.reports").tag("result", "recorded").counter();
        return counter == null ? 0 : counter.count();
    }
}
