package org.swisscheese.tracker.projection.parked;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * What a read model does with an event its handler failed on. A fault of the event (a value the read model's tables
 * refuse, a payload it cannot read) parks it, with the system's later events behind it, and is logged. A fault of the
 * moment (the database unreachable, a lock or a query that timed out, a connection dropped) says nothing about the
 * event: parking it would hold the system's events back until the next retry for no reason, so the failure is thrown
 * on, the processor's batch rolls back and the processor tries it again with back-off. An event whose row is already
 * there was delivered again after it had been applied: it is skipped, not parked.
 */
final class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ParkingPolicy.class);

    private final String readModel;

    ParkingPolicy(String readModel) {
        this.readModel = readModel;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (ofTheMoment(cause)) {
            throw new TransientHandlerFailure(readModel, cause);
        }
        EventMessage<?> event = letter.message();
        String system = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : "-";
        if (alreadyApplied(cause)) {
            log.warn(
                    "event already applied, skipped read_model={} system={} type={} event_id={}: a row it inserts is"
                            + " there (delivered again, as after a crash of the local mode's H2)",
                    readModel,
                    system,
                    event.getPayloadType().getSimpleName(),
                    event.getIdentifier());
            return Decisions.doNotEnqueue();
        }
        log.warn(
                "event parked read_model={} system={} type={} event_id={} cause={}",
                readModel,
                system,
                event.getPayloadType().getSimpleName(),
                event.getIdentifier(),
                cause.toString());
        return Decisions.enqueue(cause);
    }

    /**
     * Whether the event's insert found its row already there. Every read model inserts a row keyed by the event's own
     * identity (a report, an incident, a revision) and otherwise sets values, so an event delivered again after its
     * effects were stored is recognised here; its savepoint undid the second attempt, and what the first one stored
     * stands. The later events of its system are delivered again after it, in order, and set the same values again.
     */
    static boolean alreadyApplied(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DuplicateKeyException) {
                return true;
            }
        }
        return false;
    }

    /** Whether anything in the cause chain is a failure of the database or the connection, not of this event. */
    static boolean ofTheMoment(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /** Thrown on from the policy so that the processor, not the dead-letter queue, deals with it. */
    static final class TransientHandlerFailure extends RuntimeException {
        TransientHandlerFailure(String readModel, Throwable cause) {
            super(readModel + " could not handle an event for a reason of the moment; the batch is tried again", cause);
        }
    }
}
