package org.swisscheese.tracker.projection.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.Events.INCIDENT;
import static org.swisscheese.tracker.projection.Events.SYSTEM;
import static org.swisscheese.tracker.projection.Events.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionUpdated;
import org.swisscheese.tracker.domain.ActionStatus;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.board.BoardCard.OverdueAction;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetBoard;

/** An overdue follow-up action is on its system's card until it is done, dropped or given a new due date. */
class OverdueActionsOnTheBoardTest {

    private static final String A1 = "llm.1/a1";
    private static final Instant DUE = T0.plus(Duration.ofDays(7));
    private static final OverdueAction LATE =
            new OverdueAction(A1, INCIDENT.value(), "retrain the gate's classifier", "safety team", DUE);

    private final OperatorBoardProjection board =
            new OperatorBoardProjection(InMemoryDatabase.fresh(), InMemoryDatabase.mapper(), new BoardStream());

    @BeforeEach
    void anOverdueAction() {
        board.on(Events.registered(), T0, ReplayStatus.REGULAR);
        board.on(
                new FollowUpActionOverdue(SYSTEM, INCIDENT, A1, "retrain the gate's classifier", "safety team", DUE),
                ReplayStatus.REGULAR);
    }

    private List<OverdueAction> onTheCard() {
        return board.handle(new GetBoard()).systems().get(0).overdueActions();
    }

    private void updated(String owner, Instant due, ActionStatus status) {
        board.on(
                new FollowUpActionUpdated(SYSTEM, INCIDENT, A1, owner, due, status, "petra", DUE.plusSeconds(5)),
                ReplayStatus.REGULAR);
    }

    @Test
    void anOverdueActionIsOnItsSystemsCardApartFromTheAlerts() {
        assertThat(onTheCard()).containsExactly(LATE);
        assertThat(board.handle(new GetBoard()).systems().get(0).alerts()).isEmpty();
    }

    @Test
    void aNewOwnerAloneLeavesItLate() {
        updated("arne", DUE, ActionStatus.OPEN);
        assertThat(onTheCard()).extracting(OverdueAction::owner).containsExactly("arne");
    }

    @Test
    void doneOrDroppedTakesItOff() {
        updated("safety team", DUE, ActionStatus.DONE);
        assertThat(onTheCard()).isEmpty();
    }

    @Test
    void aNewDueDateTakesItOffUntilThatOnePassesToo() {
        updated("safety team", DUE.plus(Duration.ofDays(14)), ActionStatus.OPEN);
        assertThat(onTheCard()).isEmpty();
    }

    @Test
    void aRebuildStartsFromNoOverdueActions() {
        board.reset();
        board.on(Events.registered(), T0, ReplayStatus.REGULAR);
        assertThat(onTheCard()).isEmpty();
    }
}
