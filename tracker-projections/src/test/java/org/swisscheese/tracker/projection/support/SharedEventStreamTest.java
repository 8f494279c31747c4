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
