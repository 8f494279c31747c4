package org.swisscheese.tracker.projection.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Rating;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.reliability.PfdEstimate;
import org.swisscheese.tracker.projection.card.SafetyCardController.BarrierCard;
import org.swisscheese.tracker.projection.card.SafetyCardController.IncidentRecord;
import org.swisscheese.tracker.projection.card.SafetyCardController.SafetyCard;

/** The card an auditor reads says nothing rather than "null" where the tracker was never told something. */
class SafetyCardMarkdownTest {

    private static BarrierCard barrier(String id, Integer version, String failureModes) {
        return new BarrierCard(
                id,
                "Barrier " + id,
                "OUTPUT_FILTER",
                "influence",
                "THREAT",
                true,
                version,
                BarrierState.IN_SERVICE,
                failureModes,
                null,
                null,
                0,
                0,
                0,
                PfdEstimate.jeffreys(0, 0),
                null,
                null,
                null);
    }

    private static SafetyCard card(String owner, String hazard, List<BarrierCard> barriers) {
        return new SafetyCard(
                "llm",
                "Support assistant",
                "LANGUAGE_MODEL",
                owner,
                "DEPLOYED",
                Instant.parse("2026-11-29T13:26:41Z"),
                new RiskProfile(Rating.MEDIUM, Rating.NONE, Rating.LOW),
                "DORMANT",
                hazard,
                "Misaligned AI acts in the world",
                barriers,
                List.of(),
                new IncidentRecord(0, 0, Map.of(Outcome.NEAR_MISS, 0L), Map.of()));
    }

    @Test
    void aSystemWithoutAnOwnerNamesNone() {
        String md = SafetyCardMarkdown.render(card(null, "Misalignment", List.of(barrier("a", 1, "x"))));
        assertThat(md).contains("Kind LANGUAGE_MODEL, lifecycle DEPLOYED. Generated 2026-11-29T13:26:41Z");
        assertThat(md).doesNotContain("null").doesNotContain("owner");
    }

    @Test
    void aSystemWithAnOwnerNamesIt() {
        String md = SafetyCardMarkdown.render(card("trust-and-safety", "Misalignment", List.of(barrier("a", 1, "x"))));
        assertThat(md).contains("Kind LANGUAGE_MODEL, owner trust-and-safety, lifecycle DEPLOYED.");
    }

    @Test
    void aBarrierWithoutAVersionPrintsNoneAndMissingTextIsADash() {
        String md = SafetyCardMarkdown.render(
                card("o", null, List.of(barrier("a", null, null), barrier("b", 3, "Impact is hard to measure."))));
        assertThat(md).contains("| influence | Barrier a (`a`) | OUTPUT_FILTER |");
        assertThat(md).contains("| influence | Barrier b (`b` v3) | OUTPUT_FILTER |");
        assertThat(md).contains("- Barrier a: –\n").contains("- Barrier b: Impact is hard to measure.\n");
        assertThat(md).contains("Hazard: –. Top event: Misaligned AI acts in the world.");
        // no rationale given for any ingredient
        assertThat(md).contains("| misalignment | MEDIUM | – |");
        assertThat(md).doesNotContain("null");
    }
}
