package org.swisscheese.tracker.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
        // dropped when the test JVM ends: cached application contexts may use it until then
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                drop(schema);
            } catch (SQLException e) {
                System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
            }
        }));
        return schema;
    }

    static void drop(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
