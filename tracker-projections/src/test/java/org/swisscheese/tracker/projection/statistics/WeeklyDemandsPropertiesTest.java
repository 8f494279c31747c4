package org.swisscheese.tracker.projection.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.statistics.StatisticsQueriesTest.S;
import static org.swisscheese.tracker.projection.statistics.StatisticsQueriesTest.T0;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.ReportReclassified;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.ReportClass;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.reliability.WeekCount;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetBarrierStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GroupBy;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GroupStatistics;

/**
 * The statistics read a window's whole weeks from the counts the projection keeps and count only the weeks the
 * window cuts from the demands themselves. Whatever the demands (some reclassified as no demand or as a drill after
 * they were stored), and wherever the window starts and ends, a barrier's demands, failures and weekly trend are
 * those of the demands in the window, counted one by one.
 */
class WeeklyDemandsPropertiesTest {

    /** A demand {@code minute} minutes after T0; {@code fate}: null kept, else what an analyst said it was. */
    record Demand(int minute, boolean failed, ReportClass fate) {}

    @Provide
    Arbitrary<Demand> demands() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 6 * 7 * 24 * 60),
                        Arbitraries.of(true, false),
                        Arbitraries.of(ReportClass.SPURIOUS_TRIP, ReportClass.PROOF_TEST)
                                .injectNull(0.8))
                .as(Demand::new);
    }

    @Provide
    Arbitrary<Integer> edges() {
        // minutes from T0: some on a Monday's midnight, most anywhere; null: no bound
        return Arbitraries.oneOf(
                        Arbitraries.integers().between(-3, 7).map(w -> w * 7 * 24 * 60),
                        Arbitraries.integers().between(-3 * 24 * 60, 7 * 7 * 24 * 60))
                .injectNull(0.25);
    }

    @Property(tries = 60)
    void aWindowsWeeksAreItsDemandsCountedOneByOne(
            @ForAll @Size(max = 60) List<@From("demands") Demand> demands,
            @ForAll("edges") Integer fromMinute,
            @ForAll("edges") Integer toMinute) {
        Instant from = fromMinute == null ? null : minute(fromMinute);
        Instant to = toMinute == null ? null : minute(toMinute);
        if (from != null && to != null && !from.isBefore(to)) {
            return;
        }
        JdbcClient jdbc = InMemoryDatabase.fresh();
        BarrierStatisticsProjection projection = new BarrierStatisticsProjection(jdbc, InMemoryDatabase.mapper());
        StatisticsQueries queries = new StatisticsQueries(jdbc);
        projection.on(StatisticsQueriesTest.registration(S, "agent"), minute(-5 * 24 * 60));
        TreeMap<LocalDate, long[]> expected = new TreeMap<>();
        for (int i = 0; i < demands.size(); i++) {
            Demand d = demands.get(i);
            String id = "d" + i;
            Instant at = minute(d.minute());
            Report report = new Report(
                    id,
                    d.failed() ? ReportType.BREACHED : ReportType.TRIPPED,
                    "a",
                    null,
                    at,
                    at,
                    "/t",
                    null,
                    Map.of(),
                    null,
                    null,
                    null);
            projection.on(
                    d.failed()
                            ? new BarrierBreached(S, report, 1, null, null)
                            : new BarrierTripped(S, report, 1, null));
            if (d.fate() != null) {
                projection.on(new ReportReclassified(
                        S,
                        IncidentId.of(S, 1),
                        id,
                        report.identity(),
                        "a",
                        report.type(),
                        d.fate(),
                        "seen again",
                        "petra",
                        at.plusSeconds(60)));
            } else if ((from == null || !at.isBefore(from)) && (to == null || at.isBefore(to))) {
                long[] counts = expected.computeIfAbsent(monday(at), w -> new long[2]);
                counts[0]++;
                counts[1] += d.failed() ? 1 : 0;
            }
        }

        GroupStatistics a = queries.handle(new GetBarrierStatistics(GroupBy.BARRIER, from, to, null)).groups().stream()
                .filter(g -> g.key().equals(S.value() + "/a"))
                .findFirst()
                .orElseThrow();
        assertThat(a.weeklyTrend().stream().filter(w -> w.demands() > 0).toList())
                .isEqualTo(expected.entrySet().stream()
                        .map(w -> new WeekCount(w.getKey(), w.getValue()[0], w.getValue()[1]))
                        .toList());
        assertThat(a.demands())
                .isEqualTo(expected.values().stream().mapToLong(c -> c[0]).sum());
        assertThat(a.failures())
                .isEqualTo(expected.values().stream().mapToLong(c -> c[1]).sum());
    }

    private static Instant minute(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    private static LocalDate monday(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
