package org.swisscheese.tracker.projection.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDecorator;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as the read models, the incident publisher and the alert dispatcher read it: each of them reads the
 * store on its own, but an event's payload and metadata are read from JSON once and shared by all of them (they are
 * immutable records) for as long as no event {@code capacity} or more places later in the store has been read. Reading
 * JSON was a third of a read model's work, done six times over.
 * <p>
 * The readers run at their own paces, a few thousand events apart, so what is kept is the newest events by their place
 * in the store: a ring of {@code capacity} slots, the event at position p in slot p mod capacity. (A frequency-based
 * cache is the wrong shape for this: every event is read a few times and never again, and Caffeine's admission kept
 * too few of the new ones for the readers behind to find them: 4.4 reads of each event's JSON for six readers.) An
 * event whose token has no position is read by each reader on its own.
 * <p>
 * Still read lazily, when a handler asks: an event no handler takes is never read, and one that cannot be read fails
 * in the handler that asks for it, where it is parked as before. The aggregates load their events from the store
 * itself, never from here: what they are given is theirs alone.
 */
public class SharedEventStream implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final Ring<Object> payloads;
    private final Ring<MetaData> metaData;

    public SharedEventStream(StreamableMessageSource<TrackedEventMessage<?>> store, int capacity) {
        this.store = store;
        this.payloads = new Ring<>(capacity);
        this.metaData = new Ring<>(capacity);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        BlockingStream<TrackedEventMessage<?>> events = store.openStream(token);
        return new BlockingStream<>() {
            @Override
            public Optional<TrackedEventMessage<?>> peek() {
                return events.peek().map(SharedEventStream.this::shared);
            }

            @Override
            public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                return events.hasNextAvailable(timeout, unit);
            }

            @Override
            public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
                return shared(events.nextAvailable());
            }

            @Override
            public void close() {
                events.close();
            }

            @Override
            public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignored) {
                events.skipMessagesWithPayloadTypeOf(ignored);
            }

            @Override
            public boolean setOnAvailableCallback(Runnable callback) {
                return events.setOnAvailableCallback(callback);
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private TrackedEventMessage<?> shared(TrackedEventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domain)) {
            return event;
        }
        return new GenericTrackedDomainEventMessage(
                event.trackingToken(),
                domain.getType(),
                domain.getAggregateIdentifier(),
                domain.getSequenceNumber(),
                new Shared<>((TrackedEventMessage) event),
                (java.util.function.Supplier<Instant>) event::getTimestamp);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant at) {
        return store.createTokenAt(at);
    }

    @Override
    public TrackingToken createTokenSince(Duration since) {
        return store.createTokenSince(since);
    }

    /** How many payloads were read from JSON, for a reader (for tests). */
    long readSoFar() {
        return payloads.reads.sum();
    }

    /**
     * What was read of the newest events, by their position in the store. A slot holds one event's value with its
     * identifier; a reader that finds another event's there reads its own, and puts it in the slot unless what is there
     * is newer. Two readers may both read the same event once in a while: each gets a correct value, and one stays.
     */
    private static final class Ring<V> {

        private record Slot<V>(long position, String eventId, V value) {}

        private final AtomicReferenceArray<Slot<V>> slots;
        private final LongAdder reads = new LongAdder();

        Ring(int capacity) {
            this.slots = new AtomicReferenceArray<>(Math.max(1, capacity));
        }

        V get(OptionalLong position, String eventId, Function<String, V> read) {
            if (position.isEmpty()) {
                return read.apply(eventId);
            }
            int index = (int) Math.floorMod(position.getAsLong(), (long) slots.length());
            Slot<V> slot = slots.get(index);
            if (slot != null
                    && slot.position() == position.getAsLong()
                    && slot.eventId().equals(eventId)) {
                return slot.value();
            }
            V value = read.apply(eventId);
            reads.increment();
            // a reader far behind keeps its old event to itself: the slot stays with the newest event mapped to it
            Slot<V> mine = new Slot<>(position.getAsLong(), eventId, value);
            while (slot == null || slot.position() < mine.position()) {
                if (slots.compareAndSet(index, slot, mine)) {
                    break;
                }
                slot = slots.get(index);
            }
            return value;
        }
    }

    /** One reader's copy of the event: the payload and metadata it asks for are the ones all readers share. */
    private final class Shared<T> extends MessageDecorator<T> {

        private final OptionalLong position;

        Shared(TrackedEventMessage<T> event) {
            super(event);
            this.position = event.trackingToken() == null
                    ? OptionalLong.empty()
                    : event.trackingToken().position();
        }

        @Override
        @SuppressWarnings("unchecked")
        public T getPayload() {
            return (T)
                    payloads.get(position, getIdentifier(), id -> getDelegate().getPayload());
        }

        @Override
        public MetaData getMetaData() {
            return metaData.get(position, getIdentifier(), id -> getDelegate().getMetaData());
        }

        @Override
        public Message<T> withMetaData(Map<String, ?> metaData) {
            return getDelegate().withMetaData(metaData);
        }

        @Override
        public Message<T> andMetaData(Map<String, ?> metaData) {
            return getDelegate().andMetaData(metaData);
        }
    }
}
