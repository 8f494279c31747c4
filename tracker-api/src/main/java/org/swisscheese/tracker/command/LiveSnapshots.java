package org.swisscheese.tracker.command;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandMessageHandlingMember;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A system's snapshot, taken every {@code threshold} events from the aggregate that a command or a deadline has just
 * changed, as its unit of work prepares to commit, and stored in the same transaction as its events: if they are not
 * stored, neither is the snapshot.
 * <p>
 * Axon's snapshotter takes the same snapshot by loading the system again from the store: its last snapshot, then up to
 * {@code threshold} events read, parsed and applied a second time. Under load that was a fifth of the write side's
 * CPU, for a state the cached aggregate already held. The aggregate at this point holds exactly the events up to its
 * version (each was applied as it was decided); one whose unit of work rolls back never reaches this point, and Axon
 * drops it from the cache.
 * <p>
 * A snapshot is due when the system's event count passes a multiple of the threshold: a load never replays more than
 * that plus one command's events. Snapshots stay what they were (the aggregate written by the event serializer, with
 * its revision): a system is loaded from them as before ({@code aiSystemSnapshotFilter}).
 */
public class LiveSnapshots implements HandlerEnhancerDefinition {

    private static final String TAKEN = LiveSnapshots.class.getName() + ".watched";

    private final Supplier<EventStore> eventStore;
    private final long threshold;

    /** The event store is looked up when the first snapshot is due: handlers are inspected before it exists. */
    public LiveSnapshots(Supplier<EventStore> eventStore, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("the snapshot threshold is at least one event, not " + threshold);
        }
        this.eventStore = eventStore;
        this.threshold = threshold;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean changesASystem = AiSystem.class.equals(original.declaringClass())
                && (original.canHandleMessageType(CommandMessage.class)
                        || original.canHandleMessageType(DeadlineMessage.class))
                && !createsTheSystem(original);
        if (!changesASystem) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                watch();
                return super.handle(message, target);
            }
        };
    }

    private static boolean createsTheSystem(MessageHandlingMember<?> handler) {
        return handler.unwrap(CommandMessageHandlingMember.class)
                .map(CommandMessageHandlingMember::isFactoryHandler)
                .orElse(false);
    }

    /**
     * Notes the system's version before the handler changes it, and once per unit of work, looks again as it prepares
     * to commit.
     */
    private void watch() {
        if (!CurrentUnitOfWork.isStarted() || !(Scope.getCurrentScope() instanceof EventSourcedAggregate<?> system)) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Set<Object> watched = unitOfWork.getOrComputeResource(TAKEN, key -> new HashSet<>());
        if (!watched.add(system)) {
            return;
        }
        long before = eventsOf(system);
        unitOfWork.onPrepareCommit(u -> {
            long after = eventsOf(system);
            if (after / threshold > before / threshold) {
                eventStore
                        .get()
                        .storeSnapshot(new GenericDomainEventMessage<>(
                                system.type(),
                                system.identifierAsString(),
                                system.version(),
                                system.getAggregateRoot()));
            }
        });
    }

    private static long eventsOf(EventSourcedAggregate<?> system) {
        Long version = system.version();
        return version == null ? 0 : version + 1;
    }
}
