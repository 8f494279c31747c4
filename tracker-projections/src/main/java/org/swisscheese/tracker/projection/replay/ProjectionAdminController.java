package org.swisscheese.tracker.projection.replay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Rebuilds one projection from the event store while ingest goes on: the processor stops, its tokens go back to
 * the start (its reset handler empties its tables), and it starts again. Progress is the position of its slowest
 * segment against the head of the store.
 */
@RestController
@Tag(name = "admin")
public class ProjectionAdminController {

    private static final List<String> REPLAYABLE = List.of("incident-timeline", "fleet", "operator-board",
            "barrier-statistics");

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ProjectionAdminController(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public record ReplayStatus(String name, boolean running, boolean replaying, long position, long head,
                               double progress, int segments) {
    }

    @Operation(summary = "Rebuild one projection from the event store")
    @PostMapping("/api/admin/projections/{name}/replay")
    public ResponseEntity<ReplayStatus> replay(@PathVariable String name) {
        StreamingEventProcessor processor = processor(name);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status(name));
    }

    @Operation(summary = "Where a projection is: its position against the head of the event store")
    @GetMapping("/api/admin/projections/{name}/replay")
    public ReplayStatus status(@PathVariable String name) {
        StreamingEventProcessor processor = processor(name);
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = segments.values().stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(0)).min().orElse(0);
        boolean replaying = segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
        TrackingToken headToken = eventStore.createHeadToken();
        OptionalLong headPosition = headToken == null ? OptionalLong.empty() : headToken.position();
        long head = headPosition.orElse(0);
        double progress = head == 0 ? 1 : Math.min(1, (double) position / head);
        return new ReplayStatus(name, processor.isRunning(), replaying, position, head, progress, segments.size());
    }

    private StreamingEventProcessor processor(String name) {
        if (!REPLAYABLE.contains(name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no projection '" + name + "'; projections: "
                    + REPLAYABLE);
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "projection '" + name + "' is not running here"));
    }
}
