package org.swisscheese.tracker.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.Commands.ChangeLifecycle;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.RegisterSystem;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.SystemKind;

/**
 * How long it takes to load a system aggregate that is not in the cache: one with N events (with its snapshots,
 * then with them deleted) against a freshly registered one. Loading is forced by evicting the cache and sending a
 * command that changes nothing. Run with {@code ops/bench/snapshot-benchmark.sh}.
 */
@Component
@Profile("bench")
@ConditionalOnProperty(name = "bench.mode", havingValue = "snapshots")
public class SnapshotBenchmark implements CommandLineRunner {

    private static final Logger log = LoggerFactory.getLogger(SnapshotBenchmark.class);

    private final CommandGateway commands;
    private final Cache cache;
    private final JdbcClient jdbc;
    private final ConfigurableApplicationContext context;

    @Value("${bench.events:100000}")
    int events;

    public SnapshotBenchmark(
            CommandGateway commands, Cache aiSystemCache, JdbcClient jdbc, ConfigurableApplicationContext context) {
        this.commands = commands;
        this.cache = aiSystemCache;
        this.jdbc = jdbc;
        this.context = context;
    }

    @Override
    public void run(String... args) {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        SystemId busy = SystemId.of("busy-" + suffix);
        SystemId fresh = SystemId.of("fresh-" + suffix);
        for (SystemId id : List.of(busy, fresh)) {
            commands.sendAndWait(new RegisterSystem(
                    id, null, SystemKind.LANGUAGE_MODEL, "bench", null, null, null, SystemKind.LANGUAGE_MODEL));
        }
        long began = System.nanoTime();
        Instant start = Instant.now().minusSeconds(events);
        List<String> barriers = List.of("adversarial-training", "anomaly-monitor", "deployment-gate", "output-filter");
        for (int sent = 0; sent < events; ) {
            List<Report> batch = new ArrayList<>();
            for (int i = 0; i < 500 && sent < events; i++, sent++) {
                Instant at = start.plusSeconds(sent);
                batch.add(new Report(
                        UUID.randomUUID().toString(),
                        ReportType.TRIPPED,
                        barriers.get(sent % 4),
                        null,
                        at,
                        at,
                        "/bench",
                        null,
                        Map.of(),
                        null,
                        null,
                        null));
            }
            commands.sendAndWait(new RecordReports(busy, batch));
        }
        log.info("{} events written in {} s", events, String.format("%.1f", (System.nanoTime() - began) / 1e9));
        long snapshots = jdbc.sql("SELECT COUNT(*) FROM snapshotevententry WHERE aggregateidentifier = ?")
                .param(busy.value())
                .query(Long.class)
                .single();

        double freshMs = medianLoadMillis(fresh, 15);
        double snapshotMs = medianLoadMillis(busy, 15);
        jdbc.sql("DELETE FROM snapshotevententry WHERE aggregateidentifier = ?")
                .param(busy.value())
                .update();
        // one load only (a load takes no snapshot; a command that passes a multiple of the threshold would)
        double replayMs = medianLoadMillis(busy, 1);
        String summary = String.format(
                "RESULT events=%d snapshots-kept=%d load-fresh=%.1fms "
                        + "load-%dk-with-snapshot=%.1fms load-%dk-without-snapshot=%.1fms",
                events, snapshots, freshMs, events / 1000, snapshotMs, events / 1000, replayMs);
        log.info(summary);
        System.out.println(summary);
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    private double medianLoadMillis(SystemId id, int runs) {
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            cache.remove(id.value());
            long began = System.nanoTime();
            commands.sendAndWait(new ChangeLifecycle(id, Lifecycle.REGISTERED, "no change: forces a load"));
            millis[i] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.sort(millis);
        return millis[runs / 2];
    }
}
