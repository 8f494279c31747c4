package org.swisscheese.tracker.projection.parked;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds the events a read model skipped because they committed late, and hands them to it.
 * <p>
 * The JDBC event store numbers events before they commit, so a reader sees event {@code n+1} while {@code n} is a hole
 * that will fill later; the reader remembers the hole as a gap, unless the event after it looks older than Axon's gap
 * timeout, in which case it moves past for good (Axon Framework issue #4829, not fixed in 4.x): a slow writer's event is
 * then stored but never shown. This watch keeps its own list of holes, without any timeout, notes every processor
 * segment that moves past a hole without remembering it, and when such a hole fills, parks the event in that read
 * model's dead-letter queue and handles it at once, in the order of its system's events.
 * <p>
 * Each server watches the segments it holds. Holes that never fill (rolled-back appends) are forgotten after
 * {@code tracker.skipped-events.forget-after}.
 */
public class SkippedEventRepair {

    private static final Logger log = LoggerFactory.getLogger(SkippedEventRepair.class);
    private static final int MAX_HOLES = 10_000;
    private static final int PAGE = 50_000;

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final List<String> readModels;
    private final Duration forgetAfter;
    private final MeterRegistry meters;

    private long seenUpTo = -1;
    /** Hole index -> when it was first seen. */
    private final TreeMap<Long, Instant> holes = new TreeMap<>();
    /** Hole index -> read model -> segments that moved past it without remembering it. */
    private final Map<Long, Map<String, Set<Integer>>> passedWithoutGap = new HashMap<>();

    public SkippedEventRepair(
            JdbcClient jdbc,
            EventProcessingConfiguration processing,
            EventStore eventStore,
            List<String> readModels,
            Duration forgetAfter,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.eventStore = eventStore;
        this.readModels = List.copyOf(readModels);
        this.forgetAfter = forgetAfter;
        this.meters = meters;
        // exported from the start, at 0, so a dashboard or an alert sees each read model's series
        this.readModels.forEach(this::skipped);
    }

    private Counter skipped(String readModel) {
        return Counter.builder("tracker.events.skipped")
                .tag("read_model", readModel)
                .description("events a read model moved past before they committed, found and handed to it")
                .register(meters);
    }

    record Row(long index, String systemId, long sequence) {}

    /** One look at the store and the processors; returns the events repaired. Called every few seconds. */
    public synchronized int sweep() {
        if (seenUpTo < 0) {
            seenUpTo = jdbc.sql("SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry")
                    .query(Long.class)
                    .single();
            return 0;
        }
        // The order matters. A segment that is past a hole without remembering it as a gap has either skipped it
        // or already handled it, if it committed meanwhile. Only a hole that is still empty after the segments'
        // positions were read was skipped for certain: positions first, then which holes filled.
        Map<Long, Map<String, Set<Integer>>> passedNow = passedHoles();
        List<Row> filled = fillHoles();
        Set<Long> filledNow = new HashSet<>();
        filled.forEach(row -> filledNow.add(row.index()));
        passedNow.forEach((hole, byReadModel) -> {
            if (!filledNow.contains(hole)) {
                byReadModel.forEach((readModel, segments) -> passedWithoutGap
                        .computeIfAbsent(hole, h -> new HashMap<>())
                        .computeIfAbsent(readModel, r -> new HashSet<>())
                        .addAll(segments));
            }
        });
        noteNewHoles();
        int repaired = 0;
        for (Row row : filled) {
            Map<String, Set<Integer>> passed = passedWithoutGap.remove(row.index());
            if (passed != null) {
                repaired += repair(row, passed);
            }
        }
        forgetOldHoles();
        return repaired;
    }

    int holes() {
        return holes.size();
    }

    private List<Row> fillHoles() {
        if (holes.isEmpty()) {
            return List.of();
        }
        List<Row> filled = new ArrayList<>();
        List<Long> open = new ArrayList<>(holes.keySet());
        for (int from = 0; from < open.size(); from += 1000) {
            List<Long> chunk = open.subList(from, Math.min(open.size(), from + 1000));
            filled.addAll(jdbc.sql("SELECT globalindex, aggregateidentifier, sequencenumber FROM domainevententry "
                            + "WHERE globalindex IN (:holes)")
                    .param("holes", chunk)
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                    .list());
        }
        filled.forEach(row -> holes.remove(row.index()));
        return filled;
    }

    private void noteNewHoles() {
        List<Long> indexes = jdbc.sql("SELECT globalindex FROM domainevententry WHERE globalindex > ? "
                        + "ORDER BY globalindex LIMIT " + PAGE)
                .param(seenUpTo)
                .query(Long.class)
                .list();
        Instant now = Instant.now();
        long expected = seenUpTo + 1;
        for (long index : indexes) {
            for (long hole = expected; hole < index && holes.size() < MAX_HOLES; hole++) {
                holes.put(hole, now);
            }
            expected = index + 1;
        }
        if (!indexes.isEmpty()) {
            seenUpTo = indexes.get(indexes.size() - 1);
        }
    }

    /** The holes each segment has moved past without keeping them as gaps, as the segments stand now. */
    private Map<Long, Map<String, Set<Integer>>> passedHoles() {
        Map<Long, Map<String, Set<Integer>>> passed = new HashMap<>();
        if (holes.isEmpty()) {
            return passed;
        }
        for (String readModel : readModels) {
            for (EventTrackerStatus status : statuses(readModel)) {
                GapAwareTrackingToken token = gapAware(status.getTrackingToken());
                if (token == null) {
                    continue;
                }
                for (long hole : holes.headMap(token.getIndex(), true).keySet()) {
                    if (!token.getGaps().contains(hole)) {
                        passed.computeIfAbsent(hole, h -> new HashMap<>())
                                .computeIfAbsent(readModel, r -> new HashSet<>())
                                .add(status.getSegment().getSegmentId());
                    }
                }
            }
        }
        return passed;
    }

    private int repair(Row row, Map<String, Set<Integer>> passed) {
        EventMessage<?> event = null;
        int repaired = 0;
        for (Map.Entry<String, Set<Integer>> entry : passed.entrySet()) {
            String readModel = entry.getKey();
            boolean skipped = statuses(readModel).stream()
                    .anyMatch(status -> status.getSegment().matches(row.systemId())
                            && entry.getValue().contains(status.getSegment().getSegmentId()));
            if (!skipped) {
                continue;
            }
            if (event == null) {
                event = load(row);
            }
            if (!handlesTypeOf(readModel, event)) {
                continue; // the read model has no handler for it: it moved past it rightly
            }
            var queue = processing.deadLetterQueue(readModel).orElse(null);
            var processor = processing.sequencedDeadLetterProcessor(readModel).orElse(null);
            if (queue == null || processor == null) {
                log.error(
                        "event {} (system {}, sequence {}) was skipped by {}, which has no dead-letter queue to "
                                + "repair it through: replay it",
                        row.index(),
                        row.systemId(),
                        row.sequence(),
                        readModel);
                continue;
            }
            queue.enqueue(row.systemId(), new GenericDeadLetter<>(row.systemId(), event, new SkippedEvent(row)));
            boolean handled = processor.process(letter -> letter.message() instanceof DomainEventMessage<?> m
                    && row.systemId().equals(m.getAggregateIdentifier()));
            skipped(readModel).increment();
            log.warn(
                    "event {} of system {} (sequence {}) committed after {} had moved past it; parked and {}",
                    row.index(),
                    row.systemId(),
                    row.sequence(),
                    readModel,
                    handled ? "handled" : "left parked (see /api/admin/parked)");
            repaired++;
        }
        return repaired;
    }

    private boolean handlesTypeOf(String readModel, EventMessage<?> event) {
        return processing
                .eventProcessor(readModel, AbstractEventProcessor.class)
                .map(p -> p.eventHandlerInvoker().canHandleType(event.getPayloadType()))
                .orElse(true);
    }

    private EventMessage<?> load(Row row) {
        DomainEventStream stream = eventStore.readEvents(row.systemId(), row.sequence());
        return stream.next();
    }

    private void forgetOldHoles() {
        Instant limit = Instant.now().minus(forgetAfter);
        Iterator<Map.Entry<Long, Instant>> it = holes.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Instant> hole = it.next();
            if (hole.getValue().isBefore(limit)) {
                it.remove();
                passedWithoutGap.remove(hole.getKey());
            }
        }
    }

    private List<EventTrackerStatus> statuses(String readModel) {
        return processing
                .eventProcessor(readModel, StreamingEventProcessor.class)
                .map(p -> List.copyOf(p.processingStatus().values()))
                .orElse(List.of());
    }

    private static GapAwareTrackingToken gapAware(TrackingToken token) {
        TrackingToken lower = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return lower instanceof GapAwareTrackingToken gapAware ? gapAware : null;
    }

    /** Why the event is in the dead-letter queue, for the admin page. */
    static final class SkippedEvent extends RuntimeException {
        SkippedEvent(Row row) {
            super(
                    "committed after the read model had moved past its position " + row.index()
                            + " (a slow writer): handed to it late",
                    null,
                    false,
                    false);
        }
    }
}
