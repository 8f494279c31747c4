package org.swisscheese.tracker.projection.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * immutable records) for as long as the event is among the last {@code capacity} read. Reading JSON was a third of a
 * read model's work, done six times over.
 * <p>
 * Still read lazily, when a handler asks: an event no handler takes is never read, and one that cannot be read fails
 * in the handler that asks for it, where it is parked as before. The aggregates load their events from the store
 * itself, never from here: what they are given is theirs alone.
 */
public class SharedEventStream implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final Cache<String, Object> payloads;
    private final Cache<String, MetaData> metaData;

    public SharedEventStream(StreamableMessageSource<TrackedEventMessage<?>> store, int capacity) {
        this.store = store;
        this.payloads = Caffeine.newBuilder().maximumSize(capacity).build();
        this.metaData = Caffeine.newBuilder().maximumSize(capacity).build();
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
                new Shared<>(event),
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

    /** How many payloads are kept, read for a reader (for tests). */
    long readSoFar() {
        payloads.cleanUp();
        return payloads.estimatedSize();
    }

    /** One reader's copy of the event: the payload and metadata it asks for are the ones all readers share. */
    private final class Shared<T> extends MessageDecorator<T> {

        Shared(Message<T> event) {
            super(event);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T getPayload() {
            return (T) payloads.get(getIdentifier(), id -> getDelegate().getPayload());
        }

        @Override
        public MetaData getMetaData() {
            return metaData.get(getIdentifier(), id -> getDelegate().getMetaData());
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
