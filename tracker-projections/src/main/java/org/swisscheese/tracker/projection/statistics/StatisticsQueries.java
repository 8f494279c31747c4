package org.swisscheese.tracker.projection.statistics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.util.function.Function;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.domain.BarrierCondition;
import org.swisscheese.tracker.domain.BarrierCondition.Fact;
import org.swisscheese.tracker.domain.BarrierCondition.Interval;
import org.swisscheese.tracker.domain.reliability.Availability;
import org.swisscheese.tracker.domain.reliability.ClaimVerdict;
import org.swisscheese.tracker.domain.reliability.Dependence;
import org.swisscheese.tracker.domain.reliability.Outage;
import org.swisscheese.tracker.domain.reliability.PairTable;
import org.swisscheese.tracker.domain.reliability.PathIndependence;
import org.swisscheese.tracker.domain.reliability.PfdEstimate;
import org.swisscheese.tracker.domain.reliability.TimeBetweenFailures;
import org.swisscheese.tracker.domain.reliability.Trend;
import org.swisscheese.tracker.domain.reliability.WeekCount;
import org.swisscheese.tracker.projection.support.BarrierFacts;
import org.swisscheese.tracker.projection.support.SystemScope;

/**
 * Barrier-effectiveness statistics for managers (DESIGN §5), computed when asked from the barrier-statistics tables
 * with the domain's reliability arithmetic. A demand counts for the barrier version (and so the category) in force
 * when it occurred; removed barriers keep their figures.
 */
@Component
public class StatisticsQueries {

    public enum GroupBy {
        BARRIER,
        VERSION,
        CATEGORY,
        KIND
    }

    /**
     * Every group by its key ({@code size} null), or one page of them: {@code size} groups from the {@code page}-th
     * (from 0), the most demanded first, then the most silently passed, then by key (as the web app lists them). Only
     * the page's groups are worked out.
     */
    public record GetBarrierStatistics(
            GroupBy groupBy, Instant from, Instant to, String systemId, Integer page, Integer size) {
        public GetBarrierStatistics(GroupBy groupBy, Instant from, Instant to, String systemId) {
            this(groupBy, from, to, systemId, null, null);
        }
    }

    /** {@code systemId}: one system's incidents only; {@code null}: the whole fleet's. */
    public record GetDepthDistribution(Instant from, Instant to, String systemId) {}

    public record GetDependence(Instant from, Instant to, String systemId) {}

    public record ProofTests(long count, long failures, Instant last, Double hoursSinceLast) {}

    /**
     * One group's figures. D and F are reported demands only; S (silent passes: incidents that got past the barrier
     * with no report about it) stands beside them and is never folded into D. {@code removed}: no version of it is
     * in any bow-tie now.
     */
    public record GroupStatistics(
            String key,
            String systemId,
            String barrierId,
            Integer version,
            String name,
            String category,
            String kind,
            Boolean acting,
            boolean removed,
            long demands,
            long failures,
            long silentPasses,
            PfdEstimate pfd,
            Double claimedPfd,
            ClaimVerdict claim,
            Double availability,
            Double exposureHours,
            TimeBetweenFailures timeBetweenFailures,
            List<WeekCount> weeklyTrend,
            Trend trend,
            ProofTests proofTests,
            List<TrendChange> changes) {}

    /**
     * A rollout ({@code ai.system.changed}) of a system of the group within the weeks of its trend, with the week it
     * fell in ({@code weekStart}), so a chart marks the weeks where something changed before things broke.
     */
    public record TrendChange(
            LocalDate weekStart,
            String systemId,
            String kind,
            String version,
            String description,
            Instant occurredAt) {}

    /** {@code total}: how many groups there are in all; {@code page} and {@code size}: the page asked for, if any. */
    public record BarrierStatistics(
            GroupBy groupBy,
            Instant from,
            Instant to,
            List<GroupStatistics> groups,
            int total,
            Integer page,
            Integer size) {}

    /** How many incidents got through how many barriers (path length − margin): the swiss-cheese picture. */
    public record DepthDistribution(
            Map<Integer, Long> fleet,
            Map<String, Map<Integer, Long>> bySystem,
            Map<String, Map<Integer, Long>> byOutcome) {}

    /** A path: the full-failure share of its incidents against what independent barriers predict. */
    public record PathDependence(
            String systemId,
            String threatLine,
            String consequenceLine,
            List<String> barriers,
            List<String> demandedActingBarriers,
            PathIndependence independence) {}

    /** A pair of barriers on one path, A met before B: does B fail more often when A failed in the same incident? */
    public record PairDependence(
            String systemId, String first, String second, Dependence dependence, double qValue, boolean holesLineUp) {}

    public record DependenceReport(List<PathDependence> paths, List<PairDependence> pairs) {}

    /** One version of one barrier and when it stood in the bow-tie. */
    record Version(
            String systemId,
            String barrierId,
            int version,
            String name,
            String category,
            boolean acting,
            String kind,
            String lineId,
            String side,
            int position,
            Double claimedPfd,
            Instant since,
            Instant until) {
        String barrierKey() {
            return systemId + "/" + barrierId;
        }

        boolean inForceAt(Instant at) {
            return !at.isBefore(since) && (until == null || at.isBefore(until));
        }

        /** Whether this version was in force at some moment from {@code first} to {@code last}, both included. */
        boolean standsWithin(Instant first, Instant last) {
            return !last.isBefore(since) && (until == null || first.isBefore(until));
        }
    }

    record Demand(String systemId, String barrierId, int version, String incidentId, Instant at, boolean failed) {
        String barrierKey() {
            return systemId + "/" + barrierId;
        }
    }

    private final JdbcClient jdbc;

    /**
     * Jeffreys estimates by demands and failures. Each takes three root findings of a Beta quantile, and the fleet's
     * statistics ask for one per group on every request, though most groups' counts have not moved since the last.
     */
    private final Cache<List<Long>, PfdEstimate> estimates =
            Caffeine.newBuilder().maximumSize(20_000).build();

    private final BarrierFacts facts;

    public StatisticsQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.facts = new BarrierFacts(jdbc, "stat_fact");
    }

    @QueryHandler
    public BarrierStatistics handle(GetBarrierStatistics query) {
        Instant to = untilNow(query.to());
        Versions versions = versions(query.systemId());
        Map<String, Version> versionByKey = versions.byKey();
        Function<Version, String> keyOf = v -> groupOf(query.groupBy(), v);
        Map<String, List<Version>> members = versions.members(query.groupBy());
        Map<String, TreeMap<LocalDate, long[]>> demands = new HashMap<>();
        for (WeeklyDemands w : weeklyDemands(query.from(), to, query.systemId())) {
            Version v = versionByKey.get(w.barrierKey() + "#" + w.version());
            if (v != null) {
                long[] counts = demands.computeIfAbsent(keyOf.apply(v), k -> new TreeMap<>())
                        .computeIfAbsent(w.week(), k -> new long[2]);
                counts[0] += w.demands();
                counts[1] += w.failures();
            }
        }
        Map<String, Long> silent = silentPasses(query.from(), to, versions, keyOf, query.systemId());
        List<String> keys = keysOf(query, members.keySet(), demands, silent);
        SystemScope systems = scopeOf(query, keys, members);
        Map<String, List<ProofTest>> proofTests = new HashMap<>();
        proofTests(query.from(), to, systems).forEach(p -> {
            Version v = versionByKey.get(p.barrierKey() + "#" + p.version());
            if (v != null) {
                proofTests
                        .computeIfAbsent(keyOf.apply(v), k -> new ArrayList<>())
                        .add(p);
            }
        });
        Set<String> current = versions.current();
        Instant from = query.from() != null
                ? query.from()
                : java.util.Optional.ofNullable(versions.firstSince())
                        .filter(first -> first.isBefore(to)) // a window that ends before any barrier stood is empty
                        .orElse(to);
        Map<String, Map<String, List<Fact>>> factsBySystem = facts.bySystem(systems);
        Map<String, List<TrendChange>> changes = changes(query.from(), to, systems);

        List<GroupStatistics> groups = new ArrayList<>();
        for (String key : keys) {
            Map.Entry<String, List<Version>> group = Map.entry(key, members.get(key));
            List<Version> vs = group.getValue();
            Version latest =
                    vs.stream().max(Comparator.comparing(Version::since)).orElseThrow();
            TreeMap<LocalDate, long[]> ds = demands.getOrDefault(group.getKey(), new TreeMap<>());
            long failures = ds.values().stream().mapToLong(c -> c[1]).sum();
            PfdEstimate pfd = jeffreys(ds.values().stream().mapToLong(c -> c[0]).sum(), failures);
            Duration exposure = Duration.ZERO;
            Duration inService = Duration.ZERO;
            for (Version v : vs) {
                Map<String, List<Fact>> systemFacts = factsBySystem.getOrDefault(v.systemId(), Map.of());
                Availability a = Availability.over(
                        from, to, v.since(), v.until(), outages(systemFacts.getOrDefault(v.barrierId(), List.of())));
                exposure = exposure.plus(a.exposure());
                inService = inService.plus(a.inService());
            }
            boolean one = query.groupBy() == GroupBy.BARRIER || query.groupBy() == GroupBy.VERSION;
            Double claimed = one ? latest.claimedPfd() : null;
            List<TrendChange> rollouts = changesOf(vs, changes);
            List<WeekCount> weeks = weekly(ds, rollouts);
            List<ProofTest> tests = proofTests.getOrDefault(group.getKey(), List.of());
            groups.add(new GroupStatistics(
                    group.getKey(),
                    one ? latest.systemId() : null,
                    one ? latest.barrierId() : null,
                    query.groupBy() == GroupBy.VERSION ? latest.version() : null,
                    one ? latest.name() : group.getKey(),
                    query.groupBy() == GroupBy.KIND ? null : latest.category(),
                    query.groupBy() == GroupBy.CATEGORY ? null : latest.kind(),
                    one ? latest.acting() : null,
                    one && !current.contains(latest.barrierKey()),
                    pfd.demands(),
                    pfd.failures(),
                    silent.getOrDefault(group.getKey(), 0L),
                    pfd,
                    claimed,
                    claimed == null ? null : pfd.judge(claimed),
                    exposure.isZero() ? null : seconds(inService) / seconds(exposure),
                    hours(exposure),
                    TimeBetweenFailures.of(exposure, failures),
                    weeks,
                    Trend.cochranArmitage(weeks),
                    proofTestsOf(tests, to),
                    rollouts));
        }
        return new BarrierStatistics(
                query.groupBy(), query.from(), query.to(), groups, members.size(), query.page(), query.size());
    }

    /**
     * The groups to work out, in the answer's order: every one by key, or the page asked for in the order of its
     * demands, then its silent passes (both descending), then its key. Counting them is cheap; the figures are not.
     */
    private static List<String> keysOf(
            GetBarrierStatistics query,
            Set<String> byKey,
            Map<String, TreeMap<LocalDate, long[]>> demands,
            Map<String, Long> silent) {
        if (query.size() == null) {
            return List.copyOf(byKey);
        }
        // each group's rank worked out once (80,000 groups with 10,000 systems), then sorted
        record Rank(String key, long demands, long silent) {}
        List<Rank> ranks = new ArrayList<>(byKey.size());
        for (String key : byKey) {
            TreeMap<LocalDate, long[]> weeks = demands.get(key);
            long demanded = 0;
            if (weeks != null) {
                for (long[] counts : weeks.values()) {
                    demanded += counts[0];
                }
            }
            ranks.add(new Rank(key, demanded, silent.getOrDefault(key, 0L)));
        }
        ranks.sort(Comparator.comparingLong(Rank::demands)
                .reversed()
                .thenComparing(Comparator.comparingLong(Rank::silent).reversed())
                .thenComparing(Rank::key));
        List<String> ordered = ranks.stream().map(Rank::key).toList();
        int page = query.page() == null ? 0 : query.page();
        long first = (long) page * query.size();
        if (first >= ordered.size()) {
            return List.of();
        }
        return ordered.subList((int) first, (int) Math.min(ordered.size(), first + query.size()));
    }

    /**
     * A page of barriers or versions reads its systems' facts, proof tests and rollouts, and silent passes are read one
     * by one for the systems that need it, naming the systems; for more than this many, the fleet's are read.
     */
    private static final int MOST_SYSTEMS_NAMED = 1000;

    /**
     * Whose facts, proof tests and rollouts the groups to work out need: the system asked about, the systems behind a
     * page (with 10,000 systems a page of 200 barriers needs at most 200 systems' rows, not 10,000's), or the fleet.
     */
    private static SystemScope scopeOf(
            GetBarrierStatistics query, List<String> keys, Map<String, List<Version>> members) {
        if (query.systemId() != null || query.size() == null) {
            return SystemScope.of(query.systemId());
        }
        Set<String> systems = new HashSet<>();
        for (String key : keys) {
            members.get(key).forEach(v -> systems.add(v.systemId()));
            if (systems.size() > MOST_SYSTEMS_NAMED) {
                return SystemScope.FLEET;
            }
        }
        return SystemScope.of(systems);
    }

    @QueryHandler
    public DepthDistribution handle(GetDepthDistribution query) {
        Map<Integer, Long> fleet = new TreeMap<>();
        Map<String, Map<Integer, Long>> bySystem = new TreeMap<>();
        Map<String, Map<Integer, Long>> byOutcome = new TreeMap<>();
        String oneSystem = query.systemId() == null ? "" : " WHERE system_id = ?";
        jdbc.sql("SELECT system_id, path_length, margin, outcome, opened_at FROM stat_incident" + oneSystem)
                .params(query.systemId() == null ? List.of() : List.of(query.systemId()))
                .query(rs -> {
                    Instant opened =
                            rs.getObject("opened_at", OffsetDateTime.class).toInstant();
                    if (!within(opened, query.from(), query.to())) {
                        return;
                    }
                    int passed = rs.getInt("path_length") - rs.getInt("margin");
                    fleet.merge(passed, 1L, Long::sum);
                    bySystem.computeIfAbsent(rs.getString("system_id"), s -> new TreeMap<>())
                            .merge(passed, 1L, Long::sum);
                    byOutcome
                            .computeIfAbsent(rs.getString("outcome"), s -> new TreeMap<>())
                            .merge(passed, 1L, Long::sum);
                });
        return new DepthDistribution(fleet, bySystem, byOutcome);
    }

    @QueryHandler
    public DependenceReport handle(GetDependence query) {
        Instant to = untilNow(query.to());
        List<Version> current = versions(query.systemId()).all().stream()
                .filter(v -> v.until() == null)
                .toList();
        List<Demand> demands = demands(query.from(), to, query.systemId());
        Map<String, List<Demand>> byBarrier = new HashMap<>();
        demands.forEach(d -> byBarrier
                .computeIfAbsent(d.barrierKey(), k -> new ArrayList<>())
                .add(d));
        Map<String, PfdEstimate> pfds = new HashMap<>();
        current.forEach(v -> {
            List<Demand> ds = byBarrier.getOrDefault(v.barrierKey(), List.of());
            pfds.put(
                    v.barrierKey(),
                    jeffreys(ds.size(), ds.stream().filter(Demand::failed).count()));
        });
        // lines of each system, their barriers in order; the side is what the bow-tie says, never guessed
        Map<String, Map<String, List<Version>>> lines = new TreeMap<>();
        Map<String, String> sideOf = new HashMap<>();
        for (Version v : current) {
            lines.computeIfAbsent(v.systemId(), s -> new TreeMap<>())
                    .computeIfAbsent(v.lineId(), l -> new ArrayList<>())
                    .add(v);
            sideOf.put(v.systemId() + "/" + v.lineId(), v.side());
        }
        lines.values()
                .forEach(byLine -> byLine.values().forEach(l -> l.sort(Comparator.comparingInt(Version::position))));
        Map<String, long[]> pathCounts = new HashMap<>();
        jdbc.sql("SELECT system_id, threat_line, consequence_line, outcome, opened_at FROM stat_incident")
                .query(rs -> {
                    if (within(rs.getObject("opened_at", OffsetDateTime.class).toInstant(), query.from(), to)) {
                        long[] counts = pathCounts.computeIfAbsent(
                                rs.getString("system_id") + "|" + rs.getString("threat_line") + "|"
                                        + rs.getString("consequence_line"),
                                k -> new long[2]);
                        counts[0]++;
                        if ("FULL_FAILURE".equals(rs.getString("outcome"))) {
                            counts[1]++;
                        }
                    }
                });
        List<PathDependence> paths = new ArrayList<>();
        List<List<Version>> pathBarriers = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Version>>> system : lines.entrySet()) {
            List<String> threats = new ArrayList<>();
            List<String> consequences = new ArrayList<>();
            system.getValue()
                    .keySet()
                    .forEach(l ->
                            (sideOf.get(system.getKey() + "/" + l).equals("THREAT") ? threats : consequences).add(l));
            List<String> threatOrNone = threats.isEmpty() ? java.util.Collections.singletonList(null) : threats;
            List<String> consequenceOrNone =
                    consequences.isEmpty() ? java.util.Collections.singletonList(null) : consequences;
            for (String t : threatOrNone) {
                for (String c : consequenceOrNone) {
                    List<Version> path = new ArrayList<>();
                    if (t != null) {
                        path.addAll(system.getValue().get(t));
                    }
                    if (c != null) {
                        path.addAll(system.getValue().get(c));
                    }
                    pathBarriers.add(path);
                    List<Version> demanded = path.stream()
                            .filter(Version::acting)
                            .filter(v -> pfds.get(v.barrierKey()).demands() > 0)
                            .toList();
                    long[] counts = pathCounts.getOrDefault(system.getKey() + "|" + t + "|" + c, new long[2]);
                    paths.add(new PathDependence(
                            system.getKey(),
                            t,
                            c,
                            path.stream().map(Version::barrierId).toList(),
                            demanded.stream().map(Version::barrierId).toList(),
                            PathIndependence.of(
                                    demanded.stream()
                                            .map(v -> pfds.get(v.barrierKey()).estimate())
                                            .toList(),
                                    counts[1],
                                    counts[0])));
                }
            }
        }
        return new DependenceReport(paths, pairs(pathBarriers, demands));
    }

    /**
     * Every pair of barriers met one after the other on some path (threat and consequence side alike), from the
     * incidents that demanded both; the p-values are corrected for the number of pairs tested (Benjamini–Hochberg).
     */
    private List<PairDependence> pairs(List<List<Version>> paths, List<Demand> demands) {
        Map<String, Map<String, Boolean>> failedIn = new HashMap<>();
        for (Demand d : demands) {
            if (d.incidentId() != null) {
                failedIn.computeIfAbsent(d.incidentId(), i -> new HashMap<>())
                        .merge(d.barrierKey(), d.failed(), Boolean::logicalOr);
            }
        }
        Map<String, Version[]> pairs = new LinkedHashMap<>();
        for (List<Version> path : paths) {
            for (int i = 0; i < path.size(); i++) {
                for (int j = i + 1; j < path.size(); j++) {
                    pairs.putIfAbsent(
                            path.get(i).barrierKey() + ">" + path.get(j).barrierKey(),
                            new Version[] {path.get(i), path.get(j)});
                }
            }
        }
        List<Version[]> tested = new ArrayList<>();
        List<PairTable> tables = new ArrayList<>();
        for (Version[] pair : pairs.values()) {
            int a = 0;
            int b = 0;
            int c = 0;
            int d = 0;
            for (Map<String, Boolean> incident : failedIn.values()) {
                Boolean first = incident.get(pair[0].barrierKey());
                Boolean second = incident.get(pair[1].barrierKey());
                if (first == null || second == null) {
                    continue;
                }
                if (first) {
                    if (second) {
                        a++;
                    } else {
                        b++;
                    }
                } else if (second) {
                    c++;
                } else {
                    d++;
                }
            }
            if (a + b + c + d > 0) {
                tested.add(pair);
                tables.add(new PairTable(a, b, c, d));
            }
        }
        List<Dependence.Screened> screened = Dependence.screen(tables);
        List<PairDependence> result = new ArrayList<>();
        for (int i = 0; i < tested.size(); i++) {
            Dependence.Screened s = screened.get(i);
            result.add(new PairDependence(
                    tested.get(i)[0].systemId(),
                    tested.get(i)[0].barrierId(),
                    tested.get(i)[1].barrierId(),
                    s.dependence(),
                    s.qValue(),
                    s.holesLineUp()));
        }
        return result;
    }

    private PfdEstimate jeffreys(long demands, long failures) {
        return estimates.get(List.of(demands, failures), key -> PfdEstimate.jeffreys(demands, failures));
    }

    // --- reading the tables ----------------------------------------------------------------------------------

    /**
     * The barrier versions of one system, or of the fleet (null). The fleet's are kept while the table's revision
     * stays the same: they change with registrations and revised bow-ties, not with the stream of reports, and with
     * 10,000 systems reading them took more than half a second of every fleet-wide read.
     */
    private Versions versions(String systemId) {
        if (systemId != null) {
            return new Versions(readVersions(systemId));
        }
        // the revision before the versions: a change committed in between leaves a newer table under an older
        // revision, read again next time, never an older table under a newer one
        long revision = jdbc.sql("SELECT revision FROM stat_barrier_revision WHERE id = 1")
                .query(Long.class)
                .single();
        FleetVersions kept = fleetVersions;
        if (kept != null && kept.revision() == revision) {
            return kept.versions();
        }
        Versions read = new Versions(readVersions(null));
        fleetVersions = new FleetVersions(revision, read);
        return read;
    }

    /** The fleet's barrier versions as of a revision of their table. */
    private record FleetVersions(long revision, Versions versions) {}

    /** The group a version counts in. */
    private static String groupOf(GroupBy groupBy, Version v) {
        return switch (groupBy) {
            case BARRIER -> v.barrierKey();
            case VERSION -> v.barrierKey() + "#" + v.version();
            case CATEGORY -> v.category();
            case KIND -> v.kind();
        };
    }

    /**
     * Barrier versions as read, and what every read looks them up by, worked out once for as long as they are kept
     * (with 10,000 systems, building these maps again for each read was most of a read's own CPU).
     */
    private static final class Versions {

        private final List<Version> all;
        private final Map<String, Version> byKey = new HashMap<>();
        private final Map<String, List<Version>> byBarrier = new HashMap<>();
        private final Set<String> current = new HashSet<>();
        private final Instant firstSince;
        private final Map<GroupBy, Map<String, List<Version>>> members = new java.util.concurrent.ConcurrentHashMap<>();

        Versions(List<Version> all) {
            this.all = all;
            Instant first = null;
            for (Version v : all) {
                byKey.put(v.barrierKey() + "#" + v.version(), v);
                byBarrier
                        .computeIfAbsent(v.barrierKey(), k -> new ArrayList<>())
                        .add(v);
                if (v.until() == null) {
                    current.add(v.barrierKey());
                }
                first = first == null || v.since().isBefore(first) ? v.since() : first;
            }
            // the first in force, should two ever overlap
            byBarrier.values().forEach(vs -> vs.sort(Comparator.comparing(Version::since)));
            this.firstSince = first;
        }

        List<Version> all() {
            return all;
        }

        /** By barrier key and version ({@code system/barrier#version}). */
        Map<String, Version> byKey() {
            return java.util.Collections.unmodifiableMap(byKey);
        }

        /** Each barrier's versions ({@code system/barrier}), the earliest first. */
        List<Version> of(String barrierKey) {
            return byBarrier.getOrDefault(barrierKey, List.of());
        }

        /** The barriers standing now. */
        Set<String> current() {
            return java.util.Collections.unmodifiableSet(current);
        }

        /** When the first of them came into force; null when there are none. */
        Instant firstSince() {
            return firstSince;
        }

        /** The versions of each group, by group key in order. */
        Map<String, List<Version>> members(GroupBy groupBy) {
            return members.computeIfAbsent(groupBy, g -> {
                Map<String, List<Version>> groups = new TreeMap<>();
                all.forEach(v -> groups.computeIfAbsent(groupOf(g, v), k -> new ArrayList<>())
                        .add(v));
                return java.util.Collections.unmodifiableMap(groups);
            });
        }
    }

    private volatile FleetVersions fleetVersions;

    private List<Version> readVersions(String systemId) {
        // systems, barriers, names, categories, kinds, lines and sides repeat across a fleet: each is kept once
        Map<String, String> once = new HashMap<>();
        Function<String, String> shared = text -> text == null ? null : once.computeIfAbsent(text, t -> t);
        return List.copyOf(jdbc.sql("SELECT * FROM stat_barrier" + (systemId == null ? "" : " WHERE system_id = ?")
                        + " ORDER BY system_id, line_id, position, version")
                .params(systemId == null ? List.of() : List.of(systemId))
                .query((rs, n) -> {
                    Object claimed = rs.getObject("claimed_pfd");
                    OffsetDateTime until = rs.getObject("until", OffsetDateTime.class);
                    return new Version(
                            shared.apply(rs.getString("system_id")),
                            shared.apply(rs.getString("barrier_id")),
                            rs.getInt("version"),
                            shared.apply(rs.getString("name")),
                            shared.apply(rs.getString("category")),
                            rs.getBoolean("acting"),
                            shared.apply(rs.getString("system_kind")),
                            shared.apply(rs.getString("line_id")),
                            shared.apply(rs.getString("side")),
                            rs.getInt("position"),
                            claimed == null ? null : rs.getDouble("claimed_pfd"),
                            rs.getObject("since", OffsetDateTime.class).toInstant(),
                            until == null ? null : until.toInstant());
                })
                .list());
    }

    private List<Demand> demands(Instant from, Instant to, String systemId) {
        StringBuilder sql = new StringBuilder("SELECT system_id, barrier_id, barrier_version, incident_id,"
                + " occurred_at, failed FROM stat_demand WHERE occurred_at < ?");
        List<Object> params = new ArrayList<>(List.of(to.atOffset(ZoneOffset.UTC)));
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (systemId != null) {
            sql.append(" AND system_id = ?");
            params.add(systemId);
        }
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new Demand(
                        rs.getString("system_id"),
                        rs.getString("barrier_id"),
                        rs.getInt("barrier_version"),
                        rs.getString("incident_id"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getBoolean("failed")))
                .list();
    }

    /** Demands on one barrier version in one calendar week (Monday, UTC), and how many of them failed. */
    record WeeklyDemands(String systemId, String barrierId, int version, LocalDate week, long demands, long failures) {
        String barrierKey() {
            return systemId + "/" + barrierId;
        }
    }

    /**
     * The Monday before the epoch (1970-01-01 was a Thursday): seconds since then divided by a week's count calendar
     * weeks (Monday, UTC), in SQL that PostgreSQL and H2 both run.
     */
    private static final LocalDate FIRST_MONDAY = LocalDate.EPOCH.with(TemporalAdjusters.previous(DayOfWeek.MONDAY));

    private static final long EPOCH_AFTER_FIRST_MONDAY = Duration.ofDays(
                    LocalDate.EPOCH.toEpochDay() - FIRST_MONDAY.toEpochDay())
            .toSeconds();

    private static final long WEEK = Duration.ofDays(7).toSeconds();

    /**
     * The window's demands per barrier version and week. The weeks wholly inside the window are read as the projection
     * counted them ({@code stat_demand_week}). The week the window's end falls in (this week, with the default end) is
     * read as counted too, less the demands from the end on, which are few or none when the window ends now (a
     * demand stamped a moment in the future by a clock running ahead). Only a week the window begins in the middle of
     * is counted from its demands. A fleet's statistics read a row per version and week, not one per demand.
     */
    private List<WeeklyDemands> weeklyDemands(Instant from, Instant to, String systemId) {
        LocalDate lastWeek = weekOf(to);
        Instant lastWeekStarts = startOf(lastWeek);
        LocalDate firstWholeWeek = from == null
                ? null
                : startOf(weekOf(from)).equals(from)
                        ? weekOf(from)
                        : weekOf(from).plusWeeks(1);
        if (firstWholeWeek != null && !firstWholeWeek.isBefore(lastWeek)) {
            return countedFromDemands(from, to, systemId);
        }
        // from here on the window begins at least a week before the one its end falls in
        boolean endCutsAWeek = lastWeekStarts.isBefore(to);
        List<WeeklyDemands> weeks = new ArrayList<>(
                countedWeeks(firstWholeWeek, endCutsAWeek ? lastWeek.plusWeeks(1) : lastWeek, systemId));
        if (endCutsAWeek) {
            weeks = less(weeks, countedFromDemands(to, startOf(lastWeek.plusWeeks(1)), systemId));
        }
        if (from != null && from.isBefore(startOf(firstWholeWeek))) {
            weeks.addAll(countedFromDemands(from, startOf(firstWholeWeek), systemId));
        }
        return weeks;
    }

    /** The weeks' counts less those of {@code taken} (a part of the same weeks); a week left with no demand is gone. */
    private static List<WeeklyDemands> less(List<WeeklyDemands> weeks, List<WeeklyDemands> taken) {
        Map<List<Object>, WeeklyDemands> left = new LinkedHashMap<>();
        weeks.forEach(w -> left.put(List.of(w.systemId(), w.barrierId(), w.version(), w.week()), w));
        taken.forEach(t -> left.computeIfPresent(
                List.of(t.systemId(), t.barrierId(), t.version(), t.week()),
                (key, w) -> w.demands() == t.demands()
                        ? null
                        : new WeeklyDemands(
                                w.systemId(),
                                w.barrierId(),
                                w.version(),
                                w.week(),
                                w.demands() - t.demands(),
                                w.failures() - t.failures())));
        return new ArrayList<>(left.values());
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The weeks from {@code first} (null: the first there is) to before {@code end}, as the projection counted them. */
    private List<WeeklyDemands> countedWeeks(LocalDate first, LocalDate end, String systemId) {
        StringBuilder where = new StringBuilder(" WHERE week_start < ?");
        List<Object> params = new ArrayList<>(List.of(end));
        if (first != null) {
            where.append(" AND week_start >= ?");
            params.add(first);
        }
        if (systemId != null) {
            where.append(" AND system_id = ?");
            params.add(systemId);
        }
        return jdbc.sql("SELECT * FROM stat_demand_week" + where)
                .params(params)
                .query((rs, n) -> new WeeklyDemands(
                        rs.getString("system_id"),
                        rs.getString("barrier_id"),
                        rs.getInt("barrier_version"),
                        rs.getObject("week_start", LocalDate.class),
                        rs.getLong("demands"),
                        rs.getLong("failures")))
                .list();
    }

    /** The demands from {@code from} (null: the first) to before {@code to}, counted per version and week. */
    private List<WeeklyDemands> countedFromDemands(Instant from, Instant to, String systemId) {
        StringBuilder where = new StringBuilder(" WHERE occurred_at < ?");
        List<Object> params = new ArrayList<>(List.of(to.atOffset(ZoneOffset.UTC)));
        if (from != null) {
            where.append(" AND occurred_at >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (systemId != null) {
            where.append(" AND system_id = ?");
            params.add(systemId);
        }
        return jdbc.sql("""
                        SELECT system_id, barrier_id, barrier_version, week, COUNT(*) AS demands,
                          SUM(CASE WHEN failed THEN 1 ELSE 0 END) AS failures
                        FROM (SELECT system_id, barrier_id, barrier_version, failed,
                                CAST(FLOOR((EXTRACT(EPOCH FROM occurred_at) + %d) / %d) AS BIGINT) AS week
                              FROM stat_demand%s) d
                        GROUP BY system_id, barrier_id, barrier_version, week""".formatted(EPOCH_AFTER_FIRST_MONDAY, WEEK, where))
                .params(params)
                .query((rs, n) -> new WeeklyDemands(
                        rs.getString("system_id"),
                        rs.getString("barrier_id"),
                        rs.getInt("barrier_version"),
                        FIRST_MONDAY.plusWeeks(rs.getLong("week")),
                        rs.getLong("demands"),
                        rs.getLong("failures")))
                .list();
    }

    record ProofTest(String systemId, String barrierId, int version, Instant at, boolean passed) {
        String barrierKey() {
            return systemId + "/" + barrierId;
        }
    }

    private List<ProofTest> proofTests(Instant from, Instant to, SystemScope systems) {
        List<ProofTest> tests = new ArrayList<>();
        jdbc.sql("SELECT system_id, barrier_id, barrier_version, occurred_at, passed FROM stat_proof_test WHERE "
                        + systems.condition())
                .params(systems.params())
                .query(rs -> {
                    Instant at =
                            rs.getObject("occurred_at", OffsetDateTime.class).toInstant();
                    if (within(at, from, to)) {
                        tests.add(new ProofTest(
                                rs.getString("system_id"),
                                rs.getString("barrier_id"),
                                rs.getInt("barrier_version"),
                                at,
                                rs.getBoolean("passed")));
                    }
                });
        return tests;
    }

    /**
     * The end of a window, never later than now: a window that runs to midnight tonight has seen no exposure, no
     * demands and no failures yet in the hours still to come, and counting them would flatter every figure.
     */
    static Instant untilNow(Instant to) {
        Instant now = Instant.now();
        return to == null || to.isAfter(now) ? now : to;
    }

    private static ProofTests proofTestsOf(List<ProofTest> tests, Instant now) {
        Instant last =
                tests.stream().map(ProofTest::at).max(Comparator.naturalOrder()).orElse(null);
        return new ProofTests(
                tests.size(),
                tests.stream().filter(t -> !t.passed()).count(),
                last,
                last == null ? null : hours(Duration.between(last, now)));
    }

    /**
     * Incidents in the window that got past a barrier with no report about it, for the version then in force (at the
     * incident's opening), counted per version. The database counts each barrier's passes with their first and last
     * opening. A version in force at both (so at every opening between: a barrier's versions follow one another) has
     * them all; none of them counts when no version stood at any moment from the first to the last (passes before the
     * barrier was first registered, or after it was removed); only the passes of the other barriers are read and
     * matched to the versions kept in memory. With 10,000 systems joining every pass to the fleet's versions took
     * PostgreSQL 0.3 to 0.44 s a read.
     */
    private Map<String, Long> silentPasses(
            Instant from, Instant to, Versions versionsOf, Function<Version, String> keyOf, String systemId) {
        StringBuilder window = new StringBuilder(" WHERE p.opened_at < ?");
        List<Object> params = new ArrayList<>(List.of(to.atOffset(ZoneOffset.UTC)));
        if (from != null) {
            window.append(" AND p.opened_at >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (systemId != null) {
            window.append(" AND p.system_id = ?");
            params.add(systemId);
        }
        Map<String, Long> counts = new HashMap<>();
        Set<String> mixed = new HashSet<>();
        Set<String> mixedSystems = new HashSet<>();
        jdbc.sql("SELECT p.system_id, p.barrier_id, COUNT(*) AS passes, MIN(p.opened_at) AS first,"
                        + " MAX(p.opened_at) AS last FROM stat_silent_pass p" + window
                        + " GROUP BY p.system_id, p.barrier_id")
                .params(params)
                .query(rs -> {
                    String barrier = rs.getString("system_id") + "/" + rs.getString("barrier_id");
                    List<Version> versions = versionsOf.of(barrier);
                    Instant first = rs.getObject("first", OffsetDateTime.class).toInstant();
                    Instant last = rs.getObject("last", OffsetDateTime.class).toInstant();
                    Version all = versions.stream()
                            .filter(v -> v.inForceAt(first) && v.inForceAt(last))
                            .findFirst()
                            .orElse(null);
                    if (all != null) {
                        counts.merge(keyOf.apply(all), rs.getLong("passes"), Long::sum);
                    } else if (versions.stream().anyMatch(v -> v.standsWithin(first, last))) {
                        mixed.add(barrier);
                        mixedSystems.add(rs.getString("system_id"));
                    }
                });
        if (mixed.isEmpty()) {
            return counts;
        }
        SystemScope systems =
                mixedSystems.size() > MOST_SYSTEMS_NAMED ? SystemScope.FLEET : SystemScope.of(mixedSystems);
        params.addAll(systems.params());
        jdbc.sql("SELECT p.system_id, p.barrier_id, p.opened_at FROM stat_silent_pass p" + window + " AND "
                        + systems.condition("p.system_id"))
                .params(params)
                .query(rs -> {
                    String barrier = rs.getString("system_id") + "/" + rs.getString("barrier_id");
                    if (mixed.contains(barrier)) {
                        Instant opened =
                                rs.getObject("opened_at", OffsetDateTime.class).toInstant();
                        for (Version v : versionsOf.of(barrier)) {
                            if (v.inForceAt(opened)) {
                                counts.merge(keyOf.apply(v), 1L, Long::sum);
                                break;
                            }
                        }
                    }
                });
        return counts;
    }

    /** Stretches out of service (degraded or impaired), from the domain's fold of what was learnt. */
    private static List<Outage> outages(List<Fact> facts) {
        List<Outage> outages = new ArrayList<>();
        for (Interval interval : BarrierCondition.history(facts)) {
            outages.add(new Outage(interval.from(), interval.until()));
        }
        return outages;
    }

    /**
     * Demands and failures per calendar week (Monday, UTC), every week from the first with a demand or a rollout to the
     * last one included: a week without demands is kept with zeros, so that the trend test scores each week by its
     * place in time (weeks 0, 1, 2 and 9 are not weeks 0, 1, 2 and 3; weeks of zeros add nothing to its sums) and the
     * chart's axis is the calendar, with the rollouts before the first demand or after the last one on it.
     */
    private static List<WeekCount> weekly(TreeMap<LocalDate, long[]> demands, List<TrendChange> rollouts) {
        TreeMap<LocalDate, long[]> weeks = new TreeMap<>(demands);
        rollouts.forEach(change -> weeks.computeIfAbsent(change.weekStart(), w -> new long[2]));
        List<WeekCount> trend = new ArrayList<>();
        if (weeks.isEmpty()) {
            return trend;
        }
        LocalDate last = weeks.lastKey();
        for (LocalDate week = weeks.firstKey(); !week.isAfter(last); week = week.plusWeeks(1)) {
            long[] counts = weeks.getOrDefault(week, new long[2]);
            trend.add(new WeekCount(week, counts[0], counts[1]));
        }
        return trend;
    }

    /** The calendar week (its Monday, UTC) an instant falls in: the weeks of the trend. */
    static LocalDate weekOf(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The rollouts of each system in the window, by when they went out. */
    private Map<String, List<TrendChange>> changes(Instant from, Instant to, SystemScope systems) {
        Map<String, List<TrendChange>> bySystem = new HashMap<>();
        StringBuilder where = new StringBuilder(" WHERE " + systems.condition());
        List<Object> params = new ArrayList<>(systems.params());
        if (from != null) {
            where.append(" AND occurred_at >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            where.append(" AND occurred_at < ?");
            params.add(to.atOffset(ZoneOffset.UTC));
        }
        jdbc.sql("SELECT * FROM stat_system_change" + where + " ORDER BY occurred_at, event_sequence")
                .params(params)
                .query((rs, n) -> {
                    Instant at =
                            rs.getObject("occurred_at", OffsetDateTime.class).toInstant();
                    return new TrendChange(
                            weekOf(at),
                            rs.getString("system_id"),
                            rs.getString("kind"),
                            rs.getString("version"),
                            rs.getString("description"),
                            at);
                })
                .list()
                .forEach(change -> bySystem.computeIfAbsent(change.systemId(), k -> new ArrayList<>())
                        .add(change));
        return bySystem;
    }

    /** The rollouts of the group's systems in the window: its trend's weeks take them in. */
    private static List<TrendChange> changesOf(List<Version> members, Map<String, List<TrendChange>> changes) {
        return members.stream()
                .map(Version::systemId)
                .distinct()
                .flatMap(system -> changes.getOrDefault(system, List.of()).stream())
                .sorted(Comparator.comparing(TrendChange::occurredAt))
                .toList();
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static double hours(Duration d) {
        return seconds(d) / 3600;
    }
}
