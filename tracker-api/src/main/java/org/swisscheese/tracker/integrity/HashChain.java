package org.swisscheese.tracker.integrity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Chains the events of every stream: each event appended gets {@code previousHash} and {@code hash} (see
 * {@link ChainHash}) in its metadata. A dispatch interceptor of the event store: it runs when a unit of work prepares
 * its commit, over all its events in order, right before the storage engine writes them. The payload is serialized
 * here, by the storage engine's own serializer, and the event handed on carries that serialized form, so the engine
 * stores exactly the bytes that were hashed.
 * <p>
 * The hash of a stream's last event is remembered per aggregate once its transaction has committed, by sequence
 * number: it is used only for the event right after it, so an append that rolled back is never chained onto. Otherwise
 * the last stored event is read (inside the transaction, so an event written earlier in it counts). An event whose
 * predecessor was stored before hash chaining starts the chain again from {@link ChainHash#GENESIS}.
 */
public class HashChain implements MessageDispatchInterceptor<EventMessage<?>> {

    private final Serializer serializer;
    private final EventStorageEngine storageEngine;
    private final Cache<String, Link> committedHeads;

    /** The hash of the event at {@code sequence}. */
    record Link(long sequence, String hash) {}

    public HashChain(Serializer serializer, EventStorageEngine storageEngine, int streamsRemembered) {
        this.serializer = serializer;
        this.storageEngine = storageEngine;
        this.committedHeads =
                Caffeine.newBuilder().maximumSize(streamsRemembered).build();
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Map<String, Link> chained = new LinkedHashMap<>();
        boolean rememberedOnCommit = messages.stream().anyMatch(DomainEventMessage.class::isInstance)
                && afterCommit(() -> remember(chained));
        return (index, message) -> {
            if (!(message instanceof DomainEventMessage<?> event)) {
                return message;
            }
            EventMessage<?> chainedEvent = chain(event, chained);
            if (!rememberedOnCommit) {
                // no transaction: the events are stored right after this; were that to fail, the link remembered
                // would be ahead of the store and simply never match
                remember(chained);
            }
            return chainedEvent;
        };
    }

    private void remember(Map<String, Link> chained) {
        chained.forEach((aggregate, link) -> committedHeads
                .asMap()
                .merge(aggregate, link, (known, now) -> now.sequence() > known.sequence() ? now : known));
    }

    private <T> EventMessage<T> chain(DomainEventMessage<T> event, Map<String, Link> chained) {
        String aggregate = event.getAggregateIdentifier();
        long sequence = event.getSequenceNumber();
        String previous = previousHash(aggregate, sequence, chained.get(aggregate));
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        String hash = ChainHash.of(
                previous,
                aggregate,
                sequence,
                payload.getType().getName(),
                payload.getType().getRevision(),
                payload.getData());
        chained.put(aggregate, new Link(sequence, hash));
        return new ChainedEvent<>(event, previous, hash, serializer, payload);
    }

    private String previousHash(String aggregate, long sequence, Link earlierInThisCommit) {
        if (sequence == 0) {
            return ChainHash.GENESIS;
        }
        for (Link known : new Link[] {earlierInThisCommit, committedHeads.getIfPresent(aggregate)}) {
            if (known != null && known.sequence() == sequence - 1) {
                return known.hash();
            }
        }
        DomainEventStream stored = storageEngine.readEvents(aggregate, sequence - 1);
        if (!stored.hasNext() || stored.peek().getSequenceNumber() != sequence - 1) {
            // refuse rather than start a new chain in the middle of a stream: this happens only when the event
            // before is not visible to this transaction (it was written by one not yet committed)
            throw new IllegalStateException("cannot chain event " + sequence + " of '" + aggregate
                    + "': the event before it is not in the store");
        }
        Object hash = stored.next().getMetaData().get(ChainHash.HASH);
        return hash == null ? ChainHash.GENESIS : hash.toString();
    }

    /** @return false if there is neither a transaction nor a unit of work to wait for */
    private static boolean afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // the database transaction, which may be wider than the unit of work (an ingest lane's)
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
            return true;
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(u -> action.run());
            return true;
        }
        return false;
    }

    /** A domain event with its chain metadata that hands the storage engine the payload bytes that were hashed. */
    private static final class ChainedEvent<T> extends GenericDomainEventMessage<T> {

        private final Serializer hashedWith;
        private final SerializedObject<byte[]> hashedPayload;

        ChainedEvent(
                DomainEventMessage<T> event,
                String previousHash,
                String hash,
                Serializer hashedWith,
                SerializedObject<byte[]> hashedPayload) {
            super(
                    event.getType(),
                    event.getAggregateIdentifier(),
                    event.getSequenceNumber(),
                    new GenericMessage<>(
                            event.getIdentifier(),
                            event.getPayloadType(),
                            event.getPayload(),
                            event.getMetaData()
                                    .mergedWith(Map.of(ChainHash.PREVIOUS_HASH, previousHash, ChainHash.HASH, hash))),
                    event.getTimestamp());
            this.hashedWith = hashedWith;
            this.hashedPayload = hashedPayload;
        }

        @Override
        public <S> SerializedObject<S> serializePayload(Serializer serializer, Class<S> expectedRepresentation) {
            return serializer == hashedWith
                    ? serializer.getConverter().convert(hashedPayload, expectedRepresentation)
                    : super.serializePayload(serializer, expectedRepresentation);
        }
    }
}
