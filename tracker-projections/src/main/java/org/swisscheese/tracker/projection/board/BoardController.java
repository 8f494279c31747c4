package org.swisscheese.tracker.projection.board;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.Board;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetBoard;
import org.swisscheese.tracker.projection.parked.ParkedEvents;
import org.swisscheese.tracker.projection.parked.ParkedEvents.Summary;
import org.swisscheese.tracker.projection.support.SharedAnswers;
import org.swisscheese.tracker.projection.support.SharedAnswers.Answer;

@RestController
@Tag(name = "board")
public class BoardController {

    private final QueryGateway queries;
    private final BoardStream stream;
    private final ParkedEvents parked;
    private final SharedAnswers answers;
    private final AtomicReference<Summary> lastParked = new AtomicReference<>();

    public BoardController(QueryGateway queries, BoardStream stream, ParkedEvents parked, SharedAnswers answers) {
        this.queries = queries;
        this.stream = stream;
        this.parked = parked;
        this.answers = answers;
    }

    /**
     * {@code parked}: events the read models could not handle; the board (and the other read models) may be behind
     * for the systems named there until they are retried or evicted (/api/admin/parked).
     */
    public record BoardView(List<CardView> systems, Summary parked) {}

    @Operation(
            summary = "The operators' board: every system, its open incidents, the live margin of every path, "
                    + "and the events the read models parked (shared by everyone who asks within a second: at most "
                    + "`tracker.read-models.answers.stale-for` old; the stream has every change as it happens)")
    @GetMapping("/api/board")
    public Answer<BoardView> board() {
        return answers.answer(new GetBoard(), this::current);
    }

    private BoardView current() {
        Board board = queries.query(new GetBoard(), Board.class).join();
        return new BoardView(board.systems(), parked.lastKnownSummary());
    }

    @Operation(
            summary = "The board as server-sent events: `board` (every card) and `parked` first, then a `card` "
                    + "per change and `parked` when the parked events change")
    @GetMapping(path = "/api/board/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream() throws IOException {
        BoardView board = current(); // not a shared answer: the changes after it are pushed to this subscriber
        return stream.subscribe(board.systems(), board.parked());
    }

    /** Parked events are not events of the board's own read model: looked at every few seconds while anyone watches. */
    @Scheduled(fixedDelayString = "${tracker.board.parked-check:PT5S}")
    void pushParkedWhenChanged() {
        if (!stream.hasSubscribers()) {
            return;
        }
        Summary now = parked.lastKnownSummary();
        Summary before = lastParked.getAndSet(now);
        if (!now.equals(before)) {
            stream.publish(now);
        }
    }
}
