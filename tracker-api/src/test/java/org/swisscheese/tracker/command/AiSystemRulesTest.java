package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.command.Fixtures.AGENT;
import static org.swisscheese.tracker.command.Fixtures.BOWTIE;
import static org.swisscheese.tracker.command.Fixtures.T0;
import static org.swisscheese.tracker.command.Fixtures.registered;
import static org.swisscheese.tracker.command.Fixtures.report;
import static org.swisscheese.tracker.domain.ReportType.ANOMALY_DETECTED;
import static org.swisscheese.tracker.domain.ReportType.BREACHED;
import static org.swisscheese.tracker.domain.ReportType.DEGRADED;
import static org.swisscheese.tracker.domain.ReportType.HARM_REPORTED;
import static org.swisscheese.tracker.domain.ReportType.SHUTDOWN_COMPLETED;
import static org.swisscheese.tracker.domain.ReportType.SHUTDOWN_FAILED;
import static org.swisscheese.tracker.domain.ReportType.TRIPPED;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierDegraded;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskProfileChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.Commands.ChangeLifecycle;
import org.swisscheese.tracker.api.Commands.ChangeRiskProfile;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.RegisterSystem;
import org.swisscheese.tracker.api.Commands.ResolveIncident;
import org.swisscheese.tracker.api.Commands.ReviseBowTie;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.api.RecordResult;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Category;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Rating;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.domain.RiskProfile;
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

    private List<AiSystemEvent> run(List<Object> given, Object command) {
        fixture.given(given).when(command).expectSuccessfulHandlerExecution();
        return fixture.getEventStore().readEvents(AGENT.value()).asStream()
                .skip(given.size()).map(EventMessage::getPayload).map(AiSystemEvent.class::cast).toList();
    }

    private static Assessment lastAssessment(List<AiSystemEvent> events) {
        return events.stream().filter(IncidentAssessed.class::isInstance).map(IncidentAssessed.class::cast)
                .reduce((a, b) -> b).orElseThrow().assessment();
    }

    private static <T> List<T> only(List<AiSystemEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    // --- registration and the bow-tie ------------------------------------------------------------------------

    @Test
    void registeringWithOnlyATemplateUsesTheTemplatesBowTie() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSystem(AGENT, "Agent", SystemKind.LANGUAGE_MODEL, "owner", null, null, null,
                        SystemKind.LANGUAGE_MODEL))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.<Object>allOf(
                                        org.hamcrest.Matchers.instanceOf(SystemRegistered.class),
                                        org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString(
                                                Templates.forKind(SystemKind.LANGUAGE_MODEL).toString())))),
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
        lines.set(1, new LineSpec(influence.id(), influence.side(), influence.name(), List.of(
                influence.barriers().get(0),
                new BarrierSpec("gate", "Two-person deployment gate", Category.DEPLOYMENT_GATE, "release", null,
                        0.05),
                BarrierSpec.of("impact", "Impact measure", Category.IMPACT_MEASURE))));
        List<AiSystemEvent> revised = run(List.of(registered()), new ReviseBowTie(AGENT,
                new BowTie(null, null, lines)));

        BowTieRevised revision = only(revised, BowTieRevised.class).get(0);
        assertThat(revision.changed()).containsExactly("gate");
        assertThat(revision.added()).containsExactly("impact");
        assertThat(revision.barrierVersions()).containsEntry("gate", 2).containsEntry("boxing", 1)
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
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BowTie(null, null, List.of(new LineSpec("t",
                        org.swisscheese.tracker.domain.Side.THREAT, "t",
                        List.of(BarrierSpec.of("off", "Off", Category.OFF_SWITCH))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot sit on threat line");
    }

    // --- risk class ----------------------------------------------------------------------------------------

    @Test
    void aSpongeThatGainsInfluenceBecomesAgentic() {
        List<AiSystemEvent> events = run(List.of(registered()),
                new ChangeRiskProfile(AGENT, new RiskProfile(Rating.MEDIUM, Rating.HIGH, Rating.LOW)));
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(RiskProfileChanged.class);
        assertThat(events.get(1)).isEqualTo(new RiskClassChanged(AGENT, RiskClass.SPONGE, RiskClass.AGENTIC));
    }

    @Test
    void aProfileChangeThatKeepsTheClassIsNoClassChange() {
        List<AiSystemEvent> events = run(List.of(registered()),
                new ChangeRiskProfile(AGENT, new RiskProfile(Rating.HIGH, Rating.LOW, Rating.NONE)));
        assertThat(events).hasSize(1).allMatch(RiskProfileChanged.class::isInstance);
    }

    // --- lifecycle -----------------------------------------------------------------------------------------

    @Test
    void aRegisteredSystemCanBeDeployed() {
        List<AiSystemEvent> events = run(List.of(registered()),
                new ChangeLifecycle(AGENT, Lifecycle.DEPLOYED, "go live"));
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
        fixture.given(registered(), new LifecycleChanged(AGENT, Lifecycle.REGISTERED, Lifecycle.DECOMMISSIONED,
                        "retired", null, T0))
                .when(new ChangeLifecycle(AGENT, Lifecycle.DEPLOYED, "again"))
                .expectException(IllegalStateException.class);
    }

    // --- incidents ------------------------------------------------------------------------------------------

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
    void anAnomalyOpensAnIncident() {
        assertThat(only(record(report("r1", ANOMALY_DETECTED, "monitor", 0)), IncidentOpened.class)).hasSize(1);
    }

    @Test
    void aTripOfAPreventiveBarrierWithNothingOpenIsAHeldDemandOnly() {
        List<AiSystemEvent> events = record(report("r1", TRIPPED, "myopia", 0));
        assertThat(events).hasSize(1);
        assertThat(((BarrierTripped) events.get(0)).incidentId()).isNull();
    }

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
    void aTripAfterTwoBreachesIsANearMissStoppedByThatBarrierWithTheRightMargin() {
        List<AiSystemEvent> events = record(
                report("r1", BREACHED, "myopia", 0),
                report("r2", BREACHED, "compute-limit", 1),
                report("r3", TRIPPED, "monitor", 2));
        IncidentContained contained = only(events, IncidentContained.class).get(0);
        assertThat(contained.assessment().outcome()).isEqualTo(Outcome.NEAR_MISS);
        assertThat(contained.assessment().stoppedBy()).isEqualTo("monitor");
        // monitor, interlock and off-switch still stood between the incident and harm
        assertThat(contained.assessment().margin()).isEqualTo(3);
        assertThat(contained.assessment().breachedCount()).isEqualTo(2);
        assertThat(contained.assessment().pathLength()).isEqualTo(5);
    }

    @Test
    void outOfOrderReportsGiveTheSameIncidentAsInOrderOnes() {
        Report breach1 = report("r1", BREACHED, "myopia", 0);
        Report breach2 = report("r2", BREACHED, "compute-limit", 1);
        Report trip = report("r3", TRIPPED, "monitor", 2);
        Assessment inOrder = lastAssessment(record(breach1, breach2, trip));
        Assessment outOfOrder = lastAssessment(record(breach2, trip, breach1));
        assertThat(outOfOrder).isEqualTo(inOrder);
        assertThat(outOfOrder.outcome()).isEqualTo(Outcome.NEAR_MISS);
    }

    @Test
    void aRedeliveredReportChangesNothing() {
        List<Object> history = new ArrayList<>(List.of(registered()));
        Report breach = report("r1", BREACHED, "myopia", 0);
        history.addAll(record(breach));
        fixture.given(history).when(new RecordReports(AGENT, List.of(breach)))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordResult(0, List.of("r1"), List.of()));
    }

    @Test
    void aReportRepeatedInOneBatchIsRecordedOnce() {
        Report breach = report("r1", BREACHED, "myopia", 0);
        fixture.given(registered()).when(new RecordReports(AGENT, List.of(breach, breach)))
                .expectResultMessagePayload(new RecordResult(1, List.of("r1"), List.of()));
    }

    @Test
    void aReportForABarrierTheSystemDoesNotHaveIsRejectedWithItsReasonWhileTheRestAreRecorded() {
        fixture.given(registered())
                .when(new RecordReports(AGENT, List.of(report("bad", BREACHED, "no-such-barrier", 0),
                        report("good", TRIPPED, "myopia", 1))))
                .expectResultMessagePayload(new RecordResult(1, List.of(), List.of(new RecordResult.Rejection("bad",
                        "system 'agent-1' has no barrier 'no-such-barrier'"))));
    }

    @Test
    void reportsOfOneChainJoinOneIncidentWhateverTheirLine() {
        List<AiSystemEvent> events = record(
                report("r1", BREACHED, "myopia", 0, "episode-7"),
                report("r2", BREACHED, "boxing", 40, "episode-7"));
        assertThat(only(events, IncidentOpened.class)).hasSize(1);
    }

    @Test
    void reportsOnTheSameLineWithinTheWindowJoinOneIncident() {
        assertThat(only(record(report("r1", BREACHED, "myopia", 0), report("r2", BREACHED, "compute-limit", 14)),
                IncidentOpened.class)).hasSize(1);
    }

    @Test
    void aBreachPastTheWindowOpensANewIncident() {
        assertThat(only(record(report("r1", BREACHED, "myopia", 0), report("r2", BREACHED, "compute-limit", 16)),
                IncidentOpened.class)).hasSize(2);
    }

    @Test
    void aBreachOnAnotherLineOpensAnotherIncident() {
        assertThat(only(record(report("r1", BREACHED, "myopia", 0), report("r2", BREACHED, "boxing", 1)),
                IncidentOpened.class)).hasSize(2);
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
        List<AiSystemEvent> events = record(report("r1", BREACHED, "myopia", 0),
                report("r2", HARM_REPORTED, null, 3));
        Assessment last = lastAssessment(events);
        assertThat(last.outcome()).isEqualTo(Outcome.FULL_FAILURE);
        assertThat(last.margin()).isZero();
    }

    @Test
    void everyBarrierOfAPathBreachedIsAFullFailure() {
        Assessment last = lastAssessment(record(
                report("r1", BREACHED, "boxing", 0), report("r2", BREACHED, "gate", 1),
                report("r3", BREACHED, "interlock", 2), report("r4", SHUTDOWN_FAILED, "off-switch", 3)));
        assertThat(last.outcome()).isEqualTo(Outcome.FULL_FAILURE);
        assertThat(last.breachedBarriers()).containsExactly("boxing", "gate", "interlock", "off-switch");
        assertThat(last.margin()).isZero();
    }

    @Test
    void aCompletedShutdownShutsTheSystemDownAndTheOffSwitchHeld() {
        List<AiSystemEvent> events = record(report("r1", BREACHED, "interlock", 0),
                new Report("r2", SHUTDOWN_COMPLETED, null, null, T0.plusSeconds(60), T0.plusSeconds(60), "test",
                        null, null, null, null, null));
        assertThat(only(events, LifecycleChanged.class).get(0).to()).isEqualTo(Lifecycle.SHUT_DOWN);
        Assessment last = lastAssessment(events);
        assertThat(last.stoppedBy()).isEqualTo("off-switch");
        assertThat(last.outcome()).isEqualTo(Outcome.TOP_EVENT);
    }

    @Test
    void activityAfterShutdownBreachesTheOffSwitchAndEscalates() {
        List<AiSystemEvent> events = record(report("r1", BREACHED, "interlock", 0),
                report("r2", SHUTDOWN_COMPLETED, "off-switch", 1),
                report("r3", ANOMALY_DETECTED, "monitor", 2));
        BarrierBreached inferred = only(events, BarrierBreached.class).stream()
                .filter(b -> b.inferredFrom() != null).findFirst().orElseThrow();
        assertThat(inferred.inferredFrom()).isEqualTo("r3");
        assertThat(inferred.report().barrierId()).isEqualTo("off-switch");
        assertThat(inferred.report().detail()).contains("activity after shutdown");
        // the anomaly opened an incident of its own; the breached off switch is the last barrier of its path
        IncidentAssessed last = only(events, IncidentAssessed.class).stream().reduce((a, b) -> b).orElseThrow();
        assertThat(last.incidentId()).isEqualTo(inferred.incidentId());
        assertThat(last.assessment().breachedBarriers()).containsExactly("off-switch");
        assertThat(last.assessment().outcome()).isEqualTo(Outcome.FULL_FAILURE);
    }

    @Test
    void aDegradedBarrierIsRecordedWithoutAnIncident() {
        List<AiSystemEvent> events = record(report("r1", DEGRADED, "gate", 0));
        assertThat(events).singleElement().isInstanceOf(BarrierDegraded.class);
    }

    @Test
    void aQuietIncidentResolvesItselfAfterTheWindowKeepingItsOutcome() {
        fixture.given(registered())
                .andGivenCommands(new RecordReports(AGENT, List.of(report("r1", BREACHED, "interlock", 0))))
                .whenThenTimeElapses(Duration.ofMinutes(16))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                new org.hamcrest.CustomTypeSafeMatcher<IncidentResolved>("a quiet resolution as TOP_EVENT") {
                                    @Override
                                    protected boolean matchesSafely(IncidentResolved resolved) {
                                        return resolved.quiet() && resolved.outcome() == Outcome.TOP_EVENT;
                                    }
                                },
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void anAnalystResolvesAnOpenIncidentWithAPostmortem() {
        List<Object> history = new ArrayList<>(List.of(registered()));
        history.addAll(record(report("r1", BREACHED, "myopia", 0)));
        List<AiSystemEvent> events = run(history, new ResolveIncident(AGENT, IncidentId.of(AGENT, 1),
                new Postmortem("compute limit was off", List.of("config drift"), List.of("alert on limit off"))));
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
        fixture.given(history).when(new ResolveIncident(AGENT, IncidentId.of(AGENT, 1), postmortem))
                .expectException(IllegalStateException.class);
        fixture.given(history).when(new ResolveIncident(AGENT, IncidentId.of(AGENT, 9), postmortem))
                .expectException(NoSuchElementException.class);
    }

    @Test
    void reportsAfterResolutionOpenANewIncident() {
        List<Object> history = new ArrayList<>(List.of(registered()));
        history.addAll(record(report("r1", BREACHED, "myopia", 0)));
        history.addAll(run(history, new ResolveIncident(AGENT, IncidentId.of(AGENT, 1),
                new Postmortem("done", null, null))));
        List<AiSystemEvent> events = record(history, report("r2", BREACHED, "compute-limit", 1));
        assertThat(only(events, IncidentOpened.class).get(0).incidentId()).isEqualTo(IncidentId.of(AGENT, 2));
    }

    @Test
    void everyReportIsStoredAsItsOwnKindOfEvent() {
        List<AiSystemEvent> events = record(Stream.of(org.swisscheese.tracker.domain.ReportType.values())
                .map(t -> report("r-" + t, t, t == HARM_REPORTED ? null : t.isShutdown() ? "off-switch" : "monitor",
                        t.ordinal()))
                .toArray(Report[]::new));
        assertThat(only(events, ReportRecorded.class).stream()
                .filter(e -> !(e instanceof BarrierBreached b && b.inferredFrom() != null))
                .map(e -> e.getClass().getSimpleName()))
                .containsExactly("BarrierTripped", "BarrierBreached", "BarrierDegraded", "BarrierRestored",
                        "AnomalyDetected", "ShutdownRequested", "ShutdownCompleted", "ShutdownFailed",
                        "HarmReported");
    }
}
