package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.command.Fixtures.AGENT;
import static org.swisscheese.tracker.command.Fixtures.T0;
import static org.swisscheese.tracker.command.Fixtures.deployed;
import static org.swisscheese.tracker.command.Fixtures.report;
import static org.swisscheese.tracker.domain.ReportType.BREACHED;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSplit;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentDeclared;
import org.swisscheese.tracker.api.Commands.AcknowledgeIncident;
import org.swisscheese.tracker.api.Commands.MarkNotAnIncident;
import org.swisscheese.tracker.api.Commands.MergeIncidents;
import org.swisscheese.tracker.api.Commands.ReclassifyReport;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.SplitIncident;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportClass;
import org.swisscheese.tracker.domain.SeriousIncidentKind;

/**
 * Merging two incidents of a system and splitting one: ids stay stable, the history stays visible, and every incident
 * whose reports changed is judged again by the reports it now holds. {@link Fixtures#AGENT}'s threat line
 * {@code optimization} is myopia, compute-limit, monitor. Incident 1 is opened by myopia's breach (chain a), incident 2
 * by compute-limit's breach reported on another chain (b).
 */
class MergeAndSplitRulesTest extends ScriptedRulesTest {

    private static final IncidentId FIRST = IncidentId.of(AGENT, 1);
    private static final IncidentId SECOND = IncidentId.of(AGENT, 2);
    private static final IncidentId THIRD = IncidentId.of(AGENT, 3);

    @BeforeEach
    void twoIncidentsOfOneSystem() {
        start(deployed());
        run(new RecordReports(
                AGENT,
                List.of(report("r1", BREACHED, "myopia", 0, "a"), report("r2", BREACHED, "compute-limit", 1, "b"))));
        assertThat(only(history, IncidentOpened.class))
                .extracting(IncidentOpened::incidentId)
                .containsExactly(FIRST, SECOND);
    }

    // --- merge ---------------------------------------------------------------------------------------------

    @Test
    void aMergedIncidentIsClosedIntoTheOtherWhichIsJudgedOnTheReportsOfBoth() {
        List<AiSystemEvent> events =
                run(new MergeIncidents(AGENT, FIRST, SECOND, "one jailbreak, two sessions", "olga"));

        assertThat(events.get(0)).isInstanceOfSatisfying(IncidentMerged.class, merged -> {
            assertThat(merged.incidentId()).isEqualTo(SECOND);
            assertThat(merged.into()).isEqualTo(FIRST);
            assertThat(merged.outcome()).isEqualTo(Outcome.UNDETERMINED);
            assertThat(merged.reason()).isEqualTo("one jailbreak, two sessions");
            assertThat(merged.by()).isEqualTo("olga");
        });
        // two holes in a row on the threat line, where incident 1 alone had one
        assertThat(events.get(1)).isInstanceOfSatisfying(IncidentReassessed.class, again -> {
            assertThat(again.incidentId()).isEqualTo(FIRST);
            assertThat(again.reason()).isEqualTo("merged with agent-1.2");
            assertThat(again.assessment().breachedBarriers()).containsExactly("myopia", "compute-limit");
        });
        assertThat(events).hasSize(2);
    }

    @Test
    void aMergedIncidentTakesNoFurtherActAndTheOneItJoinedGoesOn() {
        run(new MergeIncidents(AGENT, FIRST, SECOND, "one jailbreak", "olga"));
        refused(new AcknowledgeIncident(AGENT, SECOND, "olga"), IllegalStateException.class, "is closed");
        run(new AcknowledgeIncident(AGENT, FIRST, "olga"));
    }

    @Test
    void laterReportsOnTheMergedIncidentsChainJoinTheOneItJoined() {
        run(new MergeIncidents(AGENT, FIRST, SECOND, "one jailbreak", "olga"));
        List<AiSystemEvent> later = run(new RecordReports(AGENT, List.of(report("r3", BREACHED, "monitor", 2, "b"))));
        assertThat(only(later, IncidentOpened.class)).isEmpty();
        assertThat(only(later, ReportRecorded.class))
                .singleElement()
                .extracting(ReportRecorded::incidentId)
                .isEqualTo(FIRST);
    }

    @Test
    void incidentsOfTwoSystemsAreNeverMerged() {
        refused(
                new MergeIncidents(AGENT, FIRST, IncidentId.of(SystemId.of("other-1"), 1), "why not", "olga"),
                IllegalArgumentException.class,
                "incidents of two systems are never merged");
    }

    @Test
    void aMergeNeedsTwoOpenIncidentsAReasonAndTheUser() {
        refused(new MergeIncidents(AGENT, FIRST, FIRST, "same", "olga"), IllegalArgumentException.class, "itself");
        refused(new MergeIncidents(AGENT, FIRST, SECOND, " ", "olga"), IllegalArgumentException.class, "'reason'");
        refused(
                new MergeIncidents(AGENT, FIRST, null, "x", "olga"),
                IllegalArgumentException.class,
                "'otherIncidentId'");
        refused(new MergeIncidents(AGENT, FIRST, SECOND, "x", null), IllegalArgumentException.class, "user");
        refused(
                new MergeIncidents(AGENT, FIRST, IncidentId.of(AGENT, 9), "x", "olga"),
                NoSuchElementException.class,
                "no incident agent-1.9");
        run(new MarkNotAnIncident(AGENT, SECOND, "a test harness", "olga"));
        refused(new MergeIncidents(AGENT, FIRST, SECOND, "x", "olga"), IllegalStateException.class, "is closed");
        refused(new MergeIncidents(AGENT, SECOND, FIRST, "x", "olga"), IllegalStateException.class, "is closed");
    }

    @Test
    void anIncidentDeclaredSeriousIsNotMergedAwayButMayTakeTheOtherIn() {
        history.add(new SeriousIncidentDeclared(
                AGENT,
                SECOND,
                SeriousIncidentKind.GENERAL,
                T0,
                T0.plusSeconds(15 * 86_400),
                "petra",
                Instant.parse("2026-11-01T10:05:00Z")));
        refused(
                new MergeIncidents(AGENT, FIRST, SECOND, "x", "olga"),
                IllegalStateException.class,
                "merge agent-1.1 into it instead");
        run(new MergeIncidents(AGENT, SECOND, FIRST, "x", "olga"));
    }

    // --- split ---------------------------------------------------------------------------------------------

    /** Incident 1 holds r1 (myopia) and r3 (compute-limit), both breached on chain a; incident 2 is r2. */
    private void twoHolesInIncidentOne() {
        run(new RecordReports(AGENT, List.of(report("r3", BREACHED, "compute-limit", 2, "a"))));
        assertThat(only(history, ReportRecorded.class))
                .filteredOn(r -> r.report().reportId().equals("r3"))
                .singleElement()
                .extracting(ReportRecorded::incidentId)
                .isEqualTo(FIRST);
    }

    @Test
    void splitReportsOpenTheNextIncidentJudgedOnThemAndTheRestIsJudgedAgain() {
        twoHolesInIncidentOne();
        fixture.given(history)
                .when(new SplitIncident(AGENT, FIRST, List.of("r3"), "another session", "arne"))
                .expectResultMessagePayload(THIRD.value());
        List<AiSystemEvent> events = Fixtures.appendProduced(fixture, history);

        assertThat(events.get(0)).isInstanceOfSatisfying(IncidentOpened.class, opened -> {
            assertThat(opened.incidentId()).isEqualTo(THIRD);
            assertThat(opened.reportId()).isEqualTo("r3");
            assertThat(opened.openedAt()).isEqualTo(T0.plusSeconds(120));
            assertThat(opened.assessment().breachedBarriers()).containsExactly("compute-limit");
        });
        assertThat(events.get(1)).isInstanceOfSatisfying(IncidentSplit.class, split -> {
            assertThat(split.incidentId()).isEqualTo(FIRST);
            assertThat(split.newIncidentId()).isEqualTo(THIRD);
            assertThat(split.reportIds()).containsExactly("r3");
            assertThat(split.reportKeys()).containsExactly("test r3");
            assertThat(split.by()).isEqualTo("arne");
        });
        assertThat(events.get(2)).isInstanceOfSatisfying(IncidentReassessed.class, again -> {
            assertThat(again.incidentId()).isEqualTo(FIRST);
            assertThat(again.reason()).isEqualTo("1 of its reports split off into agent-1.3");
            assertThat(again.assessment().breachedBarriers()).containsExactly("myopia");
        });
        // the new incident is one like any other: it is acknowledged, and may be merged back
        run(new AcknowledgeIncident(AGENT, THIRD, "arne"));
        List<AiSystemEvent> back = run(new MergeIncidents(AGENT, FIRST, THIRD, "it was one after all", "arne"));
        assertThat(only(back, IncidentReassessed.class))
                .singleElement()
                .satisfies(again ->
                        assertThat(again.assessment().breachedBarriers()).containsExactly("myopia", "compute-limit"));
    }

    @Test
    void aSplitLeavesAtLeastOneReportAndMovesOnlyReportsThatAreEvidenceOfTheIncident() {
        twoHolesInIncidentOne();
        refused(
                new SplitIncident(AGENT, FIRST, List.of("r1", "r3"), "x", "arne"),
                IllegalStateException.class,
                "keeps at least one");
        refused(
                new SplitIncident(AGENT, FIRST, List.of("r9"), "x", "arne"),
                NoSuchElementException.class,
                "no report r9");
        refused(new SplitIncident(AGENT, FIRST, List.of(), "x", "arne"), IllegalArgumentException.class, "'reportIds'");
        refused(new SplitIncident(AGENT, FIRST, List.of("r3"), "", "arne"), IllegalArgumentException.class, "'reason'");
        run(new ReclassifyReport(AGENT, FIRST, "r3", ReportClass.NOT_APPLICABLE, "another system's log", "arne"));
        refused(
                new SplitIncident(AGENT, FIRST, List.of("r3"), "x", "arne"),
                IllegalStateException.class,
                "is no evidence");
    }

    @Test
    void aClosedIncidentIsNotSplit() {
        run(new MarkNotAnIncident(AGENT, SECOND, "a test harness", "olga"));
        refused(new SplitIncident(AGENT, SECOND, List.of("r2"), "x", "arne"), IllegalStateException.class, "is closed");
    }
}
