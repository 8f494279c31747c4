package org.swisscheese.tracker.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.domain.IncidentJudgeTest.AGENT;
import static org.swisscheese.tracker.domain.IncidentJudgeTest.steps;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.domain.IncidentJudge.Counterfactual;

/**
 * What-if, judged by the same judge (see {@link IncidentJudgeTest} for the bow-tie): held barriers stop the hazard
 * wherever they stand, removed barriers are passed wherever the hazard reached them.
 */
class CounterfactualTest {

    static final List<Step> UP_TO_THE_INTERLOCK = steps(
            List.of("breached myopia 0", "breached compute-limit 1", "anomaly monitor 2", "breached interlock 3"));

    @Test
    void asReportedTheHazardGotPastTheInterlock() {
        Assessment actual = IncidentJudge.assess(AGENT, UP_TO_THE_INTERLOCK, Map.of());
        assertThat(actual.outcome()).isEqualTo(Outcome.TOP_EVENT);
        assertThat(actual.position()).isEqualTo(4);
        assertThat(actual.margin()).isEqualTo(1);
    }

    @Test
    void holdingABarrierUpstreamOfTheDeepestBreachStopsTheHazardThere() {
        Assessment whatIf = IncidentJudge.assess(
                AGENT, UP_TO_THE_INTERLOCK, Map.of(), new Counterfactual("compute-limit", Set.of()));
        // myopia still failed; compute-limit holds at 1; the monitor, the interlock breach are dropped, and the
        // influence line (no report of its own) is not the hazard's route
        assertThat(whatIf.outcome()).isEqualTo(Outcome.NEAR_MISS);
        assertThat(whatIf.stoppedBy()).isEqualTo("compute-limit");
        assertThat(whatIf.position()).isEqualTo(1);
        assertThat(whatIf.margin()).isEqualTo(3); // compute-limit, interlock, off-switch
        assertThat(whatIf.breachedBarriers()).containsExactly("myopia");
    }

    @Test
    void holdingTheFirstBarrierStopsEverything() {
        Assessment whatIf =
                IncidentJudge.assess(AGENT, UP_TO_THE_INTERLOCK, Map.of(), new Counterfactual("myopia", Set.of()));
        assertThat(whatIf.outcome()).isEqualTo(Outcome.NEAR_MISS);
        assertThat(whatIf.stoppedBy()).isEqualTo("myopia");
        assertThat(whatIf.margin()).isEqualTo(4);
    }

    @Test
    void holdingAReactiveBarrierKeepsThePreventiveHistory() {
        Assessment whatIf =
                IncidentJudge.assess(AGENT, UP_TO_THE_INTERLOCK, Map.of(), new Counterfactual("interlock", Set.of()));
        assertThat(whatIf.outcome()).isEqualTo(Outcome.TOP_EVENT);
        assertThat(whatIf.stoppedBy()).isEqualTo("interlock");
        assertThat(whatIf.margin()).isEqualTo(2);
    }

    @Test
    void removingTheBarrierThatHeldLetsTheHazardPastIt() {
        List<Step> nearMiss = steps(List.of("breached myopia 0", "tripped compute-limit 1"));
        assertThat(IncidentJudge.assess(AGENT, nearMiss, Map.of()).outcome()).isEqualTo(Outcome.NEAR_MISS);
        Assessment whatIf =
                IncidentJudge.assess(AGENT, nearMiss, Map.of(), new Counterfactual(null, Set.of("compute-limit")));
        // the path without compute-limit: myopia, monitor | interlock, off-switch; the hazard is at the monitor
        assertThat(whatIf.outcome()).isEqualTo(Outcome.UNDETERMINED);
        assertThat(whatIf.position()).isEqualTo(1);
        assertThat(whatIf.paths()).singleElement().satisfies(p -> {
            assertThat(p.length()).isEqualTo(4);
            assertThat(p.threatLength()).isEqualTo(2);
        });
        assertThat(whatIf.margin()).isEqualTo(2);
    }

    @Test
    void removingTheLastBarrierAHazardReachedIsAFullFailure() {
        Assessment whatIf = IncidentJudge.assess(
                AGENT,
                steps(List.of("shutdown.completed off-switch 0")),
                Map.of(),
                new Counterfactual(null, Set.of("off-switch")));
        assertThat(whatIf.outcome()).isEqualTo(Outcome.FULL_FAILURE);
    }

    @Test
    void marksDrawWhatTheHazardDidAndWhatStandsAhead() {
        Assessment a = IncidentJudge.assess(
                AGENT,
                steps(List.of("breached compute-limit 0", "tripped interlock 1")),
                Map.of("off-switch", BarrierState.IMPAIRED));
        Path optimization = AGENT.paths().get(0);
        assertThat(IncidentJudge.marks(AGENT, optimization, a, Map.of("off-switch", BarrierState.IMPAIRED)))
                .extracting(BarrierMark::mark)
                .containsExactly(
                        BarrierMark.Mark.PASSED_SILENTLY,
                        BarrierMark.Mark.BREACHED,
                        BarrierMark.Mark.PASSED_SILENTLY,
                        BarrierMark.Mark.HOLDING,
                        BarrierMark.Mark.IMPAIRED);
        assertThat(IncidentJudge.marks(AGENT, optimization, null, Map.of()))
                .extracting(BarrierMark::mark)
                .containsExactly(
                        BarrierMark.Mark.STANDING,
                        BarrierMark.Mark.STANDING,
                        BarrierMark.Mark.WATCHING,
                        BarrierMark.Mark.STANDING,
                        BarrierMark.Mark.STANDING);
        assertThat(IncidentJudge.standing(AGENT, optimization, Map.of("off-switch", BarrierState.IMPAIRED)))
                .isEqualTo(3);
    }
}
