package org.swisscheese.tracker.projection.support;

import java.sql.Connection;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read model's batch commits without waiting for its write-ahead log to reach the disk (PostgreSQL's
 * {@code synchronous_commit = off}, for that transaction only). The batch's rows and the read model's position in the
 * store are in one transaction, so a crash can only lose the last few batches whole (at most about three times
 * {@code wal_writer_delay}, 600 ms by default), never half of one: the read model then stands where it stood before
 * them and handles those events again from the store. The event store's own commits, the ingest's and everything else
 * keep {@code synchronous_commit} as the server has it (on). On: {@code tracker.read-models.asynchronous-commit}
 * (default true); only on PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tracker.read-models.asynchronous-commit", havingValue = "true", matchIfMissing = true)
public class ReadModelCommits {

    private static final Logger log = LoggerFactory.getLogger(ReadModelCommits.class);
    private static final String DONE = ReadModelCommits.class.getName() + ".asynchronous";

    @Bean
    ConfigurerModule readModelsCommitAsynchronously(DataSource dataSource) {
        return configurer -> {
            if (!isPostgres(dataSource)) {
                return;
            }
            MessageHandlerInterceptor<EventMessage<?>> oncePerBatch = asynchronousCommit(new JdbcTemplate(dataSource));
            ReadModels.ALL.forEach(
                    readModel -> configurer.eventProcessing().registerHandlerInterceptor(readModel, c -> oncePerBatch));
        };
    }

    /** Sets the batch's transaction to commit asynchronously, once, at its first event (PostgreSQL only). */
    public static MessageHandlerInterceptor<EventMessage<?>> asynchronousCommit(JdbcTemplate jdbc) {
        return (unitOfWork, chain) -> {
            // in the batch's transaction (the processor starts it before the first event)
            unitOfWork.root().getOrComputeResource(DONE, key -> {
                jdbc.execute("SET LOCAL synchronous_commit TO OFF");
                return Boolean.TRUE;
            });
            return chain.proceed();
        };
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        } catch (Exception e) {
            log.warn("could not tell the database's product ({}): read models commit synchronously", e.toString());
            return false;
        }
    }
}
