package org.swisscheese.tracker.projection.board;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which of a system's open incidents its card lists (the {@code most} worst: highest severity, then smallest margin,
 * then newest) and which one sets each of its paths' live margin (the closest to harm on that path), asked of the
 * database for {@value #SYSTEMS_PER_STATEMENT} systems to a statement.
 * <p>
 * There are two ways of asking, with the same answers. {@link #windows} ranks the systems' open incidents with window
 * functions, which any SQL database runs (the local mode's H2). {@link #indexWalks}, on PostgreSQL, walks down the
 * indexes that keep each system's incidents in rank order ({@code V290}) and reads only the rows it returns: ranking
 * the fleet's open incidents took PostgreSQL a few hundred milliseconds on each read of the board.
 */
final class OpenIncidentRanks {

    /** Few enough that the walks' estimated cost stays below PostgreSQL's default for compiling a query (JIT). */
    static final int SYSTEMS_PER_STATEMENT = 100;

    /** One path's closest open incident: a missing line is {@code ""}. */
    record Closest(String systemId, String threatLine, String consequenceLine, String incidentId) {}

    /** A system's open incidents, and how many of them are at least as severe as asked. */
    record Counts(int open, int severe) {}

    private final JdbcClient jdbc;
    private final String worst;
    private final String closest;
    private final String counts;

    private OpenIncidentRanks(JdbcClient jdbc, String worst, String closest, String counts) {
        this.jdbc = jdbc;
        this.worst = worst;
        this.closest = closest;
        this.counts = counts;
    }

    /** The index walks on PostgreSQL, the window functions elsewhere. */
    static OpenIncidentRanks of(JdbcClient jdbc) {
        String product = jdbc.sql("SELECT 1").query((ResultSet rs) -> {
            rs.next();
            return rs.getStatement().getConnection().getMetaData().getDatabaseProductName();
        });
        return "PostgreSQL".equalsIgnoreCase(product) ? indexWalks(jdbc) : windows(jdbc);
    }

    static OpenIncidentRanks windows(JdbcClient jdbc) {
        return new OpenIncidentRanks(jdbc, """
                SELECT system_id, incident_id FROM (
                    SELECT system_id, incident_id, ROW_NUMBER() OVER (
                        PARTITION BY system_id ORDER BY severity DESC, margin, opened_at DESC, incident_id) AS n
                    FROM board_incident WHERE system_id IN (%s)) r
                WHERE n <= ?""", """
                SELECT system_id, threat_line, consequence_line, incident_id FROM (
                    SELECT system_id, threat_line, consequence_line, incident_id, ROW_NUMBER() OVER (
                        PARTITION BY system_id, threat_line, consequence_line
                        ORDER BY margin, severity DESC, opened_at, incident_id) AS n
                    FROM board_incident_path WHERE system_id IN (%s)) p
                WHERE n = 1""", """
                SELECT system_id, COUNT(*) AS open, SUM(CASE WHEN severity >= %2$d THEN 1 ELSE 0 END) AS severe
                FROM board_incident WHERE system_id IN (%1$s) GROUP BY system_id""");
    }

    static OpenIncidentRanks indexWalks(JdbcClient jdbc) {
        return new OpenIncidentRanks(
                jdbc,
                """
                SELECT s.system_id, w.incident_id
                FROM (VALUES %s) AS s (system_id)
                CROSS JOIN LATERAL (
                    SELECT incident_id FROM board_incident i WHERE i.system_id = s.system_id
                    ORDER BY severity DESC, margin, opened_at DESC, incident_id LIMIT ?) w""",
                // per system, from one path to the next (the first row of each is its closest incident): a step per
                // path, not a row per open incident
                """
                SELECT s.system_id, c.threat_line, c.consequence_line, c.incident_id
                FROM (VALUES %s) AS s (system_id)
                CROSS JOIN LATERAL (
                    WITH RECURSIVE path AS (
                        (SELECT threat_line, consequence_line, incident_id FROM board_incident_path p
                         WHERE p.system_id = s.system_id
                         ORDER BY threat_line, consequence_line, margin, severity DESC, opened_at, incident_id LIMIT 1)
                        UNION ALL
                        SELECT n.threat_line, n.consequence_line, n.incident_id FROM path
                        CROSS JOIN LATERAL (
                            SELECT threat_line, consequence_line, incident_id FROM board_incident_path p
                            WHERE p.system_id = s.system_id
                              AND (p.threat_line, p.consequence_line) > (path.threat_line, path.consequence_line)
                            ORDER BY threat_line, consequence_line, margin, severity DESC, opened_at, incident_id
                            LIMIT 1) n)
                    SELECT threat_line, consequence_line, incident_id FROM path) c""",
                // per system: an IN list of many systems would have each statement read the whole table
                """
                SELECT s.system_id, c.open, c.severe
                FROM (VALUES %1$s) AS s (system_id)
                CROSS JOIN LATERAL (
                    SELECT COUNT(*) AS open, SUM(CASE WHEN severity >= %2$d THEN 1 ELSE 0 END) AS severe
                    FROM board_incident i WHERE i.system_id = s.system_id) c
                WHERE c.open > 0""");
    }

    /** Per system (those with open incidents), its {@code most} worst open incidents, the worst first. */
    Map<String, List<String>> worst(List<String> systems, int most) {
        Map<String, List<String>> listed = new LinkedHashMap<>();
        for (List<String> some : chunks(systems)) {
            List<Object> params = new ArrayList<>(some);
            params.add(most);
            jdbc.sql(worst.formatted(placeholders(some))).params(params).query(rs -> {
                listed.computeIfAbsent(rs.getString("system_id"), k -> new ArrayList<>())
                        .add(rs.getString("incident_id"));
            });
        }
        return listed;
    }

    /** Per path of these systems that has open incidents, the closest to harm. */
    List<Closest> closest(List<String> systems) {
        List<Closest> found = new ArrayList<>();
        for (List<String> some : chunks(systems)) {
            jdbc.sql(closest.formatted(placeholders(some)))
                    .params(List.copyOf(some))
                    .query(rs -> {
                        found.add(new Closest(
                                rs.getString("system_id"),
                                rs.getString("threat_line"),
                                rs.getString("consequence_line"),
                                rs.getString("incident_id")));
                    });
        }
        return found;
    }

    /** Per system (those with open incidents), how many are open and how many of them at least {@code severity}. */
    Map<String, Counts> counts(List<String> systems, int severity) {
        Map<String, Counts> found = new LinkedHashMap<>();
        for (List<String> some : chunks(systems)) {
            // the severity is a number of the domain's, written into the statement
            jdbc.sql(counts.formatted(placeholders(some), severity))
                    .params(List.copyOf(some))
                    .query(rs -> {
                        found.put(rs.getString("system_id"), new Counts(rs.getInt("open"), rs.getInt("severe")));
                    });
        }
        return found;
    }

    private String placeholders(List<String> some) {
        // a VALUES list of one-column rows for the walks, an IN list for the windows: "(?), (?)" fits both
        return String.join(", ", Collections.nCopies(some.size(), "(?)"));
    }

    private static List<List<String>> chunks(List<String> systems) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < systems.size(); from += SYSTEMS_PER_STATEMENT) {
            chunks.add(systems.subList(from, Math.min(systems.size(), from + SYSTEMS_PER_STATEMENT)));
        }
        return chunks;
    }
}
