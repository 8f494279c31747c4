package org.swisscheese.tracker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.Step;

/**
 * One report from production, independent of the wire it came over. {@code reportId} is the CloudEvents
 * {@code id} and {@code source} its {@code source}: together they identify the report, so a redelivered report is
 * recognised. {@code occurredAt} is when it happened at the source, {@code receivedAt} when the tracker received
 * it. {@code test} marks a proof test (a drill) of the barrier: not a demand. {@code attributes} are kept in key
 * order: the same report is then stored as the same bytes by every JVM (the iteration order of {@code Map.copyOf}
 * changes from one JVM to the next), and stored bytes are what the stream's hash chain covers. {@code change}: what an
 * {@code ai.system.changed} rolled out (null for every other type, and then left out of the stored JSON, so reports
 * stored before it existed are stored as they were).
 */
public record Report(
        String reportId,
        ReportType type,
        String barrierId,
        String chainId,
        Instant occurredAt,
        Instant receivedAt,
        String source,
        String detail,
        Map<String, Object> attributes,
        Double score,
        Double threshold,
        String consequenceLine,
        boolean test,
        @JsonInclude(JsonInclude.Include.NON_NULL) SystemChange change) {

    public Report {
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        receivedAt = receivedAt == null ? occurredAt : receivedAt;
        // Map.copyOf first: a null key or value is still refused, as before
        attributes = attributes == null
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(attributes)));
    }

    public Report(
            String reportId,
            ReportType type,
            String barrierId,
            String chainId,
            Instant occurredAt,
            Instant receivedAt,
            String source,
            String detail,
            Map<String, Object> attributes,
            Double score,
            Double threshold,
            String consequenceLine,
            boolean test) {
        this(
                reportId,
                type,
                barrierId,
                chainId,
                occurredAt,
                receivedAt,
                source,
                detail,
                attributes,
                score,
                threshold,
                consequenceLine,
                test,
                null);
    }

    public Report(
            String reportId,
            ReportType type,
            String barrierId,
            String chainId,
            Instant occurredAt,
            Instant receivedAt,
            String source,
            String detail,
            Map<String, Object> attributes,
            Double score,
            Double threshold,
            String consequenceLine) {
        this(
                reportId,
                type,
                barrierId,
                chainId,
                occurredAt,
                receivedAt,
                source,
                detail,
                attributes,
                score,
                threshold,
                consequenceLine,
                false);
    }

    public Report withBarrier(String barrierId) {
        return new Report(
                reportId,
                type,
                barrierId,
                chainId,
                occurredAt,
                receivedAt,
                source,
                detail,
                attributes,
                score,
                threshold,
                consequenceLine,
                test,
                change);
    }

    /** What makes a report the same report when it comes again: its CloudEvents {@code source} and {@code id}. */
    public String identity() {
        return identity(source, reportId);
    }

    public static String identity(String source, String reportId) {
        return (source == null ? "" : source) + " " + reportId;
    }

    public Step toStep(long arrival) {
        return new Step(reportId, type, barrierId, occurredAt, arrival, consequenceLine);
    }
}
