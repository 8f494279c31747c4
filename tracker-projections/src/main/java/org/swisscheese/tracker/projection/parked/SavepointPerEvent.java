package org.swisscheese.tracker.projection.parked;

import java.lang.reflect.Method;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each event a read model handles gets a savepoint inside the batch's transaction, and a handler that fails is rolled
 * back to it. Without this a failed statement leaves a PostgreSQL transaction aborted: the dead-letter queue could not
 * park the event and the whole batch would fail again for ever. With it, only the failed event's writes are undone,
 * it is parked, and the batch goes on.
 */
class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactions;
    private final Set<String> processingGroups;

    SavepointPerEvent(PlatformTransactionManager transactions, Set<String> processingGroups) {
        this.transactions = transactions;
        this.processingGroups = processingGroups;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean readModelHandler = original.canHandleMessageType(EventMessage.class)
                && original.unwrap(Method.class)
                        .map(method -> method.getDeclaringClass().getAnnotation(ProcessingGroup.class))
                        .filter(group -> processingGroups.contains(group.value()))
                        .isPresent();
        return readModelHandler ? new Savepointed<>(original) : original;
    }

    private final class Savepointed<T> extends WrappedMessageHandlingMember<T> {

        Savepointed(MessageHandlingMember<T> delegate) {
            super(delegate);
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return super.handle(message, target);
            }
            TransactionStatus savepoint = transactions.getTransaction(NESTED);
            Object result;
            try {
                result = super.handle(message, target);
            } catch (Exception | Error e) {
                transactions.rollback(savepoint);
                throw e;
            }
            transactions.commit(savepoint);
            return result;
        }
    }
}
