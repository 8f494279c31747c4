package org.swisscheese.tracker.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts in the event store itself: every report produced must be recorded once, no report may have produced the
 * same kind of event twice, and no system's sequence may have a gap.
 */
final class Store {

    record Count(int produced, int recorded, int missing, int doubled, int gaps, long events) {

        boolean exact() {
            return recorded == produced && missing == 0 && doubled == 0 && gaps == 0;
        }

        @Override
        public String toString() {
            return "produced=" + produced + " recorded=" + recorded + " missing=" + missing + " doubled=" + doubled
                    + " gaps=" + gaps + " events=" + events;
        }
    }

    private Store() {}

    static Count count(Connection connection, Fleet fleet, List<String> producedReportIds) throws Exception {
        Set<String> recorded = new HashSet<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT report_id FROM recorded_report WHERE system_id LIKE ?")) {
            select.setString(1, fleet.prefix + "-%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    recorded.add(rows.getString(1));
                }
            }
        }
        Map<String, Integer> perReportAndType = new HashMap<>();
        Map<String, TreeMap<Long, Boolean>> sequences = new HashMap<>();
        long events = 0;
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT aggregateidentifier, sequencenumber, payloadtype, payload FROM domainevententry
                WHERE aggregateidentifier LIKE ?""")) {
            select.setString(1, fleet.prefix + "-%");
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events++;
                    sequences
                            .computeIfAbsent(rows.getString(1), k -> new TreeMap<>())
                            .put(rows.getLong(2), true);
                    JsonNode payload = Fleet.MAPPER.readTree(rows.getBytes(4));
                    String report = payload.path("reportId").asText(null);
                    if (report != null) {
                        perReportAndType.merge(report + "|" + rows.getString(3), 1, Integer::sum);
                    }
                }
            }
        }
        int missing = (int)
                producedReportIds.stream().filter(id -> !recorded.contains(id)).count();
        int doubled =
                (int) perReportAndType.values().stream().filter(n -> n > 1).count();
        int gaps = 0;
        for (TreeMap<Long, Boolean> sequence : sequences.values()) {
            if (sequence.firstKey() != 0 || sequence.lastKey() != sequence.size() - 1) {
                gaps++;
            }
        }
        return new Count(producedReportIds.size(), recorded.size(), missing, doubled, gaps, events);
    }
}
