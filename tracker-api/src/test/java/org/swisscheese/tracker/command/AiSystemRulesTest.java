package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.command.Fixtures.AGENT;
import static org.swisscheese.tracker.command.Fixtures.BOWTIE;
import static org.swisscheese.tracker.command.Fixtures.T0;
import static org.swisscheese.tracker.command.Fixtures.deployed;
import static org.swisscheese.tracker.command.Fixtures.harm;
import static org.swisscheese.tracker.command.Fixtures.registered;
import static org.swisscheese.tracker.command.Fixtures.report;
import static org.swisscheese.tracker.command.Fixtures.test;
import static org.swisscheese.tracker.domain.ReportType.ANOMALY_DETECTED;
import static org.swisscheese.tracker.domain.ReportType.BREACHED;
import static org.swisscheese.tracker.domain.ReportType.DEGRADED;
import static org.swisscheese.tracker.domain.ReportType.HARM_REPORTED;
import static org.swisscheese.tracker.domain.ReportType.RESTORED;
import static org.swisscheese.tracker.domain.ReportType.SHUTDOWN_COMPLETED;
import static org.swisscheese.tracker.domain.ReportType.SHUTDOWN_FAILED;
import static org.swisscheese.tracker.domain.ReportType.TRIPPED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityWhileSuspended;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierDegraded;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.ClassChangeAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ProofTestRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.ReportJoinedIncident;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskProfileChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.Commands.AcknowledgeClassChange;
import org.swisscheese.tracker.api.Commands.ChangeLifecycle;
import org.swisscheese.tracker.api.Commands.ChangeRiskProfile;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.RegisterSystem;
import org.swisscheese.tracker.api.Commands.ResolveIncident;
import org.swisscheese.tracker.api.Commands.RestoreBarrier;
import org.swisscheese.tracker.api.Commands.ReviseBowTie;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.api.RecordResult;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Category;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Rating;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.Side;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.Templates;

class AiSystemRulesTest {

    private AggregateTestFixture<AiSystem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AiSystem.class);
        fixture.setReportIllegalStateChange(true);
    }

    /** Records the reports one command at a time after the given history; returns the new events. */
    private List<AiSystemEvent> record(List<Object> history, Report... reports) {
        List<Object> given = new ArrayList<>(history);
        List<AiSystemEvent> produced = new ArrayList<>();
        for (Report report : reports) {
            List<AiSystemEvent> step = run(given, new RecordReports(AGENT, List.of(report)));
            produced.addAll(step);
            given.addAll(step);
        }
        return produced;
    }

    private List<AiSystemEvent> record(Report... reports) {
        return record(List.of(registered()), reports);
    }

    private List<AiSystemEvent> events(List<Object> history) {
        return history.stream()
                .filter(AiSystemEvent.class::isInstance)
                .map(AiSystemEvent.class::cast)
                .toList();
    }

    private List<AiSystemEvent> run(List<Object> given, Object command) {
        fixture.given(given).when(command).expectSuccessfulHandlerExecution();
        return fixture.getEventStore()
                .readEvents(AGENT.value())
                .asStream()
                .skip(given.size())
                .map(EventMessage::getPayload)
                .map(AiSystemEvent.class::cast)
                .toList();
    }

    private static Assessment lastAssessment(List<AiSystemEvent> events) {
        return events.stream()
                .filter(IncidentAssessed.class::isInstance)
                .map(IncidentAssessed.class::cast)
                .reduce((a, b) -> b)
                .orElseThrow()
                .assessment();
    }

    private static <T> List<T> only(List<AiSystemEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    // --- registration and the bow-tie ------------------------------------------------------------------------

    @Test
    void registeringWithOnlyATemplateUsesTheTemplatesBowTie() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSystem(
                        AGENT,
                        "Agent",
                        SystemKind.LANGUAGE_MODEL,
                        "owner",
                        null,
                        null,
                        null,
                        SystemKind.LANGUAGE_MODEL))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(org.hamcrest.Matchers.<Object>allOf(
                                org.hamcrest.Matchers.instanceOf(SystemRegistered.class),
                                org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString(
                                        Templates.forKind(SystemKind.LANGUAGE_MODEL)
                                                .toString())))),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void registeringWithNeitherTemplateNorBowTieIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSystem(AGENT, "Agent", SystemKind.OTHER, "owner", null, null, null, null))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("template or a bow-tie"));
    }

    @Test
    void editingABarrierBumpsItsVersionAndLaterReportsRecordTheVersionInForce() {
        List<LineSpec> lines = new ArrayList<>(BOWTIE.lines());
        LineSpec influence = lines.get(1);
        lines.set(
                1,
                new LineSpec(
                        influence.id(),
                        influence.side(),
                        influence.name(),
                        List.of(
                                influence.barriers().get(0),
                                new BarrierSpec(
                                        "gate",
                                        "Two-person deployment gate",
                                        Category.DEPLOYMENT_GATE,
                                        "release",
                                        null,
                                        0.05),
                                BarrierSpec.of("impact", "Impact measure", Category.IMPACT_MEASURE))));
        List<AiSystemEvent> revised =
                run(List.of(registered()), new ReviseBowTie(AGENT, new BowTie(null, null, lines)));

        BowTieRevised revision = only(revised, BowTieRevised.class).get(0);
        assertThat(revision.changed()).containsExactly("gate");
        assertThat(revision.added()).containsExactly("impact");
        assertThat(revision.barrierVersions())
                .containsEntry("gate", 2)
                .containsEntry("boxing", 1)
                .containsEntry("impact", 1);

        List<Object> history = new ArrayList<>(List.of(registered()));
        history.addAll(revised);
        List<AiSystemEvent> events = record(history, report("r1", TRIPPED, "gate", 1));
        assertThat(only(events, BarrierTripped.class).get(0).barrierVersion()).isEqualTo(2);
    }

    @Test
    void revisingTheBowTieToWhatItAlreadyIsChangesNothing() {
        assertThat(run(List.of(registered()), new ReviseBowTie(AGENT, BOWTIE))).isEmpty();
    }

    @Test
    void aBowTieWithAReactiveBarrierOnAThreatLineIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BowTie(
                        null,
                        null,
                        List.of(new LineSpec(
                                "t",
                                org.swisscheese.tracker.domain.Side.THREAT,
                                "t",
                                List.of(BarrierSpec.of("off", "Off", Category.OFF_SWITCH))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot sit on threat line");
    }

    // --- risk class ----------------------------------------------------------------------------------------

    @Test
    void aSpongeThatGainsInfluenceBecomesAgentic() {
        List<AiSystemEvent> events = run(
                List.of(registered()),
                new ChangeRiskProfile(AGENT, new RiskProfile(Rating.MEDIUM, Rating.HIGH, Rating.LOW)));
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(RiskProfileChanged.class);
        assertThat(events.get(1)).isEqualTo(new RiskClassChanged(AGENT, RiskClass.SPONGE, RiskClass.AGENTIC));
    }

    @Test
    void aProfileChangeThatKeepsTheClassIsNoClassChange() {
        List<AiSystemEvent> events = run(
                List.of(registered()),
                new ChangeRiskProfile(AGENT, new RiskProfile(Rating.HIGH, Rating.LOW, Rating.NONE)));
        assertThat(events).hasSize(1).allMatch(RiskProfileChanged.class::isInstance);
    }

    @Test
    void aSystemRegisteredWithoutAProfileGetsItsKindsDefaultAfterThePost() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSystem(
                        AGENT,
                        "Vision",
                        SystemKind.IMAGE_CLASSIFIER,
                        "owner",
                        null,
                        null,
                        null,
                        SystemKind.IMAGE_CLASSIFIER))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                new org.hamcrest.CustomTypeSafeMatcher<SystemRegistered>("a sponge, with reasons") {
                                    @Override
                                    protected boolean matchesSafely(SystemRegistered registered) {
                                        return registered.riskClass() == RiskClass.SPONGE
                                                && registered
                                                                .riskProfile()
                                                                .rationale()
                                                                .influence()
                                                        != null;
                                    }
                                },
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void aClassChangeStaysToBeAcknowledgedOnceAndOnlyOnce() {
        List<Object> history = new ArrayList<>(List.of(registered()));
        history.addAll(
                run(history, new ChangeRiskProfile(AGENT, new RiskProfile(Rating.MEDIUM, Rating.HIGH, Rating.LOW))));
        List<AiSystemEvent> acknowledged = run(history, new AcknowledgeClassChange(AGENT));
        assertThat(acknowledged).containsExactly(new ClassChangeAcknowledged(AGENT, RiskClass.AGENTIC));
        history.addAll(acknowledged);
        assertThat(run(history, new AcknowledgeClassChange(AGENT))).isEmpty();
    }

    // --- lifecycle -----------------------------------------------------------------------------------------

    @Test
    void aRegisteredSystemCanBeDeployed() {
        List<AiSystemEvent> events =
                run(List.of(registered()), new ChangeLifecycle(AGENT, Lifecycle.DEPLOYED, "go live"));
        assertThat(only(events, LifecycleChanged.class).get(0).to()).isEqualTo(Lifecycle.DEPLOYED);
    }

    @Test
    void aRegisteredSystemCannotBeSuspended() {
        fixture.given(registered())
                .when(new ChangeLifecycle(AGENT, Lifecycle.SUSPENDED, "pause"))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("cannot become SUSPENDED"));
    }

    @Test
    void aDecommissionedSystemStaysDecommissioned() {
        fixture.given(
                        registered(),
                        new LifecycleChanged(
                                AGENT, Lifecycle.REGISTERED, Lifecycle.DECOMMISSIONED, "retired", null, T0))
                .when(new ChangeLifecycle(AGENT, Lifecycle.DEPLOYED, "again"))
                .expectException(IllegalStateException.class);
    }

    // --- incidents: opening and correlation ---------------------------------------------------------------

    @Test
    void aBreachOpensAnIncident() {
        List<AiSystemEvent> events = record(report("r1", BREACHED, "myopia", 0));
        IncidentOpened opened = only(events, IncidentOpened.class).get(0);
        assertThat(opened.incidentId()).isEqualTo(IncidentId.of(AGENT, 1));
        assertThat(opened.assessment().breachedBarriers()).containsExactly("myopia");
        assertThat(opened.assessment().outcome()).isEqualTo(Outcome.UNDETERMINED);
        assertThat(only(events, BarrierBreached.class).get(0).incidentId()).isEqualTo(opened.incidentId());
    }

    @Test
    void aDetectionOpensAnIncident() {
        assertThat(only(record(report("r1", ANOMALY_DETECTED, "monitor", 0)), IncidentOpened.class))
                .hasSize(1);
    }

    @Test
    void aTripOfAnActingPreventiveBarrierWithNothingOpenIsAHeldDemandOnly() {
        List<AiSystemEvent> events = record(report("r1", TRIPPED, "myopia", 0));
        assertThat(events).hasSize(1);
        assertThat(((BarrierTripped) events.get(0)).incidentId()).isNull();
    }

    @Test
    void aHeldDemandThatArrivedBeforeTheBreachThatStartedItsChainJoinsTheIncident() {
        // the trip happened after the breach but arrived first: with nothing open it held at the first try...
        List<AiSystemEvent> events = record(
                report("trip", TRIPPED, "compute-limit", 1, "ep"), report("breach", BREACHED, "myopia", 0, "ep"));
        // ...and when the breach opens the chain's incident, the trip joins it: the hazard was held there
        assertThat(only(events, ReportJoinedIncident.class))
                .singleElement()
                .satisfies(j -> assertThat(j.report().reportId()).isEqualTo("trip"));
        Assessment last = lastAssessment(events);
        assertThat(last.outcome()).isEqualTo(Outcome.NEAR_MISS);
        assertThat(last.stoppedBy()).isEqualTo("compute-limit");
    }

    @Test
    void reportsOfOneChainJoinOneIncidentWhateverTheirLine() {
        List<AiSystemEvent> events = record(
                report("r1", BREACHED, "myopia", 0, "episode-7"), report("r2", BREACHED, "boxing", 40, "episode-7"));
        assertThat(only(events, IncidentOpened.class)).hasSize(1);
    }

    @Test
    void reportsOnTheSameLineWithinTheWindowJoinOneIncident() {
        assertThat(only(
                        record(report("r1", BREACHED, "myopia", 0), report("r2", BREACHED, "compute-limit", 14)),
                        IncidentOpened.class))
                .hasSize(1);
    }

    @Test
    void theWindowIsMeasuredFromTheIncidentsWholeSpanNotItsLastReport() {
        // r3 happened before r1: 16 minutes from the latest report, but inside the span widened by 15 minutes
        assertThat(only(
                        record(
                                report("r1", BREACHED, "myopia", 10),
                                report("r2", BREACHED, "compute-limit", 20),
                                report("r3", BREACHED, "myopia", 0)),
                        IncidentOpened.class))
                .hasSize(1);
    }

    @Test
    void aBreachPastTheWindowOpensANewIncident() {
        assertThat(only(
                        record(report("r1", BREACHED, "myopia", 0), report("r2", BREACHED, "compute-limit", 16)),
                        IncidentOpened.class))
                .hasSize(2);
    }

    @Test
    void aBreachOnAnotherLineOpensAnotherIncident() {
        assertThat(only(
                        record(report("r1", BREACHED, "myopia", 0), report("r2", BREACHED, "boxing", 1)),
                        IncidentOpened.class))
                .hasSize(2);
    }

    @Test
    void aReactiveReportThatArrivesBeforeThePreventiveBreachOfItsChainDoesNotSplitIt() {
        // no chain id: the interlock trip opens an incident past the top event, which touches every line, so the
        // earlier preventive breach that arrives late joins it
        List<AiSystemEvent> events = record(report("r2", TRIPPED, "interlock", 5), report("r1", BREACHED, "gate", 3));
        assertThat(only(events, IncidentOpened.class)).hasSize(1);
        Assessment last = lastAssessment(events);
        assertThat(last.breachedBarriers()).containsExactly("gate");
        assertThat(last.threatLineId()).isEqualTo("influence");
    }

    @Test
    void aPreventiveBreachThenAReactiveDemandWithoutChainIdIsOneIncident() {
        assertThat(only(
                        record(report("r1", BREACHED, "gate", 3), report("r2", TRIPPED, "interlock", 5)),
                        IncidentOpened.class))
                .hasSize(1);
    }

    // --- incidents: judgement and its events ------------------------------------------------------------

    @Test
    void aBreachSequenceThatWalksEveryPreventiveBarrierOfALineReachesTopEvent() {
        List<AiSystemEvent> events = record(
                report("r1", BREACHED, "myopia", 0),
                report("r2", BREACHED, "compute-limit", 1),
                report("r3", BREACHED, "monitor", 2));
        IncidentEscalated escalated = only(events, IncidentEscalated.class).get(0);
        assertThat(escalated.from()).isEqualTo(Outcome.UNDETERMINED);
        assertThat(escalated.assessment().outcome()).isEqualTo(Outcome.TOP_EVENT);
        assertThat(escalated.assessment().breachedBarriers()).containsExactly("myopia", "compute-limit", "monitor");
        assertThat(escalated.assessment().margin()).isEqualTo(2);
        assertThat(only(events, IncidentOpened.class)).hasSize(1);
    }

    @Test
    void anActingBarrierThatHoldsAfterABreachContainsTheIncident() {
        List<AiSystemEvent> events =
                record(report("r1", BREACHED, "myopia", 0), report("r2", TRIPPED, "compute-limit", 1));
        IncidentContained contained = only(events, IncidentContained.class).get(0);
        assertThat(contained.assessment().outcome()).isEqualTo(Outcome.NEAR_MISS);
        assertThat(contained.assessment().stoppedBy()).isEqualTo("compute-limit");
        // compute-limit (holding), interlock and off-switch still stand; the monitor only detects
        assertThat(contained.assessment().margin()).isEqualTo(3);
    }

    @Test
    void aDetectionBarrierNeverContainsAnIncident() {
        List<AiSystemEvent> events = record(
                report("r1", BREACHED, "myopia", 0),
                report("r2", BREACHED, "compute-limit", 1),
                report("r3", TRIPPED, "monitor", 2));
        assertThat(only(events, IncidentContained.class)).isEmpty();
        Assessment last = lastAssessment(events);
        assertThat(last.outcome()).isEqualTo(Outcome.TOP_EVENT);
        assertThat(last.stoppedBy()).isNull();
        assertThat(last.detectedBy()).containsExactly("monitor");
    }

    @Test
    void aNearMissWhoseStopperLaterFailsIsAnEscalationNotProgress() {
        List<AiSystemEvent> events = record(
                report("r1", BREACHED, "myopia", 0),
                report("r2", TRIPPED, "compute-limit", 1),
                report("r3", BREACHED, "compute-limit", 2));
        IncidentEscalated escalated = only(events, IncidentEscalated.class).get(0);
        assertThat(escalated.from()).isEqualTo(Outcome.NEAR_MISS);
        assertThat(escalated.assessment().outcome()).isEqualTo(Outcome.UNDETERMINED);
        assertThat(escalated.reportId()).isEqualTo("r3");
    }

    @Test
    void outOfOrderReportsGiveTheSameIncidentAsInOrderOnes() {
        Report breach1 = report("r1", BREACHED, "myopia", 0, "ep");
        Report trip = report("r2", TRIPPED, "compute-limit", 1, "ep");
        Report breach2 = report("r3", BREACHED, "boxing", 2, "ep");
        Assessment inOrder = lastAssessment(record(breach1, trip, breach2));
        Assessment outOfOrder = lastAssessment(record(breach2, trip, breach1));
        assertThat(outOfOrder).isEqualTo(inOrder);
        assertThat(outOfOrder.breachedBarriers()).containsExactly("myopia", "boxing");
    }

    @Test
    void aDemandOnAReactiveBarrierReachesTheTopEventEvenWithoutAPreventiveBreach() {
        List<AiSystemEvent> events = record(report("r1", TRIPPED, "interlock", 0));
        IncidentOpened opened = only(events, IncidentOpened.class).get(0);
        assertThat(opened.assessment().outcome()).isEqualTo(Outcome.TOP_EVENT);
        assertThat(opened.assessment().stoppedBy()).isEqualTo("interlock");
        // the interlock held and still stands, and so does the off switch behind it
        assertThat(opened.assessment().margin()).isEqualTo(2);
    }

    @Test
    void harmIsAFullFailureWithNoMargin() {
        Assessment last = lastAssessment(record(report("r1", BREACHED, "myopia", 0), harm("r2", null, 3)));
        assertThat(last.outcome()).isEqualTo(Outcome.FULL_FAILURE);
        assertThat(last.margin()).isZero();
    }

    @Test
    void everyBarrierOfAPathFailedIsAFullFailure() {
        Assessment last = lastAssessment(record(
                report("r1", BREACHED, "boxing", 0), report("r2", BREACHED, "gate", 1),
                report("r3", BREACHED, "interlock", 2), report("r4", SHUTDOWN_FAILED, "off-switch", 3)));
        assertThat(last.outcome()).isEqualTo(Outcome.FULL_FAILURE);
        assertThat(last.breachedBarriers()).containsExactly("boxing", "gate", "interlock", "off-switch");
        assertThat(last.margin()).isZero();
    }

    @Test
    void aBowTieRevisionReJudgesOpenIncidentsAndSaysWhy() {
        List<Object> history = new ArrayList<>(deployed());
        history.addAll(record(history, report("r1", BREACHED, "myopia", 0), report("r2", TRIPPED, "compute-limit", 1)));
        // the compute limit is re-declared a detector: it can no longer hold the hazard
        List<LineSpec> lines = new ArrayList<>(BOWTIE.lines());
        LineSpec optimization = lines.get(0);
        lines.set(
                0,
                new LineSpec(
                        optimization.id(),
                        optimization.side(),
                        optimization.name(),
                        List.of(
                                optimization.barriers().get(0),
                                new BarrierSpec(
                                        "compute-limit",
                                        "Compute limit (advisory)",
                                        Category.COMPUTE_LIMIT,
                                        null,
                                        null,
                                        null,
                                        false),
                                optimization.barriers().get(2))));
        List<AiSystemEvent> events = run(history, new ReviseBowTie(AGENT, new BowTie(null, null, lines)));
        IncidentReassessed reassessed = only(events, IncidentReassessed.class).get(0);
        assertThat(reassessed.from()).isEqualTo(Outcome.NEAR_MISS);
        assertThat(reassessed.assessment().outcome()).isEqualTo(Outcome.UNDETERMINED);
        assertThat(reassessed.reason()).contains("bow-tie revised");
    }

    // --- barrier state -------------------------------------------------------------------------------------

    @Test
    void aDegradedBarrierIsRecordedWithoutAnIncidentAndTakenOutOfService() {
        List<AiSystemEvent> events = record(report("r1", DEGRADED, "gate", 0));
        assertThat(events).hasSize(2).first().isInstanceOf(BarrierDegraded.class);
        assertThat(only(events, BarrierStateChanged.class).get(0).to()).isEqualTo(BarrierState.DEGRADED);
    }

    @Test
    void aRestoreThatArrivesBeforeItsDegradeButHappenedLaterLeavesTheBarrierInService() {
        List<AiSystemEvent> events =
                record(report("restore", RESTORED, "interlock", 20), report("degrade", DEGRADED, "interlock", 10));
        assertThat(only(events, BarrierStateChanged.class))
                .last()
                .satisfies(s -> assertThat(s.to()).isEqualTo(BarrierState.IN_SERVICE));
    }

    @Test
    void aReactiveBarrierThatFailedADemandStaysImpairedAfterItsIncidentAndCountsAsAHoleLater() {
        List<Object> history = new ArrayList<>(deployed());
        history.addAll(record(history, report("r1", BREACHED, "interlock", 0)));
        assertThat(only(events(history), BarrierStateChanged.class))
                .singleElement()
                .satisfies(s -> assertThat(s.to()).isEqualTo(BarrierState.IMPAIRED));
        history.addAll(run(
                history,
                new ResolveIncident(
                        AGENT, IncidentId.of(AGENT, 1), new Postmortem("interlock misconfigured", null, null))));
        // a later incident on the same path: the interlock is still a hole
        Assessment later = lastAssessment(record(history, report("r2", BREACHED, "myopia", 60)));
        assertThat(later.margin()).isEqualTo(2); // compute-limit and off-switch; not the impaired interlock
        // until an operator restores it
        history.addAll(record(history, report("r2", BREACHED, "myopia", 60)));
        List<AiSystemEvent> restored = run(history, new RestoreBarrier(AGENT, "interlock", "fixed"));
        assertThat(only(restored, BarrierStateChanged.class).get(0).to()).isEqualTo(BarrierState.IN_SERVICE);
        assertThat(lastAssessment(restored).margin()).isEqualTo(3);
    }

    @Test
    void aProofTestIsRecordedAsADrillNotADemandAndAFailedOneImpairsTheBarrier() {
        List<AiSystemEvent> events =
                record(test("drill-1", TRIPPED, "gate", 0), test("drill-2", BREACHED, "boxing", 1));
        assertThat(only(events, IncidentOpened.class)).isEmpty();
        assertThat(only(events, ProofTestRecorded.class))
                .extracting(ProofTestRecorded::passed)
                .containsExactly(true, false);
        assertThat(only(events, BarrierTripped.class)).isEmpty();
        assertThat(only(events, BarrierStateChanged.class))
                .singleElement()
                .satisfies(s -> assertThat(s.to()).isEqualTo(BarrierState.IMPAIRED));
    }

    // --- the off switch ------------------------------------------------------------------------------------

    @Test
    void aCompletedShutdownShutsTheSystemDownAndTheOffSwitchHolds() {
        List<AiSystemEvent> events = record(
                deployed(),
                report("r1", BREACHED, "interlock", 0),
                new Report(
                        "r2",
                        SHUTDOWN_COMPLETED,
                        null,
                        null,
                        T0.plusSeconds(60),
                        T0.plusSeconds(60),
                        "test",
                        null,
                        null,
                        null,
                        null,
                        null));
        assertThat(only(events, LifecycleChanged.class).get(0).to()).isEqualTo(Lifecycle.SHUT_DOWN);
        Assessment last = lastAssessment(events);
        assertThat(last.stoppedBy()).isEqualTo("off-switch");
        assertThat(last.outcome()).isEqualTo(Outcome.TOP_EVENT);
        assertThat(last.margin()).isEqualTo(1); // only the off switch stands, and it holds
    }

    @Test
    void aShutdownReportedForAnUndeployedSystemChangesNoLifecycle() {
        List<AiSystemEvent> events = record(report("r1", SHUTDOWN_COMPLETED, "off-switch", 0));
        assertThat(only(events, LifecycleChanged.class)).isEmpty();
    }

    @Test
    void activityThatOccurredAfterTheShutdownFailsTheOffSwitchOnceAndEscalates() {
        List<AiSystemEvent> events = record(
                deployed(),
                report("r1", BREACHED, "interlock", 0),
                report("r2", SHUTDOWN_COMPLETED, "off-switch", 1),
                report("r3", ANOMALY_DETECTED, "monitor", 2),
                report("r4", BREACHED, "myopia", 3));
        ActivityAfterShutdown activity =
                only(events, ActivityAfterShutdown.class).get(0);
        assertThat(only(events, ActivityAfterShutdown.class)).hasSize(1); // one shutdown, one demand, one failure
        assertThat(activity.activityReportId()).isEqualTo("r3");
        assertThat(activity.shutdownReportId()).isEqualTo("r2");
        assertThat(activity.offSwitchId()).isEqualTo("off-switch");
        assertThat(activity.incidentId()).isEqualTo(IncidentId.of(AGENT, 1));
        assertThat(only(events, BarrierStateChanged.class))
                .filteredOn(s -> s.barrierId().equals("off-switch"))
                .singleElement()
                .satisfies(s -> assertThat(s.to()).isEqualTo(BarrierState.IMPAIRED));
        IncidentEscalated escalated = only(events, IncidentEscalated.class).get(0);
        assertThat(escalated.from()).isEqualTo(Outcome.TOP_EVENT);
        assertThat(escalated.assessment().outcome()).isEqualTo(Outcome.FULL_FAILURE);
        assertThat(escalated.assessment().breachedBarriers()).containsExactly("interlock", "off-switch");
        assertThat(only(events, BarrierBreached.class)).noneMatch(b -> b.inferredFrom() != null);
    }

    @Test
    void aLateReportOfSomethingThatHappenedBeforeTheShutdownIsNoActivityAfterIt() {
        List<AiSystemEvent> events = record(
                deployed(),
                report("r1", BREACHED, "interlock", 10),
                report("r2", SHUTDOWN_COMPLETED, "off-switch", 12),
                harm("late-harm", null, 11));
        assertThat(only(events, ActivityAfterShutdown.class)).isEmpty();
        assertThat(lastAssessment(events).outcome()).isEqualTo(Outcome.FULL_FAILURE); // the harm itself
    }

    @Test
    void activityThatArrivedBeforeTheShutdownButHappenedAfterItDefeatsItAsSoonAsTheShutdownArrives() {
        List<AiSystemEvent> events = record(
                deployed(),
                report("after", ANOMALY_DETECTED, "monitor", 20),
                report("shutdown", SHUTDOWN_COMPLETED, "off-switch", 10));
        assertThat(only(events, ActivityAfterShutdown.class))
                .singleElement()
                .satisfies(a -> assertThat(a.activityReportId()).isEqualTo("after"));
    }

    @Test
    void theOffSwitchTheShutdownNamedIsTheOneCharged() {
        BowTie twoSwitches = new BowTie(
                null,
                null,
                List.of(
                        BOWTIE.lines().get(0),
                        BOWTIE.lines().get(1),
                        new LineSpec(
                                "harm",
                                Side.CONSEQUENCE,
                                "Harm",
                                List.of(
                                        BarrierSpec.of("interlock", "Interlock", Category.SAFETY_INTERLOCK),
                                        BarrierSpec.of("soft-switch", "Software kill switch", Category.OFF_SWITCH),
                                        BarrierSpec.of("breaker", "Power breaker", Category.OFF_SWITCH)))));
        List<Object> history = new ArrayList<>(List.of(
                new SystemRegistered(
                        AGENT,
                        "two switches",
                        SystemKind.GENERALIST_AGENT,
                        "owner",
                        Duration.ofMinutes(15),
                        Fixtures.SPONGE,
                        Fixtures.SPONGE.riskClass(),
                        twoSwitches,
                        null),
                deployed().get(1)));
        List<AiSystemEvent> events =
                record(history, report("r1", SHUTDOWN_COMPLETED, "breaker", 0), report("r2", BREACHED, "myopia", 1));
        assertThat(only(events, ActivityAfterShutdown.class).get(0).offSwitchId())
                .isEqualTo("breaker");
        assertThat(only(events, BarrierStateChanged.class))
                .extracting(BarrierStateChanged::barrierId)
                .containsExactly("breaker");
    }

    @Test
    void aSystemWithoutAnOffSwitchStillGetsTheIncidentAndTheAlert() {
        BowTie noSwitch = new BowTie(
                null,
                null,
                List.of(
                        BOWTIE.lines().get(0),
                        new LineSpec(
                                "harm",
                                Side.CONSEQUENCE,
                                "Harm",
                                List.of(BarrierSpec.of("interlock", "Interlock", Category.SAFETY_INTERLOCK)))));
        List<Object> history = new ArrayList<>(List.of(
                new SystemRegistered(
                        AGENT,
                        "no switch",
                        SystemKind.GENERALIST_AGENT,
                        "owner",
                        Duration.ofMinutes(15),
                        Fixtures.SPONGE,
                        Fixtures.SPONGE.riskClass(),
                        noSwitch,
                        null),
                deployed().get(1)));
        List<AiSystemEvent> events = record(
                history,
                new Report("off", SHUTDOWN_COMPLETED, null, null, T0, T0, "ops", null, null, null, null, null),
                report("r2", TRIPPED, "myopia", 1));
        assertThat(only(events, LifecycleChanged.class).get(0).to()).isEqualTo(Lifecycle.SHUT_DOWN);
        ActivityAfterShutdown activity =
                only(events, ActivityAfterShutdown.class).get(0);
        assertThat(activity.offSwitchId()).isNull();
        // a trip that would have held with nothing open opens an incident: the system should not act at all
        assertThat(activity.incidentId()).isEqualTo(IncidentId.of(AGENT, 1));
        assertThat(only(events, IncidentOpened.class)).hasSize(1);
    }

    @Test
    void activityWhileSuspendedIsFlaggedButIsNoOffSwitchFailure() {
        List<Object> history = new ArrayList<>(deployed());
        history.addAll(run(history, new ChangeLifecycle(AGENT, Lifecycle.SUSPENDED, "maintenance")));
        Instant later = GenericEventMessage.clock.instant().plusSeconds(60);
        List<AiSystemEvent> events = record(
                history,
                new Report("r1", BREACHED, "myopia", null, later, later, "test", null, null, null, null, null));
        assertThat(only(events, ActivityWhileSuspended.class)).hasSize(1);
        assertThat(only(events, ActivityAfterShutdown.class)).isEmpty();
    }

    // --- resolution ----------------------------------------------------------------------------------------

    @Test
    void aQuietUndeterminedIncidentResolvesItselfAfterTheWindowKeepingItsOutcome() {
        fixture.given(deployed())
                .andGivenCommands(new RecordReports(AGENT, List.of(report("r1", BREACHED, "myopia", 0))))
                .whenThenTimeElapses(Duration.ofMinutes(16))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                new org.hamcrest.CustomTypeSafeMatcher<IncidentResolved>("a quiet resolution") {
                                    @Override
                                    protected boolean matchesSafely(IncidentResolved resolved) {
                                        return resolved.quiet() && resolved.outcome() == Outcome.UNDETERMINED;
                                    }
                                },
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void aTopEventOrFullFailureNeverClosesWithoutAPostmortem() {
        fixture.given(deployed())
                .andGivenCommands(new RecordReports(AGENT, List.of(report("r1", BREACHED, "interlock", 0))))
                .whenThenTimeElapses(Duration.ofHours(5))
                .expectNoEvents();
    }

    @Test
    void aHarmIncidentIsAFullFailureThatNeverClosesWithoutAPostmortemEither() {
        fixture.given(deployed())
                .andGivenCommands(new RecordReports(AGENT, List.of(harm("h1", null, 0))))
                .whenThenTimeElapses(Duration.ofHours(5))
                .expectNoEvents();
    }

    @Test
    void anAnalystResolvesAnOpenIncidentWithAPostmortem() {
        List<Object> history = new ArrayList<>(List.of(registered()));
        history.addAll(record(report("r1", BREACHED, "myopia", 0)));
        List<AiSystemEvent> events = run(
                history,
                new ResolveIncident(
                        AGENT,
                        IncidentId.of(AGENT, 1),
                        new Postmortem(
                                "compute limit was off", List.of("config drift"), List.of("alert on limit off"))));
        IncidentResolved resolved = only(events, IncidentResolved.class).get(0);
        assertThat(resolved.quiet()).isFalse();
        assertThat(resolved.outcome()).isEqualTo(Outcome.UNDETERMINED);
    }

    @Test
    void aResolvedIncidentCannotBeResolvedAgainAndAnUnknownOneIsNotFound() {
        List<Object> history = new ArrayList<>(List.of(registered()));
        history.addAll(record(report("r1", BREACHED, "myopia", 0)));
        Postmortem postmortem = new Postmortem("done", null, null);
        history.addAll(run(history, new ResolveIncident(AGENT, IncidentId.of(AGENT, 1), postmortem)));
        fixture.given(history)
                .when(new ResolveIncident(AGENT, IncidentId.of(AGENT, 1), postmortem))
                .expectException(IllegalStateException.class);
        fixture.given(history)
                .when(new ResolveIncident(AGENT, IncidentId.of(AGENT, 9), postmortem))
                .expectException(NoSuchElementException.class);
    }

    @Test
    void reportsAfterResolutionOpenANewIncident() {
        List<Object> history = new ArrayList<>(List.of(registered()));
        history.addAll(record(report("r1", BREACHED, "myopia", 0)));
        history.addAll(
                run(history, new ResolveIncident(AGENT, IncidentId.of(AGENT, 1), new Postmortem("done", null, null))));
        List<AiSystemEvent> events = record(history, report("r2", BREACHED, "compute-limit", 1));
        assertThat(only(events, IncidentOpened.class).get(0).incidentId()).isEqualTo(IncidentId.of(AGENT, 2));
    }

    // --- redelivery ----------------------------------------------------------------------------------------

    @Test
    void aRedeliveredReportChangesNothing() {
        List<Object> history = new ArrayList<>(List.of(registered()));
        Report breach = report("r1", BREACHED, "myopia", 0);
        history.addAll(record(breach));
        fixture.given(history)
                .when(new RecordReports(AGENT, List.of(breach)))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordResult(0, List.of("r1"), List.of()));
    }

    @Test
    void theSameIdFromAnotherSourceIsAnotherReport() {
        Report breach = report("r1", BREACHED, "myopia", 0);
        Report other = new Report(
                "r1", BREACHED, "compute-limit", null, T0, T0, "/another-producer", null, null, null, null, null);
        fixture.given(registered())
                .when(new RecordReports(AGENT, List.of(breach, other)))
                .expectResultMessagePayload(new RecordResult(2, List.of(), List.of()));
    }

    @Test
    void aReportRepeatedInOneBatchIsRecordedOnce() {
        Report breach = report("r1", BREACHED, "myopia", 0);
        fixture.given(registered())
                .when(new RecordReports(AGENT, List.of(breach, breach)))
                .expectResultMessagePayload(new RecordResult(1, List.of("r1"), List.of()));
    }

    @Test
    void aReportForABarrierTheSystemDoesNotHaveIsRejectedWithItsReasonWhileTheRestAreRecorded() {
        fixture.given(registered())
                .when(new RecordReports(
                        AGENT,
                        List.of(report("bad", BREACHED, "no-such-barrier", 0), report("good", TRIPPED, "myopia", 1))))
                .expectResultMessagePayload(new RecordResult(
                        1,
                        List.of(),
                        List.of(new RecordResult.Rejection(
                                "bad", "system 'agent-1' has no barrier 'no-such-barrier'"))));
    }

    @Test
    void aReAddedBarrierContinuesItsVersionsInsteadOfStartingOver() {
        List<Object> history = new ArrayList<>(List.of(registered()));
        List<LineSpec> without = new ArrayList<>(BOWTIE.lines());
        without.set(
                1,
                new LineSpec(
                        "influence",
                        Side.THREAT,
                        "Influence",
                        List.of(BOWTIE.lines().get(1).barriers().get(0))));
        history.addAll(run(history, new ReviseBowTie(AGENT, new BowTie(null, null, without))));
        List<AiSystemEvent> back = run(history, new ReviseBowTie(AGENT, BOWTIE));
        assertThat(only(back, BowTieRevised.class).get(0).barrierVersions()).containsEntry("gate", 2);
    }

    @Test
    void everyReportIsStoredAsItsOwnKindOfEvent() {
        List<AiSystemEvent> events = record(Stream.of(org.swisscheese.tracker.domain.ReportType.values())
                .map(t -> report(
                        "r-" + t,
                        t,
                        t == HARM_REPORTED ? null : t.isShutdown() ? "off-switch" : "monitor",
                        t.ordinal()))
                .toArray(Report[]::new));
        assertThat(only(events, ReportRecorded.class).stream()
                        .map(e -> e.getClass().getSimpleName()))
                .containsExactly(
                        "BarrierTripped",
                        "BarrierBreached",
                        "BarrierDegraded",
                        "BarrierRestored",
                        "AnomalyDetected",
                        "ShutdownRequested",
                        "ShutdownCompleted",
                        "ShutdownFailed",
                        "HarmReported");
    }
}
