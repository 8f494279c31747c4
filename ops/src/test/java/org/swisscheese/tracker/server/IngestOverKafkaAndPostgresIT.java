package org.swisscheese.tracker.server;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ingest contract over a real Kafka broker in this JVM (KRaft) and the real PostgreSQL server. */
@AutoConfigureTestRestTemplate
@SpringBootTest(
        classes = TrackerServer.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tracker.local-kafka.enabled=false",
            "tracker.simulator.enabled=false",
            "tracker.integrity.publish-enabled=false",
            "db-scheduler.polling-interval=1s"
        })
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class IngestOverKafkaAndPostgresIT extends IngestContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry);
    }
}
