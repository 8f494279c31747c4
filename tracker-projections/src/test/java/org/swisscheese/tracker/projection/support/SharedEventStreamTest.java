package org.swisscheese.tracker.projection.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;

/** The processors read the store through one shared stream: an event's JSON is read once for all of them. */
class SharedEventStreamTest {

    private final EmbeddedEventStore store = store(InMemoryDatabase.freshDataSource());

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    private static EmbeddedEventStore store(DataSource dataSource) {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(InMemoryDatabase.mapper())
                .build();
        ConnectionProvider connections = dataSource::getConnection;
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        return EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    @Test
    void twoReadersOfAnEventShareOnePayloadAndOneMetaData() throws Exception {
        store.publish(List.of(new GenericDomainEventMessage<>(
                "AiSystem", Events.SYSTEM.value(), 0, Events.registered(), MetaData.with("user", "admin"))));
        SharedEventStream shared = new SharedEventStream(store, 100);

        TrackedEventMessage<?> first = shared.openStream(null).nextAvailable();
        TrackedEventMessage<?> second = shared.openStream(null).nextAvailable();

        assertThat(second.getPayload()).isSameAs(first.getPayload()).isEqualTo(Events.registered());
        assertThat(second.getMetaData()).isSameAs(first.getMetaData()).containsEntry("user", "admin");
        // still the store's event in every other respect
        assertThat(first).isInstanceOf(DomainEventMessage.class);
        assertThat(((DomainEventMessage<?>) first).getSequenceNumber()).isZero();
        assertThat(first.trackingToken()).isEqualTo(second.trackingToken());
        assertThat(first.getIdentifier()).isEqualTo(second.getIdentifier());
        // the store alone gives each reader its own copy
        assertThat(store.openStream(null).nextAvailable().getPayload())
                .isNotSameAs(store.openStream(null).nextAvailable().getPayload());
    }

    @Test
    void readersUpToTheCapacityBehindTheFirstFindEveryEventReadAndOnesFurtherBehindReadTheirOwn() throws Exception {
        int events = 1_000;
        int capacity = 100;
        for (int i = 0; i < events; i++) {
            store.publish(List.of(new GenericDomainEventMessage<>(
                    "AiSystem", "system-" + i, 0, Events.registered(), MetaData.emptyInstance())));
        }
        SharedEventStream shared = new SharedEventStream(store, capacity);
        var first = shared.openStream(null);
        var near = shared.openStream(null); // capacity - 1 events behind the first
        var far = shared.openStream(null); // capacity events behind: the slot has moved on

        for (int i = 0; i < events + capacity; i++) {
            if (i < events) {
                first.nextAvailable().getPayload();
            }
            if (i >= capacity - 1 && i - (capacity - 1) < events) {
                near.nextAvailable().getPayload();
            }
            if (i >= capacity) {
                far.nextAvailable().getPayload();
            }
        }

        // the first reads each event; the far one each event the first has since moved past by capacity events, that is
        // all but the last capacity events (nothing newer took their slots)
        assertThat(shared.readSoFar()).isEqualTo(events + (events - capacity));
    }

    @Test
    void anEventNobodyAsksForIsNeverRead() throws Exception {
        store.publish(List.of(new GenericDomainEventMessage<>(
                "AiSystem", Events.SYSTEM.value(), 0, Events.registered(), MetaData.emptyInstance())));
        SharedEventStream shared = new SharedEventStream(store, 100);

        TrackedEventMessage<?> event = shared.openStream(null).nextAvailable();

        assertThat(event.getPayloadType()).isEqualTo(Events.registered().getClass());
        assertThat(shared.readSoFar()).isZero();
        event.getPayload();
        assertThat(shared.readSoFar()).isOne();
    }
}
