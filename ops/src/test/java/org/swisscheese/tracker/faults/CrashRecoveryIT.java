package org.swisscheese.tracker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault 1 of the suite: {@code kill -9} of the whole local server (its embedded broker with it) in the middle of a
 * Kafka ingest, then a restart on the same data: ingest resumes by itself within seconds, and every report is in the
 * store exactly once.
 */
class CrashRecoveryIT {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryIT.class);

    Path dir = FaultSuite.directory(CrashRecoveryIT.class);

    @Test
    void aLocalServerKilledMidBatchResumesByItselfWithNothingLostOrDoubled() throws Exception {
        int kafkaPort = TrackerProcess.freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        Path data = dir.resolve("local-data");
        try (TrackerProcess server =
                TrackerProcess.server("local", dir, List.of("--tracker.local-kafka.port=" + kafkaPort))) {
            server.start().awaitReady(Duration.ofMinutes(2));
            Fleet fleet = Fleet.register(server, Fleet.uniquePrefix("crash"), 20);
            List<ProducerRecord<String, byte[]>> reports = fleet.reports(20_000, 1);
            try (KafkaProducer<String, byte[]> producer = Fleet.producer(bootstrap);
                    Offsets offsets = new Offsets(bootstrap)) {
                Fleet.send(producer, reports, 50_000);
                long atKill = awaitCommitted(offsets, 3_000, Duration.ofMinutes(2));
                server.kill();
                log.info("killed with {} of {} committed", atKill, reports.size());
            }
            Duration startup = server.start().awaitReady(Duration.ofMinutes(2));
            long readyAt = System.nanoTime();
            try (Offsets offsets = new Offsets(bootstrap)) {
                long before = offsets.committed(Fleet.GROUP);
                Duration resumed = awaitProgress(offsets, before, Duration.ofSeconds(90));
                // stated bound: a restarted server takes its partitions back at once (static membership)
                assertThat(resumed).as("ingest resumed after the restart").isLessThan(Duration.ofSeconds(15));
                awaitCommitted(offsets, reports.size(), Duration.ofMinutes(5));
                Duration caughtUp = Duration.ofNanos(System.nanoTime() - readyAt);
                log.info(
                        "RESULT fault=kill-9-local restart={}s resumed-after-ready={}s all-ingested-after-ready={}s "
                                + "group={}",
                        startup.toMillis() / 1000.0,
                        resumed.toMillis() / 1000.0,
                        caughtUp.toMillis() / 1000.0,
                        offsets.state(Fleet.GROUP));
                assertThat(offsets.end(Fleet.DEAD_LETTER_TOPIC))
                        .as("nothing went to the dead-letter topic")
                        .isZero();
            }
            ReadModels.assertEqualToFreshReplay(server, fleet);
            server.stop();
            try (Connection store = DriverManager.getConnection(
                    "jdbc:h2:file:" + data.resolve("db/tracker") + ";ACCESS_MODE_DATA=r", "sa", "")) {
                Store.Count count = Store.count(
                        store, fleet, reports.stream().map(r -> reportId(r)).toList());
                log.info("RESULT fault=kill-9-local store {}", count);
                assertThat(count.exact()).as(count.toString()).isTrue();
            }
        }
    }

    static String reportId(ProducerRecord<String, byte[]> record) {
        try {
            return Fleet.MAPPER.readTree(record.value()).path("id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static long awaitCommitted(Offsets offsets, long atLeast, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        long committed = 0;
        while (System.nanoTime() < deadline) {
            try {
                committed = offsets.committed(Fleet.GROUP);
            } catch (Exception brokerNotBackYet) {
                committed = -1;
            }
            if (committed >= atLeast) {
                return committed;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the ingest group committed " + committed + " of " + atLeast + " within " + atMost
                + "; group " + safeState(offsets));
    }

    static Duration awaitProgress(Offsets offsets, long from, Duration atMost) throws Exception {
        long began = System.nanoTime();
        awaitCommitted(offsets, from + 1, atMost);
        return Duration.ofNanos(System.nanoTime() - began);
    }

    private static String safeState(Offsets offsets) {
        try {
            return offsets.state(Fleet.GROUP);
        } catch (Exception e) {
            return "unknown (" + e + ")";
        }
    }
}
