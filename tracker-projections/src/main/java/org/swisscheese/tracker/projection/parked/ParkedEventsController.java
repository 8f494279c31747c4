package org.swisscheese.tracker.projection.parked;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The events the read models parked: listed, tried again, evicted. Administrators only. */
@RestController
@Tag(name = "admin")
public class ParkedEventsController {

    private final ParkedEvents parked;

    public ParkedEventsController(ParkedEvents parked) {
        this.parked = parked;
    }

    public record ParkedList(ParkedEvents.Summary summary, List<ParkedEvents.ParkedEvent> items) {}

    @Operation(summary = "Parked events: how many per read model, and the first `limit` of them with their causes")
    @GetMapping("/api/admin/parked")
    public ParkedList list(@RequestParam Optional<String> readModel, @RequestParam(defaultValue = "200") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
        }
        return new ParkedList(parked.summary(), parked.list(readModel, limit));
    }

    @Operation(summary = "Try every parked system of a read model again, each from its first parked event")
    @PostMapping("/api/admin/parked/{readModel}/retry")
    public ParkedEvents.Retried retry(@PathVariable String readModel) {
        return parked.retry(readModel);
    }

    @Operation(summary = "Try one system's parked events again")
    @PostMapping("/api/admin/parked/{readModel}/{systemId}/retry")
    public ParkedEvents.Retried retry(@PathVariable String readModel, @PathVariable String systemId) {
        return parked.retry(readModel, systemId);
    }

    @Operation(
            summary = "Drop one parked event for good: the read model will not show it (the events behind it "
                    + "stay parked until retried)")
    @DeleteMapping("/api/admin/parked/{readModel}/{systemId}/{id}")
    public ParkedEvents.ParkedEvent evict(
            @PathVariable String readModel, @PathVariable String systemId, @PathVariable String id) {
        return parked.evict(readModel, systemId, id)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "no parked event " + id + " of system " + systemId + " in " + readModel));
    }

    @ExceptionHandler(ParkedEvents.UnknownReadModel.class)
    ProblemDetail unknown(ParkedEvents.UnknownReadModel e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
