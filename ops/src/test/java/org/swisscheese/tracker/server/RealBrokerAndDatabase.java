package org.swisscheese.tracker.server;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole server over a real Kafka broker in this JVM (KRaft) and the real PostgreSQL, in a schema of its own.
 * Test classes extending it share one application context (and so one broker and one schema) for speed; each
 * works with systems of its own.
 */
@SpringBootTest(classes = TrackerServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tracker.local-kafka.enabled=false", "tracker.simulator.enabled=false",
                "tracker.integrity.publish-enabled=false",
                "db-scheduler.polling-interval=1s"})
@EmbeddedKafka(kraft = true, partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
abstract class RealBrokerAndDatabase {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry);
    }
}
