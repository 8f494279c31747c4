package org.swisscheese.tracker.projection.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.swisscheese.tracker.projection.Events.T0;
import static org.swisscheese.tracker.projection.Events.judged;
import static org.swisscheese.tracker.projection.Events.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentProgressed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.ReportJoinedIncident;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.statistics.ResponseTimes.GetResponseTimes;
import org.swisscheese.tracker.projection.statistics.ResponseTimes.ResponseTimesReport;
import org.swisscheese.tracker.projection.statistics.ResponseTimes.ScopeTimes;
import org.swisscheese.tracker.projection.statistics.ResponseTimes.StepTimes;

/**
 * Response times worked out by hand, fed to the projection as the aggregate would emit them (the timestamps are the
 * tracker's clock; reports carry their own occurrence). T = 2026-11-02T08:00Z, times in minutes from T; the window
 * is [T, T + 1 day), waits are measured at T + 240.
 *
 * <pre>
 * incident   first report  opened (tracker)  acknowledged  contained (NEAR_MISS)        closed
 * llm.1      −3 (joined)   2 (report at 0)   12            7                             62 resolved, postmortem
 * llm.2      60            61                –             –                             76 gone quiet
 * llm.3      120           120               150           125, then escalated at 130    open
 * llm.4      180           181               182           –                             185 not an incident: left out
 * llm.5      200           203               –             203 (opened held)             open
 * vision.1   29 (late)     30.5 (report 30)  31            –                             open
 * llm.6      −1 day        −1 day + 1        10            –                             open: opened before the window
 * llm.7      +1 day        +1 day            –             –                             open: opened at its end
 * </pre>
 *
 * R-7 percentiles (NumPy's default): with n sorted values x1..xn, h = (n − 1) p + 1 and the value x⌊h⌋ + (h − ⌊h⌋)
 * (x⌊h⌋+1 − x⌊h⌋).
 */
class ResponseTimesTest {

    static final SystemId LLM = SystemId.of("llm");
    static final SystemId VISION = SystemId.of("vision");
    static final Instant FROM = T0;
    static final Instant TO = T0.plus(Duration.ofDays(1));
    static final Instant AS_OF = at(240);

    private final JdbcClient jdbc = InMemoryDatabase.fresh();
    private final BarrierStatisticsProjection projection =
            new BarrierStatisticsProjection(jdbc, InMemoryDatabase.mapper());
    private final ResponseTimes responseTimes = new ResponseTimes(jdbc);

    private final Report gateBreached = report("g", ReportType.BREACHED, "deployment-gate", 0);
    private final Report filterHeld = report("f", ReportType.TRIPPED, "output-filter", 1);
    private final Report filterBreached = report("b", ReportType.BREACHED, "output-filter", 1);
    private final Assessment undetermined = judged(gateBreached);
    private final Assessment nearMiss = judged(gateBreached, filterHeld);
    private final Assessment topEvent = judged(gateBreached, filterBreached);

    private static Instant at(double minutes) {
        return T0.plus(Duration.ofSeconds(Math.round(minutes * 60)));
    }

    private static IncidentId id(SystemId system, int n) {
        return IncidentId.of(system, n);
    }

    /** Opened by a report that occurred at {@code occurred}, seen by the tracker at {@code opened}. */
    private void open(IncidentId id, double occurred, double opened, Assessment assessment) {
        SystemId system = SystemId.of(id.value().substring(0, id.value().indexOf('.')));
        projection.on(new IncidentOpened(system, id, "c", at(occurred), "r-" + id, assessment), at(opened));
    }

    private void acknowledge(IncidentId id, double minute) {
        projection.on(new IncidentAcknowledged(LLM, id, "olga", at(minute)));
    }

    @BeforeEach
    void incidents() {
        assertThat(undetermined.outcome()).isEqualTo(Outcome.UNDETERMINED);
        assertThat(nearMiss.outcome()).isEqualTo(Outcome.NEAR_MISS);
        assertThat(topEvent.outcome()).isEqualTo(Outcome.TOP_EVENT);

        IncidentId llm1 = id(LLM, 1);
        open(llm1, 0, 2, undetermined);
        projection.on(
                new BarrierBreached(LLM, report("r-llm.1", ReportType.BREACHED, "deployment-gate", 0), 1, llm1, null));
        // a demand that held three minutes before the breach turned out to belong to it
        projection.on(
                new ReportJoinedIncident(LLM, report("held", ReportType.TRIPPED, "adversarial-training", -3), 1, llm1));
        projection.on(new IncidentContained(LLM, llm1, "f1", nearMiss), at(7));
        acknowledge(llm1, 12);
        projection.on(
                new IncidentResolved(LLM, llm1, at(62), false, new Postmortem("filter", List.of(), List.of()), null));

        IncidentId llm2 = id(LLM, 2);
        open(llm2, 60, 61, undetermined);
        projection.on(new IncidentResolved(LLM, llm2, at(76), true, null, Outcome.UNDETERMINED));

        IncidentId llm3 = id(LLM, 3);
        open(llm3, 120, 120, undetermined);
        projection.on(new IncidentContained(LLM, llm3, "f3", nearMiss), at(125));
        projection.on(new IncidentEscalated(LLM, llm3, "b3", Outcome.NEAR_MISS, topEvent), at(130));
        projection.on(new IncidentProgressed(LLM, llm3, "b4", topEvent), at(140));
        acknowledge(llm3, 150);

        IncidentId llm4 = id(LLM, 4);
        open(llm4, 180, 181, undetermined);
        acknowledge(llm4, 182);
        projection.on(new IncidentMarkedNotAnIncident(LLM, llm4, "a drill", Outcome.UNDETERMINED, "olga", at(185)));

        open(id(LLM, 5), 200, 203, nearMiss);

        IncidentId vision1 = id(VISION, 1);
        open(vision1, 30, 30.5, undetermined);
        // a report that occurred before the opening one, delivered after it
        projection.on(new BarrierBreached(
                VISION, report("late", ReportType.BREACHED, "deployment-gate", 29), 1, vision1, null));
        projection.on(new IncidentAcknowledged(VISION, vision1, "vic", at(31)));
        // a report of the incident that occurred later moves nothing
        projection.on(new BarrierTripped(VISION, report("later", ReportType.TRIPPED, "output-filter", 40), 1, vision1));

        IncidentId llm6 = id(LLM, 6);
        open(llm6, -24 * 60, -24 * 60 + 1, undetermined);
        acknowledge(llm6, 10);

        open(id(LLM, 7), 24 * 60, 24 * 60, undetermined);
    }

    private ResponseTimesReport ask(Instant from, Instant to, String system) {
        return responseTimes.handle(new GetResponseTimes(from, to, system, AS_OF));
    }

    /** count, median, p90 and max in seconds; waiting and the oldest wait; never. */
    private static void expect(
            StepTimes step,
            long count,
            Double median,
            Double p90,
            Double max,
            long waiting,
            Double oldestWait,
            String oldestIncident,
            long never) {
        assertThat(step.count()).as("count").isEqualTo(count);
        assertThat(step.medianSeconds()).as("median").isEqualTo(median);
        assertThat(step.p90Seconds()).as("p90").isEqualTo(p90);
        assertThat(step.maxSeconds()).as("max").isEqualTo(max);
        assertThat(step.waiting()).as("waiting").isEqualTo(waiting);
        assertThat(step.oldestWaitSeconds()).as("oldest wait").isEqualTo(oldestWait);
        assertThat(step.oldestWaitingIncident()).as("oldest waiting").isEqualTo(oldestIncident);
        assertThat(step.never()).as("never").isEqualTo(never);
    }

    @Test
    void theFleetInTheWindow() {
        ScopeTimes fleet = ask(FROM, TO, null).fleet();
        // llm.1, 2, 3, 5 and vision.1; llm.4 was none, llm.6 and llm.7 opened outside the window
        assertThat(fleet.systemId()).isNull();
        assertThat(fleet.incidents()).isEqualTo(5);
        assertThat(fleet.notAnIncident()).isEqualTo(1);
        // detect: llm.1 −3 → 2 = 300 s, llm.2 60, llm.3 0, llm.5 180, vision.1 29 → 30.5 = 90: 0 60 90 180 300;
        // median h = 3: 90; p90 h = 4.6: 180 + 0.6 × 120 = 252
        expect(fleet.detect(), 5, 90.0, 252.0, 300.0, 0, null, null, 0);
        assertThat(fleet.detect().median()).isEqualTo("PT1M30S");
        assertThat(fleet.detect().p90()).isEqualTo("PT4M12S");
        assertThat(fleet.detect().max()).isEqualTo("PT5M");
        // acknowledge: llm.1 10 min, llm.3 30 min, vision.1 30 s: 30 600 1800; median 600; p90 h = 2.8:
        // 600 + 0.8 × 1200 = 1560. llm.2 closed unacknowledged; llm.5 waits since 203: 37 min
        expect(fleet.acknowledge(), 3, 600.0, 1560.0, 1800.0, 1, 2220.0, "llm.5", 1);
        assertThat(fleet.acknowledge().oldestWait()).isEqualTo("PT37M");
        // contain: llm.1 2 → 7, llm.3 120 → 125 (the first containment; the escalation after it does not undo it),
        // llm.5 held when it opened: 0 300 300. llm.2 closed uncontained; vision.1 waits since 30.5: 209.5 min
        expect(fleet.contain(), 3, 300.0, 300.0, 300.0, 1, 12570.0, "vision.1", 1);
        // resolve: llm.1 2 → 62 = 3600 s, llm.2 61 → 76 = 900 s (gone quiet); median h = 1.5: 2250; p90 h = 1.9:
        // 900 + 0.9 × 2700 = 3330. llm.3, llm.5 and vision.1 wait, vision.1 the longest
        expect(fleet.resolve(), 2, 2250.0, 3330.0, 3600.0, 3, 12570.0, "vision.1", 0);
        assertThat(fleet.resolve().median()).isEqualTo("PT37M30S");
        assertThat(fleet.resolvedQuietly()).isEqualTo(1);
    }

    @Test
    void perSystem() {
        ResponseTimesReport report = ask(FROM, TO, null);
        assertThat(report.systems()).extracting(ScopeTimes::systemId).containsExactly("llm", "vision");
        ScopeTimes llm = report.systems().get(0);
        assertThat(llm.incidents()).isEqualTo(4);
        assertThat(llm.notAnIncident()).isEqualTo(1);
        // detect 0 60 180 300: median h = 2.5: 120; p90 h = 3.7: 180 + 0.7 × 120 = 264
        expect(llm.detect(), 4, 120.0, 264.0, 300.0, 0, null, null, 0);
        // acknowledge 600 1800: median h = 1.5: 1200; p90 h = 1.9: 600 + 0.9 × 1200 = 1680
        expect(llm.acknowledge(), 2, 1200.0, 1680.0, 1800.0, 1, 2220.0, "llm.5", 1);
        expect(llm.contain(), 3, 300.0, 300.0, 300.0, 0, null, null, 1);
        // llm.3 waits since 120, llm.5 since 203
        expect(llm.resolve(), 2, 2250.0, 3330.0, 3600.0, 2, 7200.0, "llm.3", 0);

        ScopeTimes vision = report.systems().get(1);
        assertThat(vision.incidents()).isEqualTo(1);
        assertThat(vision.notAnIncident()).isZero();
        expect(vision.detect(), 1, 90.0, 90.0, 90.0, 0, null, null, 0);
        expect(vision.acknowledge(), 1, 30.0, 30.0, 30.0, 0, null, null, 0);
        expect(vision.contain(), 0, null, null, null, 1, 12570.0, "vision.1", 0);
        assertThat(vision.contain().median()).isNull();
        expect(vision.resolve(), 0, null, null, null, 1, 12570.0, "vision.1", 0);
        assertThat(vision.resolvedQuietly()).isZero();
    }

    @Test
    void oneSystemIsItsOwnFleet() {
        ResponseTimesReport report = ask(FROM, TO, "vision");
        assertThat(report.systemId()).isEqualTo("vision");
        assertThat(report.asOf()).isEqualTo(AS_OF);
        assertThat(report.systems()).extracting(ScopeTimes::systemId).containsExactly("vision");
        assertThat(report.fleet().incidents()).isEqualTo(1);
        expect(report.fleet().acknowledge(), 1, 30.0, 30.0, 30.0, 0, null, null, 0);
        assertThat(ask(FROM, TO, "nobody").fleet().incidents()).isZero();
        assertThat(ask(FROM, TO, "nobody").systems()).isEmpty();
    }

    @Test
    void theWindowTakesTheIncidentsThatOpenedInItWholeAndNoOthers() {
        // llm.6 opened the day before and was acknowledged inside the window: not in it
        assertThat(ask(FROM, TO, "llm").fleet().acknowledge().count()).isEqualTo(2);
        // without a window: llm.6 (a day and 9 minutes to acknowledge) and llm.7 (waiting) too
        ScopeTimes all = ask(null, null, "llm").fleet();
        assertThat(all.incidents()).isEqualTo(6);
        // acknowledge 600 1800 86940: p90 h = 2.8: 1800 + 0.8 × 85140 = 69912; llm.5 and llm.7 wait (llm.7 opened after
        // the instant waits are measured to: no wait), llm.5 the longest
        expect(all.acknowledge(), 3, 1800.0, 69_912.0, 86_940.0, 2, 2220.0, "llm.5", 1);
        // a window that starts after llm.1 opened (its report at 0) and ends before llm.3's (at 120) was reported
        ScopeTimes cut = ask(at(1), at(120), null).fleet();
        assertThat(cut.incidents()).isEqualTo(2); // llm.2 and vision.1
        expect(cut.detect(), 2, 75.0, 87.0, 90.0, 0, null, null, 0);
        // a window of the day after: llm.7 only, opened at its very start
        assertThat(ask(TO, TO.plus(Duration.ofDays(1)), null).fleet().incidents())
                .isEqualTo(1);
    }

    @Test
    void eventsDeliveredAgainChangeNothing() {
        ResponseTimesReport before = ask(FROM, TO, null);
        IncidentId llm1 = id(LLM, 1);
        projection.on(new IncidentContained(LLM, llm1, "f1", nearMiss), at(7));
        projection.on(new IncidentAcknowledged(LLM, llm1, "olga", at(12)));
        projection.on(
                new ReportJoinedIncident(LLM, report("held", ReportType.TRIPPED, "adversarial-training", -3), 1, llm1));
        projection.on(new IncidentContained(LLM, id(LLM, 3), "f3", nearMiss), at(125));
        projection.on(new IncidentEscalated(LLM, id(LLM, 3), "b3", Outcome.NEAR_MISS, topEvent), at(130));
        assertThat(ask(FROM, TO, null)).isEqualTo(before);
        // an opening delivered again finds its row: the read model skips it (ParkingPolicy)
        assertThatThrownBy(() -> open(llm1, 0, 2, undetermined)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aResetEmptiesTheTable() {
        projection.reset();
        assertThat(ask(null, null, null).fleet().incidents()).isZero();
    }
}
