package org.swisscheese.tracker.projection.replay;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far each streaming event processor is: the lowest position among its segments' tokens against the head of the
 * event store. Every segment counts, whichever server holds it: a segment this server holds is where it is in memory
 * (ahead of its stored token between two stores), any other is where its stored token says. The stored tokens are
 * read as rows, without claiming them ({@code TokenStore.fetchToken} would take the segment from its owner).
 * <p>
 * Used by the replay status ({@link ProjectionAdminController}) and the lag metric ({@link ProcessorLag}). Each call
 * queries the database.
 */
public class ProcessorProgress {

    /**
     * @param position the lowest position among the processor's segments (the tail of the store for a segment that
     *                 has no token yet)
     * @param head     the global index of the newest event in the store
     * @param segments the segments in the token store (0 before the processor first started anywhere)
     */
    public record Progress(String processor, long position, long head, int segments) {

        /** Events between the slowest segment and the head; 0 when caught up. */
        public long lag() {
            return Math.max(0, head - position);
        }

        /** 0..1: where the slowest segment is, as a share of the store. */
        public double progress() {
            return head <= 0 ? 1 : Math.min(1, Math.max(0, (double) position / head));
        }
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final TokenSchema schema;
    private final Serializer tokenSerializer;

    public ProcessorProgress(
            EventProcessingConfiguration processing,
            EventStore eventStore,
            JdbcClient jdbc,
            TokenSchema schema,
            Serializer tokenSerializer) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.schema = schema;
        this.tokenSerializer = tokenSerializer;
    }

    /** The streaming (tracking and pooled) processors of this server, by name. */
    public List<String> processors() {
        return processing.eventProcessors().entrySet().stream()
                .filter(e -> e.getValue() instanceof StreamingEventProcessor)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    public Progress of(String processor) {
        long head = position(eventStore.createHeadToken()).orElse(0);
        Map<Integer, OptionalLong> held = new TreeMap<>();
        processing
                .eventProcessor(processor, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::processingStatus)
                .ifPresent(status -> status.forEach((segment, s) -> held.put(segment, s.getCurrentPosition())));
        return progress(
                processor,
                head,
                storedPositions(processor),
                held,
                () -> position(eventStore.createTailToken()).orElse(0));
    }

    /**
     * The computation itself. {@code stored}: each segment's position as stored (empty: no token yet); {@code held}:
     * the segments this server processes, with their position in memory. A segment without a token, and a processor
     * without segments, are at the {@code tail} (the store's first index less one): the whole store is ahead of them.
     * The head is read before the tokens, so a segment can be past it: that is caught up ({@link Progress#lag()} is
     * never negative).
     */
    static Progress progress(
            String processor,
            long head,
            Map<Integer, OptionalLong> stored,
            Map<Integer, OptionalLong> held,
            LongSupplier tail) {
        Map<Integer, OptionalLong> segments = new TreeMap<>(stored);
        segments.putAll(held);
        return new Progress(processor, lowest(segments.values(), tail), head, segments.size());
    }

    private static long lowest(Collection<OptionalLong> positions, LongSupplier tail) {
        if (positions.isEmpty() || positions.stream().anyMatch(OptionalLong::isEmpty)) {
            long start = tail.getAsLong();
            return positions.stream()
                    .filter(OptionalLong::isPresent)
                    .mapToLong(OptionalLong::getAsLong)
                    .reduce(start, Math::min);
        }
        return positions.stream().mapToLong(OptionalLong::getAsLong).min().orElseThrow();
    }

    private Map<Integer, OptionalLong> storedPositions(String processor) {
        Map<Integer, OptionalLong> positions = new TreeMap<>();
        jdbc.sql("SELECT " + schema.segmentColumn() + ", " + schema.tokenColumn() + ", " + schema.tokenTypeColumn()
                        + " FROM " + schema.tokenTable() + " WHERE " + schema.processorNameColumn() + " = ?")
                .param(processor)
                .query(rs -> {
                    byte[] token = rs.getBytes(2);
                    String type = rs.getString(3);
                    positions.put(
                            rs.getInt(1),
                            token == null || type == null
                                    ? OptionalLong.empty()
                                    : position(tokenSerializer.deserialize(
                                            new SimpleSerializedObject<>(token, byte[].class, type, null))));
                });
        return positions;
    }

    private static OptionalLong position(Object token) {
        return Optional.ofNullable(token)
                .filter(TrackingToken.class::isInstance)
                .map(TrackingToken.class::cast)
                .map(TrackingToken::position)
                .orElse(OptionalLong.empty());
    }
}
