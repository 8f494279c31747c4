package org.swisscheese.tracker.projection.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.swisscheese.tracker.projection.Events.T0;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetBoard;

/**
 * The board's stream gets each card a processor batch changed once, after the batch commits, as a read of the board
 * shows it then; a batch that rolls back announces nothing. The cards are read and pushed on a thread of their own, so
 * the processor does not wait for them.
 */
class BoardAnnouncementsTest {

    /** The cards pushed, as a subscriber would get them. */
    private final List<CardView> pushed = new CopyOnWriteArrayList<>();

    private final BoardStream stream = new BoardStream() {
        @Override
        boolean hasSubscribers() {
            return true;
        }

        @Override
        void publish(CardView card) {
            pushed.add(card);
        }
    };
    private final OperatorBoardProjection board =
            new OperatorBoardProjection(InMemoryDatabase.fresh(), InMemoryDatabase.mapper(), stream, clock());
    private final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(board);

    private static Clock clock() {
        return Clock.fixed(T0.plus(Duration.ofMinutes(3)), ZoneOffset.UTC);
    }

    private void apply(Object event, Instant at) {
        Events.apply(handlers, event, at);
    }

    private static LifecycleChanged move(String id, Lifecycle from, Lifecycle to, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        return new LifecycleChanged(SystemId.of(id), from, to, "test", null, at);
    }

    @Test
    void eachCardABatchChangedIsPushedOnceAfterItCommitsAsTheBoardShowsIt() {
        for (String id : List.of("a", "b", "c")) {
            apply(Events.registered(id), T0);
        }
        pushed.clear();

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        apply(move("a", Lifecycle.REGISTERED, Lifecycle.DEPLOYED, 1), T0.plusSeconds(60));
        apply(move("c", Lifecycle.REGISTERED, Lifecycle.DEPLOYED, 1), T0.plusSeconds(60));
        apply(move("a", Lifecycle.DEPLOYED, Lifecycle.SUSPENDED, 2), T0.plusSeconds(120));
        assertThat(pushed).as("nothing before the batch commits").isEmpty();
        batch.commit();

        await().atMost(Duration.ofSeconds(10)).until(() -> pushed.size() >= 2);
        assertThat(pushed).extracting(CardView::systemId).containsExactly("a", "c");
        assertThat(pushed).extracting(CardView::lifecycle).containsExactly("SUSPENDED", "DEPLOYED");
        List<CardView> read = board.handle(new GetBoard()).systems();
        assertThat(pushed).containsExactly(read.get(0), read.get(2));
    }

    @Test
    void aBatchThatRollsBackAnnouncesNothing() {
        apply(Events.registered("a"), T0);
        pushed.clear();

        apply(Events.registered("b"), T0);
        pushed.clear();

        UnitOfWork<?> rolledBack = DefaultUnitOfWork.startAndGet(null);
        apply(move("a", Lifecycle.REGISTERED, Lifecycle.DEPLOYED, 1), T0.plusSeconds(60));
        rolledBack.rollback();
        UnitOfWork<?> committed = DefaultUnitOfWork.startAndGet(null);
        apply(move("b", Lifecycle.REGISTERED, Lifecycle.DEPLOYED, 1), T0.plusSeconds(60));
        committed.commit();

        await().atMost(Duration.ofSeconds(10)).until(() -> !pushed.isEmpty());
        assertThat(pushed).extracting(CardView::systemId).containsExactly("b");
    }

    @Test
    void aBatchThatChangedMoreCardsThanOneStatementTakesPushesOnlyThose() {
        for (int i = 0; i < 502; i++) {
            apply(Events.registered("s" + i), T0);
        }
        pushed.clear();

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        for (int i = 0; i < 501; i++) {
            apply(move("s" + i, Lifecycle.REGISTERED, Lifecycle.DEPLOYED, 1), T0.plusSeconds(60));
        }
        batch.commit();

        await().atMost(Duration.ofSeconds(30)).until(() -> pushed.size() >= 501);
        assertThat(pushed).hasSize(501).extracting(CardView::systemId).doesNotContain("s501");
        assertThat(pushed).extracting(CardView::lifecycle).containsOnly("DEPLOYED");
    }

    @Test
    void anEventOutsideABatchIsPushedAtOnce() {
        apply(Events.registered("a"), T0);
        assertThat(pushed).extracting(CardView::systemId).containsExactly("a");
    }

    @Test
    void aCardThatChangedInSeveralBatchesWhileTheLastReadRanIsPushedOnceAsItIsNow() throws Exception {
        Announcements announcements = new Announcements(
                systems -> {
                    holdTheRead(readStarted, readMayEnd);
                    return board.handle(new GetBoard()).systems().stream()
                            .filter(card -> systems.contains(card.systemId()))
                            .toList();
                },
                read::add);
        apply(Events.registered("a"), T0);
        apply(Events.registered("b"), T0);

        announcements.changed(List.of("a")); // read starts and waits
        readStarted.await();
        announcements.changed(List.of("b"));
        apply(move("b", Lifecycle.REGISTERED, Lifecycle.DEPLOYED, 1), T0.plusSeconds(60));
        announcements.changed(List.of("b"));
        readMayEnd.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> read.size() >= 2);
        Thread.sleep(200);
        assertThat(read).extracting(CardView::systemId).containsExactly("a", "b");
        assertThat(read.get(1).lifecycle()).isEqualTo("DEPLOYED");
        announcements.close();
    }

    private final List<CardView> read = new CopyOnWriteArrayList<>();
    private final CountDownLatch readStarted = new CountDownLatch(1);
    private final CountDownLatch readMayEnd = new CountDownLatch(1);

    private static void holdTheRead(CountDownLatch started, CountDownLatch mayEnd) {
        started.countDown();
        try {
            mayEnd.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
