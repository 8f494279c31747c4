package org.swisscheese.tracker.projection.statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How fast incidents were answered, fleet-wide and per system, from {@code stat_response}: the time to detect (first
 * report → the tracker opened the incident), to acknowledge, to contain (first held by a barrier: NEAR_MISS) and to
 * resolve (resolved by an analyst or gone quiet), each measured from the opening. Incidents marked not an incident are
 * left out (they were none) and only counted. The window takes the incidents that opened in it (by the opening
 * report's occurrence, as every other incident figure); their steps count whenever they happened. What is still
 * waiting is waiting at {@code asOf} (now).
 *
 * <p>The opening, acknowledgement, containment and closing are the tracker's clock (the events' timestamps and the
 * acts' {@code at}), so the response times are not moved by a late delivery or a source's clock. The first report is
 * the source's clock: a detection time below zero (a source clock ahead of the tracker's) counts as zero.
 */
@Component
public class ResponseTimes {

    /** {@code systemId}: one system's incidents only; {@code asOf}: the instant waits are measured to. */
    public record GetResponseTimes(Instant from, Instant to, String systemId, Instant asOf) {}

    /**
     * One step's times over the incidents that took it: {@code count}, median, 90th percentile (linear interpolation
     * between order statistics, R-7 as NumPy's default) and maximum, as ISO-8601 durations and in seconds (null
     * without a count). {@code waiting}: open incidents that have not taken the step yet, the longest of those waits
     * and its incident; {@code never}: incidents closed without taking it.
     */
    public record StepTimes(
            long count,
            String median,
            Double medianSeconds,
            String p90,
            Double p90Seconds,
            String max,
            Double maxSeconds,
            long waiting,
            String oldestWait,
            Double oldestWaitSeconds,
            String oldestWaitingIncident,
            long never) {}

    /**
     * The figures of a set of incidents ({@code systemId} null: the fleet, i.e. every incident the filter keeps).
     * {@code incidents}: the incidents counted; {@code notAnIncident}: those left out; {@code resolvedQuietly}: how
     * many of the resolved closed themselves by going quiet rather than by an analyst's postmortem.
     */
    public record ScopeTimes(
            String systemId,
            long incidents,
            long notAnIncident,
            StepTimes detect,
            StepTimes acknowledge,
            StepTimes contain,
            StepTimes resolve,
            long resolvedQuietly) {}

    public record ResponseTimesReport(
            Instant from, Instant to, String systemId, Instant asOf, ScopeTimes fleet, List<ScopeTimes> systems) {}

    /** One incident's instants, as stored. */
    record Row(
            String incidentId,
            String systemId,
            Instant firstReportAt,
            Instant openedAt,
            Instant acknowledgedAt,
            Instant containedAt,
            Instant closedAt,
            String closedAs) {
        boolean notAnIncident() {
            return BarrierStatisticsProjection.NOT_AN_INCIDENT.equals(closedAs);
        }
    }

    private final JdbcClient jdbc;

    public ResponseTimes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public ResponseTimesReport handle(GetResponseTimes query) {
        Instant asOf = query.asOf() == null ? Instant.now() : query.asOf();
        List<Row> rows = rows(query.from(), query.to(), query.systemId());
        Map<String, List<Row>> bySystem = new TreeMap<>();
        rows.forEach(r ->
                bySystem.computeIfAbsent(r.systemId(), s -> new ArrayList<>()).add(r));
        List<ScopeTimes> systems = new ArrayList<>();
        bySystem.forEach((system, its) -> systems.add(scope(system, its, asOf)));
        return new ResponseTimesReport(
                query.from(), query.to(), query.systemId(), asOf, scope(null, rows, asOf), systems);
    }

    static ScopeTimes scope(String systemId, List<Row> rows, Instant asOf) {
        List<Row> counted = rows.stream().filter(r -> !r.notAnIncident()).toList();
        return new ScopeTimes(
                systemId,
                counted.size(),
                rows.size() - counted.size(),
                step(counted, Row::firstReportAt, Row::openedAt, asOf, true),
                step(counted, Row::openedAt, Row::acknowledgedAt, asOf, false),
                step(counted, Row::openedAt, Row::containedAt, asOf, false),
                step(counted, Row::openedAt, Row::closedAt, asOf, false),
                counted.stream().filter(r -> "QUIET".equals(r.closedAs())).count());
    }

    /**
     * From {@code start} to {@code end} for every incident that took the step; the rest wait if still open, or never
     * took it. {@code always}: every incident has taken it (detection: it opened).
     */
    private static StepTimes step(
            List<Row> rows, Function<Row, Instant> start, Function<Row, Instant> end, Instant asOf, boolean always) {
        List<Double> took = new ArrayList<>();
        long waiting = 0;
        long never = 0;
        Row oldest = null;
        for (Row r : rows) {
            Instant done = end.apply(r);
            if (done != null) {
                took.add(seconds(start.apply(r), done));
            } else if (!always && r.closedAt() == null) {
                waiting++;
                if (oldest == null || r.openedAt().isBefore(oldest.openedAt())) {
                    oldest = r;
                }
            } else {
                never++;
            }
        }
        double[] values = took.stream().mapToDouble(Double::doubleValue).toArray();
        Double median = values.length == 0 ? null : percentile(values, 50);
        Double p90 = values.length == 0 ? null : percentile(values, 90);
        Double max = took.stream().max(Comparator.naturalOrder()).orElse(null);
        Double oldestWait = oldest == null ? null : seconds(oldest.openedAt(), asOf);
        return new StepTimes(
                values.length,
                iso(median),
                median,
                iso(p90),
                p90,
                iso(max),
                max,
                waiting,
                iso(oldestWait),
                oldestWait,
                oldest == null ? null : oldest.incidentId(),
                never);
    }

    /** Commons Math's percentile with linear interpolation between order statistics, to the millisecond. */
    private static double percentile(double[] values, double p) {
        return millis(new Percentile().withEstimationType(EstimationType.R_7).evaluate(values, p));
    }

    /** Seconds from one instant to a later one, to the millisecond; never below zero. */
    private static double seconds(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? 0 : millis(d.getSeconds() + d.getNano() / 1e9);
    }

    private static double millis(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static String iso(Double seconds) {
        return seconds == null
                ? null
                : Duration.ofMillis(Math.round(seconds * 1000)).toString();
    }

    private List<Row> rows(Instant from, Instant to, String systemId) {
        StringBuilder sql = new StringBuilder("SELECT incident_id, system_id, first_report_at, opened_at,"
                + " acknowledged_at, contained_at, closed_at, closed_as FROM stat_response WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" AND occurred_at < ?");
            params.add(to.atOffset(ZoneOffset.UTC));
        }
        if (systemId != null) {
            sql.append(" AND system_id = ?");
            params.add(systemId);
        }
        return jdbc.sql(sql.append(" ORDER BY incident_id").toString())
                .params(params)
                .query((rs, n) -> new Row(
                        rs.getString("incident_id"),
                        rs.getString("system_id"),
                        instant(rs.getObject("first_report_at", OffsetDateTime.class)),
                        instant(rs.getObject("opened_at", OffsetDateTime.class)),
                        instant(rs.getObject("acknowledged_at", OffsetDateTime.class)),
                        instant(rs.getObject("contained_at", OffsetDateTime.class)),
                        instant(rs.getObject("closed_at", OffsetDateTime.class)),
                        rs.getString("closed_as")))
                .list();
    }

    /** A nullable timestamp column as an instant (null stays null). */
    static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
