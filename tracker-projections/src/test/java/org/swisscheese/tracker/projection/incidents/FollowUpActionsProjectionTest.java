package org.swisscheese.tracker.projection.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.swisscheese.tracker.projection.Events.INCIDENT;
import static org.swisscheese.tracker.projection.Events.SYSTEM;
import static org.swisscheese.tracker.projection.Events.T0;
import static org.swisscheese.tracker.projection.Events.judged;
import static org.swisscheese.tracker.projection.Events.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionAdded;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionUpdated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.domain.ActionStatus;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.ActionView;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.FindActions;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.GetIncidentTimeline;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.ResponseAct;

/**
 * Follow-up actions in the incident-timeline read model: the incident's list of actions as they stand, and the acts on
 * its timeline.
 */
class FollowUpActionsProjectionTest {

    private static final String A1 = "llm.1/a1";
    private static final String A2 = "llm.1/a2";
    private static final Instant DUE = T0.plus(Duration.ofDays(7));

    private final JdbcClient database = InMemoryDatabase.fresh();
    private final IncidentTimelineProjection timeline =
            new IncidentTimelineProjection(database, InMemoryDatabase.mapper());
    private final FollowUpActionsProjection actions = new FollowUpActionsProjection(database);
    private long sequence = 10;

    @BeforeEach
    void anIncidentWithTwoActions() {
        timeline.on(Events.registered());
        timeline.on(new IncidentOpened(
                SYSTEM, INCIDENT, "c", T0, "r1", judged(report("r1", ReportType.BREACHED, "deployment-gate", 0))));
        apply(new FollowUpActionAdded(
                SYSTEM, INCIDENT, A1, "retrain the gate's classifier", "safety team", DUE, "petra", T0));
        apply(new FollowUpActionAdded(SYSTEM, INCIDENT, A2, "add a canary", "ops", DUE.plusSeconds(60), "petra", T0));
    }

    private void apply(Object event) {
        sequence++;
        if (event instanceof FollowUpActionAdded added) {
            timeline.on(added, sequence);
            actions.on(added);
        } else if (event instanceof FollowUpActionUpdated updated) {
            timeline.on(updated, sequence);
            actions.on(updated);
        } else if (event instanceof FollowUpActionOverdue overdue) {
            timeline.on(overdue, sequence);
            actions.on(overdue);
        }
    }

    private List<ActionView> ofTheIncident() {
        return actions.handle(new FindActions(INCIDENT.value(), null, null, null));
    }

    @Test
    void anIncidentListsItsActionsSoonestDueFirstAndOpen() {
        assertThat(ofTheIncident())
                .extracting(ActionView::actionId, ActionView::owner, ActionView::status, ActionView::overdue)
                .containsExactly(tuple(A1, "safety team", "OPEN", false), tuple(A2, "ops", "OPEN", false));
    }

    @Test
    void anOverdueActionStaysOverdueUnderANewOwnerAndIsNoLongerOnceDone() {
        apply(new FollowUpActionOverdue(SYSTEM, INCIDENT, A1, "retrain the gate's classifier", "safety team", DUE));
        assertThat(actions.handle(new FindActions(null, null, "OPEN", true)))
                .extracting(ActionView::actionId)
                .containsExactly(A1);
        apply(new FollowUpActionUpdated(
                SYSTEM, INCIDENT, A1, "arne", DUE, ActionStatus.OPEN, "petra", DUE.plusSeconds(5)));
        assertThat(ofTheIncident().get(0).overdue())
                .as("a new owner alone leaves it late")
                .isTrue();
        apply(new FollowUpActionUpdated(
                SYSTEM, INCIDENT, A1, "arne", DUE, ActionStatus.DONE, "arne", DUE.plusSeconds(60)));
        assertThat(ofTheIncident().get(0))
                .extracting(ActionView::status, ActionView::overdue, ActionView::changedBy)
                .containsExactly("DONE", false, "arne");
    }

    @Test
    void aNewDueDateEndsTheOverdue() {
        apply(new FollowUpActionOverdue(SYSTEM, INCIDENT, A1, "retrain the gate's classifier", "safety team", DUE));
        Instant later = DUE.plus(Duration.ofDays(14));
        apply(new FollowUpActionUpdated(
                SYSTEM, INCIDENT, A1, "safety team", later, ActionStatus.OPEN, "petra", DUE.plusSeconds(5)));
        assertThat(actions.handle(new FindActions(null, SYSTEM.value(), null, null)))
                .extracting(ActionView::actionId, ActionView::due, ActionView::overdue)
                .containsExactly(tuple(A2, DUE.plusSeconds(60), false), tuple(A1, later, false));
    }

    @Test
    void theTimelineListsTheActionsAsActsAndTheOverdueAsTheTrackersAtTheDueDate() {
        apply(new FollowUpActionOverdue(SYSTEM, INCIDENT, A1, "retrain the gate's classifier", "safety team", DUE));
        apply(new FollowUpActionUpdated(
                SYSTEM, INCIDENT, A1, "safety team", DUE, ActionStatus.DONE, "arne", DUE.plusSeconds(60)));
        List<ResponseAct> acts = timeline.handle(new GetIncidentTimeline(INCIDENT.value()))
                .orElseThrow()
                .acts();
        assertThat(acts)
                .extracting(ResponseAct::kind, ResponseAct::by, ResponseAct::at, ResponseAct::value)
                .containsExactly(
                        tuple(
                                "ACTION_ADDED",
                                "petra",
                                T0,
                                A1 + ": retrain the gate's classifier (owner safety team, due " + DUE + ")"),
                        tuple(
                                "ACTION_ADDED",
                                "petra",
                                T0,
                                A2 + ": add a canary (owner ops, due " + DUE.plusSeconds(60) + ")"),
                        tuple(
                                "ACTION_OVERDUE",
                                "tracker",
                                DUE,
                                A1 + ": retrain the gate's classifier (owner safety team)"),
                        tuple(
                                "ACTION_UPDATED",
                                "arne",
                                DUE.plusSeconds(60),
                                A1 + ": DONE, owner safety team, due " + DUE));
    }

    @Test
    void aRebuildStartsFromNoActions() {
        actions.reset();
        assertThat(ofTheIncident()).isEmpty();
    }
}
