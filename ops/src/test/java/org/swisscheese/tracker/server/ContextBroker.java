package org.swisscheese.tracker.server;

import org.springframework.kafka.core.KafkaAdmin;

/**
 * The broker of one test's application context, as its beans were configured. The embedded broker also leaves a
 * JVM-wide system property behind, which names whichever broker started last: never read that in a test.
 */
final class ContextBroker {

    private ContextBroker() {
    }

    static String address(KafkaAdmin admin) {
        return String.valueOf(admin.getConfigurationProperties().get("bootstrap.servers")).replaceAll("[\\[\\]]", "");
    }
}
