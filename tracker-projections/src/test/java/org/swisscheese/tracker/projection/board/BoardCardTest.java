package org.swisscheese.tracker.projection.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.Events.BOWTIE;
import static org.swisscheese.tracker.projection.Events.judged;
import static org.swisscheese.tracker.projection.Events.report;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.projection.board.BoardCard.BarrierOnPath;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;
import org.swisscheese.tracker.projection.board.BoardCard.OpenIncident;
import org.swisscheese.tracker.projection.board.BoardCard.OpenIncidentView;
import org.swisscheese.tracker.projection.board.BoardCard.OpenIncidents;
import org.swisscheese.tracker.projection.board.BoardCard.PathView;
import org.swisscheese.tracker.projection.board.BoardCard.Signs;

/** The live board of DESIGN §4 on the language model of {@code Events}; margins worked out in the comments. */
class BoardCardTest {

    private BoardCard languageModel() {
        BoardCard card = new BoardCard();
        card.systemId = "llm";
        card.bowTie = BOWTIE;
        return card;
    }

    private static PathView path(CardView view, String threat) {
        return view.paths().stream()
                .filter(p -> p.threatLine().equals(threat))
                .findFirst()
                .orElseThrow();
    }

    private static OpenIncident open(String id, Assessment a) {
        return open(id, a, 0);
    }

    private static OpenIncident open(String id, Assessment a, int minute) {
        return new OpenIncident(id, a.outcome(), a, Instant.EPOCH.plusSeconds(60L * minute));
    }

    @Test
    void withNothingOpenAPathCountsItsActingBarriersInService() {
        CardView view = languageModel().view(List.of());
        // adversarial-training (the monitor and the probes only detect) + disclosure, interlock, off switch
        assertThat(path(view, "misaligned-objective").liveMargin()).isEqualTo(4);
        // gate, filter + disclosure, interlock, off switch
        assertThat(path(view, "influence").liveMargin()).isEqualTo(5);
        assertThat(view.lowestMargin()).isEqualTo(4);
        assertThat(view.alert()).isFalse();
        assertThat(path(view, "misaligned-objective").barriers())
                .extracting(BarrierOnPath::mark)
                .containsExactly("STANDING", "WATCHING", "WATCHING", "STANDING", "STANDING", "STANDING");
    }

    @Test
    void anOpenFullFailureShowsNoMarginAndAlerts() {
        Assessment harm = judged(report("h", ReportType.HARM_REPORTED, null, 0));
        CardView view = languageModel().view(List.of(open("llm.1", harm)));
        assertThat(view.lowestMargin()).isZero();
        assertThat(view.alert()).isTrue();
        assertThat(view.alerts())
                .contains("incident llm.1 is a full failure: past every barrier of a path, or harm " + "reported");
    }

    @Test
    void anIncidentPastEveryPreventiveBarrierAlertsInWordsAndEachPathSaysWhereTheTopEventSits() {
        Assessment top = judged(
                report("r1", ReportType.BREACHED, "deployment-gate", 0),
                report("r2", ReportType.BREACHED, "output-filter", 1));
        assertThat(top.outcome()).isEqualTo(Outcome.TOP_EVENT);
        CardView view = languageModel().view(List.of(open("llm.3", top)));
        assertThat(view.alerts()).contains("incident llm.3 reached the top event");
        assertThat(view.alerts()).noneMatch(a -> a.contains("TOP_EVENT"));
        // the gate and the filter are preventive, then the disclosure, interlock and off switch react
        PathView influence = path(view, "influence");
        assertThat(influence.threatLength()).isEqualTo(2);
        assertThat(influence.barriers().get(influence.threatLength()).id()).isEqualTo("ai-disclosure");
        assertThat(path(view, "misaligned-objective").threatLength()).isEqualTo(3);
    }

    @Test
    void anIncidentWithOneBarrierLeftTakesThePathsMarginDownToOneAndAlerts() {
        Assessment oneLeft = judged(
                report("r1", ReportType.BREACHED, "deployment-gate", 0),
                report("r2", ReportType.BREACHED, "output-filter", 1),
                report("r3", ReportType.BREACHED, "ai-disclosure", 2),
                report("r4", ReportType.BREACHED, "interlock", 3));
        CardView view = languageModel().view(List.of(open("llm.1", oneLeft)));
        PathView influence = path(view, "influence");
        assertThat(influence.liveMargin()).isEqualTo(1); // only the off switch
        assertThat(influence.incidentId()).isEqualTo("llm.1");
        assertThat(influence.barriers())
                .extracting(BarrierOnPath::mark)
                .containsExactly("BREACHED", "BREACHED", "BREACHED", "BREACHED", "STANDING");
        assertThat(view.alert()).isTrue();
    }

    @Test
    void theSmallestMarginOverOpenIncidentsIsThePathsMargin() {
        Assessment shallow = judged(report("a", ReportType.BREACHED, "deployment-gate", 0));
        Assessment deep = judged(
                report("b", ReportType.BREACHED, "deployment-gate", 0),
                report("c", ReportType.BREACHED, "output-filter", 1));
        CardView view = languageModel().view(List.of(open("llm.1", shallow), open("llm.2", deep)));
        assertThat(path(view, "influence").liveMargin()).isEqualTo(3);
        assertThat(path(view, "influence").incidentId()).isEqualTo("llm.2");
        // neither incident has a report on the other threat line: its path keeps its standing barriers
        assertThat(path(view, "misaligned-objective").liveMargin()).isEqualTo(4);
    }

    @Test
    void aCardListsItsWorstOpenIncidentsAndCountsTheRestWhileEveryPathTakesAllOfThemIn() {
        Assessment top = judged(
                report("a", ReportType.BREACHED, "deployment-gate", 0),
                report("b", ReportType.BREACHED, "output-filter", 1));
        Assessment shallow = judged(report("c", ReportType.BREACHED, "deployment-gate", 2));
        Assessment misaligned = judged(report("d", ReportType.BREACHED, "adversarial-training", 3));
        List<OpenIncident> open = List.of(
                open("llm.1", top, 1), open("llm.2", shallow, 2), open("llm.3", misaligned, 3), open("llm.4", top, 4));

        CardView view = languageModel().view(OpenIncidents.of(open, BOWTIE, 2), List.of(), Signs.NONE);

        // the two top events, the newer first; the shallow and the misaligned ones are counted, not listed
        assertThat(view.openIncidents()).extracting(OpenIncidentView::id).containsExactly("llm.4", "llm.1");
        assertThat(view.openIncidentCount()).isEqualTo(4);
        // the oldest of the equally close sets the influence path's margin (3: disclosure, interlock, off switch)
        assertThat(path(view, "influence").incidentId()).isEqualTo("llm.1");
        assertThat(path(view, "influence").liveMargin()).isEqualTo(3);
        // an incident the card does not list still sets its path's margin: 3 of the 4 acting barriers are left
        assertThat(path(view, "misaligned-objective").incidentId()).isEqualTo("llm.3");
        assertThat(path(view, "misaligned-objective").liveMargin()).isEqualTo(3);

        CardView one = languageModel().view(OpenIncidents.of(open, BOWTIE, 1), List.of(), Signs.NONE);
        assertThat(one.alerts())
                .containsExactly(
                        "incident llm.4 reached the top event",
                        "1 more open incident reached the top event or is a full failure");
    }

    @Test
    void degradedAndImpairedBarriersAreHolesOnEveryPathTheyStandOn() {
        BoardCard card = languageModel();
        card.states.put("interlock", BarrierState.DEGRADED);
        card.states.put("off-switch", BarrierState.IMPAIRED);
        CardView view = card.view(List.of());
        assertThat(path(view, "misaligned-objective").liveMargin()).isEqualTo(2);
        assertThat(path(view, "influence").liveMargin()).isEqualTo(3);
        assertThat(path(view, "influence").barriers())
                .extracting(BarrierOnPath::mark)
                .containsExactly("STANDING", "STANDING", "STANDING", "DEGRADED", "IMPAIRED");
    }

    @Test
    void activityAfterShutdownOrWhileSuspendedAlertsWhateverTheMargins() {
        BoardCard card = languageModel();
        card.activityAfterShutdown = true;
        assertThat(card.view(List.of()).alerts())
                .containsExactly("activity after shutdown: the off switch did not hold");
        BoardCard suspended = languageModel();
        suspended.activityWhileSuspended = true;
        assertThat(suspended.view(List.of()).alert()).isTrue();
    }

    @Test
    void aCardStoredBeforeItKeptTheDeploymentTimeCountsSilenceFromThePromise() {
        BoardCard card = languageModel();
        card.lifecycle = "DEPLOYED";
        card.bowTie = new org.swisscheese.tracker.domain.BowTie(
                BOWTIE.hazard(),
                BOWTIE.topEvent(),
                BOWTIE.lines().stream()
                        .map(line -> new org.swisscheese.tracker.domain.LineSpec(
                                line.id(),
                                line.side(),
                                line.name(),
                                line.barriers().stream()
                                        .map(b -> b.id().equals("anomaly-monitor")
                                                ? b.withExpectedEvery(java.time.Duration.ofMinutes(10))
                                                : b)
                                        .toList()))
                        .toList());
        card.watchedSince.put("anomaly-monitor", Instant.EPOCH);
        BoardCard.Signs signs = new BoardCard.Signs(
                java.util.Map.of(), java.util.Map.of(), Instant.EPOCH.plus(java.time.Duration.ofMinutes(12)));
        assertThat(card.view(List.of(), List.of(), signs).mayBeDead())
                .extracting(BoardCard.MayBeDead::barrierId)
                .containsExactly("anomaly-monitor");
        card.lifecycle = "SUSPENDED";
        assertThat(card.view(List.of(), List.of(), signs).mayBeDead()).isEmpty();
    }
}
