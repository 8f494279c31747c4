package org.swisscheese.tracker.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh schema in the PostgreSQL server on 127.0.0.1:5432 (database {@code test}) for one test class, so runs
 * never see each other's events. {@code TRACKER_TEST_PG_URL} points elsewhere if needed.
 */
final class PostgresSchema {

    static final String URL =
            System.getenv().getOrDefault("TRACKER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("TRACKER_TEST_PG_USER", "postgres");

    private PostgresSchema() {}

    static String register(DynamicPropertyRegistry registry) {
        String schema = "it_" + Long.toString(Instant.now().getEpochSecond(), 36) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("db-scheduler.table-name", () -> "scheduled_tasks");
        dropThoseOfEarlierRuns();
        return schema;
    }

    private static boolean earlierRunsDropped;

    /**
     * Cached application contexts use their schema until the test JVM ends, later than any hook of ours could
     * safely drop it; so each run drops the schemas earlier runs left instead: those created more than
     * {@link #LEFT_BEHIND} ago (the time is in the name), never those of a run going on beside this one.
     */
    private static synchronized void dropThoseOfEarlierRuns() {
        if (earlierRunsDropped) {
            return;
        }
        earlierRunsDropped = true;
        try (Connection c = DriverManager.getConnection(URL, USER, "");
                var rs = c.createStatement()
                        .executeQuery(
                                "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'it\\_%'")) {
            List<String> stale = new ArrayList<>();
            while (rs.next()) {
                stale.add(rs.getString(1));
            }
            for (String schema : stale) {
                if (leftBehind(schema, Instant.now())) {
                    drop(schema);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + URL, e);
        }
    }

    static final Duration LEFT_BEHIND = Duration.ofHours(3);

    /** Whether {@code schema} is one of ours created before {@link #LEFT_BEHIND} (or named before names had a time). */
    static boolean leftBehind(String schema, Instant now) {
        String[] parts = schema.split("_");
        if (parts.length != 3) {
            return true;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(parts[1], 36)).isBefore(now.minus(LEFT_BEHIND));
        } catch (NumberFormatException e) {
            return true;
        }
    }

    static void drop(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
