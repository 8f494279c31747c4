package org.swisscheese.tracker.projection.parked;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.swisscheese.tracker.projection.support.BatchCache;
import org.swisscheese.tracker.projection.support.BatchWrites;

/**
 * A read model's handler that fails is undone alone, and the rest of its batch goes on: the failed event is parked.
 * Without a savepoint a failed statement leaves a PostgreSQL transaction aborted, so the dead-letter queue could not
 * park the event and the whole batch would fail again for ever; and a handler that wrote before it failed would leave
 * half its change behind.
 * <p>
 * A savepoint costs two round trips to the database for every event, and handlers almost never fail. So a read model's
 * batches run without them until one of its handlers fails: then the whole batch is rolled back and the processor
 * tries it again (after its back-off, about a second), now with a savepoint per event, so that only the failed event is
 * parked. The read model keeps its savepoints for ten minutes after its last failure. Events handed to a read
 * model outside its batches (the parked events tried again, late commits) always run under savepoints.
 * <p>
 * A batch without savepoints may hold rows back to its commit ({@link BatchWrites}); if writing them fails, the batch
 * is tried again under savepoints, where every row is written by its own event's handler, so the event at fault is
 * parked.
 */
class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final Logger log = LoggerFactory.getLogger(SavepointPerEvent.class);
    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    /** How long a read model keeps its savepoints after a handler failed. */
    private static final Duration CAREFUL_FOR = Duration.ofMinutes(10);

    private final PlatformTransactionManager transactions;
    private final Set<String> processingGroups;
    /** Read model -> until when its events run under savepoints. */
    private final Map<String, Instant> careful = new ConcurrentHashMap<>();

    SavepointPerEvent(PlatformTransactionManager transactions, Set<String> processingGroups) {
        this.transactions = transactions;
        this.processingGroups = processingGroups;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        return original.unwrap(Method.class)
                .map(method -> method.getDeclaringClass().getAnnotation(ProcessingGroup.class))
                .map(ProcessingGroup::value)
                .filter(processingGroups::contains)
                .<MessageHandlingMember<T>>map(group -> new Savepointed<>(original, group))
                .orElse(original);
    }

    /** From now on the read model's batches run with a savepoint per event, for {@link #CAREFUL_FOR}. */
    void beCareful(String readModel) {
        careful.put(readModel, Instant.now().plus(CAREFUL_FOR));
    }

    /** Whether the read model's events now run under savepoints. */
    private boolean isCareful(String readModel) {
        Instant until = careful.get(readModel);
        return until != null && Instant.now().isBefore(until);
    }

    /** The failure that made a batch run again under savepoints; the processor logs it and retries the batch. */
    static final class RetriedUnderSavepoints extends RuntimeException {
        RetriedUnderSavepoints(String readModel, Throwable cause) {
            super(
                    readModel + ": a handler failed in a batch run without savepoints; the batch is rolled back and "
                            + "tried again with a savepoint per event, so that only the failed event is parked",
                    cause);
        }
    }

    private final class Savepointed<T> extends WrappedMessageHandlingMember<T> {

        private final String readModel;

        Savepointed(MessageHandlingMember<T> delegate, String readModel) {
            super(delegate);
            this.readModel = readModel;
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return super.handle(message, target);
            }
            UnitOfWork<?> batch =
                    CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root() : null;
            // once a batch holds rows back it goes on without savepoints, even if another segment of the read model
            // turned it careful meanwhile: a savepoint would take back rows of earlier events written by a flush
            if (batch instanceof BatchingUnitOfWork<?> && (BatchWrites.holdsBack(batch) || !isCareful(readModel))) {
                return withoutSavepoint(message, target, batch);
            }
            TransactionStatus savepoint = transactions.getTransaction(NESTED);
            Object result;
            try {
                result = super.handle(message, target);
            } catch (Exception | Error e) {
                transactions.rollback(savepoint);
                if (batch != null) {
                    BatchCache.forgetAll(batch); // they may hold what was just rolled back
                }
                throw e;
            }
            transactions.commit(savepoint);
            return result;
        }

        private Object withoutSavepoint(Message<?> message, T target, UnitOfWork<?> batch) throws Exception {
            // rows held back to the batch's commit that fail to be written fail it whole: tried again carefully
            BatchWrites.holdBackIn(batch, () -> {
                beCareful(readModel);
                log.warn(
                        "{}: the rows a batch without savepoints held back failed to be written; the batch is rolled "
                                + "back and tried again with a savepoint per event, writing at once",
                        readModel);
            });
            try {
                return super.handle(message, target);
            } catch (Exception | Error e) {
                beCareful(readModel);
                log.warn(
                        "{}: handling {} failed in a batch without savepoints ({}); the batch is rolled back and tried "
                                + "again with a savepoint per event",
                        readModel,
                        message.getPayloadType().getSimpleName(),
                        e.toString());
                // whatever the dead-letter queue does with the failure in this transaction, the batch must not commit
                batch.onPrepareCommit(u -> {
                    throw new RetriedUnderSavepoints(readModel, e);
                });
                throw e;
            }
        }
    }
}
