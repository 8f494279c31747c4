package org.swisscheese.tracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.RegisterSystem;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.ingest.BarrierEventFormat;
import org.swisscheese.tracker.ingest.IngestProperties;
import org.swisscheese.tracker.projection.support.ReadModels;

/**
 * Throughput and latency in one run, everything as in production (ingest, the four read models, the incident
 * publisher and the alert dispatcher all running at once), beside the baselines the targets are ratios of:
 * <ol>
 *   <li><b>raw</b>: a plain KafkaConsumer batch-inserting the same records into the same database with JDBC;
 *   <li><b>tracker-e2e</b>: N reports on the ingest topic until every one is stored as events and every processor is
 *       at the head of the store; <b>tracker-write</b>: until every one is stored;
 *   <li><b>replay</b>: the four read models rebuilt from the store (reports' worth per second); <b>raw-scan</b>: an
 *       ordered scan of the event table with JDBC-batched upserts, the floor a rebuild is compared with;
 *   <li><b>peer</b>: plain Axon use on a slice of the input: one command per record through the command gateway, no
 *       aggregate cache (the processors are this server's, so it flatters the peer);
 *   <li><b>latency</b>: at 70% of the measured end-to-end rate, a probe system's degraded/restored reports from
 *       production to the card on the board's SSE stream, and six readers of the board, incidents and statistics.
 * </ol>
 * Ends with one {@code RESULT} line. Run with {@code ops/bench/ingest-benchmark.sh} (profile {@code bench}).
 */
@Component
@Profile("bench")
@ConditionalOnProperty(name = "bench.mode", havingValue = "ingest", matchIfMissing = true)
public class IngestBenchmark {

    private static final Logger log = LoggerFactory.getLogger(IngestBenchmark.class);
    private static final List<String> BARRIERS =
            List.of("adversarial-training", "anomaly-monitor", "deployment-gate", "output-filter");
    private static final List<String> READ_MODELS = ReadModels.ALL;
    private static final String PROBE = "bench-probe";

    private final CommandGateway commands;
    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaListenerEndpointRegistry listeners;
    private final DataSource dataSource;
    private final MeterRegistry meters;
    private final ObjectMapper mapper;
    private final IngestProperties ingest;
    private final ConfigurableApplicationContext context;
    private final EventProcessingConfiguration processing;
    private final Cache aggregateCache;
    private final BarrierEventFormat format;

    @Value("${bench.records:100000}")
    int records;

    @Value("${bench.systems:100}")
    int systems;

    @Value("${bench.latency-seconds:40}")
    int latencySeconds;

    @Value("${bench.probe-seconds:30}")
    int probeSeconds;

    @Value("${bench.warm-up-seconds:10}")
    int warmUpSeconds;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Value("${local.server.port:${server.port}}")
    int port;

    public IngestBenchmark(
            CommandGateway commands,
            KafkaTemplate<String, byte[]> rawKafkaTemplate,
            KafkaListenerEndpointRegistry listeners,
            DataSource dataSource,
            MeterRegistry meters,
            ObjectMapper mapper,
            IngestProperties ingest,
            ConfigurableApplicationContext context,
            EventProcessingConfiguration processing,
            Cache aggregateCache,
            BarrierEventFormat format) {
        this.format = format;
        this.processing = processing;
        this.commands = commands;
        this.kafka = rawKafkaTemplate;
        this.listeners = listeners;
        this.dataSource = dataSource;
        this.meters = meters;
        this.mapper = mapper;
        this.ingest = ingest;
        this.context = context;
        this.aggregateCache = aggregateCache;
    }

    /** After the web server is up (the latency phase uses it), on a thread of its own. */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        Thread bench = new Thread(
                () -> {
                    int exit = 0;
                    try {
                        run();
                    } catch (Exception e) {
                        log.error("benchmark failed", e);
                        exit = 1;
                    }
                    int code = exit;
                    System.exit(SpringApplication.exit(context, () -> code));
                },
                "ingest-benchmark");
        bench.start();
    }

    void run() throws Exception {
        listeners.getListenerContainers().forEach(c -> c.stop());
        List<SystemId> ids = register("bench-", systems);
        List<SystemId> peerIds = register("bench-peer-", systems);
        register(PROBE, 1);
        String rawTopic = topic("bench.raw-");
        String peerTopic = topic("bench.peer-");
        int peerSlice = Math.max(1000, records / 20);
        Instant start = Instant.now().minus(Duration.ofDays(1));
        Random random = new Random(42);
        int bytes = 0;
        for (int i = 0; i < records; i++) {
            SystemId system = ids.get(random.nextInt(ids.size()));
            byte[] value = BarrierEventFormat.toBytes(mapper, system, report(random, i, start.plusMillis(i * 50L)));
            bytes += value.length;
            kafka.send(rawTopic, system.value(), value);
            kafka.send(ingest.topic(), system.value(), value);
        }
        for (int i = 0; i < peerSlice; i++) {
            SystemId system = peerIds.get(random.nextInt(peerIds.size()));
            kafka.send(
                    peerTopic,
                    system.value(),
                    BarrierEventFormat.toBytes(mapper, system, report(random, i, start.plusMillis(i * 50L))));
        }
        kafka.flush();
        log.info("produced {} records of ~{} B for {} systems", records, bytes / records, systems);

        double raw = rawBaseline(rawTopic);
        double[] tracker = endToEnd();
        double e2e = tracker[0];
        double replay = replay();
        double rawScan = rawScan();
        double peer = peer(peerTopic, peerSlice);
        Latency latency = latency(e2e * 0.7, ids, random);
        String summary = String.format(
                "RESULT records=%d systems=%d raw=%.0f peer=%.0f tracker-e2e=%.0f tracker-write=%.0f replay=%.0f "
                        + "raw-scan=%.0f e2e-ratio=%.2f peer-ratio=%.1f replay-ratio=%.2f board-p99-ms=%.0f "
                        + "board-read-p95-ms=%.0f incidents-read-p95-ms=%.0f stats-read-p95-ms=%.0f",
                records,
                systems,
                raw,
                peer,
                e2e,
                tracker[1],
                replay,
                rawScan,
                e2e / raw,
                e2e / peer,
                replay / e2e,
                latency.boardP99,
                latency.boardRead,
                latency.incidentsRead,
                latency.statsRead);
        log.info(summary);
        System.out.println(summary);
    }

    private List<SystemId> register(String prefix, int count) {
        List<SystemId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SystemId id = SystemId.of(count == 1 && prefix.equals(PROBE) ? PROBE : prefix + i);
            ids.add(id);
            try {
                commands.sendAndWait(new RegisterSystem(
                        id, null, SystemKind.LANGUAGE_MODEL, "bench", null, null, null, SystemKind.LANGUAGE_MODEL));
            } catch (RuntimeException alreadyThere) {
                log.debug("{} exists", id);
            }
        }
        return ids;
    }

    private String topic(String prefix) throws Exception {
        String name = prefix + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, ingest.partitions(), (short) 1)))
                    .all()
                    .get();
        }
        return name;
    }

    /** 70% trips, 20% breaches, 10% anomaly detections; breaches and detections four to a chain. */
    private static Report report(Random random, int i, Instant at) {
        int roll = random.nextInt(10);
        ReportType type = roll < 7 ? ReportType.TRIPPED : roll < 9 ? ReportType.BREACHED : ReportType.ANOMALY_DETECTED;
        String barrier =
                type == ReportType.ANOMALY_DETECTED ? "anomaly-monitor" : BARRIERS.get(random.nextInt(BARRIERS.size()));
        return new Report(
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
    }

    private double rawBaseline(String topic) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_raw (k VARCHAR(64), v BYTEA)");
            s.execute("DELETE FROM bench_raw");
        }
        long began = System.nanoTime();
        int seen = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer();
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
        double seconds = seconds(began);
        log.info("raw baseline: {} records in {} s", seen, String.format("%.1f", seconds));
        return seen / seconds;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                500,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    }

    /** {reports/s end to end, reports/s stored}: everything running at once, as in production. */
    private double[] endToEnd() throws InterruptedException {
        double before = recorded();
        long began = System.nanoTime();
        listeners.getListenerContainers().forEach(c -> c.start());
        awaitUntil(() -> recorded() - before >= records, "the write side");
        double write = seconds(began);
        long head = head();
        Map<String, String> caughtUp = new java.util.TreeMap<>();
        awaitUntil(
                () -> {
                    streamingProcessors().stream()
                            .filter(name -> !caughtUp.containsKey(name) && allAt(List.of(name), head))
                            .forEach(name -> caughtUp.put(name, String.format("%.1f s", seconds(began))));
                    return caughtUp.size() == streamingProcessors().size();
                },
                "the processors");
        double total = seconds(began);
        log.info("end to end: each processor at the head after {}", caughtUp);
        log.info(
                "end to end: {} reports stored in {} s, in every read model and published in {} s",
                records,
                String.format("%.1f", write),
                String.format("%.1f", total));
        return new double[] {records / total, records / write};
    }

    /** Rebuilds the four read models at once from the store; reports' worth per second. */
    private double replay() throws InterruptedException {
        long head = head();
        long began = System.nanoTime();
        for (String name : READ_MODELS) {
            StreamingEventProcessor processor = streaming(name);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        awaitUntil(() -> allAt(READ_MODELS, head), "the replay");
        double seconds = seconds(began);
        log.info("replay: the four read models rebuilt from {} events in {} s", head, String.format("%.1f", seconds));
        return records / seconds;
    }

    /** An ordered scan of the event table with batched upserts, one row per system: what a rebuild cannot beat. */
    private double rawScan() throws Exception {
        long began = System.nanoTime();
        long rows = 0;
        try (Connection read = dataSource.getConnection();
                Connection write = dataSource.getConnection();
                Statement s = write.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_scan (system_id VARCHAR(255) PRIMARY KEY, events BIGINT, "
                    + "last_type VARCHAR(255), last_payload BYTEA)");
            s.execute("DELETE FROM bench_scan");
            read.setAutoCommit(false); // a cursor, not the whole table in memory
            write.setAutoCommit(false);
            try (PreparedStatement scan = read.prepareStatement(
                            "SELECT aggregateidentifier, payloadtype, payload FROM domainevententry "
                                    + "ORDER BY globalindex");
                    PreparedStatement upsert = write.prepareStatement(
                            "INSERT INTO bench_scan (system_id, events, last_type, last_payload) VALUES (?, ?, ?, ?) "
                                    + "ON CONFLICT (system_id) DO UPDATE SET events = bench_scan.events + EXCLUDED.events,"
                                    + " last_type = EXCLUDED.last_type, last_payload = EXCLUDED.last_payload")) {
                scan.setFetchSize(1000);
                // one row per system and batch, as a read model that writes per batch would: with the driver's
                // rewritten batches, two rows for one key in one INSERT are refused by PostgreSQL
                Map<String, Object[]> batch = new LinkedHashMap<>();
                try (ResultSet rs = scan.executeQuery()) {
                    while (rs.next()) {
                        JsonNode payload = mapper.readTree(rs.getBytes(3)); // a projection reads the payload too
                        Object[] row = batch.computeIfAbsent(rs.getString(1), k -> new Object[] {0L, null, null});
                        row[0] = (Long) row[0] + 1;
                        row[1] = rs.getString(2);
                        row[2] = payload.isObject() ? rs.getBytes(3) : null;
                        if (++rows % 1000 == 0) {
                            upsertScan(upsert, batch);
                            write.commit();
                        }
                    }
                }
                upsertScan(upsert, batch);
                write.commit();
            }
        }
        double seconds = seconds(began);
        log.info("raw scan: {} events in {} s", rows, String.format("%.1f", seconds));
        return records / seconds;
    }

    private static void upsertScan(PreparedStatement upsert, Map<String, Object[]> batch) throws SQLException {
        for (Map.Entry<String, Object[]> row : batch.entrySet()) {
            upsert.setString(1, row.getKey());
            upsert.setLong(2, (Long) row.getValue()[0]);
            upsert.setString(3, (String) row.getValue()[1]);
            upsert.setBytes(4, (byte[]) row.getValue()[2]);
            upsert.addBatch();
        }
        upsert.executeBatch();
        batch.clear();
    }

    /** Plain Axon: one command per record, sent and awaited, no aggregate cache; then the processors catch up. */
    private double peer(String topic, int slice) throws Exception {
        long began = System.nanoTime();
        int seen = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            while (seen < slice) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    BarrierEventFormat.Parsed parsed = format.fromKafka(r.key(), r.headers(), r.value(), Instant.now());
                    aggregateCache.removeAll();
                    commands.sendAndWait(new RecordReports(parsed.systemId(), List.of(parsed.report())));
                    seen++;
                }
                consumer.commitSync();
            }
        }
        long head = head();
        awaitUntil(() -> allAt(streamingProcessors(), head), "the processors after the peer");
        double seconds = seconds(began);
        log.info("peer (plain Axon): {} reports in {} s", seen, String.format("%.1f", seconds));
        return seen / seconds;
    }

    private record Latency(double boardP99, double boardRead, double incidentsRead, double statsRead) {}

    /** The board as the web app reads it: its first page, the systems needing attention first, and its stream. */
    private static final String BOARD = "/api/board?size=200";

    private static final String BOARD_STREAM = "/api/board/stream?size=200";

    /** The statistics as the web app reads them: the 200 most demanded barriers. */
    private static final String STATISTICS = "/api/statistics/barriers?size=200";

    /**
     * Load at {@code rate} reports/s; meanwhile the probe system's output filter is degraded and restored in turn,
     * each time timed from production to the card that shows it: for {@code probeSeconds} alone (the board's p99 in
     * the result), then for {@code latencySeconds} while six readers call the board, the incidents and the statistics
     * one read after another (the reads' p95; the board's p99 then is logged).
     */
    private Latency latency(double rate, List<SystemId> ids, Random random) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        var stream = http.sendAsync(get(BOARD_STREAM), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    String[] event = {null};
                    response.body().forEach(line -> {
                        if (line.startsWith("event:")) {
                            event[0] = line.substring(6).trim();
                        } else if ("card".equals(event[0]) && line.startsWith("data:") && line.contains(PROBE)) {
                            try {
                                JsonNode card = mapper.readTree(line.substring(5));
                                String state = card.path("barrierStates")
                                        .path("output-filter")
                                        .asText("IN_SERVICE");
                                seenAt.putIfAbsent(state, System.nanoTime());
                            } catch (Exception e) {
                                log.warn("unreadable card: {}", e.getMessage());
                            }
                        }
                    });
                });
        Thread.sleep(1000);
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong loaded = new AtomicLong();
        double recordedBefore = recorded();
        Thread load = new Thread(() -> {
            long began = System.nanoTime();
            int sent = 0;
            while (loading.get()) {
                double due = rate * seconds(began);
                while (sent < due) {
                    SystemId system = ids.get(random.nextInt(ids.size()));
                    kafka.send(
                            ingest.topic(),
                            system.value(),
                            BarrierEventFormat.toBytes(mapper, system, report(random, sent, Instant.now())));
                    sent++;
                }
                loaded.set(sent);
                sleep(5);
            }
        });
        // the read paths run here for the first time: their code is compiled before they are timed, as in a server
        // that has been up a while (a read then cost 4 to 5 ms of CPU, against 1 ms once compiled)
        AtomicBoolean warming = new AtomicBoolean(true);
        List<Thread> warmUp = readers(http, warming, new ConcurrentHashMap<>());
        warmUp.forEach(Thread::start);
        Thread.sleep(warmUpSeconds * 1000L);
        warming.set(false);
        for (Thread reader : warmUp) {
            reader.join();
        }
        load.start();
        Probes alone = probe(probeSeconds, seenAt, loaded, recordedBefore);
        Map<String, List<Long>> reads = new ConcurrentHashMap<>();
        List<Thread> readers = readers(http, loading, reads);
        readers.forEach(Thread::start);
        Probes read = probe(latencySeconds, seenAt, loaded, recordedBefore + alone.board.size());
        loading.set(false);
        load.join();
        for (Thread reader : readers) {
            reader.join();
        }
        stream.cancel(true);
        log.info("latency: {} probes without readers: {}", alone.board.size(), alone);
        log.info(
                "latency: {} probes with six readers: {}; reads {}",
                read.board.size(),
                read,
                reads.entrySet().stream()
                        .map(e -> e.getKey() + " x" + e.getValue().size())
                        .toList());
        log.info(
                "latency: on the board at p99 after {} ms without readers, {} ms with six readers",
                Math.round(percentile(alone.board, 99)),
                Math.round(percentile(read.board, 99)));
        return new Latency(
                percentile(alone.board, 99),
                percentile(reads.getOrDefault(BOARD, List.of()), 95),
                percentile(reads.getOrDefault("/api/incidents", List.of()), 95),
                percentile(reads.getOrDefault(STATISTICS, List.of()), 95));
    }

    /**
     * Each probe's time from production to its card on the board's stream, and how many reports of the load were not
     * yet recorded when it was sent.
     */
    private record Probes(List<Long> board, List<Long> backlog) {
        @Override
        public String toString() {
            return "on the board after "
                    + board.stream().map(nanos -> nanos / 1_000_000).toList()
                    + " ms (10000: not seen within 10 s), sent behind " + backlog
                    + " reports of the load not yet recorded";
        }
    }

    /**
     * For {@code seconds}, the probe system's output filter degraded and restored in turn, each report sent once the
     * last one is on the board (or after 10 s).
     */
    private Probes probe(int seconds, Map<String, Long> seenAt, AtomicLong loaded, double recordedBefore) {
        List<Long> board = new ArrayList<>();
        List<Long> backlog = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int k = 0; System.nanoTime() < end; k++) {
            ReportType type = k % 2 == 0 ? ReportType.DEGRADED : ReportType.RESTORED;
            String state = k % 2 == 0 ? "DEGRADED" : "IN_SERVICE";
            seenAt.clear();
            Instant now = Instant.now();
            Report probe = new Report(
                    UUID.randomUUID().toString(),
                    type,
                    "output-filter",
                    null,
                    now,
                    now,
                    "/bench",
                    null,
                    Map.of(),
                    null,
                    null,
                    null);
            backlog.add(loaded.get() - Math.round(recorded() - recordedBefore - board.size()));
            long sent = System.nanoTime();
            kafka.send(ingest.topic(), PROBE, BarrierEventFormat.toBytes(mapper, SystemId.of(PROBE), probe));
            kafka.flush();
            long deadline = sent + 10_000_000_000L;
            while (!seenAt.containsKey(state) && System.nanoTime() < deadline) {
                sleep(1);
            }
            board.add(seenAt.getOrDefault(state, deadline) - sent);
            sleep(200);
        }
        return new Probes(board, backlog);
    }

    /** Six readers, each reading the board, the incidents and the statistics in turn, one read after another. */
    private List<Thread> readers(HttpClient http, AtomicBoolean running, Map<String, List<Long>> reads) {
        List<Thread> readers = new ArrayList<>();
        List<String> paths = List.of(BOARD, "/api/incidents", STATISTICS);
        for (int r = 0; r < 6; r++) {
            int first = r;
            readers.add(new Thread(() -> {
                for (int k = first; running.get(); k++) {
                    String path = paths.get(k % paths.size());
                    long began = System.nanoTime();
                    try {
                        http.send(get(path), HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        log.warn("{}: {}", path, e.getMessage());
                    }
                    reads.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                            .add(System.nanoTime() - began);
                }
            }));
        }
        return readers;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("admin:tracker".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static double percentile(List<Long> nanos, double p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        return new Percentile()
                .evaluate(nanos.stream().mapToDouble(n -> n / 1e6).toArray(), p);
    }

    private boolean allAt(Iterable<String> names, long head) {
        for (String name : names) {
            StreamingEventProcessor processor = streaming(name);
            if (processor.processingStatus().isEmpty()
                    || !processor.processingStatus().values().stream()
                            .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head)) {
                return false;
            }
        }
        return true;
    }

    /** Every tracking processor: the read models, the incident publisher, the alert dispatcher. */
    private List<String> streamingProcessors() {
        return processing.eventProcessors().entrySet().stream()
                .filter(e -> e.getValue() instanceof StreamingEventProcessor)
                .map(Map.Entry::getKey)
                .toList();
    }

    private StreamingEventProcessor streaming(String name) {
        return processing
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor " + name));
    }

    private long head() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(globalindex) FROM domainevententry")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long began = System.nanoTime();
        while (!done.getAsBoolean()) {
            Thread.sleep(100);
            if (seconds(began) > 3600) {
                throw new IllegalStateException(what + " did not finish within an hour");
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long began) {
        return (System.nanoTime() - began) / 1e9;
    }

    private double recorded() {
        var counter =
                meters.find("tracker.ingest.reports").tag("result", "recorded").counter();
        return counter == null ? 0 : counter.count();
    }
}
