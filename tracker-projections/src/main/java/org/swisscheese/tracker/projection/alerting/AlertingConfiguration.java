package org.swisscheese.tracker.projection.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Alert routing on the read side: the dispatcher starts at the head of the store, the sender runs beside it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertingProperties.class)
public class AlertingConfiguration {

    /** The first start of the dispatcher takes the store from now on: no alerts about the past. */
    @Bean
    ConfigurerModule alertDispatcherStartsAtTheHead() {
        return configurer -> configurer
                .eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(
                        AlertDispatcher.NAME, (config, builder) -> builder.initialToken(AlertingConfiguration::head));
    }

    private static TrackingToken head(StreamableMessageSource<?> source) {
        return source.createHeadToken();
    }

    @Bean
    AlertSender alertSender(
            JdbcClient jdbc,
            AlertingStore store,
            AlertingProperties properties,
            PlatformTransactionManager transactions,
            ObjectMapper mapper,
            MeterRegistry meters) {
        return new AlertSender(
                jdbc, store, properties, new TransactionTemplate(transactions), mapper, meters, Clock.systemUTC());
    }
}
