package org.swisscheese.tracker.projection.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.Events.INCIDENT;
import static org.swisscheese.tracker.projection.Events.SYSTEM;
import static org.swisscheese.tracker.projection.Events.judged;
import static org.swisscheese.tracker.projection.Events.report;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.AnomalyDetected;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssigned;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentNoteAdded;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSeverityChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ReportJoinedIncident;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierCondition;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.Severity;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.BarrierOnPath;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.FindIncidents;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.GetIncidentTimeline;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.IncidentView;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.ResponseAct;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.Timeline;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.TimelineEntry;

/** The incident timeline on the language model of {@link Events}: influence = deployment-gate, output-filter. */
class IncidentTimelineProjectionTest {

    private final IncidentTimelineProjection projection =
            new IncidentTimelineProjection(InMemoryDatabase.fresh(), InMemoryDatabase.mapper());

    private final Report gateBreached = report("r1", ReportType.BREACHED, "deployment-gate", 0);
    private final Report filterHeld = report("r2", ReportType.TRIPPED, "output-filter", 2);
    private final Report filterBreached = report("r3", ReportType.BREACHED, "output-filter", 3);

    @BeforeEach
    void aGateBreachThenTheFilterHoldsAndLaterFailsWithTheHoldReportedLate() {
        projection.on(Events.registered());
        // the off switch went out of service before the incident
        projection.on(new BarrierStateChanged(
                SYSTEM,
                "off-switch",
                BarrierCondition.Change.OUT_OF_SERVICE,
                "DEGRADED",
                "d",
                Events.T0.minusSeconds(300),
                0,
                org.swisscheese.tracker.domain.BarrierState.IN_SERVICE,
                org.swisscheese.tracker.domain.BarrierState.DEGRADED));
        projection.on(new IncidentOpened(SYSTEM, INCIDENT, "c", Events.T0, "r1", judged(gateBreached)));
        projection.on(new BarrierBreached(SYSTEM, gateBreached, 1, INCIDENT, null), 1);
        projection.on(new BarrierBreached(SYSTEM, filterBreached, 1, INCIDENT, null), 2);
        Assessment last = judged(
                Map.of("off-switch", org.swisscheese.tracker.domain.BarrierState.DEGRADED),
                gateBreached,
                filterBreached,
                filterHeld);
        projection.on(new IncidentEscalated(SYSTEM, INCIDENT, "r3", Outcome.UNDETERMINED, last));
        projection.on(new BarrierTripped(SYSTEM, filterHeld, 1, INCIDENT), 3);
    }

    @Test
    void anIncidentShowsItsLatestJudgement() {
        IncidentView incident = projection
                .handle(new FindIncidents(null, null, null, null, null, null, 0, 10))
                .items()
                .get(0);
        assertThat(incident.outcome()).isEqualTo(Outcome.TOP_EVENT);
        assertThat(incident.breachedBarriers()).containsExactly("deployment-gate", "output-filter");
        assertThat(incident.position()).isEqualTo(2);
        assertThat(incident.margin()).isEqualTo(2); // disclosure and interlock; the off switch is out of service
        assertThat(incident.reportCount()).isEqualTo(3);
        assertThat(incident.lastReportAt()).isEqualTo(Events.T0.plusSeconds(180));
    }

    @Test
    void theTimelinePutsLateReportsInTheirPlaceAndJudgesEachStepAgain() {
        Timeline timeline =
                projection.handle(new GetIncidentTimeline(INCIDENT.value())).orElseThrow();
        assertThat(timeline.steps()).extracting(s -> s.report().reportId()).containsExactly("r1", "r2", "r3");
        assertThat(timeline.steps().get(0).after().barriers())
                .extracting(BarrierOnPath::mark)
                .containsExactly("BREACHED", "STANDING", "STANDING", "STANDING", "DEGRADED");
        assertThat(timeline.steps().get(0).after().outcome()).isEqualTo(Outcome.UNDETERMINED);
        assertThat(timeline.steps().get(1).after().barriers())
                .extracting(BarrierOnPath::mark)
                .containsExactly("BREACHED", "HOLDING", "STANDING", "STANDING", "DEGRADED");
        assertThat(timeline.steps().get(1).after().outcome()).isEqualTo(Outcome.NEAR_MISS);
        assertThat(timeline.steps().get(1).after().stoppedBy()).isEqualTo("output-filter");
        assertThat(timeline.steps().get(2).after().outcome()).isEqualTo(Outcome.TOP_EVENT);
        assertThat(timeline.steps().get(2).after().margin()).isEqualTo(2);
    }

    @Test
    void aHeldDemandThatJoinedLaterAndAnOffSwitchDefeatedByActivityShowOnTheTimeline() {
        projection.on(
                new ReportJoinedIncident(
                        SYSTEM, report("early", ReportType.TRIPPED, "adversarial-training", 1), 1, INCIDENT),
                4);
        projection.on(
                new ActivityAfterShutdown(
                        SYSTEM,
                        "after",
                        Events.T0.plusSeconds(600),
                        "sd",
                        "/test",
                        Events.T0.plusSeconds(300),
                        "off-switch",
                        INCIDENT),
                5);
        Timeline timeline =
                projection.handle(new GetIncidentTimeline(INCIDENT.value())).orElseThrow();
        assertThat(timeline.steps())
                .extracting(s -> s.report().reportId())
                .containsExactly("r1", "early", "r2", "r3", "after#off-switch");
        assertThat(timeline.steps().get(4).report().inferredFrom()).isEqualTo("after");
        assertThat(timeline.incident().activityAfterShutdown()).isTrue();
    }

    @Test
    void theIncidentViewShowsSilentPassesAndDetectionsApartFromBreachesAndHolds() {
        // misaligned-objective: adversarial-training, anomaly-monitor (detects), interpretability (detects) | harm
        IncidentId second = IncidentId.of(SYSTEM, 2);
        Report seen = report("a1", ReportType.ANOMALY_DETECTED, "anomaly-monitor", 30);
        projection.on(new IncidentOpened(SYSTEM, second, null, seen.occurredAt(), "a1", judged(seen)));
        projection.on(new AnomalyDetected(SYSTEM, seen, 1, second), 10);
        IncidentView incident = projection
                .handle(new GetIncidentTimeline(second.value()))
                .orElseThrow()
                .incident();
        assertThat(incident.breachedBarriers()).isEmpty();
        assertThat(incident.silentlyPassed()).containsExactly("adversarial-training");
        assertThat(incident.detectedBy()).containsExactly("anomaly-monitor");
        assertThat(incident.stoppedBy()).isNull();
        Timeline timeline =
                projection.handle(new GetIncidentTimeline(second.value())).orElseThrow();
        assertThat(timeline.steps().get(0).after().barriers())
                .extracting(BarrierOnPath::barrierId, BarrierOnPath::mark)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("adversarial-training", "PASSED_SILENTLY"),
                        org.assertj.core.groups.Tuple.tuple("anomaly-monitor", "DETECTED"),
                        org.assertj.core.groups.Tuple.tuple("interpretability", "WATCHING"),
                        org.assertj.core.groups.Tuple.tuple("ai-disclosure", "STANDING"),
                        org.assertj.core.groups.Tuple.tuple("interlock", "STANDING"),
                        org.assertj.core.groups.Tuple.tuple("off-switch", "DEGRADED"));
        assertThat(timeline.steps().get(0).after().silentlyPassed()).containsExactly("adversarial-training");
        assertThat(timeline.steps().get(0).after().detectedBy()).containsExactly("anomaly-monitor");
    }

    @Test
    void theFirstReleasesOffSwitchBreachInferredByArrivalIsNoStepOfTheTimeline() {
        // stored by the first release: a report of minute 1 arrived after a shutdown, and an off-switch breach dated
        // minute 1 was inferred from it by arrival (even had it happened before the shutdown)
        Report inferred = new Report(
                "r1/activity-after-shutdown",
                ReportType.BREACHED,
                "off-switch",
                null,
                Events.T0.plusSeconds(60),
                Events.T0.plusSeconds(600),
                "tracker",
                null,
                null,
                null,
                null,
                null);
        projection.on(new BarrierBreached(SYSTEM, inferred, 1, INCIDENT, "r1"), 4);
        Timeline timeline =
                projection.handle(new GetIncidentTimeline(INCIDENT.value())).orElseThrow();
        assertThat(timeline.steps()).extracting(s -> s.report().reportId()).containsExactly("r1", "r2", "r3");
        assertThat(timeline.steps().get(2).after().breachedBarriers())
                .containsExactly("deployment-gate", "output-filter");
        assertThat(timeline.incident().reportCount()).isEqualTo(3);
    }

    @Test
    void filtersFindIncidentsByStatusOutcomeAndBarrier() {
        projection.on(
                new IncidentResolved(
                        SYSTEM,
                        INCIDENT,
                        Events.T0.plusSeconds(600),
                        false,
                        new Postmortem("done", null, null),
                        Outcome.TOP_EVENT),
                "analyst");
        assertThat(projection
                        .handle(new FindIncidents(null, "OPEN", null, null, null, null, 0, 10))
                        .total())
                .isZero();
        assertThat(projection
                        .handle(new FindIncidents(
                                "llm", "RESOLVED", Outcome.TOP_EVENT, null, null, "output-filter", 0, 10))
                        .total())
                .isEqualTo(1);
        assertThat(projection
                        .handle(new FindIncidents(null, null, null, null, null, "interlock", 0, 10))
                        .total())
                .isZero();
        assertThat(projection
                        .handle(new FindIncidents(null, null, null, Events.T0.plusSeconds(1), null, null, 0, 10))
                        .total())
                .isZero();
        IncidentView resolved = projection
                .handle(new IncidentQueries.GetIncident(INCIDENT.value()))
                .orElseThrow();
        assertThat(resolved.resolvedBy()).isEqualTo("analyst");
        assertThat(resolved.postmortem().summary()).isEqualTo("done");
    }

    // --- incident response ---------------------------------------------------------------------------------

    /** Acts between the reports: r1 at 0, r2 at 2, r3 at 3 minutes. */
    private void respond() {
        projection.on(new IncidentAcknowledged(SYSTEM, INCIDENT, "olga", Events.T0.plusSeconds(60)), 4);
        projection.on(new IncidentAssigned(SYSTEM, INCIDENT, "on-call", null, "olga", Events.T0.plusSeconds(90)), 5);
        projection.on(
                new IncidentSeverityChanged(SYSTEM, INCIDENT, Severity.SEV3, null, "olga", Events.T0.plusSeconds(120)),
                6);
        projection.on(new IncidentAssigned(SYSTEM, INCIDENT, "arne", "on-call", "olga", Events.T0.plusSeconds(200)), 7);
        projection.on(
                new IncidentSeverityChanged(
                        SYSTEM, INCIDENT, Severity.SEV1, Severity.SEV3, "arne", Events.T0.plusSeconds(200)),
                8);
        projection.on(
                new IncidentNoteAdded(
                        SYSTEM, INCIDENT, "filter config rolled back", "arne", Events.T0.plusSeconds(600)),
                9);
    }

    @Test
    void anIncidentShowsWhereItsResponseStands() {
        respond();
        IncidentView incident = projection
                .handle(new IncidentQueries.GetIncident(INCIDENT.value()))
                .orElseThrow();
        assertThat(incident.acknowledgedAt()).isEqualTo(Events.T0.plusSeconds(60));
        assertThat(incident.acknowledgedBy()).isEqualTo("olga");
        assertThat(incident.assignee()).isEqualTo("arne");
        assertThat(incident.severity()).isEqualTo(Severity.SEV1);
        assertThat(incident.notAnIncident()).isFalse();
        assertThat(incident.status()).isEqualTo("OPEN");
        // the judgement is the reports' alone
        assertThat(incident.outcome()).isEqualTo(Outcome.TOP_EVENT);
    }

    @Test
    void theTimelineShowsTheActsInOrderAmongTheReportsWithTheJudgementThatStoodThen() {
        respond();
        Timeline timeline =
                projection.handle(new GetIncidentTimeline(INCIDENT.value())).orElseThrow();
        assertThat(timeline.steps()).hasSize(3);
        assertThat(timeline.acts())
                .extracting(ResponseAct::kind)
                .containsExactly(
                        "ACKNOWLEDGED", "ASSIGNED", "SEVERITY_CHANGED", "ASSIGNED", "SEVERITY_CHANGED", "NOTE_ADDED");
        assertThat(timeline.acts().get(3))
                .isEqualTo(new ResponseAct("ASSIGNED", "olga", Events.T0.plusSeconds(200), "arne", "on-call"));
        assertThat(timeline.acts().get(4).previous()).isEqualTo("SEV3");
        assertThat(timeline.entries())
                .extracting(e -> e.kind().equals(TimelineEntry.REPORT)
                        ? timeline.steps().get(e.step()).report().reportId()
                        : e.act().kind() + "@" + e.step())
                .containsExactly(
                        "r1",
                        "ACKNOWLEDGED@0",
                        "ASSIGNED@0",
                        "r2",
                        "SEVERITY_CHANGED@1",
                        "r3",
                        "ASSIGNED@2",
                        "SEVERITY_CHANGED@2",
                        "NOTE_ADDED@2");
    }

    @Test
    void aReclassifiedReportStaysOnTheTimelineAndTheStepsAfterItAreJudgedWithoutIt() {
        // r2: the filter held at minute 2; found to be a drill
        projection.on(
                new org.swisscheese.tracker.api.AiSystemEvent.ReportReclassified(
                        SYSTEM,
                        INCIDENT,
                        "r2",
                        filterHeld.identity(),
                        "output-filter",
                        ReportType.TRIPPED,
                        org.swisscheese.tracker.domain.ReportClass.PROOF_TEST,
                        "a drill nobody flagged",
                        "petra",
                        Events.T0.plusSeconds(900)),
                10);
        Timeline timeline =
                projection.handle(new GetIncidentTimeline(INCIDENT.value())).orElseThrow();
        assertThat(timeline.steps()).hasSize(3);
        assertThat(timeline.steps().get(1).report())
                .extracting(r -> r.reclassifiedAs(), r -> r.reclassifiedReason())
                .containsExactly("PROOF_TEST", "a drill nobody flagged");
        // after r2 the incident stands as after r1 alone: the gate breached, nothing held
        assertThat(timeline.steps().get(1).after())
                .isEqualTo(timeline.steps().get(0).after());
        assertThat(timeline.steps().get(1).after().stoppedBy()).isNull();
        assertThat(timeline.acts())
                .extracting(ResponseAct::kind, ResponseAct::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "REPORT_RECLASSIFIED", "r2 as proof test: a drill nobody flagged"));
    }

    @Test
    void aSeriousIncidentShowsItsClockAndItsReportOrItsLatenessOnTheTimeline() {
        java.time.Instant due = Events.T0.plus(java.time.Duration.ofDays(2));
        projection.on(
                new org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentDeclared(
                        SYSTEM,
                        INCIDENT,
                        org.swisscheese.tracker.domain.SeriousIncidentKind.WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE,
                        Events.T0,
                        due,
                        "petra",
                        Events.T0.plusSeconds(600)),
                10);
        projection.on(
                new org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReportOverdue(
                        SYSTEM,
                        INCIDENT,
                        org.swisscheese.tracker.domain.SeriousIncidentKind.WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE,
                        due),
                11);
        IncidentView late = projection
                .handle(new IncidentQueries.GetIncident(INCIDENT.value()))
                .orElseThrow();
        assertThat(late.seriousIncident())
                .isEqualTo(new IncidentQueries.SeriousIncident(
                        "WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE", Events.T0, due, null, null, true));
        projection.on(
                new org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReported(
                        SYSTEM, INCIDENT, "MSA-2026-7", "petra", due.plusSeconds(3600)),
                12);
        IncidentView reported = projection
                .handle(new IncidentQueries.GetIncident(INCIDENT.value()))
                .orElseThrow();
        assertThat(reported.seriousIncident().reference()).isEqualTo("MSA-2026-7");
        assertThat(reported.seriousIncident().overdue()).isFalse();
        assertThat(projection
                        .handle(new GetIncidentTimeline(INCIDENT.value()))
                        .orElseThrow()
                        .acts())
                .extracting(ResponseAct::kind, ResponseAct::by)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SERIOUS_INCIDENT_DECLARED", "petra"),
                        org.assertj.core.groups.Tuple.tuple("SERIOUS_INCIDENT_OVERDUE", "tracker"),
                        org.assertj.core.groups.Tuple.tuple("SERIOUS_INCIDENT_REPORTED", "petra"));
    }

    @Test
    void anUnassignedIncidentShowsNobodyAndTheTimelineWhoHadIt() {
        respond();
        projection.on(
                new org.swisscheese.tracker.api.AiSystemEvent.IncidentUnassigned(
                        SYSTEM, INCIDENT, "arne", "olga", Events.T0.plusSeconds(700)),
                10);
        assertThat(projection
                        .handle(new IncidentQueries.GetIncident(INCIDENT.value()))
                        .orElseThrow()
                        .assignee())
                .isNull();
        assertThat(projection
                        .handle(new GetIncidentTimeline(INCIDENT.value()))
                        .orElseThrow()
                        .acts())
                .last()
                .isEqualTo(new ResponseAct("UNASSIGNED", "olga", Events.T0.plusSeconds(700), null, "arne"));
    }

    @Test
    void anActBeforeTheFirstReportPointsAtNoStep() {
        projection.on(new IncidentNoteAdded(SYSTEM, INCIDENT, "paged", "olga", Events.T0.minusSeconds(5)), 4);
        Timeline timeline =
                projection.handle(new GetIncidentTimeline(INCIDENT.value())).orElseThrow();
        assertThat(timeline.entries().get(0).kind()).isEqualTo(TimelineEntry.ACT);
        assertThat(timeline.entries().get(0).step()).isNull();
        assertThat(timeline.entries()).hasSize(4);
    }

    @Test
    void notAnIncidentClosesItWithItsReasonKeepsItsHistoryAndIsFilteredEitherWay() {
        respond();
        projection.on(
                new IncidentMarkedNotAnIncident(
                        SYSTEM, INCIDENT, "a red-team exercise", Outcome.TOP_EVENT, "olga", Events.T0.plusSeconds(900)),
                10);
        IncidentView incident = projection
                .handle(new IncidentQueries.GetIncident(INCIDENT.value()))
                .orElseThrow();
        assertThat(incident.status()).isEqualTo("NOT_AN_INCIDENT");
        assertThat(incident.notAnIncident()).isTrue();
        assertThat(incident.notAnIncidentReason()).isEqualTo("a red-team exercise");
        assertThat(incident.resolvedAt()).isEqualTo(Events.T0.plusSeconds(900));
        assertThat(incident.resolvedBy()).isEqualTo("olga");
        assertThat(incident.reportCount()).isEqualTo(3);
        Timeline timeline =
                projection.handle(new GetIncidentTimeline(INCIDENT.value())).orElseThrow();
        assertThat(timeline.steps()).hasSize(3);
        assertThat(timeline.entries().get(timeline.entries().size() - 1).act().kind())
                .isEqualTo("MARKED_NOT_AN_INCIDENT");

        assertThat(find(null, null, null, null, "NOT_AN_INCIDENT")).isEqualTo(1);
        assertThat(find(null, null, null, true, null)).isEqualTo(1);
        assertThat(find(null, null, null, false, null)).isZero();
        assertThat(find(null, null, null, null, "OPEN")).isZero();
    }

    private static final IncidentId SECOND = IncidentId.of(SYSTEM, 2);

    @Test
    void aMergedIncidentIsClosedNamingTheOneItJoinedWhichShowsItsReportsInTheirPlace() {
        Report other = report("r9", ReportType.BREACHED, "deployment-gate", 1);
        projection.on(new IncidentOpened(SYSTEM, SECOND, "d", Events.T0.plusSeconds(60), "r9", judged(other)));
        projection.on(new BarrierBreached(SYSTEM, other, 1, SECOND, null), 4);
        projection.on(
                new AiSystemEvent.IncidentMerged(
                        SYSTEM,
                        SECOND,
                        INCIDENT,
                        "one attack, two sessions",
                        Outcome.UNDETERMINED,
                        "olga",
                        Events.T0.plusSeconds(600)),
                5);

        IncidentView merged = projection
                .handle(new IncidentQueries.GetIncident(SECOND.value()))
                .orElseThrow();
        assertThat(merged.status()).isEqualTo("MERGED");
        assertThat(merged.mergedInto()).isEqualTo(INCIDENT.value());
        assertThat(merged.resolvedBy()).isEqualTo("olga");
        Timeline history =
                projection.handle(new GetIncidentTimeline(SECOND.value())).orElseThrow();
        assertThat(history.steps()).extracting(s -> s.report().reportId()).containsExactly("r9");
        assertThat(history.acts())
                .extracting(ResponseAct::kind, ResponseAct::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("MERGED_INTO", "llm.1: one attack, two sessions"));

        IncidentView kept = projection
                .handle(new IncidentQueries.GetIncident(INCIDENT.value()))
                .orElseThrow();
        assertThat(kept.status()).isEqualTo("OPEN");
        assertThat(kept.reportCount()).isEqualTo(4);
        Timeline timeline =
                projection.handle(new GetIncidentTimeline(INCIDENT.value())).orElseThrow();
        assertThat(timeline.steps()).extracting(s -> s.report().reportId()).containsExactly("r1", "r9", "r2", "r3");
        assertThat(timeline.acts()).extracting(ResponseAct::kind).containsExactly("MERGED_WITH");
        assertThat(find(null, null, null, null, "MERGED")).isEqualTo(1);
    }

    @Test
    void reportsSplitOffMoveToTheNewIncidentWhichNamesWhereTheyCameFrom() {
        projection.on(
                new IncidentOpened(SYSTEM, SECOND, null, filterBreached.occurredAt(), "r3", judged(filterBreached)));
        projection.on(
                new AiSystemEvent.IncidentSplit(
                        SYSTEM,
                        INCIDENT,
                        SECOND,
                        java.util.List.of("r3"),
                        java.util.List.of(filterBreached.identity()),
                        "a second attempt",
                        "arne",
                        Events.T0.plusSeconds(600)),
                4);

        Timeline original =
                projection.handle(new GetIncidentTimeline(INCIDENT.value())).orElseThrow();
        assertThat(original.steps()).extracting(s -> s.report().reportId()).containsExactly("r1", "r2");
        assertThat(original.incident().reportCount()).isEqualTo(2);
        assertThat(original.incident().lastReportAt()).isEqualTo(Events.T0.plusSeconds(120));
        assertThat(original.acts())
                .extracting(ResponseAct::kind, ResponseAct::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SPLIT_OFF", "r3 to llm.2: a second attempt"));

        Timeline split =
                projection.handle(new GetIncidentTimeline(SECOND.value())).orElseThrow();
        assertThat(split.steps()).extracting(s -> s.report().reportId()).containsExactly("r3");
        assertThat(split.incident().splitFrom()).isEqualTo(INCIDENT.value());
        assertThat(split.incident().reportCount()).isEqualTo(1);
        assertThat(split.acts()).extracting(ResponseAct::kind).containsExactly("SPLIT_FROM");
    }

    @Test
    void filtersFindIncidentsByAcknowledgementAssigneeAndSeverity() {
        assertThat(find(false, null, null, null, null)).isEqualTo(1);
        assertThat(find(true, null, null, null, null)).isZero();
        respond();
        assertThat(find(true, "arne", Severity.SEV1, false, "OPEN")).isEqualTo(1);
        assertThat(find(false, null, null, null, null)).isZero();
        assertThat(find(null, "on-call", null, null, null)).isZero();
        assertThat(find(null, null, Severity.SEV3, null, null)).isZero();
    }

    private long find(Boolean acknowledged, String assignee, Severity severity, Boolean notAnIncident, String status) {
        return projection
                .handle(new FindIncidents(
                        null, status, null, null, null, null, acknowledged, assignee, severity, notAnIncident, 0, 10))
                .total();
    }

    @Test
    void aResetEmptiesItsTables() {
        respond();
        projection.reset();
        assertThat(projection
                        .handle(new FindIncidents(null, null, null, null, null, null, 0, 10))
                        .total())
                .isZero();
        assertThat(projection.handle(new GetIncidentTimeline(INCIDENT.value()))).isEmpty();
    }

    private void changed(String system, String id, java.time.Instant at, long sequence) {
        projection.on(
                new org.swisscheese.tracker.api.AiSystemEvent.SystemChanged(
                        org.swisscheese.tracker.api.SystemId.of(system),
                        id,
                        "/deploy",
                        org.swisscheese.tracker.domain.SystemChangeKind.MODEL,
                        "v-" + id,
                        "rollout " + id,
                        at,
                        at),
                sequence);
    }

    @Test
    void rolloutsOfTheDayBeforeAndWhileOpenAreOnTheTimelineInTheirPlace() {
        changed("llm", "long-ago", Events.T0.minus(java.time.Duration.ofHours(25)), 10);
        changed("llm", "before", Events.T0.minus(java.time.Duration.ofHours(2)), 11);
        changed("llm", "during", Events.T0.plusSeconds(150), 12);
        changed("other", "elsewhere", Events.T0.plusSeconds(100), 1);
        changed("llm", "days-later", Events.T0.plus(java.time.Duration.ofDays(5)), 13);
        Timeline open =
                projection.handle(new GetIncidentTimeline(INCIDENT.value())).orElseThrow();
        assertThat(open.changes())
                .extracting(IncidentQueries.SystemChangeView::reportId)
                .containsExactly("before", "during", "days-later");
        assertThat(open.entries())
                .extracting(TimelineEntry::kind)
                .containsExactly("CHANGE", "REPORT", "REPORT", "CHANGE", "REPORT", "CHANGE");
        TimelineEntry during = open.entries().get(3);
        assertThat(during.change().kind()).isEqualTo("MODEL");
        assertThat(during.change().version()).isEqualTo("v-during");
        assertThat(during.step())
                .as("the judgement that stood: after r2, the second step")
                .isEqualTo(1);
        assertThat(open.entries().get(0).step()).isNull();

        projection.on(
                new org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved(
                        SYSTEM, INCIDENT, Events.T0.plusSeconds(3600), false, null, Outcome.TOP_EVENT),
                "ana");
        Timeline closed =
                projection.handle(new GetIncidentTimeline(INCIDENT.value())).orElseThrow();
        assertThat(closed.changes())
                .extracting(IncidentQueries.SystemChangeView::reportId)
                .containsExactly("before", "during");
    }

    @Test
    void aRebuildForgetsTheRollouts() {
        changed("llm", "before", Events.T0.minus(java.time.Duration.ofHours(2)), 11);
        projection.reset();
        projection.on(Events.registered());
        assertThat(projection.handle(new GetIncidentTimeline(INCIDENT.value()))).isEmpty();
    }
}
