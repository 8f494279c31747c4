package org.swisscheese.tracker.projection.board;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.Board;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetBoard;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetCard;
import org.swisscheese.tracker.projection.parked.ParkedEvents;
import org.swisscheese.tracker.projection.parked.ParkedEvents.Summary;
import org.swisscheese.tracker.projection.support.PageRequest;
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
     * {@code systems}: the whole board, or one page of it ({@code page} and {@code size} say which; both null for the
     * whole board): the systems that need attention (their card raises an alert) first, then by system id.
     * {@code total} and {@code needingAttention} count the whole board. {@code parked}: events the read models could
     * not handle; the board (and the other read models) may be behind for the systems named there until they are
     * retried or evicted (/api/admin/parked).
     */
    public record BoardView(
            List<CardView> systems, long total, long needingAttention, Integer page, Integer size, Summary parked) {}

    @Operation(
            summary = "The operators' board: every system (or, with `size`, one page of them, the ones needing"
                    + " attention first), its open incidents, the live margin of every path, and the events the read"
                    + " models parked (shared by everyone who asks the same within a second: at most"
                    + " `tracker.read-models.answers.stale-for` old; the stream has every change as it happens)")
    @GetMapping("/api/board")
    public Answer<BoardView> board(
            @Parameter(description = "the page, from 0 (needs a size)") @RequestParam(required = false) Integer page,
            @Parameter(description = "cards a page, 1 to " + PageRequest.MAX_SIZE + "; none: the whole board")
                    @RequestParam(required = false)
                    Integer size) {
        GetBoard query = query(page, size);
        return answers.answer(query, () -> current(query));
    }

    private static GetBoard query(Integer page, Integer size) {
        PageRequest asked = PageRequest.of(page, size);
        return new GetBoard(asked.page(), asked.size());
    }

    private BoardView current(GetBoard query) {
        Board board = queries.query(query, Board.class).join();
        return new BoardView(
                board.systems(),
                board.total(),
                board.needingAttention(),
                query.page(),
                query.size(),
                parked.lastKnownSummary());
    }

    @Operation(
            summary = "The board as server-sent events: `board` (every card, or with `size` the first page as"
                    + " `GET /api/board` gives it) and `parked` first, then a `card` per change (of any system) and"
                    + " `parked` when the parked events change")
    @GetMapping(path = "/api/board/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(
            @Parameter(description = "cards in the first `board` event, 1 to " + PageRequest.MAX_SIZE + "; none: all")
                    @RequestParam(required = false)
                    Integer size)
            throws IOException {
        // not a shared answer: the changes after it are pushed to this subscriber
        BoardView board = current(query(null, size));
        return stream.subscribe(board.systems(), board.parked());
    }

    @Operation(summary = "One system's card as the board shows it now")
    @GetMapping("/api/board/systems/{systemId}")
    public CardView card(@PathVariable String systemId) {
        return queries.query(new GetCard(systemId), ResponseTypes.optionalInstanceOf(CardView.class))
                .join()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no system " + systemId));
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
