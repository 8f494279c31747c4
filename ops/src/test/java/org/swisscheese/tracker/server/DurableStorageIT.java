package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The beans the running server stores with are the durable ones. Auto-configuration picks them by the presence and the
 * order of other beans; a change of platform that loses an ordering falls back without a word to an in-memory token
 * store or to no transactions at all (a projection's writes and its token then commit apart, and after a crash an
 * event is applied twice). Here each is named.
 */
class DurableStorageIT extends RealBrokerAndDatabase {

    @Autowired
    PlatformTransactionManager platformTransactionManager;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionManager axonTransactionManager;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    DeadlineManager deadlineManager;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    TestRestTemplate http;

    @Autowired
    MeterRegistry meters;

    @Test
    void springRunsTheDatabaseTransactionsOnTheServersDataSource() {
        assertThat(platformTransactionManager).isInstanceOf(DataSourceTransactionManager.class);
        assertThat(((DataSourceTransactionManager) platformTransactionManager).getDataSource())
                .isSameAs(dataSource);
    }

    @Test
    void axonsUnitsOfWorkRunInSpringsDatabaseTransactions() {
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(ReflectionTestUtils.getField(axonTransactionManager, "transactionManager"))
                .isSameAs(platformTransactionManager);
    }

    @Test
    void eventsAreStoredInTheDatabase() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
    }

    @Test
    void processorTokensAreStoredInTheDatabase() {
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
    }

    @Test
    void deadlinesAreScheduledInTheDatabaseThroughDbScheduler() {
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
    }

    @Test
    void theDeadlineSchedulerIsInTheHealthAndItsTasksInTheMetrics() {
        ResponseEntity<String> health =
                http.withBasicAuth("admin", "tracker").getForEntity("/actuator/health/dbScheduler", String.class);
        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("\"UP\"").contains("started");
        assertThat(meters.find("dbscheduler_task_completions").counters()).isNotEmpty();
    }

    @Test
    void everyStreamingProcessorUsesTheDurableTokenStoreAndSpringsTransactions() {
        assertThat(processing.eventProcessors()).isNotEmpty();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                assertThat(processing.tokenStore(name)).as(name).isSameAs(tokenStore);
                assertThat(processing.transactionManager(name)).as(name).isSameAs(axonTransactionManager);
            }
        });
        assertThat(processing.eventProcessors().values())
                .anySatisfy(processor -> assertThat(processor).isInstanceOf(StreamingEventProcessor.class));
    }
}
