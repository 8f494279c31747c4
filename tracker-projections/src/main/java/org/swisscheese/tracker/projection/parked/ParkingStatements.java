package org.swisscheese.tracker.projection.parked;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.DefaultDeadLetterStatementFactory;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.serialization.Serializer;

/**
 * Axon's statements for the dead-letter table, with one difference: an event whose stored payload cannot be read
 * (it failed to upcast or to parse, which is why it is being parked) is parked as an {@link UnreadableEvent} with its
 * identity, instead of failing to be parked and stopping the read model.
 */
class ParkingStatements extends DefaultDeadLetterStatementFactory<EventMessage<?>> {

    private final Serializer eventSerializer;

    private ParkingStatements(Builder<EventMessage<?>> builder, Serializer eventSerializer) {
        super(builder);
        this.eventSerializer = eventSerializer;
    }

    static ParkingStatements with(DeadLetterSchema schema, Serializer genericSerializer, Serializer eventSerializer) {
        return new ParkingStatements(
                DefaultDeadLetterStatementFactory.<EventMessage<?>>builder()
                        .schema(schema)
                        .genericSerializer(genericSerializer)
                        .eventSerializer(eventSerializer),
                eventSerializer);
    }

    @Override
    public PreparedStatement enqueueStatement(
            Connection connection,
            String processingGroup,
            String sequenceIdentifier,
            DeadLetter<? extends EventMessage<?>> letter,
            long sequenceIndex)
            throws SQLException {
        try {
            letter.message().serializePayload(eventSerializer, byte[].class).getData();
        } catch (RuntimeException unreadable) {
            return super.enqueueStatement(
                    connection,
                    processingGroup,
                    sequenceIdentifier,
                    standIn(sequenceIdentifier, letter, unreadable),
                    sequenceIndex);
        }
        return super.enqueueStatement(connection, processingGroup, sequenceIdentifier, letter, sequenceIndex);
    }

    private static DeadLetter<EventMessage<?>> standIn(
            String sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter, RuntimeException unreadable) {
        EventMessage<?> original = letter.message();
        String type;
        try {
            type = original.getPayloadType().getName();
        } catch (RuntimeException unknown) {
            type = "unknown";
        }
        Throwable root = unreadable;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        GenericMessage<UnreadableEvent> payload = new GenericMessage<>(
                original.getIdentifier(),
                new UnreadableEvent(type, String.valueOf(root.getMessage())),
                original.getMetaData());
        EventMessage<?> standIn;
        if (original instanceof DomainEventMessage<?> domain) {
            GenericDomainEventMessage<UnreadableEvent> event = new GenericDomainEventMessage<>(
                    domain.getType(),
                    domain.getAggregateIdentifier(),
                    domain.getSequenceNumber(),
                    payload,
                    original::getTimestamp);
            standIn = original instanceof TrackedEventMessage<?> tracked
                    ? new GenericTrackedDomainEventMessage<>(tracked.trackingToken(), event)
                    : event;
        } else {
            standIn = new GenericEventMessage<>(payload, original::getTimestamp);
        }
        return new GenericDeadLetter<>(
                sequenceIdentifier,
                standIn,
                letter.cause().orElse(null),
                letter.enqueuedAt(),
                letter.lastTouched(),
                letter.diagnostics());
    }
}
