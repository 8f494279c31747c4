package org.swisscheese.tracker.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.command.StorageFormat;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.integrity.ChainVerification.Integrity;
import org.swisscheese.tracker.integrity.ChainVerification.StoredEvent;

class HashChainTest {

    private static final String SYSTEM = "agent-1";

    private final Serializer serializer = StorageFormat.serializer();
    private final InMemoryEventStorageEngine store = new InMemoryEventStorageEngine();
    private final HashChain chain = new HashChain(serializer, store, 100);

    private static DomainEventMessage<?> event(long sequence) {
        RiskClass[] classes = RiskClass.values();
        return new GenericDomainEventMessage<>(
                "AiSystem",
                SYSTEM,
                sequence,
                new RiskClassChanged(
                        SystemId.of(SYSTEM),
                        classes[(int) sequence % classes.length],
                        classes[(int) (sequence + 1) % classes.length]));
    }

    /** What a commit hands the storage engine: the interceptor applied to every event, in order. */
    private List<EventMessage<?>> intercept(HashChain hashChain, EventMessage<?>... events) {
        BiFunction<Integer, EventMessage<?>, EventMessage<?>> intercept = hashChain.handle(List.of(events));
        List<EventMessage<?>> chained = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            chained.add(intercept.apply(i, events[i]));
        }
        return chained;
    }

    private StoredEvent asStored(EventMessage<?> message) {
        DomainEventMessage<?> event = (DomainEventMessage<?>) message;
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        return new StoredEvent(
                event.getSequenceNumber(),
                payload.getType().getName(),
                payload.getType().getRevision(),
                payload.getData(),
                (String) event.getMetaData().get(ChainHash.PREVIOUS_HASH),
                (String) event.getMetaData().get(ChainHash.HASH));
    }

    private Integrity verify(List<? extends EventMessage<?>> stream) {
        ChainVerification verification = new ChainVerification(SYSTEM);
        stream.forEach(e -> verification.accept(asStored(e)));
        return verification.result();
    }

    @Test
    void theEventsOfOneCommitAreChainedFromTheGenesisValue() {
        List<EventMessage<?>> chained = intercept(chain, event(0), event(1), event(2));

        assertThat(chained.get(0).getMetaData()).containsEntry(ChainHash.PREVIOUS_HASH, ChainHash.GENESIS);
        assertThat(chained.get(1).getMetaData().get(ChainHash.PREVIOUS_HASH))
                .isEqualTo(chained.get(0).getMetaData().get(ChainHash.HASH));
        assertThat(chained.get(2).getMetaData().get(ChainHash.PREVIOUS_HASH))
                .isEqualTo(chained.get(1).getMetaData().get(ChainHash.HASH));
        Integrity integrity = verify(chained);
        assertThat(integrity.intact()).isTrue();
        assertThat(integrity.verifiedFrom()).isZero();
        assertThat(integrity.head()).isEqualTo(new ChainVerification.Head(2, (String)
                chained.get(2).getMetaData().get(ChainHash.HASH)));
    }

    @Test
    void theStorageEngineIsHandedTheVeryBytesThatWereHashed() {
        DomainEventMessage<?> event = event(0);
        EventMessage<?> chained = intercept(chain, event).get(0);

        byte[] stored = ((DomainEventMessage<?>) chained)
                .serializePayload(serializer, byte[].class)
                .getData();
        assertThat(stored)
                .isSameAs(event.serializePayload(serializer, byte[].class).getData());
        assertThat(chained.getMetaData().get(ChainHash.HASH))
                .isEqualTo(ChainHash.of(ChainHash.GENESIS, SYSTEM, 0, RiskClassChanged.class.getName(), "1", stored));
    }

    @Test
    void whoCausedTheEventIsKeptBesideTheChain() {
        EventMessage<?> chained =
                intercept(chain, event(0).andMetaData(Map.of("user", "alice"))).get(0);

        assertThat(chained.getMetaData())
                .containsEntry("user", "alice")
                .containsKeys(ChainHash.HASH, ChainHash.PREVIOUS_HASH);
        assertThat(chained.getIdentifier()).isNotNull();
    }

    @Test
    void aStreamContinuesFromItsLastStoredEvent() {
        List<EventMessage<?>> first = intercept(chain, event(0), event(1));
        store.appendEvents(first);

        HashChain afterRestart = new HashChain(serializer, store, 100);
        List<EventMessage<?>> next = intercept(afterRestart, event(2));

        assertThat(next.get(0).getMetaData().get(ChainHash.PREVIOUS_HASH))
                .isEqualTo(first.get(1).getMetaData().get(ChainHash.HASH));
        List<EventMessage<?>> stream = new ArrayList<>(first);
        stream.addAll(next);
        assertThat(verify(stream).intact()).isTrue();
    }

    @Test
    void eventsStoredBeforeHashChainingAreFollowedByANewChain() {
        store.appendEvents(event(0), event(1));

        List<EventMessage<?>> next = intercept(chain, event(2), event(3));

        assertThat(next.get(0).getMetaData()).containsEntry(ChainHash.PREVIOUS_HASH, ChainHash.GENESIS);
        List<EventMessage<?>> stream = new ArrayList<>(List.of(event(0), event(1)));
        stream.addAll(next);
        Integrity integrity = verify(stream);
        assertThat(integrity.intact()).isTrue();
        assertThat(integrity.verifiedFrom()).isEqualTo(2);
        assertThat(integrity.coverage()).contains("from sequence 2 on").contains("not covered");
    }

    @Test
    void aCommittedHeadIsRememberedAndARolledBackOneIsNeverChainedOnto() {
        store.appendEvents(intercept(chain, event(0)));

        UnitOfWork<?> rolledBack = DefaultUnitOfWork.startAndGet(null);
        intercept(chain, event(1));
        rolledBack.rollback();
        // the event at 1 was never stored: chaining 2 onto its hash would break the chain
        assertThatThrownBy(() -> intercept(chain, event(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the event before it is not in the store");

        UnitOfWork<?> committed = DefaultUnitOfWork.startAndGet(null);
        String hashOfOne =
                (String) intercept(chain, event(1)).get(0).getMetaData().get(ChainHash.HASH);
        committed.commit();
        // remembered: chained without reading the store (which, in this test, never got event 1)
        assertThat(intercept(chain, event(2)).get(0).getMetaData()).containsEntry(ChainHash.PREVIOUS_HASH, hashOfOne);
    }

    @Test
    void withoutATransactionTheHeadIsRememberedAtOnce() {
        String hashOfZero =
                (String) intercept(chain, event(0)).get(0).getMetaData().get(ChainHash.HASH);

        // chained from memory: this store never got event 0
        assertThat(intercept(chain, event(1)).get(0).getMetaData()).containsEntry(ChainHash.PREVIOUS_HASH, hashOfZero);
    }

    @Test
    void eventsOfNoAggregatePassUntouched() {
        EventMessage<?> plain =
                GenericEventMessage.asEventMessage("not a stream's event").andMetaData(MetaData.with("user", "x"));

        assertThat(intercept(chain, plain).get(0)).isSameAs(plain);
    }
}
