package org.swisscheese.tracker.projection.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.AnomalyDetected;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.AiSystemEvent.ProofTestRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.ReportReclassified;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownCompleted;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.BarrierCondition.Change;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Category;
import org.swisscheese.tracker.domain.IncidentJudge;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportClass;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskProfiles;
import org.swisscheese.tracker.domain.Side;
import org.swisscheese.tracker.domain.Step;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.reliability.Trend;
import org.swisscheese.tracker.domain.reliability.WeekCount;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.BarrierStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.DependenceReport;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.DepthDistribution;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetBarrierStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetDependence;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetDepthDistribution;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GroupBy;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GroupStatistics;

/**
 * Statistics of DESIGN §5 over a fortnight of one agent, fed to the projection as the aggregate would emit it, every
 * figure worked out by hand (reference values from SciPy in the comments).
 *
 * <pre>
 * threat line t:      a (MYOPIA, acts), b (ANOMALY_MONITORING, detects)
 * consequence line c: x (SAFETY_INTERLOCK), off (OFF_SWITCH)
 * day 0  registered                     day 4  proof test of a passes
 * day 1  a trips; x out of service      day 5  proof test of x fails
 * day 1.5 x back                        day 7  revision: x removed, b becomes INTERPRETABILITY (its version 2)
 * day 2  a breached, b sees it, x breached (incident 1; x impaired from then on)
 * day 3  the off switch completes a shutdown, later defeated by activity: one demand, failed
 * day 8  a trips                        day 9  b (v2) misses the hazard: incident 2, which passed a silently
 * </pre>
 */
class StatisticsQueriesTest {

    static final SystemId S = SystemId.of("agent");
    static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z"); // a Monday
    static final Instant END = T0.plus(Duration.ofDays(14));
    static final BowTie BEFORE = new BowTie(
            null,
            null,
            List.of(
                    new LineSpec(
                            "t",
                            Side.THREAT,
                            "Threat",
                            List.of(
                                    BarrierSpec.of("a", "A", Category.MYOPIA),
                                    BarrierSpec.of("b", "B", Category.ANOMALY_MONITORING))),
                    new LineSpec(
                            "c",
                            Side.CONSEQUENCE,
                            "Harm",
                            List.of(
                                    BarrierSpec.of("x", "X", Category.SAFETY_INTERLOCK),
                                    BarrierSpec.of("off", "Off", Category.OFF_SWITCH)))));
    static final BowTie AFTER = new BowTie(
            null,
            null,
            List.of(
                    new LineSpec(
                            "t",
                            Side.THREAT,
                            "Threat",
                            List.of(
                                    BarrierSpec.of("a", "A", Category.MYOPIA),
                                    BarrierSpec.of("b", "B", Category.INTERPRETABILITY))),
                    new LineSpec(
                            "c",
                            Side.CONSEQUENCE,
                            "Harm",
                            List.of(BarrierSpec.of("off", "Off", Category.OFF_SWITCH)))));

    private JdbcClient jdbc;
    private BarrierStatisticsProjection projection;
    private StatisticsQueries queries;

    /** An empty read model: the fortnight below, or a test's own history, is fed to it. */
    private void fresh() {
        jdbc = InMemoryDatabase.fresh();
        projection = new BarrierStatisticsProjection(jdbc, InMemoryDatabase.mapper());
        queries = new StatisticsQueries(jdbc);
    }

    private static Instant day(double d) {
        return T0.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
    }

    /** A report of a drill (a proof test) of {@code barrier} at {@code at}. */
    static Report drill(String id, ReportType type, String barrier, Instant at) {
        return new Report(id, type, barrier, null, at, at, "/t", null, null, null, null, null, true);
    }

    private static Report report(String id, ReportType type, String barrier, double day) {
        return new Report(id, type, barrier, null, day(day), day(day), "/t", null, Map.of(), null, null, null);
    }

    private void fact(String barrier, Change change, double day, long arrival) {
        projection.on(new BarrierStateChanged(
                S,
                barrier,
                change,
                change.name(),
                null,
                day(day),
                arrival,
                BarrierState.IN_SERVICE,
                BarrierState.IN_SERVICE));
    }

    private void incident(int number, BowTie bowTie, double day, Report... reports) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < reports.length; i++) {
            steps.add(reports[i].toStep(i));
        }
        projection.on(
                new IncidentOpened(
                        S,
                        IncidentId.of(S, number),
                        null,
                        day(day),
                        reports[0].reportId(),
                        IncidentJudge.assess(bowTie, steps, Map.of())),
                day(day));
    }

    @BeforeEach
    void aFortnight() {
        fresh();
        firstWeek();
        revision();
        secondWeek();
    }

    /** A generalist agent registered at T0 with the bow-tie {@link #BEFORE}. */
    private void register(SystemId system, String name) {
        projection.on(registration(system, name), T0);
    }

    static SystemRegistered registration(SystemId system, String name) {
        return new SystemRegistered(
                system,
                name,
                SystemKind.GENERALIST_AGENT,
                "o",
                Duration.ofMinutes(15),
                RiskProfiles.defaultFor(SystemKind.GENERALIST_AGENT),
                null,
                BEFORE,
                null);
    }

    /** Days 0 to 5, on the bow-tie as registered. */
    private void firstWeek() {
        IncidentId first = IncidentId.of(S, 1);
        register(S, "Agent");
        projection.on(new BarrierTripped(S, report("r1", ReportType.TRIPPED, "a", 1), 1, null));
        fact("x", Change.OUT_OF_SERVICE, 1, 1);
        fact("x", Change.RESTORED, 1.5, 2);
        Report aBreached = report("r2", ReportType.BREACHED, "a", 2);
        Report bSaw = report("r3", ReportType.ANOMALY_DETECTED, "b", 2);
        Report xBreached = report("r4", ReportType.BREACHED, "x", 2);
        incident(1, BEFORE, 2, aBreached, bSaw, xBreached);
        projection.on(new BarrierBreached(S, aBreached, 1, first, null));
        projection.on(new AnomalyDetected(S, bSaw, 1, first));
        projection.on(new BarrierBreached(S, xBreached, 1, first, null));
        fact("x", Change.IMPAIRED, 2, 5);
        Report shutdown = report("r5", ReportType.SHUTDOWN_COMPLETED, "off", 3);
        projection.on(new ShutdownCompleted(S, shutdown, 1, first));
        projection.on(new ActivityAfterShutdown(S, "r6", day(3.1), "r5", "/t", day(3), "off", first));
        projection.on(new ProofTestRecorded(S, drill("p1", ReportType.TRIPPED, "a", day(4)), 1, true));
        projection.on(new ProofTestRecorded(S, drill("p2", ReportType.BREACHED, "x", day(5)), 1, false));
    }

    /** Day 7: x removed, b re-categorised (its version 2). */
    private void revision() {
        projection.on(
                new BowTieRevised(S, AFTER, Map.of("a", 1, "b", 2, "off", 1), List.of(), List.of("x"), List.of("b")),
                day(7));
    }

    /** Days 8 and 9, on the revised bow-tie. */
    private void secondWeek() {
        projection.on(new BarrierTripped(S, report("r7", ReportType.TRIPPED, "a", 8), 1, null));
        Report bMissed = report("r8", ReportType.BREACHED, "b", 9);
        incident(2, AFTER, 9, bMissed);
        projection.on(new BarrierBreached(S, bMissed, 2, IncidentId.of(S, 2), null));
    }

    private GroupStatistics group(GroupBy by, String key) {
        BarrierStatistics statistics = queries.handle(new GetBarrierStatistics(by, T0, END, null));
        return statistics.groups().stream()
                .filter(g -> g.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aWindowEndsNowAtTheLatestForTheHoursStillToComeHaveSeenNothing() {
        java.time.Instant before = java.time.Instant.now();
        java.time.Instant end = StatisticsQueries.untilNow(before.plus(java.time.Duration.ofHours(20)));
        assertThat(end).isBetween(before, java.time.Instant.now());
        java.time.Instant past = before.minus(java.time.Duration.ofDays(3));
        assertThat(StatisticsQueries.untilNow(past)).isEqualTo(past);
        assertThat(StatisticsQueries.untilNow(null)).isAfterOrEqualTo(before);
    }

    @Test
    void demandsFailuresAndTheJeffreysFiguresPerBarrier() {
        GroupStatistics a = group(GroupBy.BARRIER, "agent/a");
        // three demands (trip, breach, trip), one failure: (1 + 0.5) / (3 + 1)
        assertThat(a.demands()).isEqualTo(3);
        assertThat(a.failures()).isEqualTo(1);
        assertThat(a.pfd().estimate()).isEqualTo(0.375);
        // scipy.stats.beta.ppf([0.025, 0.975, 0.95], 1.5, 2.5) = 0.03874762, 0.8232639, 0.76446596
        assertThat(a.pfd().interval95().lower()).isCloseTo(0.03874762, within(1e-8));
        assertThat(a.pfd().interval95().upper()).isCloseTo(0.8232639, within(1e-7));
        assertThat(a.pfd().upper95()).isCloseTo(0.76446596, within(1e-8));
        assertThat(a.pfd().riskReductionFactor()).isCloseTo(1 / 0.76446596, within(1e-7));
        // exposure: the whole fortnight, 336 h; one failure: 336 h between failures, and
        // 2 * 336 / scipy.stats.chi2.ppf(0.9, 4) = 86.38153525873088 h at 90% confidence
        assertThat(a.exposureHours()).isEqualTo(336.0);
        assertThat(a.timeBetweenFailures().meanHours()).isEqualTo(336.0);
        assertThat(a.timeBetweenFailures().lower90Hours()).isCloseTo(86.38153525873088, within(1e-9));
        // incident 2 got past a with no report about it: one silent pass, never a demand
        assertThat(a.silentPasses()).isEqualTo(1);
        assertThat(a.proofTests().count()).isEqualTo(1);
        assertThat(a.proofTests().failures()).isZero();
        // the proof test of day 4 is the last one: 10 days (240 h) before the window's end; it is no demand
        assertThat(a.proofTests().last()).isEqualTo(day(4));
        assertThat(a.proofTests().hoursSinceLast()).isEqualTo(240.0);
        // two weeks of demands are not enough to test a trend
        assertThat(a.trend().status()).isEqualTo(Trend.Status.NOT_ENOUGH_DATA);
        assertThat(a.weeklyTrend()).hasSize(2);
    }

    /** An analyst's reclassification of report {@code id} (source /t) of incident {@code incident}, on day 10. */
    private void reclassified(int incident, String id, String barrier, ReportType type, ReportClass as) {
        projection.on(new ReportReclassified(
                S, IncidentId.of(S, incident), id, "/t " + id, barrier, type, as, "seen again", "petra", day(10)));
    }

    @Test
    void aWeekOfTheTrendRunsFromMondayMidnightUtcAndAWindowCutsItsDemandsNotItsWeek() {
        // a minute before midnight on Sunday of week 0, at midnight on Monday of week 1, failures on Tuesday and
        // Wednesday of week 1; then a window from that Monday to Tuesday noon
        fresh();
        register(S, "agent");
        projection.on(new BarrierTripped(S, report("sun", ReportType.TRIPPED, "a", 7 - 1.0 / (24 * 60)), 1, null));
        projection.on(new BarrierTripped(S, report("mon", ReportType.TRIPPED, "a", 7), 1, null));
        projection.on(new BarrierBreached(S, report("tue", ReportType.BREACHED, "a", 8), 1, null, null));
        projection.on(new BarrierBreached(S, report("wed", ReportType.BREACHED, "a", 9), 1, null, null));
        GroupStatistics a =
                queries.handle(new GetBarrierStatistics(GroupBy.BARRIER, day(1), day(20), null)).groups().stream()
                        .filter(g -> g.key().equals("agent/a"))
                        .findFirst()
                        .orElseThrow();
        assertThat(a.weeklyTrend())
                .containsExactly(
                        new WeekCount(java.time.LocalDate.of(2026, 1, 5), 1, 0),
                        new WeekCount(java.time.LocalDate.of(2026, 1, 12), 3, 2));
        assertThat(a.demands()).isEqualTo(4);
        GroupStatistics windowed =
                queries.handle(new GetBarrierStatistics(GroupBy.BARRIER, day(7), day(8.5), null)).groups().stream()
                        .filter(g -> g.key().equals("agent/a"))
                        .findFirst()
                        .orElseThrow();
        assertThat(windowed.weeklyTrend()).containsExactly(new WeekCount(java.time.LocalDate.of(2026, 1, 12), 2, 1));
    }

    @Test
    void aReportReclassifiedAsASpuriousTripOrADrillIsNoDemandAndADrillIsAProofTest() {
        // a: trips r1 (day 1) and r7 (day 8), breach r2: D = 3, F = 1 (above)
        reclassified(1, "r1", "a", ReportType.TRIPPED, ReportClass.SPURIOUS_TRIP);
        reclassified(2, "r7", "a", ReportType.TRIPPED, ReportClass.PROOF_TEST);
        GroupStatistics a = group(GroupBy.BARRIER, "agent/a");
        // one demand left, the breach: (1 + 0.5) / (1 + 1) = 0.75
        assertThat(a.demands()).isEqualTo(1);
        assertThat(a.failures()).isEqualTo(1);
        assertThat(a.pfd().estimate()).isEqualTo(0.75);
        // the drill of day 8 joins the proof test of day 4, passed (the barrier tripped)
        assertThat(a.proofTests().count()).isEqualTo(2);
        assertThat(a.proofTests().failures()).isZero();
        assertThat(a.proofTests().last()).isEqualTo(day(8));
    }

    @Test
    void aCommonCauseFailureStaysAFailedDemand() {
        reclassified(1, "r2", "a", ReportType.BREACHED, ReportClass.COMMON_CAUSE);
        GroupStatistics a = group(GroupBy.BARRIER, "agent/a");
        assertThat(a.demands()).isEqualTo(3);
        assertThat(a.failures()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT common_cause FROM stat_demand WHERE report_key = '/t r2'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void oneShutdownIsOneDemandAndActivityAfterItMakesThatDemandAFailure() {
        GroupStatistics off = group(GroupBy.BARRIER, "agent/off");
        assertThat(off.demands()).isEqualTo(1);
        assertThat(off.failures()).isEqualTo(1);
    }

    @Test
    void aRemovedBarrierKeepsItsFiguresForTheTimeItStood() {
        GroupStatistics x = group(GroupBy.BARRIER, "agent/x");
        assertThat(x.removed()).isTrue();
        assertThat(x.demands()).isEqualTo(1);
        assertThat(x.failures()).isEqualTo(1);
        // in the bow-tie for 7 days (168 h): out of service from day 1 to 1.5, impaired from day 2 to its removal
        assertThat(x.exposureHours()).isEqualTo(168.0);
        assertThat(x.availability()).isCloseTo(1.5 / 7, within(1e-12));
        assertThat(x.proofTests().failures()).isEqualTo(1);
    }

    @Test
    void eachSystemsBarriersAreJudgedOnTheirOwnServiceHistoryFleetWideOrAlone() {
        register(SystemId.of("other"), "Other");
        // the same barrier id in another system, never out of service: the agent's outages are not its own
        assertThat(group(GroupBy.BARRIER, "other/x").availability()).isEqualTo(1.0);
        assertThat(group(GroupBy.BARRIER, "agent/x").availability()).isCloseTo(1.5 / 7, within(1e-12));
        BarrierStatistics alone = queries.handle(new GetBarrierStatistics(GroupBy.BARRIER, T0, END, "agent"));
        assertThat(alone.groups())
                .filteredOn(g -> g.key().equals("agent/x"))
                .singleElement()
                .satisfies(x -> assertThat(x.availability()).isCloseTo(1.5 / 7, within(1e-12)));
        assertThat(alone.groups()).noneMatch(g -> g.key().startsWith("other/"));
    }

    @Test
    void aCategoryChangeLeavesThePastWithTheCategoryInForceWhenItHappened() {
        // b's version 1 was an anomaly monitor and saw the hazard; its version 2, an interpretability probe, missed it
        assertThat(group(GroupBy.VERSION, "agent/b#1").demands()).isEqualTo(1);
        assertThat(group(GroupBy.VERSION, "agent/b#1").failures()).isZero();
        assertThat(group(GroupBy.VERSION, "agent/b#2").failures()).isEqualTo(1);
        assertThat(group(GroupBy.CATEGORY, "ANOMALY_MONITORING").demands()).isEqualTo(1);
        assertThat(group(GroupBy.CATEGORY, "ANOMALY_MONITORING").failures()).isZero();
        assertThat(group(GroupBy.CATEGORY, "INTERPRETABILITY").failures()).isEqualTo(1);
        // the removed interlock still counts for its category and its system's kind
        assertThat(group(GroupBy.CATEGORY, "SAFETY_INTERLOCK").failures()).isEqualTo(1);
        GroupStatistics kind = group(GroupBy.KIND, "GENERALIST_AGENT");
        assertThat(kind.demands()).isEqualTo(3 + 2 + 1 + 1);
        assertThat(kind.failures()).isEqualTo(1 + 1 + 1 + 1);
    }

    @Test
    void aReportDeliveredAfterARevisionCountsForTheVersionInForceWhenItOccurred() {
        // b saw a hazard on day 6, as an anomaly monitor (v1), and was proof-tested on day 6.5; both reports reached
        // the tracker after the day-7 revision, so their events carry version 2, the interpretability probe's
        Report lateSighting = report("late", ReportType.ANOMALY_DETECTED, "b", 6);
        projection.on(new AnomalyDetected(S, lateSighting, 2, null));
        projection.on(new ProofTestRecorded(S, drill("late-drill", ReportType.TRIPPED, "b", day(6.5)), 2, true));

        GroupStatistics v1 = group(GroupBy.VERSION, "agent/b#1");
        assertThat(v1.demands()).isEqualTo(2); // incident 1's sighting and the late one, both held
        assertThat(v1.failures()).isZero();
        assertThat(v1.proofTests().count()).isEqualTo(1);
        assertThat(group(GroupBy.VERSION, "agent/b#2").demands()).isEqualTo(1); // only the miss of day 9
        assertThat(group(GroupBy.VERSION, "agent/b#2").proofTests().count()).isZero();
        assertThat(group(GroupBy.CATEGORY, "ANOMALY_MONITORING").demands()).isEqualTo(2);
        assertThat(group(GroupBy.CATEGORY, "INTERPRETABILITY").demands()).isEqualTo(1);
        // a report from before the barrier stood anywhere (a source clock behind the tracker's) keeps its event's
        projection.on(new AnomalyDetected(S, report("early", ReportType.ANOMALY_DETECTED, "b", -1), 2, null));
        assertThat(queries.handle(new GetBarrierStatistics(GroupBy.VERSION, day(-2), END, null)).groups().stream()
                        .filter(g -> g.key().equals("agent/b#2"))
                        .findFirst()
                        .orElseThrow()
                        .demands())
                .isEqualTo(2);
    }

    @Test
    void aSilentPassCountsOnceForTheVersionInForceAtTheOpeningUntilAJudgementOrAnAnalystTakesItBack() {
        // incident 2 (day 9) passed a silently
        assertThat(group(GroupBy.VERSION, "agent/a#1").silentPasses()).isEqualTo(1);
        // incident 3 (day 10) too, and its second judgement still does: one pass each
        Report bAgain = report("r9", ReportType.BREACHED, "b", 10);
        incident(3, AFTER, 10, bAgain);
        projection.on(
                new IncidentReassessed(
                        S,
                        IncidentId.of(S, 3),
                        "test",
                        Outcome.UNDETERMINED,
                        IncidentJudge.assess(AFTER, List.of(bAgain.toStep(0)), Map.of())),
                day(10));
        assertThat(group(GroupBy.VERSION, "agent/a#1").silentPasses()).isEqualTo(2);
        // an analyst says incident 3 was none
        projection.on(new IncidentMarkedNotAnIncident(
                S, IncidentId.of(S, 3), "a drill", Outcome.UNDETERMINED, "petra", day(11)));
        assertThat(group(GroupBy.VERSION, "agent/a#1").silentPasses()).isEqualTo(1);
        // a late report of a's failure in incident 2: a was passed, but not silently
        Report aFailed = report("r10", ReportType.BREACHED, "a", 8.9);
        Report bMissed = report("r8", ReportType.BREACHED, "b", 9);
        projection.on(
                new IncidentReassessed(
                        S,
                        IncidentId.of(S, 2),
                        "test",
                        Outcome.UNDETERMINED,
                        IncidentJudge.assess(AFTER, List.of(aFailed.toStep(0), bMissed.toStep(1)), Map.of())),
                day(11));
        assertThat(group(GroupBy.VERSION, "agent/a#1").silentPasses()).isZero();
    }

    @Test
    void aMergedIncidentsSilentPassesCountForTheVersionInForceAtTheEarlierOpeningOfTheTwo() {
        long v1 = group(GroupBy.VERSION, "agent/b#1").silentPasses();
        long v2 = group(GroupBy.VERSION, "agent/b#2").silentPasses();
        // incident 4 (day 8, after the revision) got past b with no report about it, on its way to the off switch
        incident(4, AFTER, 8, report("m1", ReportType.BREACHED, "a", 8), report("m2", ReportType.TRIPPED, "off", 8));
        assertThat(group(GroupBy.VERSION, "agent/b#2").silentPasses()).isEqualTo(v2 + 1);

        // incident 5, opened on day 6 (before the revision), joins it: the two opened on day 6, when b was version 1
        incident(5, BEFORE, 6, report("m3", ReportType.TRIPPED, "a", 6));
        projection.on(new org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged(
                S, IncidentId.of(S, 5), IncidentId.of(S, 4), "one attack", Outcome.UNDETERMINED, "olga", day(8.5)));

        assertThat(group(GroupBy.VERSION, "agent/b#1").silentPasses()).isEqualTo(v1 + 1);
        assertThat(group(GroupBy.VERSION, "agent/b#2").silentPasses()).isEqualTo(v2);
    }

    @Test
    void aWindowCountsOnlyWhatHappenedInIt() {
        BarrierStatistics firstWeek = queries.handle(new GetBarrierStatistics(GroupBy.BARRIER, T0, day(7), null));
        GroupStatistics a = firstWeek.groups().stream()
                .filter(g -> g.key().equals("agent/a"))
                .findFirst()
                .orElseThrow();
        assertThat(a.demands()).isEqualTo(2);
        assertThat(a.exposureHours()).isEqualTo(168.0);
        assertThat(a.silentPasses()).isZero();
    }

    @Test
    void depthCountsTheFleetOrOneSystem() {
        // another agent's incident: a breached, so x and the off switch stand (b only detects): 4 − 2 passed
        SystemId other = SystemId.of("other");
        Report breached = report("o1", ReportType.BREACHED, "a", 3);
        projection.on(
                new IncidentOpened(
                        other,
                        IncidentId.of(other, 1),
                        null,
                        day(3),
                        "o1",
                        IncidentJudge.assess(BEFORE, List.of(breached.toStep(0)), Map.of())),
                day(3));

        // agent: incident 1 got past a, b and x, the off switch left (4 − 1); incident 2, on today's bow-tie, past a
        // and b, the off switch left (3 − 1)
        DepthDistribution fleet = queries.handle(new GetDepthDistribution(T0, END, null));
        assertThat(fleet.fleet()).containsExactlyInAnyOrderEntriesOf(Map.of(3, 1L, 2, 2L));
        assertThat(fleet.bySystem()).containsOnlyKeys("agent", "other");

        DepthDistribution agent = queries.handle(new GetDepthDistribution(T0, END, "agent"));
        assertThat(agent.fleet()).containsExactlyInAnyOrderEntriesOf(Map.of(3, 1L, 2, 1L));
        assertThat(agent.bySystem()).containsOnlyKeys("agent");
        assertThat(agent.byOutcome().values().stream()
                        .flatMap(m -> m.values().stream())
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(2);
        assertThat(queries.handle(new GetDepthDistribution(T0, END, "nobody")).fleet())
                .isEmpty();
    }

    @Test
    void anIncidentMarkedNotAnIncidentLeavesTheIncidentFiguresButItsDemandsStay() {
        SystemId other = SystemId.of("other");
        IncidentId drill = IncidentId.of(other, 1);
        Report breached = report("o1", ReportType.BREACHED, "a", 3);
        projection.on(
                new IncidentOpened(
                        other,
                        drill,
                        null,
                        day(3),
                        "o1",
                        IncidentJudge.assess(BEFORE, List.of(breached.toStep(0)), Map.of())),
                day(3));
        projection.on(new BarrierBreached(other, breached, 1, drill, null));
        assertThat(queries.handle(new GetDepthDistribution(T0, END, "other")).fleet())
                .isNotEmpty();

        projection.on(new org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident(
                other, drill, "a drill", org.swisscheese.tracker.domain.Outcome.UNDETERMINED, "olga", day(4)));

        assertThat(queries.handle(new GetDepthDistribution(T0, END, "other")).fleet())
                .isEmpty();
        assertThat(queries.handle(new GetDepthDistribution(T0, END, null)).fleet())
                .containsExactlyInAnyOrderEntriesOf(Map.of(3, 1L, 2, 1L));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stat_demand WHERE system_id = 'other'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void aMergedIncidentsDemandsCountForTheOneItJoinedWhichAloneCountsAsAnIncident() {
        SystemId other = SystemId.of("other");
        IncidentId first = IncidentId.of(other, 1);
        IncidentId second = IncidentId.of(other, 2);
        Report a = report("o1", ReportType.BREACHED, "a", 3);
        Report b = report("o2", ReportType.BREACHED, "b", 3);
        projection.on(
                new IncidentOpened(
                        other, first, null, day(3), "o1", IncidentJudge.assess(BEFORE, List.of(a.toStep(0)), Map.of())),
                day(3).plusSeconds(60));
        projection.on(new BarrierBreached(other, a, 1, first, null));
        projection.on(
                new IncidentOpened(
                        other,
                        second,
                        null,
                        day(3).minusSeconds(30),
                        "o2",
                        IncidentJudge.assess(BEFORE, List.of(b.toStep(1)), Map.of())),
                day(3).plusSeconds(90));
        projection.on(new BarrierBreached(other, b, 1, second, null));
        assertThat(queries.handle(new GetDepthDistribution(T0, END, "other")).fleet().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(2);

        projection.on(new org.swisscheese.tracker.api.AiSystemEvent.IncidentAcknowledged(
                other, second, "olga", day(3).plusSeconds(100)));
        projection.on(new org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged(
                other,
                second,
                first,
                "one attack",
                org.swisscheese.tracker.domain.Outcome.UNDETERMINED,
                "olga",
                day(4)));

        assertThat(queries.handle(new GetDepthDistribution(T0, END, "other")).fleet().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM stat_demand WHERE incident_id = 'other.1'"))
                .isEqualTo(2);
        // detected from the earliest report of either, and counted once in the response times
        assertThat(count("SELECT COUNT(*) FROM stat_response WHERE system_id = 'other'"))
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT first_report_at FROM stat_response WHERE incident_id = 'other.1'")
                        .query(java.time.OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(day(3).minusSeconds(30));
        // the merged one was acknowledged: so was the incident it joined, from then on
        assertThat(jdbc.sql("SELECT acknowledged_at FROM stat_response WHERE incident_id = 'other.1'")
                        .query(java.time.OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(day(3).plusSeconds(100));
    }

    @Test
    void reportsSplitOffTakeTheirDemandsAndTheNewIncidentWasDetectedWithTheOriginalButNotAcknowledged() {
        SystemId other = SystemId.of("other");
        IncidentId first = IncidentId.of(other, 1);
        IncidentId split = IncidentId.of(other, 2);
        Report a = report("o1", ReportType.BREACHED, "a", 3);
        Report b = report("o2", ReportType.BREACHED, "b", 3);
        projection.on(
                new IncidentOpened(
                        other, first, null, day(3), "o1", IncidentJudge.assess(BEFORE, List.of(a.toStep(0)), Map.of())),
                day(3).plusSeconds(60));
        projection.on(new BarrierBreached(other, a, 1, first, null));
        projection.on(new BarrierBreached(other, b, 1, first, null));
        projection.on(new org.swisscheese.tracker.api.AiSystemEvent.IncidentAcknowledged(
                other, first, "olga", day(3).plusSeconds(120)));

        projection.on(
                new IncidentOpened(
                        other,
                        split,
                        null,
                        b.occurredAt(),
                        "o2",
                        IncidentJudge.assess(BEFORE, List.of(b.toStep(1)), Map.of())),
                day(5));
        projection.on(new org.swisscheese.tracker.api.AiSystemEvent.IncidentSplit(
                other, first, split, List.of("o2"), List.of(b.identity()), "another attempt", "arne", day(5)));

        assertThat(count("SELECT COUNT(*) FROM stat_demand WHERE incident_id = 'other.2'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM stat_demand WHERE incident_id = 'other.1'"))
                .isEqualTo(1);
        assertThat(queries.handle(new GetDepthDistribution(T0, END, "other")).fleet().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT opened_at FROM stat_response WHERE incident_id = 'other.2'")
                        .query(java.time.OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(day(3).plusSeconds(60));
        // acknowledged on its own, like any other incident
        assertThat(count(
                        "SELECT COUNT(*) FROM stat_response WHERE incident_id = 'other.2' AND acknowledged_at IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void holesLineUpOnlyWithEnoughCoincidencesAfterCorrectingForThePairsTested() {
        JdbcClient db = InMemoryDatabase.fresh();
        BarrierStatisticsProjection p = new BarrierStatisticsProjection(db, InMemoryDatabase.mapper());
        p.on(registration(S, "Agent"), T0);
        // ten incidents demand both a and x: five where both fail, five where both hold
        for (int i = 1; i <= 10; i++) {
            IncidentId id = IncidentId.of(S, i);
            boolean fail = i <= 5;
            Report a = report("a" + i, fail ? ReportType.BREACHED : ReportType.TRIPPED, "a", i);
            Report x = report("x" + i, fail ? ReportType.BREACHED : ReportType.TRIPPED, "x", i);
            p.on(
                    new IncidentOpened(
                            S,
                            id,
                            null,
                            day(i),
                            a.reportId(),
                            IncidentJudge.assess(BEFORE, List.of(a.toStep(0), x.toStep(1)), Map.of())),
                    day(i));
            p.on(fail ? new BarrierBreached(S, a, 1, id, null) : new BarrierTripped(S, a, 1, id));
            p.on(fail ? new BarrierBreached(S, x, 1, id, null) : new BarrierTripped(S, x, 1, id));
        }
        DependenceReport report =
                new StatisticsQueries(db).handle(new GetDependence(T0, T0.plus(Duration.ofDays(30)), null));
        StatisticsQueries.PairDependence ax = report.pairs().stream()
                .filter(pair -> pair.first().equals("a") && pair.second().equals("x"))
                .findFirst()
                .orElseThrow();
        // scipy.stats.fisher_exact([[5, 0], [0, 5]], alternative='greater').pvalue = 0.003968253968253969
        assertThat(ax.dependence().pValue()).isCloseTo(0.003968253968253969, within(1e-12));
        // a and x are the only pair both demanded: one test, q = p
        assertThat(report.pairs()).hasSize(1);
        assertThat(ax.qValue()).isCloseTo(0.003968253968253969, within(1e-12));
        assertThat(ax.holesLineUp()).isTrue();
        // every failure of x coincides with one of a
        assertThat(ax.dependence().betaFactor()).isEqualTo(1.0);
        // the path t -> c: predicted = PFD(a) x PFD(x) = (5.5/11)^2 = 0.25
        assertThat(report.paths())
                .singleElement()
                .satisfies(path -> assertThat(path.independence().predicted()).isCloseTo(0.25, within(1e-12)));
    }

    @Test
    void aLineIsOnTheSideItsBowTieSaysEvenWhenItsBarriersAreCustom() {
        fresh();
        SystemId custom = SystemId.of("custom");
        BowTie bowTie = new BowTie(
                null,
                null,
                List.of(
                        new LineSpec(
                                "c",
                                Side.CONSEQUENCE,
                                "Harm",
                                List.of(
                                        BarrierSpec.of("review", "Human review", Category.CUSTOM),
                                        BarrierSpec.of("recall", "Recall", Category.CUSTOM))),
                        new LineSpec(
                                "t", Side.THREAT, "Threat", List.of(BarrierSpec.of("gate", "Gate", Category.CUSTOM)))));
        projection.on(
                new SystemRegistered(
                        custom,
                        "Custom",
                        SystemKind.OTHER,
                        "o",
                        Duration.ofMinutes(15),
                        RiskProfiles.defaultFor(SystemKind.OTHER),
                        null,
                        bowTie,
                        null),
                T0);
        // one path, the threat line then the consequence line, though every barrier's category fits either side
        assertThat(queries.handle(new GetDependence(T0, END, "custom")).paths())
                .singleElement()
                .satisfies(path -> {
                    assertThat(path.threatLine()).isEqualTo("t");
                    assertThat(path.consequenceLine()).isEqualTo("c");
                    assertThat(path.barriers()).containsExactly("gate", "review", "recall");
                });
    }

    @Test
    void aSystemRegisteredWithoutBarriersKeepsItsKindWhenARevisionAddsThem() {
        fresh();
        SystemId bare = SystemId.of("bare");
        // registered as an image classifier with an empty bow-tie: no barrier yet to carry its kind
        projection.on(
                new SystemRegistered(
                        bare,
                        "Bare",
                        SystemKind.IMAGE_CLASSIFIER,
                        "o",
                        Duration.ofMinutes(15),
                        RiskProfiles.defaultFor(SystemKind.IMAGE_CLASSIFIER),
                        null,
                        new BowTie(null, null, List.of()),
                        null),
                T0);
        // day 1: the owner adds a threat line with a and b
        BowTie revised = new BowTie(
                null,
                null,
                List.of(new LineSpec(
                        "t",
                        Side.THREAT,
                        "Threat",
                        List.of(
                                BarrierSpec.of("a", "A", Category.MYOPIA),
                                BarrierSpec.of("b", "B", Category.ANOMALY_MONITORING)))));
        projection.on(
                new BowTieRevised(bare, revised, Map.of("a", 1, "b", 1), List.of("a", "b"), List.of(), List.of()),
                day(1));
        // day 2: a trips; day 3: a is breached and b sees it
        projection.on(new BarrierTripped(bare, report("k1", ReportType.TRIPPED, "a", 2), 1, null));
        projection.on(new BarrierBreached(bare, report("k2", ReportType.BREACHED, "a", 3), 1, null, null));
        projection.on(new AnomalyDetected(bare, report("k3", ReportType.ANOMALY_DETECTED, "b", 3), 1, null));

        BarrierStatistics kinds = queries.handle(new GetBarrierStatistics(GroupBy.KIND, T0, END, "bare"));
        // three demands, one failure, all under the kind it was registered as, none under OTHER
        assertThat(kinds.groups()).extracting(GroupStatistics::key).containsExactly("IMAGE_CLASSIFIER");
        GroupStatistics kind = kinds.groups().get(0);
        assertThat(kind.demands()).isEqualTo(3);
        assertThat(kind.failures()).isEqualTo(1);
        // (1 + 0.5) / (3 + 1)
        assertThat(kind.pfd().estimate()).isEqualTo(0.375);
        assertThat(group(GroupBy.BARRIER, "bare/a").kind()).isEqualTo("IMAGE_CLASSIFIER");
    }

    @Test
    void aResetEmptiesTheKindsOfTheSystemsToo() {
        assertThat(jdbc.sql("SELECT kind FROM stat_system WHERE system_id = 'agent'")
                        .query(String.class)
                        .single())
                .isEqualTo("GENERALIST_AGENT");
        projection.reset();
        for (String table : List.of(
                "stat_system", "stat_barrier", "stat_demand", "stat_proof_test", "stat_incident", "stat_response")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table)
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
        // the replay meets the registration again
        firstWeek();
        assertThat(group(GroupBy.KIND, "GENERALIST_AGENT").demands()).isEqualTo(2 + 1 + 1 + 1);
    }

    @Test
    void pairsAreTestedOnTodaysPathsAndOneCoincidenceClaimsNothing() {
        // incident 1 of the fortnight: a and x both failed; x is gone from today's bow-tie, so that pair is on no
        // path now; a and b (both on today's path) were demanded together once, without coinciding failures
        DependenceReport report = queries.handle(new GetDependence(T0, END, null));
        assertThat(report.pairs()).noneMatch(pair -> pair.second().equals("x"));
        assertThat(report.pairs()).noneMatch(StatisticsQueries.PairDependence::holesLineUp);
    }

    /** Every figure of a group but those that describe the barrier as it stands today (name, category, removed). */
    private static List<Object> figures(GroupStatistics g) {
        return List.of(
                g.demands(),
                g.failures(),
                g.silentPasses(),
                g.pfd(),
                String.valueOf(g.availability()),
                String.valueOf(g.exposureHours()),
                g.timeBetweenFailures(),
                g.weeklyTrend(),
                g.trend(),
                g.proofTests());
    }

    private Map<String, List<Object>> pastFigures(GroupBy by) {
        Map<String, List<Object>> figures = new java.util.TreeMap<>();
        queries.handle(new GetBarrierStatistics(by, T0, day(7), null))
                .groups()
                .forEach(g -> figures.put(g.key(), figures(g)));
        return figures;
    }

    @Test
    void removingABarrierAndRecategorisingAnotherLeavesThePastFiguresAsTheyWereAttributedByVersion() {
        fresh();
        firstWeek();
        Map<GroupBy, Map<String, List<Object>>> before = new java.util.EnumMap<>(GroupBy.class);
        for (GroupBy by : GroupBy.values()) {
            before.put(by, pastFigures(by));
        }
        // the week before the revision, as it stood: x's one demand failed, b (an anomaly monitor, v1) saw the hazard
        assertThat(before.get(GroupBy.CATEGORY).get("SAFETY_INTERLOCK").subList(0, 2))
                .containsExactly(1L, 1L);
        assertThat(before.get(GroupBy.CATEGORY).get("ANOMALY_MONITORING").subList(0, 2))
                .containsExactly(1L, 0L);

        revision();
        secondWeek();

        for (GroupBy by : GroupBy.values()) {
            Map<String, List<Object>> after = pastFigures(by);
            // every group of the past keeps every figure, the removed interlock's and the old category's included
            before.get(by)
                    .forEach((key, figures) ->
                            assertThat(after.get(key)).as("%s %s", by, key).isEqualTo(figures));
            // what the revision brought (b's version 2, its new category) has nothing in the past
            after.keySet().stream()
                    .filter(key -> !before.get(by).containsKey(key))
                    .forEach(key -> assertThat(after.get(key).subList(0, 3))
                            .as("%s %s", by, key)
                            .containsExactly(0L, 0L, 0L));
        }
        assertThat(pastFigures(GroupBy.VERSION)).containsKey("agent/b#2");
        assertThat(pastFigures(GroupBy.CATEGORY)).containsKey("INTERPRETABILITY");
        // and the removed barrier is marked so, its figures kept
        GroupStatistics x =
                queries.handle(new GetBarrierStatistics(GroupBy.BARRIER, T0, day(7), null)).groups().stream()
                        .filter(g -> g.key().equals("agent/x"))
                        .findFirst()
                        .orElseThrow();
        assertThat(x.removed()).isTrue();
        assertThat(x.demands()).isEqualTo(1);
    }

    @Test
    void theTrendScoresEachWeekByItsPlaceInTheCalendarAWeekWithoutDemandsIncluded() {
        fresh();
        register(S, "Agent");
        // ten demands of a in weeks 0, 1, 2 and 9 (days 1, 8, 15, 64), failing 1, 1, 0 and 3 of them; none in 3 to 8
        int[] weeks = {0, 1, 2, 9};
        int[] failed = {1, 1, 0, 3};
        for (int w = 0; w < weeks.length; w++) {
            for (int i = 0; i < 10; i++) {
                Report r = report(
                        "w" + weeks[w] + "-" + i,
                        i < failed[w] ? ReportType.BREACHED : ReportType.TRIPPED,
                        "a",
                        7 * weeks[w] + 1);
                projection.on(
                        i < failed[w] ? new BarrierBreached(S, r, 1, null, null) : new BarrierTripped(S, r, 1, null));
            }
        }
        GroupStatistics a = queries
                .handle(new GetBarrierStatistics(GroupBy.BARRIER, T0, T0.plus(Duration.ofDays(70)), null))
                .groups()
                .stream()
                .filter(g -> g.key().equals("agent/a"))
                .findFirst()
                .orElseThrow();
        // ten weeks, 0 to 9, the six without demands with zeros
        assertThat(a.weeklyTrend()).hasSize(10);
        assertThat(a.weeklyTrend().get(0).weekStart()).isEqualTo(java.time.LocalDate.of(2026, 1, 5));
        assertThat(a.weeklyTrend().get(5).demands()).isZero();
        assertThat(a.weeklyTrend().get(9).failures()).isEqualTo(3);
        // x = [week per demand], y = [1 per failure]: z = sqrt(40) * scipy.stats.pearsonr(x, y).statistic
        //   scores 0, 1, 2, 9: z = 1.7579208498353138, scipy.stats.norm.sf(z) = 0.03938048883903389, worsening;
        //   scored 0, 1, 2, 3 as if the empty weeks did not exist, z would be 1.069, p = 0.1425: not flagged
        assertThat(a.trend().statistic()).isCloseTo(1.7579208498353138, within(1e-12));
        assertThat(a.trend().pValue()).isCloseTo(0.03938048883903389, within(1e-12));
        assertThat(a.trend().status()).isEqualTo(Trend.Status.WORSENING);
    }

    private void changed(SystemId system, String id, Instant at, long sequence) {
        projection.on(
                new org.swisscheese.tracker.api.AiSystemEvent.SystemChanged(
                        system,
                        id,
                        "/deploy",
                        org.swisscheese.tracker.domain.SystemChangeKind.GUARDRAIL,
                        "g-" + id,
                        null,
                        at,
                        at),
                sequence);
    }

    @Test
    void rolloutsAreMarkedInTheWeekOfTheTrendTheyFellInAndAreNoDemands() {
        long demandsBefore = barrierA().demands();
        changed(S, "c1", day(8.5), 100);
        changed(S, "outside", day(40), 101);
        changed(SystemId.of("bare"), "elsewhere", day(8), 1);
        GroupStatistics a = barrierA();
        assertThat(a.changes()).singleElement().satisfies(c -> {
            assertThat(c.weekStart()).isEqualTo(java.time.LocalDate.parse("2026-01-12"));
            assertThat(c.systemId()).isEqualTo("agent");
            assertThat(c.kind()).isEqualTo("GUARDRAIL");
            assertThat(c.version()).isEqualTo("g-c1");
            assertThat(c.occurredAt()).isEqualTo(day(8.5));
        });
        assertThat(a.weeklyTrend())
                .extracting(w -> w.weekStart())
                .contains(a.changes().get(0).weekStart());
        assertThat(a.demands()).as("a rollout is no demand").isEqualTo(demandsBefore);
    }

    @Test
    void aRolloutTheWeekBeforeTheFirstDemandIsOnTheTrendInAWeekOfItsOwn() {
        changed(S, "before", T0.minus(Duration.ofDays(5)), 102);
        GroupStatistics a = queries
                .handle(new GetBarrierStatistics(GroupBy.BARRIER, T0.minus(Duration.ofDays(14)), END, S.value()))
                .groups()
                .stream()
                .filter(g -> "a".equals(g.barrierId()))
                .findFirst()
                .orElseThrow();
        assertThat(a.changes()).extracting(c -> c.version()).containsExactly("g-before");
        assertThat(a.weeklyTrend().get(0)).satisfies(week -> {
            assertThat(week.weekStart()).isEqualTo(java.time.LocalDate.parse("2025-12-29"));
            assertThat(week.demands()).isZero();
        });
    }

    /**
     * The fleet's barrier versions are kept between reads while nothing changes them; a registration, a revised
     * bow-tie and a replay's reset each show in the next read.
     */
    @Test
    void aFleetReadSeesEveryRegistrationRevisionAndResetSinceTheLastRead() {
        GetBarrierStatistics fleet = new GetBarrierStatistics(GroupBy.VERSION, T0, END, null);
        List<String> before = queries.handle(fleet).groups().stream()
                .map(GroupStatistics::key)
                .toList();
        assertThat(queries.handle(fleet).groups())
                .extracting(GroupStatistics::key)
                .isEqualTo(before);

        register(SystemId.of("newcomer"), "Newcomer");
        assertThat(queries.handle(fleet).groups())
                .extracting(GroupStatistics::key)
                .contains("newcomer/a#1")
                .containsAll(before);

        projection.on(
                new BowTieRevised(
                        SystemId.of("newcomer"),
                        AFTER,
                        Map.of("a", 2, "b", 1, "off", 1),
                        List.of(),
                        List.of("x"),
                        List.of("a")),
                day(9));
        assertThat(queries.handle(fleet).groups())
                .extracting(GroupStatistics::key)
                .contains("newcomer/a#1", "newcomer/a#2");

        projection.reset();
        assertThat(queries.handle(fleet).groups()).isEmpty();
    }

    private GroupStatistics barrierA() {
        return queries.handle(new GetBarrierStatistics(GroupBy.BARRIER, T0, END, S.value())).groups().stream()
                .filter(g -> "a".equals(g.barrierId()))
                .findFirst()
                .orElseThrow();
    }
}
