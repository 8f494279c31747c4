package org.swisscheese.tracker.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh schema in the PostgreSQL server on 127.0.0.1:5432 (database {@code test}) for one test class, so runs
 * never see each other's events. {@code TRACKER_TEST_PG_URL} points elsewhere if needed.
 */
final class PostgresSchema {

    static final String URL = System.getenv().getOrDefault("TRACKER_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("TRACKER_TEST_PG_USER", "postgres");

    private PostgresSchema() {
    }

    static String register(DynamicPropertyRegistry registry) {
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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
     * safely drop it; so each run drops the schemas the previous runs left instead.
     */
    private static synchronized void dropThoseOfEarlierRuns() {
        if (earlierRunsDropped) {
            return;
        }
        earlierRunsDropped = true;
        try (Connection c = DriverManager.getConnection(URL, USER, "");
             var rs = c.createStatement().executeQuery(
                     "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'it\\_%'")) {
            List<String> stale = new ArrayList<>();
            while (rs.next()) {
                stale.add(rs.getString(1));
            }
            for (String schema : stale) {
                drop(schema);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + URL, e);
        }
    }

    static void drop(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
