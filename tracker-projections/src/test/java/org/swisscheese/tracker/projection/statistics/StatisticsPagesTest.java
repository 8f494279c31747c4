package org.swisscheese.tracker.projection.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.statistics.StatisticsQueriesTest.BEFORE;
import static org.swisscheese.tracker.projection.statistics.StatisticsQueriesTest.T0;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.ProofTestRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.SystemChanged;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.BarrierCondition.Change;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.IncidentJudge;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.SystemChangeKind;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.BarrierStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetBarrierStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GroupBy;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GroupStatistics;

/**
 * A fleet of thousands of systems has tens of thousands of barriers: the statistics are read a page of groups at a
 * time, the most demanded first, then the most silently passed, then by key (as the web app lists them), and only the
 * page's groups are worked out. A page holds the very figures the whole answer holds for those groups.
 */
class StatisticsPagesTest {

    private static final Instant END = T0.plus(Duration.ofDays(14));

    private JdbcClient jdbc;
    private BarrierStatisticsProjection projection;
    private StatisticsQueries queries;

    /** Each system's barrier versions, as revised so far. */
    private final Map<SystemId, Map<String, Integer>> versions = new HashMap<>();

    private void fresh() {
        versions.clear();
        jdbc = InMemoryDatabase.fresh();
        projection = new BarrierStatisticsProjection(jdbc, InMemoryDatabase.mapper());
        queries = new StatisticsQueries(jdbc);
    }

    /** A report of {@code type} on {@code barrier}, {@code minute} minutes after T0. */
    private static Report report(String id, ReportType type, String barrier, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        return new Report(id, type, barrier, null, at, at, "/t", null, Map.of(), null, null, null);
    }

    /**
     * A failed demand that opens incident {@code number}: the barriers before the failed one on its line were passed
     * silently.
     */
    private void incident(SystemId system, int number, String barrier, int minute) {
        Report breach = report(system + "-incident-" + number, ReportType.BREACHED, barrier, minute);
        projection.on(
                new IncidentOpened(
                        system,
                        IncidentId.of(system, number),
                        null,
                        breach.occurredAt(),
                        breach.reportId(),
                        IncidentJudge.assess(BEFORE, List.of(breach.toStep(0)), Map.of())),
                breach.occurredAt());
    }

    /** A demand on {@code barrier} of {@code system}, held or failed, {@code minute} minutes after T0. */
    private void demand(SystemId system, String barrier, boolean failed, int minute) {
        Report report = report(
                system + "-" + barrier + "-" + minute,
                failed ? ReportType.BREACHED : ReportType.TRIPPED,
                barrier,
                minute);
        projection.on(
                failed
                        ? new BarrierBreached(system, report, 1, null, null)
                        : new BarrierTripped(system, report, 1, null));
    }

    /**
     * What follows a system's demands: nothing (0), an outage (1), a proof test (2), a rollout (3) or a revised
     * bow-tie with a new version of the barrier (4).
     */
    private void after(SystemId system, String barrier, int what, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        switch (what) {
            case 1 -> {
                projection.on(changed(system, barrier, Change.OUT_OF_SERVICE, at, minute));
                projection.on(changed(system, barrier, Change.RESTORED, at.plus(Duration.ofHours(5)), minute + 1));
            }
            case 2 ->
                projection.on(new ProofTestRecorded(
                        system,
                        StatisticsQueriesTest.drill(system + "-proof-" + minute, ReportType.TRIPPED, barrier, at),
                        1,
                        minute % 2 == 0));
            case 3 ->
                projection.on(
                        new SystemChanged(
                                system,
                                "c" + minute,
                                "/deploy",
                                SystemChangeKind.GUARDRAIL,
                                "g" + minute,
                                null,
                                at,
                                at),
                        minute);
            case 4 -> {
                Map<String, Integer> now = versions.computeIfAbsent(system, k -> new HashMap<>());
                BEFORE.barrierIds().forEach(id -> now.putIfAbsent(id, 1));
                now.merge(barrier, 1, Integer::sum);
                // stored after the registration, as every revision is (s1 registered 10 minutes after T0)
                projection.on(
                        new BowTieRevised(system, BEFORE, Map.copyOf(now), List.of(), List.of(), List.of(barrier)),
                        at.plus(Duration.ofMinutes(10)));
            }
            default -> {}
        }
    }

    private static BarrierStateChanged changed(
            SystemId system, String barrier, Change change, Instant at, long arrival) {
        return new BarrierStateChanged(
                system,
                barrier,
                change,
                change.name(),
                null,
                at,
                arrival,
                BarrierState.IN_SERVICE,
                BarrierState.IN_SERVICE);
    }

    private List<String> keys(BarrierStatistics statistics) {
        return statistics.groups().stream().map(GroupStatistics::key).toList();
    }

    @Test
    void theMostDemandedBarriersComeFirstAndTiesGoByKey() {
        fresh();
        SystemId one = SystemId.of("one");
        SystemId two = SystemId.of("two");
        projection.on(StatisticsQueriesTest.registration(one, "One"), T0);
        projection.on(StatisticsQueriesTest.registration(two, "Two"), T0);
        // two/b three times, one/a twice, one/off and two/a once each; the rest of both bow-ties never
        for (int minute = 1; minute <= 3; minute++) {
            demand(two, "b", false, minute);
        }
        demand(one, "a", false, 10);
        demand(one, "a", true, 11);
        demand(two, "a", true, 12);
        demand(one, "off", false, 13);

        BarrierStatistics first = queries.handle(new GetBarrierStatistics(GroupBy.BARRIER, T0, END, null, 0, 3));
        BarrierStatistics second = queries.handle(new GetBarrierStatistics(GroupBy.BARRIER, T0, END, null, 1, 3));

        assertThat(keys(first)).containsExactly("two/b", "one/a", "one/off");
        assertThat(keys(second).get(0)).isEqualTo("two/a");
        // every barrier of both bow-ties is a group: the never-demanded ones follow by key
        int barriers = BEFORE.barrierIds().size();
        assertThat(first.total()).isEqualTo(2 * barriers);
        assertThat(keys(second).subList(1, 3)).isSorted();
        assertThat(queries.handle(new GetBarrierStatistics(GroupBy.BARRIER, T0, END, null, 9, 3))
                        .groups())
                .isEmpty();
    }

    /**
     * {@code count} demands on a system's barrier, the last failed or not, and then something else of that barrier or
     * system that a group's figures take in ({@code after}): nothing, the barrier out of service for a while (its
     * availability), a proof test of it, a rollout of the system (its trend's marks), or a revised bow-tie with a new
     * version of the barrier (which version a silent pass counts for).
     */
    record Demands(int system, int barrier, int count, boolean lastFailed, int after) {}

    @Provide
    Arbitrary<Demands> demands() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, BEFORE.barrierIds().size() - 1),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 4))
                .as(Demands::new);
    }

    /**
     * Whatever the demands and the page size, reading the pages in turn gives every group once, in the order of a
     * naive sort of the whole answer by demands, then silent passes (both descending), then key; each with the very
     * figures the whole answer has for it.
     */
    @Property(tries = 40)
    void thePagesInTurnAreTheWholeAnswerInTheOrderOfItsDemands(
            @ForAll @Size(max = 25) List<@From("demands") Demands> demands,
            @ForAll @IntRange(min = 1, max = 7) int size,
            @ForAll GroupBy groupBy) {
        play(demands);

        BarrierStatistics whole = queries.handle(new GetBarrierStatistics(groupBy, T0, END, null));
        List<GroupStatistics> expected = new ArrayList<>(whole.groups());
        expected.sort(Comparator.comparingLong(GroupStatistics::demands)
                .reversed()
                .thenComparing(
                        Comparator.comparingLong(GroupStatistics::silentPasses).reversed())
                .thenComparing(GroupStatistics::key));
        List<GroupStatistics> paged = new ArrayList<>();
        for (int page = 0; page * size < whole.groups().size() + size; page++) {
            BarrierStatistics read = queries.handle(new GetBarrierStatistics(groupBy, T0, END, null, page, size));
            assertThat(read.total()).isEqualTo(whole.groups().size());
            assertThat(read.groups()).hasSizeLessThanOrEqualTo(size);
            paged.addAll(read.groups());
        }
        assertThat(paged).isEqualTo(expected);
    }

    /**
     * Four systems registered (three at T0, one 10 minutes later), then each item's demands, incident and what
     * follows, a minute apart.
     */
    private void play(List<Demands> demands) {
        fresh();
        List<String> barriers = List.copyOf(BEFORE.barrierIds());
        for (int s = 0; s < 4; s++) {
            // s1's first reports are older than its registration, as a fleet's history sent in late is: its barriers'
            // versions stand from the registration on, and what happened before counts for none
            Instant registered = s == 1 ? T0.plus(Duration.ofMinutes(10)) : T0;
            projection.on(StatisticsQueriesTest.registration(SystemId.of("s" + s), "S" + s), registered);
        }
        int minute = 0;
        int[] incidents = new int[4];
        for (Demands d : demands) {
            SystemId system = SystemId.of("s" + d.system());
            for (int k = 0; k < d.count(); k++) {
                demand(system, barriers.get(d.barrier()), d.lastFailed() && k == d.count() - 1, ++minute);
            }
            if (d.lastFailed()) { // and the barriers before it passed silently
                incident(system, ++incidents[d.system()], barriers.get(d.barrier()), minute);
            }
            after(system, barriers.get(d.barrier()), d.after(), ++minute);
        }
    }

    /** Two systems, mostly failed demands, and revised bow-ties often: passes on both sides of a revision. */
    @Provide
    Arbitrary<Demands> revisions() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, BEFORE.barrierIds().size() - 1),
                        Arbitraries.integers().between(1, 2),
                        Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false)),
                        Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(1, 1), Tuple.of(3, 4)))
                .as(Demands::new);
    }

    /**
     * Whatever the demands, incidents and revisions, each version's silent passes are the incidents opened in the
     * window while it was in force that got past its barrier unreported: the plain join of the passes to the
     * versions' stretches, the way they were counted before a barrier with one version standing over all its passes
     * was counted without matching each.
     */
    @Property(tries = 60)
    void eachVersionsSilentPassesAreThoseOpenedWhileItWasInForce(
            @ForAll @Size(max = 25) List<@From("revisions") Demands> demands,
            @ForAll @IntRange(min = 0, max = 2) int start) {
        play(demands);
        Instant from = start == 0 ? null : T0.plus(Duration.ofMinutes(start == 1 ? 0 : 15));
        Map<String, Long> joined = new HashMap<>();
        jdbc.sql("""
                        SELECT v.system_id, v.barrier_id, v.version, COUNT(*) AS passes
                        FROM stat_silent_pass p
                        JOIN stat_barrier v ON v.system_id = p.system_id AND v.barrier_id = p.barrier_id
                          AND p.opened_at >= v.since AND (v.until IS NULL OR p.opened_at < v.until)
                        WHERE p.opened_at >= ? AND p.opened_at < ?
                        GROUP BY v.system_id, v.barrier_id, v.version""")
                .param((from == null ? Instant.EPOCH : from).atOffset(ZoneOffset.UTC))
                .param(END.atOffset(ZoneOffset.UTC))
                .query(rs -> {
                    joined.put(
                            rs.getString("system_id") + "/" + rs.getString("barrier_id") + "#" + rs.getInt("version"),
                            rs.getLong("passes"));
                });

        Map<String, Long> counted = new HashMap<>();
        queries.handle(new GetBarrierStatistics(GroupBy.VERSION, from, END, null)).groups().stream()
                .filter(g -> g.silentPasses() > 0)
                .forEach(g -> counted.put(g.key(), g.silentPasses()));
        assertThat(counted).isEqualTo(joined);
    }
}
