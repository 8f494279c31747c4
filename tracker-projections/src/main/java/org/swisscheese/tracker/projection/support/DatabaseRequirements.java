package org.swisscheese.tracker.projection.support;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;

/**
 * The read models write some rows with SQL {@code MERGE} ({@link BatchWrites}), which PostgreSQL has from version 15
 * on: an older server would refuse those statements, and every report would be parked. The tracker does not start on
 * one. A database that cannot be asked at start-up is let be (its version is asked again at the next start).
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseRequirements {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRequirements.class);

    /** The oldest PostgreSQL with {@code MERGE}. */
    static final int OLDEST_POSTGRESQL = 15;

    DatabaseRequirements(DataSource dataSource) {
        String product;
        int major;
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData database = connection.getMetaData();
            product = database.getDatabaseProductName();
            major = database.getDatabaseMajorVersion();
        } catch (SQLException e) {
            log.warn(
                    "could not ask the database for its version ({}); PostgreSQL must be {} or newer",
                    e,
                    OLDEST_POSTGRESQL);
            return;
        }
        require(product, major);
    }

    /** Refuses a PostgreSQL older than {@value #OLDEST_POSTGRESQL}; any other database is taken as it is. */
    static void require(String product, int major) {
        if ("PostgreSQL".equalsIgnoreCase(product) && major < OLDEST_POSTGRESQL) {
            throw new IllegalStateException("PostgreSQL " + major + " is too old for the tracker: its read models need "
                    + "PostgreSQL " + OLDEST_POSTGRESQL + " or newer (SQL MERGE)");
        }
    }
}
