package org.swisscheese.tracker.command;

import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson2.autoconfigure.Jackson2AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;

/**
 * Declares no bean: it puts the durable storage's auto-configurations back after the data source's. Axon's JDBC event
 * store and token store, its transaction manager and db-scheduler (the deadlines) are each created only if a data
 * source or a transaction manager is already defined, and each was ordered after Boot's by class names that Boot 4
 * moved (to {@code org.springframework.boot.jdbc.autoconfigure}); without the order they are looked at first, find
 * no data source and step aside without a word: Axon then has no event store, no durable tokens, in-memory deadlines
 * and no transactions. DurableStorageIT names the beans in use.
 *
 * <p>The same trap for JSON: Axon's default ObjectMapper is meant to step aside for Boot's, after Boot's Jackson
 * auto-configuration by its Boot 3 name; unordered, Axon's plain mapper came first and Boot's (with
 * {@code spring.jackson2.*}: ISO dates, no nulls) stepped aside, and times were written as numbers. WebJsonIT.
 */
@AutoConfiguration(
        after = {
            DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class,
            Jackson2AutoConfiguration.class
        },
        before = {
            ObjectMapperAutoConfiguration.class,
            JdbcAutoConfiguration.class,
            TransactionAutoConfiguration.class,
            NoOpTransactionAutoConfiguration.class,
            DbSchedulerAutoConfiguration.class,
            AxonDbSchedulerAutoConfiguration.class
        })
public class DurableStorageOrdering {}
