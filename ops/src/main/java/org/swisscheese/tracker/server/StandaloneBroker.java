package org.swisscheese.tracker.server;

import java.util.Arrays;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;

/**
 * {@code java -jar tracker-server.jar --tracker.mode=broker}: the same KRaft broker the local run embeds, alone in its
 * process, with its own data directory ({@code --tracker.data-dir}) and port ({@code --tracker.local-kafka.port},
 * default 9092), for the production topology on a machine without Docker: one broker, several tracker servers
 * ({@code --spring.kafka.bootstrap-servers=127.0.0.1:9092 --tracker.local-kafka.enabled=false}), one PostgreSQL.
 * No tracker beans, no web server: a Spring context only for the configuration, the logging and a clean stop on
 * SIGTERM.
 */
@Configuration(proxyBeanMethods = false)
public class StandaloneBroker {

    static boolean requested(String[] args) {
        return Arrays.asList(args).contains("--tracker.mode=broker");
    }

    static void run(String[] args) {
        new SpringApplicationBuilder(StandaloneBroker.class)
                .web(WebApplicationType.NONE)
                .properties("tracker.local-kafka.enabled=true", "spring.main.banner-mode=off")
                .run(args);
    }
}
