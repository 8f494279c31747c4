package org.swisscheese.tracker.command;

import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who did what: every command carries the name of whoever sent it (a signed-in user, or {@code ingest} for reports
 * from Kafka) in its metadata as {@code user}, and every event it causes inherits it.
 */
@Configuration(proxyBeanMethods = false)
public class Auditing {

    public static final String USER = "user";

    @Bean
    CorrelationDataProvider userCorrelation() {
        return new SimpleCorrelationDataProvider(USER);
    }

    @Bean
    InitializingBean userOnEveryCommand(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(messages -> (index, command) -> {
            if (command.getMetaData().containsKey(USER)) {
                return command;
            }
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            return command.andMetaData(Map.of(USER, auth == null ? "ingest" : auth.getName()));
        });
    }
}
