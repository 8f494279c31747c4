package org.swisscheese.tracker.projection.parked;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.AnnotatedMessageHandlingMemberDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.support.BatchWrites;

/**
 * A read model's batch runs without savepoints until a handler fails, then the batch is tried again with a savepoint
 * per event. A batch that holds rows back to its commit decides that once: it goes on without savepoints even when
 * another segment of the same read model turned it careful meanwhile, or a savepoint would take back rows of earlier
 * events that a handler had written early.
 */
class SavepointPerEventTest {

    private static final String READ_MODEL = "test-model";

    private final DataSource dataSource = InMemoryDatabase.freshDataSource();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    private final SavepointPerEvent savepoints = new SavepointPerEvent(transactions, Set.of(READ_MODEL));
    private final Model model = new Model();
    private final MessageHandlingMember<Model> handler = savepoints.wrapHandler(member());

    /** A read model that counts the rows of the batch and writes them as it commits. */
    @ProcessingGroup(READ_MODEL)
    class Model {

        final BatchWrites<String, Integer> rows = new BatchWrites<>(READ_MODEL + ".rows", Integer::sum, this::write);

        @EventHandler
        void on(String event) {
            switch (event) {
                case "another segment failed" -> savepoints.beCareful(READ_MODEL);
                case "flush, then fail" -> {
                    rows.flush();
                    throw new IllegalStateException("a handler that read the rows failed");
                }
                default -> rows.write(event, 1);
            }
        }

        void write(Map<String, Integer> counts) {
            counts.forEach((key, n) -> jdbc.sql("INSERT INTO test_rows (k, n) VALUES (?, ?)")
                    .param(key)
                    .param(n)
                    .update());
        }
    }

    private static MessageHandlingMember<Model> member() {
        try {
            Method on = Model.class.getDeclaredMethod("on", String.class);
            return new AnnotatedMessageHandlingMemberDefinition()
                    .createHandler(Model.class, on, ClasspathParameterResolverFactory.forClass(Model.class))
                    .orElseThrow();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The events as a processor hands them over in one batch: a handler's failure is taken by the dead-letter queue
     * (here: dropped) and the batch goes on; the batch commits unless something failed it whole.
     */
    private ResultMessage<?> batch(String... events) {
        List<EventMessage<String>> messages = List.of(events).stream()
                .<EventMessage<String>>map(GenericEventMessage::new)
                .toList();
        BatchingUnitOfWork<EventMessage<String>> batch = new BatchingUnitOfWork<>(messages);
        batch.attachTransaction(new SpringTransactionManager(transactions));
        return batch.executeWithResult(() -> {
            try {
                handler.handle(batch.getMessage(), model);
            } catch (IllegalStateException e) {
                // parked
            }
            return null;
        });
    }

    private List<String> rows() {
        return jdbc.sql("SELECT k FROM test_rows ORDER BY k")
                .query(String.class)
                .list();
    }

    @Test
    void aBatchThatHoldsRowsBackGoesOnWithoutSavepointsWhenAnotherSegmentTurnedTheReadModelCareful() {
        jdbc.sql("CREATE TABLE test_rows (k VARCHAR(20), n INT)").update();

        ResultMessage<?> first = batch("a", "another segment failed", "flush, then fail", "b");

        // under a savepoint the failed handler would have taken "a" back with it and the batch would have committed
        // without it; without one, the failure fails the whole batch, to be tried again
        assertThat(first.isExceptional()).isTrue();
        assertThat(first.exceptionResult()).isInstanceOf(SavepointPerEvent.RetriedUnderSavepoints.class);
        assertThat(rows()).isEmpty();

        // tried again, carefully: each event writes at once under its savepoint, and only the failed one is undone
        ResultMessage<?> again = batch("a", "another segment failed", "flush, then fail", "b");

        assertThat(again.isExceptional()).isFalse();
        assertThat(rows()).containsExactly("a", "b");
    }
}
