package org.swisscheese.tracker.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.swisscheese.tracker.domain.IncidentJudgeTest.AGENT;
import static org.swisscheese.tracker.domain.IncidentJudgeTest.steps;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.domain.WhatIf.Answer;
import org.swisscheese.tracker.domain.WhatIf.Case;
import org.swisscheese.tracker.domain.WhatIf.Summary;

/** Three past incidents of the agent of {@link IncidentJudgeTest}, asked what-if questions. */
class WhatIfTest {

    static final List<Case> PAST = List.of(
            // 1: optimization line walked to the top event, then the interlock failed: TOP_EVENT
            new Case(
                    "a.1",
                    AGENT,
                    steps(List.of(
                            "breached myopia 0",
                            "breached compute-limit 1",
                            "anomaly monitor 2",
                            "breached interlock 3")),
                    Map.of()),
            // 2: held by the compute limit after a breach: NEAR_MISS
            new Case("a.2", AGENT, steps(List.of("breached myopia 0", "tripped compute-limit 1")), Map.of()),
            // 3: a breach of the sandbox only: UNDETERMINED
            new Case("a.3", AGENT, steps(List.of("breached boxing 0")), Map.of()));

    @Test
    void holdingABarrierChangesOnlyTheIncidentsThatGotPastIt() {
        Summary s = WhatIf.ask(PAST, new WhatIf.Hold("compute-limit"));
        assertThat(s.incidents()).extracting(Answer::changed).containsExactly(true, false, false);
        assertThat(s.incidents().get(0).after())
                .singleElement()
                .satisfies(p -> assertThat(p.outcome()).isEqualTo(Outcome.NEAR_MISS));
        assertThat(s.expectedBefore())
                .containsEntry(Outcome.TOP_EVENT, 1.0)
                .containsEntry(Outcome.NEAR_MISS, 1.0)
                .containsEntry(Outcome.UNDETERMINED, 1.0);
        assertThat(s.expectedAfter()).containsEntry(Outcome.TOP_EVENT, 0.0).containsEntry(Outcome.NEAR_MISS, 2.0);
    }

    @Test
    void removingTheBarrierThatHeldTurnsTheNearMissLoose() {
        Summary s = WhatIf.ask(PAST, new WhatIf.Remove(Set.of("compute-limit")));
        assertThat(s.incidents().get(1).after())
                .singleElement()
                .satisfies(p -> assertThat(p.outcome()).isEqualTo(Outcome.UNDETERMINED));
        assertThat(s.incidents().get(2).changed()).isFalse();
    }

    @Test
    void anAddedBarrierHoldsWithOneMinusItsPfdForEveryIncidentThatGotPastWhereItStands() {
        // a second sandbox right after boxing on the influence line, failing one demand in ten
        BarrierSpec sandbox = BarrierSpec.of("sandbox-2", "Second sandbox", Category.BOXING);
        Summary s = WhatIf.ask(PAST, new WhatIf.Add("influence", 1, sandbox, 0.1));
        // incident 3 got past boxing, so it meets the new sandbox: held with 0.9, as before with 0.1
        Answer third = s.incidents().get(2);
        assertThat(third.after())
                .extracting(WhatIf.Possible::outcome)
                .containsExactly(Outcome.NEAR_MISS, Outcome.UNDETERMINED);
        assertThat(third.after()).extracting(WhatIf.Possible::probability).containsExactly(0.9, 0.1);
        // incidents 1 and 2 never went along the influence line
        assertThat(s.incidents().get(0).changed()).isFalse();
        assertThat(s.incidents().get(1).changed()).isFalse();
        assertThat(s.expectedAfter().get(Outcome.UNDETERMINED)).isCloseTo(0.1, within(1e-12));
        assertThat(s.expectedAfter().get(Outcome.NEAR_MISS)).isCloseTo(1.9, within(1e-12));
    }

    @Test
    void anAddedBarrierUpstreamOfTheFirstReportIsMetByTheHazardToo() {
        // at the very front of the optimization line: every incident on that line met it
        BarrierSpec gate = BarrierSpec.of("pre-gate", "Pre-training gate", Category.DEPLOYMENT_GATE);
        Summary s = WhatIf.ask(PAST, new WhatIf.Add("optimization", 0, gate, 0.5));
        assertThat(s.incidents().get(0).after())
                .extracting(WhatIf.Possible::outcome)
                .containsExactly(Outcome.NEAR_MISS, Outcome.TOP_EVENT);
        assertThat(s.incidents().get(1).after())
                .extracting(WhatIf.Possible::outcome)
                .containsExactly(Outcome.NEAR_MISS, Outcome.NEAR_MISS);
    }
}
