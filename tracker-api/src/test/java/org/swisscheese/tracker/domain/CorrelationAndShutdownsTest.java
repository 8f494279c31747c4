package org.swisscheese.tracker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Correlation and the off switch's demand, the domain's pure rules (DESIGN §4), worked by hand on the language-model
 * template: threat line misaligned-objective (adversarial-training, anomaly-monitor, interpretability) and influence
 * (deployment-gate, output-filter); consequence line harm (ai-disclosure, interlock, off-switch). Window 15 minutes.
 */
class CorrelationAndShutdownsTest {

    private static final BowTie LLM = Templates.forKind(SystemKind.LANGUAGE_MODEL);
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");

    private record Incident(
            String id, String chainId, Instant firstAt, Instant lastAt, List<Step> steps, boolean topEventReached)
            implements Correlation.Open {}

    private static Step step(ReportType type, String barrier, int minute) {
        return new Step("r" + minute, type, barrier, T0.plus(Duration.ofMinutes(minute)), minute, null);
    }

    private static Incident open(String id, String chainId, boolean topEvent, Step... steps) {
        List<Step> list = List.of(steps);
        return new Incident(
                id,
                chainId,
                list.stream().map(Step::occurredAt).min(Instant::compareTo).orElseThrow(),
                list.stream().map(Step::occurredAt).max(Instant::compareTo).orElseThrow(),
                list,
                topEvent);
    }

    private static String correlated(List<Incident> open, String chainId, Step step) {
        return Correlation.correlate(LLM, WINDOW, open, chainId, step)
                .map(Incident::id)
                .orElse("none");
    }

    @Test
    void whatOpensAnIncident() {
        Map<Step, Boolean> cases = Map.of(
                step(ReportType.BREACHED, "deployment-gate", 0), true, // a failure
                step(ReportType.TRIPPED, "deployment-gate", 0), false, // held at the first try
                step(ReportType.ANOMALY_DETECTED, "anomaly-monitor", 0), true, // a detection barrier saw something
                step(ReportType.TRIPPED, "interlock", 0), true, // any report on a reactive barrier
                step(ReportType.HARM_REPORTED, null, 0), true); // harm
        cases.forEach((step, opens) -> assertThat(Correlation.opensIncident(LLM, step))
                .as(step.type() + " " + step.barrierId())
                .isEqualTo(opens));
    }

    @Test
    void aReportJoinsTheIncidentOfItsChainWhateverItsTimeOrLine() {
        Incident a = open("a", "c1", false, step(ReportType.BREACHED, "deployment-gate", 0));
        Incident b = open("b", "c2", false, step(ReportType.BREACHED, "deployment-gate", 1));
        assertThat(correlated(List.of(a, b), "c2", step(ReportType.BREACHED, "adversarial-training", 500)))
                .isEqualTo("b");
        assertThat(correlated(List.of(a, b), "c3", step(ReportType.BREACHED, "deployment-gate", 1)))
                .isEqualTo("none");
    }

    @Test
    void withoutAChainIdTheWindowIsMeasuredFromTheWholeSpanOnBothSides() {
        Incident spanning = open(
                "a",
                null,
                false,
                step(ReportType.BREACHED, "deployment-gate", 0),
                step(ReportType.BREACHED, "output-filter", 30));
        // 15 minutes after the last report, 15 before the first: in; 16 after: out
        assertThat(correlated(List.of(spanning), null, step(ReportType.TRIPPED, "output-filter", 45)))
                .isEqualTo("a");
        assertThat(correlated(List.of(spanning), null, step(ReportType.TRIPPED, "deployment-gate", -15)))
                .isEqualTo("a");
        assertThat(correlated(List.of(spanning), null, step(ReportType.TRIPPED, "output-filter", 46)))
                .isEqualTo("none");
    }

    @Test
    void withoutAChainIdAReportMustTouchTheIncidentsLineUnlessEitherIsPastTheTopEvent() {
        Incident influence = open("a", null, false, step(ReportType.BREACHED, "deployment-gate", 0));
        assertThat(correlated(List.of(influence), null, step(ReportType.BREACHED, "adversarial-training", 1)))
                .as("another threat line")
                .isEqualTo("none");
        assertThat(correlated(List.of(influence), null, step(ReportType.TRIPPED, "interlock", 1)))
                .as("the report is past the top event")
                .isEqualTo("a");
        Incident pastTopEvent = open("b", null, true, step(ReportType.BREACHED, "deployment-gate", 0));
        assertThat(correlated(List.of(pastTopEvent), null, step(ReportType.BREACHED, "adversarial-training", 1)))
                .as("the incident is past the top event")
                .isEqualTo("b");
    }

    @Test
    void amongSeveralTheNearestInTimeThenTheNewest() {
        Incident early = open("early", null, false, step(ReportType.BREACHED, "deployment-gate", 0));
        Incident late = open("late", null, false, step(ReportType.BREACHED, "deployment-gate", 10));
        assertThat(correlated(List.of(early, late), null, step(ReportType.TRIPPED, "output-filter", 3)))
                .isEqualTo("early");
        assertThat(correlated(List.of(early, late), null, step(ReportType.TRIPPED, "output-filter", 8)))
                .isEqualTo("late");
        assertThat(correlated(List.of(early, late), null, step(ReportType.TRIPPED, "output-filter", 5)))
                .as("as near to both: the newer")
                .isEqualTo("late");
    }

    @Test
    void onlyWhatOccurredAfterAShutdownDefeatsItAndTheEarliestSuchActivityDoes() {
        Instant shutdown = T0.plus(Duration.ofMinutes(12));
        assertThat(Shutdowns.defeats(shutdown, T0.plus(Duration.ofMinutes(11))))
                .as("a late report of something before it")
                .isFalse();
        assertThat(Shutdowns.defeats(shutdown, shutdown))
                .as("at the same instant")
                .isFalse();
        assertThat(Shutdowns.defeats(shutdown, T0.plus(Duration.ofMinutes(13)))).isTrue();
        List<Step> byArrival = List.of(
                step(ReportType.BREACHED, "output-filter", 20),
                step(ReportType.HARM_REPORTED, null, 11),
                step(ReportType.TRIPPED, "interlock", 14));
        assertThat(Shutdowns.firstDefeating(shutdown, byArrival, Step::occurredAt))
                .map(Step::reportId)
                .hasValue("r14");
        assertThat(Shutdowns.firstDefeating(shutdown, List.of(byArrival.get(1)), Step::occurredAt))
                .isEmpty();
    }

    @Test
    void theFailedDemandIsChargedToTheNamedOffSwitchEvenIfRemovedSinceAndToTheShutdownsIncidentWhileOpen() {
        assertThat(Shutdowns.chargedOffSwitch("off-switch")).isEqualTo("off-switch");
        assertThat(Shutdowns.chargedOffSwitch("removed-since"))
                .as("its history stays")
                .isEqualTo("removed-since");
        assertThat(Shutdowns.chargedOffSwitch(null))
                .as("a system without an off switch")
                .isNull();
        assertThat(Shutdowns.chargedIncident("llm.1", true, "llm.2")).isEqualTo("llm.1");
        assertThat(Shutdowns.chargedIncident("llm.1", false, "llm.2")).isEqualTo("llm.2");
        assertThat(Shutdowns.chargedIncident(null, false, "llm.2")).isEqualTo("llm.2");
    }
}
