package org.swisscheese.tracker.projection.statistics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.projection.statistics.Reliability.Pfd;

/** Barrier-effectiveness statistics for managers, computed from the barrier-statistics tables when asked. */
@Component
public class StatisticsQueries {

    public enum GroupBy { BARRIER, CATEGORY, KIND }

    public record GetBarrierStatistics(GroupBy groupBy, Instant from, Instant to) {
    }

    public record GetDepthDistribution(Instant from, Instant to) {
    }

    public record GetDependence(Instant from, Instant to) {
    }

    public record WeekCount(LocalDate week, long demands, long failures) {
    }

    public record GroupStatistics(String key, String systemId, String barrierId, String name, String category,
                                  String kind, long demands, long failures, double pfd, double pfdLower,
                                  double pfdUpper, double riskReductionFactor, Double availability,
                                  Double meanHoursBetweenBreaches, Double claimedPfd, boolean claimOutsideInterval,
                                  List<WeekCount> weeklyTrend) {
    }

    public record BarrierStatistics(GroupBy groupBy, Instant from, Instant to, List<GroupStatistics> groups) {
    }

    /** How many incidents got through how many barriers: the swiss-cheese picture. */
    public record DepthDistribution(Map<Integer, Long> fleet, Map<String, Map<Integer, Long>> bySystem,
                                    Map<String, Long> byOutcome) {
    }

    public record PathDependence(String systemId, String threatLine, String consequenceLine, List<String> barriers,
                                 long firstBarrierDemands, long fullFailures, double observedRate,
                                 double predictedByIndependence) {
    }

    /**
     * For two barriers of one line, A before B: how much more often B fails when A failed in the same incident
     * than B fails at all. Lift above 1 with an interval above 1: the holes line up (a common cause).
     */
    public record PairLift(String systemId, String first, String second, long bothDemanded, long secondFailed,
                           double lift, double lower, double upper, boolean holesLineUp) {
    }

    public record Dependence(List<PathDependence> paths, List<PairLift> pairs) {
    }

    private record Barrier(String systemId, String barrierId, String name, String category, String kind,
                           String lineId, int position, Double claimedPfd) {
    }

    private record Demand(String systemId, String barrierId, String incidentId, Instant at, boolean failed) {
    }

    private final JdbcClient jdbc;

    public StatisticsQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public BarrierStatistics handle(GetBarrierStatistics query) {
        Map<String, Barrier> barriers = barriers();
        List<Demand> demands = demands(query.from(), query.to());
        Map<String, List<Demand>> grouped = new TreeMap<>();
        for (Demand d : demands) {
            Barrier b = barriers.get(d.systemId() + "/" + d.barrierId());
            if (b == null) {
                continue; // a barrier since removed from the bow-tie
            }
            grouped.computeIfAbsent(key(query.groupBy(), b), k -> new ArrayList<>()).add(d);
        }
        if (query.groupBy() == GroupBy.BARRIER) {
            barriers.values().forEach(b -> grouped.putIfAbsent(key(GroupBy.BARRIER, b), new ArrayList<>()));
        }
        List<GroupStatistics> groups = new ArrayList<>();
        for (Map.Entry<String, List<Demand>> group : grouped.entrySet()) {
            List<Demand> ds = group.getValue();
            long failures = ds.stream().filter(Demand::failed).count();
            Pfd pfd = Reliability.jeffreys(ds.size(), failures);
            Barrier one = query.groupBy() == GroupBy.BARRIER ? barriers.get(group.getKey()) : null;
            String category = query.groupBy() == GroupBy.CATEGORY ? group.getKey() : one == null ? null
                    : one.category();
            String kind = query.groupBy() == GroupBy.KIND ? group.getKey() : one == null ? null : one.kind();
            Double claimed = one == null ? null : one.claimedPfd();
            groups.add(new GroupStatistics(group.getKey(), one == null ? null : one.systemId(),
                    one == null ? null : one.barrierId(), one == null ? group.getKey() : one.name(), category, kind,
                    pfd.demands(), pfd.failures(), pfd.estimate(), pfd.lower(), pfd.upper(),
                    pfd.riskReductionFactor(), one == null ? null : availability(one, query.from(), query.to()),
                    meanHoursBetweenFailures(ds), claimed, claimed != null && pfd.excludes(claimed),
                    weekly(ds)));
        }
        return new BarrierStatistics(query.groupBy(), query.from(), query.to(), groups);
    }

    @QueryHandler
    public DepthDistribution handle(GetDepthDistribution query) {
        Map<Integer, Long> fleet = new TreeMap<>();
        Map<String, Map<Integer, Long>> bySystem = new TreeMap<>();
        Map<String, Long> byOutcome = new TreeMap<>();
        jdbc.sql("SELECT system_id, breached_count, outcome, opened_at FROM stat_incident").query(rs -> {
            Instant opened = rs.getObject("opened_at", OffsetDateTime.class).toInstant();
            if (!within(opened, query.from(), query.to())) {
                return;
            }
            int depth = rs.getInt("breached_count");
            fleet.merge(depth, 1L, Long::sum);
            bySystem.computeIfAbsent(rs.getString("system_id"), s -> new TreeMap<>()).merge(depth, 1L, Long::sum);
            byOutcome.merge(rs.getString("outcome"), 1L, Long::sum);
        });
        return new DepthDistribution(fleet, bySystem, byOutcome);
    }

    @QueryHandler
    public Dependence handle(GetDependence query) {
        Map<String, Barrier> barriers = barriers();
        List<Demand> demands = demands(query.from(), query.to());
        Map<String, Pfd> pfds = new HashMap<>();
        Map<String, List<Demand>> byBarrier = new HashMap<>();
        demands.forEach(d -> byBarrier.computeIfAbsent(d.systemId() + "/" + d.barrierId(), k -> new ArrayList<>())
                .add(d));
        barriers.keySet().forEach(k -> {
            List<Demand> ds = byBarrier.getOrDefault(k, List.of());
            pfds.put(k, Reliability.jeffreys(ds.size(), ds.stream().filter(Demand::failed).count()));
        });
        Map<String, List<Barrier>> lines = new TreeMap<>();
        barriers.values().forEach(b -> lines.computeIfAbsent(b.systemId() + "/" + b.lineId(), k -> new ArrayList<>())
                .add(b));
        lines.values().forEach(l -> l.sort(Comparator.comparingInt(Barrier::position)));

        List<PathDependence> paths = new ArrayList<>();
        Map<String, Map<String, Long>> fullFailures = new HashMap<>();
        jdbc.sql("SELECT system_id, threat_line, consequence_line, opened_at FROM stat_incident"
                + " WHERE outcome = 'FULL_FAILURE'").query(rs -> {
            if (within(rs.getObject("opened_at", OffsetDateTime.class).toInstant(), query.from(), query.to())) {
                fullFailures.computeIfAbsent(rs.getString("system_id"), s -> new HashMap<>())
                        .merge(rs.getString("threat_line") + "|" + rs.getString("consequence_line"), 1L, Long::sum);
            }
        });
        Set<String> consequenceLines = consequenceLines();
        for (List<Barrier> threat : lines.values()) {
            for (List<Barrier> consequence : lines.values()) {
                Barrier t = threat.get(0);
                Barrier c = consequence.get(0);
                if (!t.systemId().equals(c.systemId()) || !isThreat(t, consequenceLines)
                        || isThreat(c, consequenceLines)) {
                    continue;
                }
                List<Barrier> path = new ArrayList<>(threat);
                path.addAll(consequence);
                double predicted = path.stream().mapToDouble(b -> pfds.get(key(GroupBy.BARRIER, b)).estimate())
                        .reduce(1, (x, y) -> x * y);
                long firstDemands = pfds.get(key(GroupBy.BARRIER, t)).demands();
                long observed = fullFailures.getOrDefault(t.systemId(), Map.of())
                        .getOrDefault(t.lineId() + "|" + c.lineId(), 0L);
                paths.add(new PathDependence(t.systemId(), t.lineId(), c.lineId(),
                        path.stream().map(Barrier::barrierId).toList(), firstDemands, observed,
                        firstDemands == 0 ? 0 : (double) observed / firstDemands, predicted));
            }
        }
        return new Dependence(paths, pairs(lines.values(), demands, pfds));
    }

    private List<PairLift> pairs(Iterable<List<Barrier>> lines, List<Demand> demands, Map<String, Pfd> pfds) {
        Map<String, Set<String>> failedIn = new HashMap<>();
        Map<String, Map<String, Boolean>> demandedIn = new HashMap<>();
        for (Demand d : demands) {
            if (d.incidentId() == null) {
                continue;
            }
            demandedIn.computeIfAbsent(d.incidentId(), i -> new HashMap<>()).merge(d.barrierId(), d.failed(),
                    Boolean::logicalOr);
            if (d.failed()) {
                failedIn.computeIfAbsent(d.incidentId(), i -> new HashSet<>()).add(d.barrierId());
            }
        }
        List<PairLift> pairs = new ArrayList<>();
        for (List<Barrier> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                for (int j = i + 1; j < line.size(); j++) {
                    Barrier first = line.get(i);
                    Barrier second = line.get(j);
                    long both = 0;
                    long secondFailed = 0;
                    for (Map.Entry<String, Map<String, Boolean>> incident : demandedIn.entrySet()) {
                        if (!incident.getKey().startsWith(first.systemId() + ".")) {
                            continue;
                        }
                        Map<String, Boolean> barriers = incident.getValue();
                        if (failedIn.getOrDefault(incident.getKey(), Set.of()).contains(first.barrierId())
                                && barriers.containsKey(second.barrierId())) {
                            both++;
                            if (barriers.get(second.barrierId())) {
                                secondFailed++;
                            }
                        }
                    }
                    if (both == 0) {
                        continue;
                    }
                    double marginal = pfds.get(key(GroupBy.BARRIER, second)).estimate();
                    Pfd conditional = Reliability.jeffreys(both, secondFailed);
                    double lower = conditional.lower() / marginal;
                    pairs.add(new PairLift(first.systemId(), first.barrierId(), second.barrierId(), both,
                            secondFailed, conditional.estimate() / marginal, lower, conditional.upper() / marginal,
                            lower > 1));
                }
            }
        }
        return pairs;
    }

    private static boolean isThreat(Barrier b, Set<String> consequenceLines) {
        return !Set.of("SELF_DECLARATION", "SAFETY_INTERLOCK", "OFF_SWITCH", "CORRIGIBILITY").contains(b.category())
                && !consequenceLines.contains(b.systemId() + "/" + b.lineId());
    }

    private Set<String> consequenceLines() {
        Set<String> lines = new HashSet<>();
        jdbc.sql("SELECT DISTINCT system_id, line_id FROM stat_barrier WHERE category IN"
                        + " ('SELF_DECLARATION', 'SAFETY_INTERLOCK', 'OFF_SWITCH', 'CORRIGIBILITY')")
                .query(rs -> {
                    lines.add(rs.getString(1) + "/" + rs.getString(2));
                });
        return lines;
    }

    private Double availability(Barrier b, Instant from, Instant to) {
        Instant end = to == null ? Instant.now() : to;
        Instant start = from;
        if (start == null) {
            start = jdbc.sql("SELECT MIN(occurred_at) FROM stat_demand WHERE system_id = ?").param(b.systemId())
                    .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant).orElse(null);
        }
        if (start == null || !end.isAfter(start)) {
            return null;
        }
        Instant windowStart = start;
        long[] outMillis = {0};
        jdbc.sql("SELECT began_at, ended_at FROM stat_outage WHERE system_id = ? AND barrier_id = ?")
                .param(b.systemId()).param(b.barrierId()).query(rs -> {
                    Instant began = rs.getObject("began_at", OffsetDateTime.class).toInstant();
                    OffsetDateTime endedAt = rs.getObject("ended_at", OffsetDateTime.class);
                    Instant ended = endedAt == null ? end : endedAt.toInstant();
                    Instant s = began.isBefore(windowStart) ? windowStart : began;
                    Instant e = ended.isAfter(end) ? end : ended;
                    if (e.isAfter(s)) {
                        outMillis[0] += Duration.between(s, e).toMillis();
                    }
                });
        return 1 - (double) outMillis[0] / Duration.between(start, end).toMillis();
    }

    private static Double meanHoursBetweenFailures(List<Demand> ds) {
        List<Instant> failures = ds.stream().filter(Demand::failed).map(Demand::at).sorted().toList();
        if (failures.size() < 2) {
            return null;
        }
        return Duration.between(failures.get(0), failures.get(failures.size() - 1)).toMillis()
                / 3_600_000.0 / (failures.size() - 1);
    }

    private static List<WeekCount> weekly(List<Demand> ds) {
        Map<LocalDate, long[]> weeks = new TreeMap<>();
        for (Demand d : ds) {
            LocalDate monday = d.at().atZone(ZoneOffset.UTC).toLocalDate()
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            long[] counts = weeks.computeIfAbsent(monday, w -> new long[2]);
            counts[0]++;
            if (d.failed()) {
                counts[1]++;
            }
        }
        List<WeekCount> trend = new ArrayList<>();
        weeks.forEach((week, counts) -> trend.add(new WeekCount(week, counts[0], counts[1])));
        return trend;
    }

    private static String key(GroupBy groupBy, Barrier b) {
        return switch (groupBy) {
            case BARRIER -> b.systemId() + "/" + b.barrierId();
            case CATEGORY -> b.category();
            case KIND -> b.kind();
        };
    }

    private Map<String, Barrier> barriers() {
        Map<String, Barrier> barriers = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM stat_barrier ORDER BY system_id, line_id, position").query(rs -> {
            Object claimed = rs.getObject("claimed_pfd");
            Barrier b = new Barrier(rs.getString("system_id"), rs.getString("barrier_id"), rs.getString("name"),
                    rs.getString("category"), rs.getString("system_kind"), rs.getString("line_id"),
                    rs.getInt("position"), claimed == null ? null : rs.getDouble("claimed_pfd"));
            barriers.put(b.systemId() + "/" + b.barrierId(), b);
        });
        return barriers;
    }

    private List<Demand> demands(Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("SELECT system_id, barrier_id, incident_id, occurred_at, failed"
                + " FROM stat_demand WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" AND occurred_at < ?");
            params.add(to.atOffset(ZoneOffset.UTC));
        }
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Demand(rs.getString("system_id"),
                rs.getString("barrier_id"), rs.getString("incident_id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getBoolean("failed"))).list();
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }
}
