package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.command.Fixtures.BOWTIE;
import static org.swisscheese.tracker.command.Fixtures.T0;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.command.AiSystem.OpenIncident;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.Step;

/**
 * The aggregate remembers which lines an open incident's reports are on, for correlation asks it for every open
 * incident on every report without a chain id. What it remembers must follow every change of the incident's reports
 * and of the bow-tie, or a report would join (or miss) an incident by lines it no longer (or now) touches.
 */
class OpenIncidentLinesTest {

    private static Step step(String reportId, String barrierId, int minute) {
        return new Step(reportId, ReportType.BREACHED, barrierId, T0.plusSeconds(60L * minute), minute, null);
    }

    private static OpenIncident incident(String id, Step... steps) {
        OpenIncident incident = new OpenIncident(id, null, T0, null);
        for (Step step : steps) {
            incident.add(step, T0);
        }
        return incident;
    }

    @Test
    void theLinesFollowReportsAddedRemovedMergedSplitAndTheBowTie() {
        OpenIncident incident = incident("agent-1.1", step("r1", "myopia", 0));
        assertThat(incident.touchesLine(BOWTIE, "optimization")).isTrue();
        assertThat(incident.touchesLine(BOWTIE, "influence")).isFalse();

        incident.add(step("r2", "gate", 1), T0);
        assertThat(incident.touchesLine(BOWTIE, "influence"))
                .as("after a report joined")
                .isTrue();

        incident.removeSteps(s -> s.reportId().equals("r2"));
        assertThat(incident.touchesLine(BOWTIE, "influence"))
                .as("after a report left")
                .isFalse();

        incident.addEvidence(step("inferred", "off-switch", 2));
        assertThat(incident.touchesLine(BOWTIE, "harm"))
                .as("after evidence was added")
                .isTrue();

        incident.absorb(incident("agent-1.2", step("r3", "boxing", 3)));
        assertThat(incident.touchesLine(BOWTIE, "influence"))
                .as("after a merge")
                .isTrue();

        OpenIncident split = new OpenIncident("agent-1.3", null, T0, null);
        incident.moveTo(split, Set.of("r3"));
        assertThat(incident.touchesLine(BOWTIE, "influence"))
                .as("after a split, the one split")
                .isFalse();
        assertThat(split.touchesLine(BOWTIE, "influence"))
                .as("after a split, the new one")
                .isTrue();

        // a revised bow-tie that moved myopia onto a line of its own
        BowTie revised = new BowTie(
                null,
                null,
                List.of(
                        new LineSpec("solo", BOWTIE.lines().get(0).side(), "Solo", List.of(barrier("myopia"))),
                        new LineSpec(
                                "optimization",
                                BOWTIE.lines().get(0).side(),
                                "Optimization",
                                List.of(barrier("compute-limit"), barrier("monitor")))));
        assertThat(incident.touchesLine(revised, "solo"))
                .as("in the revised bow-tie")
                .isTrue();
        assertThat(incident.touchesLine(revised, "optimization")).isFalse();
        assertThat(incident.touchesLine(BOWTIE, "optimization"))
                .as("in the first bow-tie again")
                .isTrue();
    }

    private static org.swisscheese.tracker.domain.BarrierSpec barrier(String id) {
        return BOWTIE.barrier(id).orElseThrow();
    }
}
