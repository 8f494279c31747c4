package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.command.Fixtures.AGENT;
import static org.swisscheese.tracker.command.Fixtures.deployed;
import static org.swisscheese.tracker.command.Fixtures.report;
import static org.swisscheese.tracker.domain.ReportType.BREACHED;
import static org.swisscheese.tracker.domain.ReportType.TRIPPED;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssigned;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentNoteAdded;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSeverityChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.Commands.AcknowledgeIncident;
import org.swisscheese.tracker.api.Commands.AddIncidentNote;
import org.swisscheese.tracker.api.Commands.AssignIncident;
import org.swisscheese.tracker.api.Commands.ChangeIncidentSeverity;
import org.swisscheese.tracker.api.Commands.MarkNotAnIncident;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.ResolveIncident;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Severity;

/**
 * The incident response rules of the aggregate: who may do what to which incident, and that no act changes how the
 * incident is judged. Incident 1 of {@link Fixtures#AGENT} is opened by a breach of myopia (UNDETERMINED).
 */
class IncidentResponseRulesTest extends ScriptedRulesTest {

    private static final IncidentId FIRST = IncidentId.of(AGENT, 1);
    private static final IncidentId NEVER = IncidentId.of(AGENT, 9);

    @BeforeEach
    void anOpenIncident() {
        start(deployed());
        run(new RecordReports(AGENT, List.of(report("r1", BREACHED, "myopia", 0))));
        assertThat(only(history, IncidentOpened.class))
                .extracting(IncidentOpened::incidentId)
                .containsExactly(FIRST);
    }

    // --- acknowledge ---------------------------------------------------------------------------------------

    @Test
    void anAcknowledgementRecordsWhoAndWhen() {
        List<AiSystemEvent> events = run(new AcknowledgeIncident(AGENT, FIRST, "olga"));
        assertThat(events).singleElement().isInstanceOfSatisfying(IncidentAcknowledged.class, ack -> {
            assertThat(ack.systemId()).isEqualTo(AGENT);
            assertThat(ack.incidentId()).isEqualTo(FIRST);
            assertThat(ack.by()).isEqualTo("olga");
            assertThat(ack.at()).isNotNull();
        });
    }

    @Test
    void anIncidentIsAcknowledgedOnceAndTheSecondTimeIsRefusedNamingTheFirst() {
        run(new AcknowledgeIncident(AGENT, FIRST, "olga"));
        refused(
                new AcknowledgeIncident(AGENT, FIRST, "arne"),
                IllegalStateException.class,
                "incident agent-1.1 was already acknowledged by olga");
    }

    // --- assign and severity -------------------------------------------------------------------------------

    @Test
    void anIncidentIsReassignableAndEachChangeKeepsTheOneBefore() {
        run(new AssignIncident(AGENT, FIRST, "  on-call team  ", "olga"));
        run(new AssignIncident(AGENT, FIRST, "arne", "olga"));
        assertThat(only(history, IncidentAssigned.class))
                .extracting(IncidentAssigned::assignee, IncidentAssigned::previousAssignee, IncidentAssigned::by)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("on-call team", null, "olga"),
                        org.assertj.core.groups.Tuple.tuple("arne", "on-call team", "olga"));
        // to the one it already has: nothing changes
        fixture.given(history)
                .when(new AssignIncident(AGENT, FIRST, "arne", "olga"))
                .expectNoEvents();
    }

    @Test
    void anIncidentIsUnassignedWithWhoHadItAndUnassigningNobodyChangesNothing() {
        fixture.given(history)
                .when(new org.swisscheese.tracker.api.Commands.UnassignIncident(AGENT, FIRST, "olga"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        run(new AssignIncident(AGENT, FIRST, "arne", "olga"));
        List<AiSystemEvent> events =
                run(new org.swisscheese.tracker.api.Commands.UnassignIncident(AGENT, FIRST, "arne"));
        assertThat(events).singleElement().isInstanceOfSatisfying(AiSystemEvent.IncidentUnassigned.class, u -> {
            assertThat(u.previousAssignee()).isEqualTo("arne");
            assertThat(u.by()).isEqualTo("arne");
        });
        // and may be assigned again
        assertThat(run(new AssignIncident(AGENT, FIRST, "on-call team", "olga")))
                .singleElement()
                .isInstanceOfSatisfying(
                        IncidentAssigned.class,
                        a -> assertThat(a.previousAssignee()).isNull());
    }

    @Test
    void anAssignmentNeedsAnAssigneeOfAtMost200Characters() {
        refused(new AssignIncident(AGENT, FIRST, " ", "olga"), IllegalArgumentException.class, "'assignee' is missing");
        refused(
                new AssignIncident(AGENT, FIRST, null, "olga"),
                IllegalArgumentException.class,
                "'assignee' is missing");
        refused(
                new AssignIncident(AGENT, FIRST, "x".repeat(201), "olga"),
                IllegalArgumentException.class,
                "at most 200");
    }

    @Test
    void theSeverityIsSetAndChangedWithTheOneBefore() {
        run(new ChangeIncidentSeverity(AGENT, FIRST, Severity.SEV3, "olga"));
        run(new ChangeIncidentSeverity(AGENT, FIRST, Severity.SEV1, "arne"));
        assertThat(only(history, IncidentSeverityChanged.class))
                .extracting(
                        IncidentSeverityChanged::severity,
                        IncidentSeverityChanged::previous,
                        IncidentSeverityChanged::by)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Severity.SEV3, null, "olga"),
                        org.assertj.core.groups.Tuple.tuple(Severity.SEV1, Severity.SEV3, "arne"));
        fixture.given(history)
                .when(new ChangeIncidentSeverity(AGENT, FIRST, Severity.SEV1, "olga"))
                .expectNoEvents();
        refused(
                new ChangeIncidentSeverity(AGENT, FIRST, null, "olga"),
                IllegalArgumentException.class,
                "'severity' is missing");
    }

    // --- notes ---------------------------------------------------------------------------------------------

    @Test
    void aNoteIsAddedUpTo4000CharactersAndRefusedWhenLongerOrEmpty() {
        List<AiSystemEvent> events = run(new AddIncidentNote(AGENT, FIRST, "n".repeat(4000), "olga"));
        assertThat(only(events, IncidentNoteAdded.class))
                .singleElement()
                .satisfies(n -> assertThat(n.text()).hasSize(4000));
        refused(
                new AddIncidentNote(AGENT, FIRST, "n".repeat(4001), "olga"),
                IllegalArgumentException.class,
                "text is 4001 characters long; at most 4000 are allowed");
        refused(
                new AddIncidentNote(AGENT, FIRST, "  ", "olga"),
                IllegalArgumentException.class,
                "a note needs a 'text'");
    }

    @Test
    void aResolvedIncidentTakesNotesForItsPostmortemButNoOtherAct() {
        run(new ResolveIncident(AGENT, FIRST, new Postmortem("done", null, null)));
        assertThat(run(new AddIncidentNote(AGENT, FIRST, "the token scope was the root cause", "analyst")))
                .singleElement()
                .isInstanceOf(IncidentNoteAdded.class);
        String closed = "incident agent-1.1 is closed";
        refused(new AcknowledgeIncident(AGENT, FIRST, "olga"), IllegalStateException.class, closed);
        refused(new AssignIncident(AGENT, FIRST, "arne", "olga"), IllegalStateException.class, closed);
        refused(new ChangeIncidentSeverity(AGENT, FIRST, Severity.SEV2, "olga"), IllegalStateException.class, closed);
        refused(new MarkNotAnIncident(AGENT, FIRST, "a drill", "olga"), IllegalStateException.class, closed);
    }

    // --- unknown incidents, missing user -------------------------------------------------------------------

    @Test
    void anIncidentThatNeverOpenedIsNotFoundWhateverTheAct() {
        for (Object command : List.of(
                new AcknowledgeIncident(AGENT, NEVER, "olga"),
                new AssignIncident(AGENT, NEVER, "arne", "olga"),
                new ChangeIncidentSeverity(AGENT, NEVER, Severity.SEV2, "olga"),
                new AddIncidentNote(AGENT, NEVER, "hello", "olga"),
                new MarkNotAnIncident(AGENT, NEVER, "a drill", "olga"))) {
            refused(command, NoSuchElementException.class, "no incident agent-1.9");
        }
        refused(
                new AddIncidentNote(AGENT, IncidentId.of(AGENT, 0), "hello", "olga"),
                NoSuchElementException.class,
                "no incident agent-1.0");
    }

    @Test
    void everyActNeedsTheUserWhoDidIt() {
        refused(new AcknowledgeIncident(AGENT, FIRST, null), IllegalArgumentException.class, "needs the user");
        refused(new AddIncidentNote(AGENT, FIRST, "hello", " "), IllegalArgumentException.class, "needs the user");
    }

    // --- not an incident -----------------------------------------------------------------------------------

    @Test
    void notAnIncidentClosesItWithTheReasonAndItsOutcomeAndAfterwardsOnlyNotesAreTaken() {
        List<AiSystemEvent> events =
                run(new MarkNotAnIncident(AGENT, FIRST, "a red-team drill, not production", "olga"));
        assertThat(events).singleElement().isInstanceOfSatisfying(IncidentMarkedNotAnIncident.class, m -> {
            assertThat(m.reason()).isEqualTo("a red-team drill, not production");
            assertThat(m.outcome()).isEqualTo(Outcome.UNDETERMINED);
            assertThat(m.by()).isEqualTo("olga");
        });
        refused(
                new MarkNotAnIncident(AGENT, FIRST, "again", "arne"),
                IllegalStateException.class,
                "incident agent-1.1 is closed");
        refused(new AcknowledgeIncident(AGENT, FIRST, "arne"), IllegalStateException.class, "is closed");
        refused(
                new ResolveIncident(AGENT, FIRST, new Postmortem("done", null, null)),
                IllegalStateException.class,
                "already closed");
        assertThat(run(new AddIncidentNote(AGENT, FIRST, "confirmed with the red team", "arne")))
                .hasSize(1);
    }

    @Test
    void notAnIncidentNeedsAReasonOfAtMost4000Characters() {
        refused(new MarkNotAnIncident(AGENT, FIRST, null, "olga"), IllegalArgumentException.class, "takes a 'reason'");
        refused(
                new MarkNotAnIncident(AGENT, FIRST, "r".repeat(4001), "olga"),
                IllegalArgumentException.class,
                "at most 4000");
    }

    @Test
    void aReportAfterTheIncidentWasMarkedNoneOpensANewOneInsteadOfJoiningIt() {
        run(new MarkNotAnIncident(AGENT, FIRST, "a drill", "olga"));
        List<AiSystemEvent> events = run(new RecordReports(AGENT, List.of(report("r2", BREACHED, "compute-limit", 1))));
        assertThat(only(events, IncidentOpened.class))
                .extracting(IncidentOpened::incidentId)
                .containsExactly(IncidentId.of(AGENT, 2));
    }

    @Test
    void anIncidentMarkedNoneIsNotResolvedAgainWhenItGoesQuiet() {
        fixture.given(deployed())
                .andGivenCommands(
                        new RecordReports(AGENT, List.of(report("r1", BREACHED, "myopia", 0))),
                        new MarkNotAnIncident(AGENT, FIRST, "a drill", "olga"))
                .whenThenTimeElapses(Duration.ofMinutes(16))
                .expectNoEvents();
    }

    // --- the judgement is the reports' business only ----------------------------------------------------------

    @Test
    void noActChangesHowTheIncidentIsJudged() {
        List<Object> untouched = new ArrayList<>(history);
        run(new AcknowledgeIncident(AGENT, FIRST, "olga"));
        run(new AssignIncident(AGENT, FIRST, "arne", "olga"));
        run(new ChangeIncidentSeverity(AGENT, FIRST, Severity.SEV1, "olga"));
        run(new AddIncidentNote(AGENT, FIRST, "looking", "olga"));
        assertThat(only(history.subList(untouched.size(), history.size()), IncidentAssessed.class))
                .isEmpty();

        RecordReports next = new RecordReports(
                AGENT, List.of(report("r2", TRIPPED, "compute-limit", 1), report("r3", BREACHED, "compute-limit", 2)));
        List<AiSystemEvent> withActs = run(next);
        history = untouched;
        List<AiSystemEvent> withoutActs = run(next);
        assertThat(withActs).isEqualTo(withoutActs);
        assertThat(only(withActs, ReportRecorded.class))
                .allSatisfy(r -> assertThat(r.incidentId()).isEqualTo(FIRST));
        assertThat(only(withActs, IncidentAssessed.class)).isNotEmpty();
    }
}
