package org.swisscheese.tracker.projection.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.Templates;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;
import org.swisscheese.tracker.projection.board.BoardCard.OpenIncident;
import org.swisscheese.tracker.projection.board.BoardCard.PathView;

class BoardCardTest {

    private BoardCard languageModel() {
        BoardCard card = new BoardCard();
        card.systemId = "llm";
        card.bowTie = Templates.forKind(SystemKind.LANGUAGE_MODEL);
        return card;
    }

    private static PathView path(CardView view, String threat) {
        return view.paths().stream().filter(p -> p.threatLine().equals(threat)).findFirst().orElseThrow();
    }

    @Test
    void withNothingWrongEveryBarrierStandsAndThereIsNoAlert() {
        CardView view = languageModel().view();
        // influence (gate, filter) + harm (disclosure, interlock, off switch)
        assertThat(path(view, "influence").liveMargin()).isEqualTo(5);
        assertThat(view.lowestMargin()).isEqualTo(5);
        assertThat(view.alert()).isFalse();
    }

    @Test
    void degradedBarriersAndBreachesOfOpenIncidentsAreHolesOnEveryPathTheySitOn() {
        BoardCard card = languageModel();
        card.degraded.add("interlock");
        card.degraded.add("off-switch");
        card.openIncidents.put("llm.1", new OpenIncident("llm.1", "TOP_EVENT",
                List.of("deployment-gate", "output-filter", "ai-disclosure", "interlock", "off-switch"),
                List.of("deployment-gate", "output-filter"), 3, 0.4, null, Instant.EPOCH));
        CardView view = card.view();
        assertThat(path(view, "influence").liveMargin()).isEqualTo(1);
        assertThat(path(view, "misaligned-objective").liveMargin()).isEqualTo(4);
        assertThat(path(view, "influence").barriers()).extracting(BoardCard.BarrierOnPath::state)
                .containsExactly("BREACHED", "BREACHED", "INTACT", "DEGRADED", "DEGRADED");
        assertThat(view.lowestMargin()).isEqualTo(1);
        assertThat(view.alert()).isTrue();
    }

    @Test
    void activityAfterShutdownRaisesTheAlertWhateverTheMargins() {
        BoardCard card = languageModel();
        card.activityAfterShutdown = true;
        assertThat(card.view().alert()).isTrue();
    }
}
