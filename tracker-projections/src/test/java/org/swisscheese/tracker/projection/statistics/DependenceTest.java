package org.swisscheese.tracker.projection.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Category;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.Side;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.Dependence;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetDependence;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.PairLift;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.PathDependence;

/** Threat line a, b; consequence line c. Every number below is worked out by hand in the comments. */
class DependenceTest {

    private static final SystemId S = SystemId.of("s");
    private final JdbcClient jdbc = InMemoryDatabase.fresh();
    private final BarrierStatisticsProjection projection = new BarrierStatisticsProjection(jdbc);
    private final StatisticsQueries queries = new StatisticsQueries(jdbc);
    private int reports;

    @BeforeEach
    void fleet() {
        BowTie bowTie = new BowTie(null, null, List.of(
                new LineSpec("t", Side.THREAT, "t", List.of(BarrierSpec.of("a", "A", Category.BOXING),
                        BarrierSpec.of("b", "B", Category.DEPLOYMENT_GATE))),
                new LineSpec("h", Side.CONSEQUENCE, "h", List.of(BarrierSpec.of("c", "C", Category.OFF_SWITCH)))));
        projection.on(new SystemRegistered(S, "s", SystemKind.OTHER, null, Duration.ofMinutes(15),
                RiskProfile.UNKNOWN, RiskProfile.UNKNOWN.riskClass(), bowTie, null));
        // incident 1: a and b fail, and it was a full failure; incident 2: a fails, b holds
        open(1, Outcome.FULL_FAILURE);
        failed("a", 1);
        failed("b", 1);
        open(2, Outcome.NEAR_MISS);
        failed("a", 2);
        held("b", 2);
        // outside incidents: a held once, b held six times
        held("a", 0);
        for (int i = 0; i < 6; i++) {
            held("b", 0);
        }
    }

    private Report report(ReportType type, String barrier) {
        Instant at = Instant.parse("2026-11-02T08:00:00Z").plusSeconds(reports++);
        return new Report("r" + reports, type, barrier, null, at, at, "/t", null, Map.of(), null, null, null);
    }

    private IncidentId incident(int n) {
        return n == 0 ? null : IncidentId.of(S, n);
    }

    private void open(int n, Outcome outcome) {
        projection.on(new IncidentOpened(S, incident(n), null, Instant.now(), "x", new Assessment("t", "h",
                List.of("a", "b", "c"), 2, List.of(), 0, outcome, null, false, false)));
    }

    private void failed(String barrier, int incident) {
        projection.on(new BarrierBreached(S, report(ReportType.BREACHED, barrier), 1, incident(incident), null));
    }

    private void held(String barrier, int incident) {
        projection.on(new BarrierTripped(S, report(ReportType.TRIPPED, barrier), 1, incident(incident)));
    }

    @Test
    void independencePredictsTheProductOfThePfdsAndTheObservedRateIsPerDemandOnTheFirstBarrier() {
        Dependence dependence = queries.handle(new GetDependence(null, null));
        PathDependence path = dependence.paths().get(0);
        // a: 3 demands, 2 failures -> 2.5/4; b: 8 demands, 1 failure -> 1.5/9; c: no demand -> 0.5
        assertThat(path.predictedByIndependence()).isCloseTo(2.5 / 4 * (1.5 / 9) * 0.5, within(1e-12));
        // one full failure per 3 demands on a
        assertThat(path.observedRate()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(path.barriers()).containsExactly("a", "b", "c");
    }

    @Test
    void theLiftOfAPairIsHowMuchMoreOftenTheLaterFailsWhenTheEarlierFailed() {
        PairLift lift = queries.handle(new GetDependence(null, null)).pairs().get(0);
        assertThat(lift.first()).isEqualTo("a");
        assertThat(lift.second()).isEqualTo("b");
        // a failed in 2 incidents where b was demanded; b failed in 1: Jeffreys 1.5/3 = 0.5 against b's 1.5/9
        assertThat(lift.bothDemanded()).isEqualTo(2);
        assertThat(lift.secondFailed()).isEqualTo(1);
        assertThat(lift.lift()).isCloseTo(0.5 / (1.5 / 9), within(1e-12));
        // two incidents are not enough evidence: the interval reaches below 1
        assertThat(lift.holesLineUp()).isFalse();
    }
}
