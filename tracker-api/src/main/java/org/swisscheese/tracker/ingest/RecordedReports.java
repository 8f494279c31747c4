package org.swisscheese.tracker.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;

/**
 * The identities (CloudEvents source + id) of every report a system has recorded, kept in the event store's
 * database and written in the same transaction as the events: a redelivery from any offset, however long after,
 * changes nothing. The system aggregate's own window of recent identities stays the fast path.
 */
public class RecordedReports {

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    public RecordedReports(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = JdbcClient.create(jdbcTemplate);
    }

    /** Which of these reports the system already recorded. */
    public Set<String> known(SystemId system, List<Report> reports) {
        Set<String> known = new HashSet<>();
        List<String> ids = reports.stream().map(Report::reportId).distinct().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            jdbc.sql("SELECT source, report_id FROM recorded_report WHERE system_id = :system"
                            + " AND report_id IN (:ids)")
                    .param("system", system.value())
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .query(rs -> {
                        String source = rs.getString("source");
                        known.add(Report.identity(source.isEmpty() ? null : source, rs.getString("report_id")));
                    });
        }
        return known;
    }

    /** Records these reports as recorded, in the current transaction: a clash means someone else did first. */
    public void remember(SystemId system, List<Report> reports) {
        if (reports.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (Report r : reports) {
            rows.add(new Object[] {system.value(), r.source() == null ? "" : r.source(), r.reportId()});
        }
        jdbcTemplate.batchUpdate("INSERT INTO recorded_report (system_id, source, report_id) VALUES (?, ?, ?)", rows);
    }
}
