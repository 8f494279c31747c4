package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.swisscheese.tracker.projection.support.ReadModelCommits;

/**
 * On the machine's PostgreSQL: a read model's batch commits asynchronously, and only that transaction does: the next
 * one on the same connection (the pool hands connections round) commits as the server says, synchronously.
 */
class ReadModelCommitsIT {

    private static final String PG =
            System.getenv().getOrDefault("TRACKER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    @Test
    void aReadModelsBatchCommitsAsynchronouslyAndTheNextTransactionOnItsConnectionDoesNot() throws Exception {
        SingleConnectionDataSource connection = new SingleConnectionDataSource(PG, "postgres", "", true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(connection);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(connection));
            MessageHandlerInterceptor<EventMessage<?>> interceptor = ReadModelCommits.asynchronousCommit(jdbc);
            String serverSays = jdbc.queryForObject("SHOW synchronous_commit", String.class);

            String inTheBatch = transactions.execute(status -> {
                UnitOfWork<EventMessage<?>> batch =
                        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("an event"));
                try {
                    interceptor.handle(batch, () -> null);
                    return (String) interceptor.handle(
                            batch, () -> jdbc.queryForObject("SHOW synchronous_commit", String.class));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    batch.commit();
                }
            });
            String afterwards =
                    transactions.execute(status -> jdbc.queryForObject("SHOW synchronous_commit", String.class));

            assertThat(serverSays).isEqualTo("on");
            assertThat(inTheBatch).isEqualTo("off");
            assertThat(afterwards).isEqualTo(serverSays);
        } finally {
            connection.destroy();
        }
    }
}
