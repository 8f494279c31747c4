package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * No unit of work (a read model's batch, a command, a deadline, a query) is interrupted by Axon within 30 minutes: an
 * interrupt in H2's file I/O closes the local database for the whole process, and a batch cut off is tried again just as
 * slowly for ever. Slow ones are still logged from 10 s on.
 */
class UnitOfWorkTimeoutsTest {

    @Test
    void noUnitOfWorkIsInterruptedWithinHalfAnHourAndASlowOneIsLoggedFromTenSeconds() throws IOException {
        TimeoutProperties.TransactionTimeoutProperties transactions = shipped().getTransaction();
        List<TaskTimeoutSettings> all = List.of(
                transactions.getEventProcessors(),
                transactions.getCommandBus(),
                transactions.getDeadline(),
                transactions.getQueryBus());
        assertThat(all).allSatisfy(limit -> {
            assertThat(Duration.ofMillis(limit.getTimeoutMs())).isGreaterThanOrEqualTo(Duration.ofMinutes(30));
            assertThat(Duration.ofMillis(limit.getWarningThresholdMs())).isEqualTo(Duration.ofSeconds(10));
        });
        assertThat(transactions.getEventProcessor())
                .as("no read model is given a shorter limit")
                .isEmpty();
    }

    /** Axon's timeout settings as the shipped application.yml (and its prod profile) give them. */
    private static TimeoutProperties shipped() throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
        for (String file : List.of("application.yml", "application-prod.yml")) {
            for (PropertySource<?> source : yaml.load(file, new ClassPathResource(file))) {
                env.getPropertySources().addFirst(source);
            }
        }
        return Binder.get(env).bindOrCreate("axon.timeout", TimeoutProperties.class);
    }
}
