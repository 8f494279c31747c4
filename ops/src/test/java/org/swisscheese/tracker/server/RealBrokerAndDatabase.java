package org.swisscheese.tracker.server;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole server over a real Kafka broker in this JVM (KRaft) and the real PostgreSQL, in a schema of its own.
 * Test classes extending it share one application context (and so one broker and one schema) for speed; each
 * works with systems of its own. Metrics are exported as in production (/actuator/prometheus).
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(
        classes = TrackerServer.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tracker.local-kafka.enabled=false",
            "tracker.simulator.enabled=false",
            // the scripted histories happen on fixed days: still taken, whenever the tests run
            "tracker.ingest.max-report-age=P36500D",
            "tracker.integrity.publish-enabled=false",
            "db-scheduler.polling-interval=1s",
            // alerting (AlertRoutingIT): a short group wait and back-off, three attempts per delivery
            "tracker.alerting.group-wait=4s",
            "tracker.alerting.poll-every=200ms",
            "tracker.alerting.initial-backoff=300ms",
            "tracker.alerting.max-backoff=1s",
            "tracker.alerting.max-attempts=3"
        })
@AutoConfigureMetrics
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
abstract class RealBrokerAndDatabase {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry);
    }
}
