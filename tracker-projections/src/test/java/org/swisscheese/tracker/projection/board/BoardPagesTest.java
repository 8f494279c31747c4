package org.swisscheese.tracker.projection.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.Events.BOWTIE;
import static org.swisscheese.tracker.projection.Events.T0;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent.ClassChangeAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.Board;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetBoard;
import org.swisscheese.tracker.projection.support.BatchWrites;

/**
 * The board is read a page at a time in the order operators read it: the systems whose card raises an alert first,
 * then by system id. Whether a card raises one is kept beside it as the cards change, so a page is read without judging
 * every card.
 */
class BoardPagesTest {

    private OperatorBoardProjection board;
    private AnnotationEventHandlerAdapter handlers;

    /** A fresh board for each case and each try. */
    private void freshBoard() {
        board = new OperatorBoardProjection(
                InMemoryDatabase.fresh(),
                InMemoryDatabase.mapper(),
                new BoardStream(),
                Clock.fixed(T0, ZoneOffset.UTC),
                BoardProperties.defaults());
        handlers = new AnnotationEventHandlerAdapter(board);
    }

    @Test
    void aSystemWhoseIncidentReachedTheTopEventComesFirstAndGoesBackInLineOnceItIsResolved() {
        freshBoard();
        for (String system : List.of("a", "b", "c")) {
            apply(Events.registered(system), T0);
        }
        IncidentId incident = IncidentId.of(SystemId.of("b"), 1);
        Assessment harm = Events.judged(Events.report("r1", ReportType.HARM_REPORTED, null, 1));
        apply(new IncidentOpened(SystemId.of("b"), incident, null, T0, "r1", harm), T0);

        assertThat(ids(board.handle(new GetBoard(0, 2)))).containsExactly("b", "a");
        assertThat(ids(board.handle(new GetBoard(1, 2)))).containsExactly("c");
        assertThat(ids(board.handle(new GetBoard(2, 2)))).isEmpty();
        Board page = board.handle(new GetBoard(0, 2));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.needingAttention()).isEqualTo(1);

        apply(new IncidentResolved(SystemId.of("b"), incident, T0.plusSeconds(60), false, null, harm.outcome()), T0);

        assertThat(ids(board.handle(new GetBoard(0, 2)))).containsExactly("a", "b");
        assertThat(board.handle(new GetBoard(0, 2)).needingAttention()).isZero();
    }

    @Test
    void aChangeOfClassNobodyHasAcknowledgedPutsTheSystemFirstUntilSomeoneDoes() {
        freshBoard();
        for (String system : List.of("a", "b")) {
            apply(Events.registered(system), T0);
        }
        apply(new RiskClassChanged(SystemId.of("b"), RiskClass.SPONGE, RiskClass.AGENTIC), T0);
        assertThat(ids(board.handle(new GetBoard(0, 1)))).containsExactly("b");

        apply(new ClassChangeAcknowledged(SystemId.of("b"), RiskClass.AGENTIC), T0);
        assertThat(ids(board.handle(new GetBoard(0, 1)))).containsExactly("a");
    }

    /** Something that happens to one system: an incident opens ({@code type}) or ({@code type} null) it is resolved. */
    record Change(int system, ReportType type, String barrier, boolean classChange) {}

    @Provide
    Arbitrary<Change> changes() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.of(ReportType.BREACHED, ReportType.TRIPPED, ReportType.HARM_REPORTED)
                                .injectNull(0.3),
                        Arbitraries.of(BOWTIE.barrierIds()),
                        Arbitraries.integers().between(0, 4).map(n -> n == 0))
                .as(Change::new);
    }

    /**
     * However the changes fall into processor batches, reading the pages in turn gives the whole board in the order of
     * a naive sort of every card by its alert, then by system id; and the counts are those of the whole board.
     */
    @Property(tries = 60)
    void thePagesInTurnAreTheWholeBoardSortedByAlertThenBySystem(
            @ForAll @Size(min = 1, max = 30) List<@From("changes") Change> changes,
            @ForAll @IntRange(min = 1, max = 8) int batchLength,
            @ForAll @IntRange(min = 1, max = 4) int pageSize) {
        freshBoard();
        int systems = 6;
        for (int s = 0; s < systems; s++) {
            apply(Events.registered("s" + s), T0);
        }
        Map<Integer, IncidentId> open = new HashMap<>();
        Map<Integer, Integer> opened = new HashMap<>();
        Map<Integer, RiskClass> classes = new HashMap<>();
        for (int from = 0; from < changes.size(); from += batchLength) {
            UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
            BatchWrites.holdBackIn(batch, () -> {});
            for (int i = from; i < Math.min(changes.size(), from + batchLength); i++) {
                Change change = changes.get(i);
                SystemId system = SystemId.of("s" + change.system());
                Instant at = T0.plus(Duration.ofMinutes(i + 1));
                if (change.classChange()) {
                    RiskClass before = classes.getOrDefault(change.system(), RiskClass.SPONGE);
                    RiskClass after = before == RiskClass.SPONGE ? RiskClass.AGENTIC : RiskClass.SPONGE;
                    classes.put(change.system(), after);
                    apply(
                            i % 2 == 0
                                    ? new RiskClassChanged(system, before, after)
                                    : new ClassChangeAcknowledged(system, after),
                            at);
                }
                IncidentId id = open.get(change.system());
                if (change.type() == null) {
                    if (id != null) {
                        apply(new IncidentResolved(system, id, at, true, null, null), at);
                        open.remove(change.system());
                    }
                } else if (id == null) {
                    id = IncidentId.of(system, opened.merge(change.system(), 1, Integer::sum));
                    open.put(change.system(), id);
                    Assessment a = Events.judged(Events.report("r" + i, change.type(), change.barrier(), i + 1));
                    apply(new IncidentOpened(system, id, null, at, "r" + i, a), at);
                }
            }
            batch.commit();
        }

        List<CardView> whole = board.handle(new GetBoard()).systems();
        List<String> expected = whole.stream()
                .sorted(Comparator.comparing((CardView c) -> !c.alert()).thenComparing(CardView::systemId))
                .map(CardView::systemId)
                .toList();
        List<String> paged = new ArrayList<>();
        for (int page = 0; page * pageSize < systems + pageSize; page++) {
            Board read = board.handle(new GetBoard(page, pageSize));
            assertThat(read.total()).isEqualTo(systems);
            assertThat(read.needingAttention())
                    .isEqualTo(whole.stream().filter(CardView::alert).count());
            paged.addAll(ids(read));
        }
        assertThat(paged).isEqualTo(expected);
    }

    private static List<String> ids(Board board) {
        return board.systems().stream().map(CardView::systemId).toList();
    }

    private void apply(Object event, Instant at) {
        Events.apply(handlers, event, at);
    }
}
