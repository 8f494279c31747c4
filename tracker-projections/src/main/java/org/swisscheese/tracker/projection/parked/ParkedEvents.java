package org.swisscheese.tracker.projection.parked;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events the read models could not handle, parked per system (Axon's sequenced dead-letter queue): a system with a
 * parked event has its later events parked behind it, so its read model never shows them out of order, while every
 * other system goes on. They are listed, tried again (after a fix, or by themselves every
 * {@code tracker.parked.retry-every}) and evicted.
 */
public class ParkedEvents {

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);

    /** What the board and the metrics show. {@code systems}: the first systems with parked events, by id. */
    public record Summary(long total, Map<String, Long> byReadModel, List<String> systems) {

        public boolean any() {
            return total > 0;
        }
    }

    /**
     * One parked event. {@code sequence} is the system's aggregate sequence of the event; {@code index} its place
     * among the events parked for that system ({@code 0} is the one that failed first, the others wait behind it).
     */
    public record ParkedEvent(
            String readModel,
            String id,
            String systemId,
            long index,
            String eventType,
            String eventId,
            Long sequence,
            Instant occurredAt,
            Instant parkedAt,
            Instant lastTried,
            String causeType,
            String cause) {}

    public record Retried(String readModel, int sequencesTried, int sequencesCleared, long stillParked) {}

    private static final int SUMMARY_SYSTEMS = 50;

    private final EventProcessingConfiguration processing;
    private final List<String> readModels;

    public ParkedEvents(EventProcessingConfiguration processing, List<String> readModels) {
        this.processing = processing;
        this.readModels = List.copyOf(readModels);
    }

    /** The read models that park what they cannot handle. */
    public List<String> readModels() {
        return readModels;
    }

    public long count(String readModel) {
        return queue(readModel).size();
    }

    private volatile Summary lastKnown;

    /**
     * The summary as last computed by {@link #refresh()} (every few seconds): for health, metrics and the board,
     * which must answer at once even while the database is away.
     */
    public Summary lastKnownSummary() {
        Summary known = lastKnown;
        return known != null ? known : new Summary(0, Map.of(), List.of());
    }

    public void refresh() {
        try {
            lastKnown = summary();
        } catch (RuntimeException unavailable) {
            log.debug("parked events not counted now: {}", unavailable.toString());
        }
    }

    public Summary summary() {
        Map<String, Long> byReadModel = new LinkedHashMap<>();
        TreeSet<String> systems = new TreeSet<>();
        long total = 0;
        for (String readModel : readModels) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(readModel);
            long size = queue.size();
            byReadModel.put(readModel, size);
            total += size;
            if (size > 0) {
                for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                    for (DeadLetter<? extends EventMessage<?>> first : sequence) {
                        systems.add(systemOf(first));
                        break;
                    }
                    if (systems.size() >= SUMMARY_SYSTEMS) {
                        break;
                    }
                }
            }
        }
        return new Summary(
                total, byReadModel, systems.stream().limit(SUMMARY_SYSTEMS).toList());
    }

    /** Up to {@code limit} parked events, system by system, in the order they would be handled again. */
    public List<ParkedEvent> list(Optional<String> onlyReadModel, int limit) {
        List<ParkedEvent> items = new ArrayList<>();
        for (String readModel : onlyReadModel.map(this::known).map(List::of).orElse(readModels)) {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence :
                    queue(readModel).deadLetters()) {
                long index = 0;
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (items.size() >= limit) {
                        return items;
                    }
                    items.add(view(readModel, letter, index++));
                }
            }
        }
        return items;
    }

    /**
     * Tries every parked system of a read model again, each from its first parked event (the least recently tried
     * first). A system whose first parked event could not even be read is left: it needs a release that reads it.
     */
    public Retried retry(String readModel) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processor(readModel);
        long sequences = queue(readModel).amountOfSequences();
        int cleared = 0;
        for (int i = 0; i < sequences; i++) {
            if (processor.process(letter -> !unreadable(letter))) {
                cleared++;
            }
        }
        long left = count(readModel);
        log.info(
                "parked events retried read_model={} sequences={} cleared={} still_parked={}",
                readModel,
                sequences,
                cleared,
                left);
        return new Retried(readModel, (int) sequences, cleared, left);
    }

    /** Tries one system's parked events again. */
    public Retried retry(String readModel, String systemId) {
        boolean cleared =
                processor(readModel).process(letter -> systemId.equals(systemOf(letter)) && !unreadable(letter));
        long left = count(readModel);
        log.info(
                "parked events retried read_model={} system={} cleared={} still_parked={}",
                readModel,
                systemId,
                cleared,
                left);
        return new Retried(readModel, 1, cleared ? 1 : 0, left);
    }

    /**
     * Drops one parked event for good: the read model will never show it (a replay of the read model would try it
     * again). The events parked behind it stay parked until they are retried.
     */
    public Optional<ParkedEvent> evict(String readModel, String systemId, String id) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(readModel);
        long index = 0;
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(systemId)) {
            if (id.equals(idOf(letter))) {
                ParkedEvent evicted = view(readModel, letter, index);
                queue.evict(letter);
                log.warn(
                        "parked event evicted read_model={} system={} event_id={} type={}",
                        readModel,
                        systemId,
                        evicted.eventId(),
                        evicted.eventType());
                return Optional.of(evicted);
            }
            index++;
        }
        return Optional.empty();
    }

    /** Tries everything again; called on a schedule. */
    public void retryAll() {
        for (String readModel : readModels) {
            try {
                if (count(readModel) > 0) {
                    retry(readModel);
                }
            } catch (RuntimeException e) {
                log.warn("parked events of {} could not be retried now: {}", readModel, e.toString());
            }
        }
    }

    public String known(String readModel) {
        if (!readModels.contains(readModel)) {
            throw new UnknownReadModel(readModel, readModels);
        }
        return readModel;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String readModel) {
        return processing
                .deadLetterQueue(known(readModel))
                .orElseThrow(() -> new UnknownReadModel(readModel, readModels));
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processor(String readModel) {
        return processing
                .sequencedDeadLetterProcessor(known(readModel))
                .orElseThrow(() -> new UnknownReadModel(readModel, readModels));
    }

    private static ParkedEvent view(String readModel, DeadLetter<? extends EventMessage<?>> letter, long index) {
        EventMessage<?> message = letter.message();
        Long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        Optional<Cause> cause = letter.cause();
        return new ParkedEvent(
                readModel,
                idOf(letter),
                systemOf(letter),
                index,
                typeOf(message),
                message.getIdentifier(),
                sequence,
                message.getTimestamp(),
                letter.enqueuedAt(),
                letter.lastTouched(),
                cause.map(Cause::type).orElse(null),
                cause.map(Cause::message).orElse(null));
    }

    private static boolean unreadable(DeadLetter<? extends EventMessage<?>> letter) {
        return UnreadableEvent.class.equals(letter.message().getPayloadType());
    }

    private static String typeOf(EventMessage<?> message) {
        try {
            if (message.getPayload() instanceof UnreadableEvent unreadable) {
                String type = unreadable.payloadType();
                return type.substring(type.lastIndexOf('$') + 1) + " (unreadable)";
            }
            return message.getPayloadType().getSimpleName();
        } catch (RuntimeException unreadable) {
            return "unreadable: " + unreadable.getMessage();
        }
    }

    private static String systemOf(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof JdbcDeadLetter<?> jdbc) {
            return jdbc.getSequenceIdentifier();
        }
        return letter.message() instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }

    private static String idOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter instanceof JdbcDeadLetter<?> jdbc
                ? jdbc.getIdentifier()
                : letter.message().getIdentifier();
    }

    public static class UnknownReadModel extends RuntimeException {
        UnknownReadModel(String name, List<String> known) {
            super("no read model '" + name + "' parks events; read models: " + known);
        }
    }
}
