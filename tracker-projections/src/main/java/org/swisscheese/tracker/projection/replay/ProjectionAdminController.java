package org.swisscheese.tracker.projection.replay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.swisscheese.tracker.projection.support.ReadModels;

/**
 * Rebuilds one projection from the event store while ingest goes on, and splits or merges its segments while it
 * runs (more segments let more threads or servers share it). Rebuilding: the processor stops, its tokens go back to
 * the start (its reset handler empties its tables), and it starts again. Progress is the position of its slowest
 * segment against the head of the store ({@link ProcessorProgress}, which the lag metric reads too).
 */
@RestController
@Tag(name = "admin")
public class ProjectionAdminController {

    private static final List<String> REPLAYABLE = ReadModels.ALL;

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final ProcessorProgress progress;

    public ProjectionAdminController(
            EventProcessingConfiguration processing, TokenStore tokens, ProcessorProgress progress) {
        this.processing = processing;
        this.tokens = tokens;
        this.progress = progress;
    }

    /**
     * {@code position}: the slowest segment, whichever server holds it ({@link ProcessorProgress});
     * {@code segments} of {@code segmentsTotal} are held here (the others by other servers, or not yet claimed just
     * after a start). {@code replaying} stays true until every segment is held and at the head.
     */
    public record ReplayStatus(
            String name,
            boolean running,
            boolean replaying,
            long position,
            long head,
            double progress,
            int segments,
            int segmentsTotal) {}

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
        ProcessorProgress.Progress at = progress.of(name);
        // Axon leaves a segment "replaying" until an event newer than the reset arrives; caught up with the head of
        // the store, the rebuild is done as far as anyone reading the projection is concerned
        boolean allHere = segments.size() >= at.segments();
        boolean replaying = !allHere
                || segments.values().stream().anyMatch(EventTrackerStatus::isReplaying) && at.position() < at.head();
        return new ReplayStatus(
                name,
                processor.isRunning(),
                replaying,
                at.position(),
                at.head(),
                at.progress(),
                segments.size(),
                at.segments());
    }

    public record SegmentChange(String name, int segment, boolean done, int segmentsTotal) {}

    @Operation(summary = "Split one segment of a projection in two, while it runs (this server must hold it)")
    @PostMapping("/api/admin/projections/{name}/segments/{segment}/split")
    public SegmentChange split(@PathVariable String name, @PathVariable int segment) {
        boolean done = processor(name)
                .splitSegment(segment)
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
        return new SegmentChange(name, segment, done, tokens.fetchSegments(name).length);
    }

    @Operation(summary = "Merge one segment of a projection with its sibling, while it runs")
    @PostMapping("/api/admin/projections/{name}/segments/{segment}/merge")
    public SegmentChange merge(@PathVariable String name, @PathVariable int segment) {
        boolean done = processor(name)
                .mergeSegment(segment)
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
        return new SegmentChange(name, segment, done, tokens.fetchSegments(name).length);
    }

    private StreamingEventProcessor processor(String name) {
        if (!REPLAYABLE.contains(name)) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "no projection '" + name + "'; projections: " + REPLAYABLE);
        }
        return processing
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "projection '" + name + "' is not running here"));
    }
}
