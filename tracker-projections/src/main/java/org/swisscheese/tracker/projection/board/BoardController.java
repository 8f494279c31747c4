package org.swisscheese.tracker.projection.board;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.Board;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetBoard;

@RestController
@Tag(name = "board")
public class BoardController {

    private final QueryGateway queries;
    private final BoardStream stream;

    public BoardController(QueryGateway queries, BoardStream stream) {
        this.queries = queries;
        this.stream = stream;
    }

    @Operation(summary = "The operators' board: every system, its open incidents, the live margin of every path")
    @GetMapping("/api/board")
    public Board board() {
        return queries.query(new GetBoard(), Board.class).join();
    }

    @Operation(summary = "The board as server-sent events: `board` (everything) first, then a `card` per change")
    @GetMapping(path = "/api/board/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream() throws IOException {
        return stream.subscribe(board().systems());
    }
}
