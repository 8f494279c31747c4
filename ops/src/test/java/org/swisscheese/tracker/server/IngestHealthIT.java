package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** The ingest consumers in /actuator/health: what they hold and when they last polled; DOWN when one stops. */
class IngestHealthIT extends RealBrokerAndDatabase {

    @Autowired
    TestRestTemplate http;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    ObjectMapper mapper;

    private JsonNode ingest() throws Exception {
        return mapper.readTree(
                http.withBasicAuth("admin", "tracker").getForObject("/actuator/health/ingest", String.class));
    }

    private Instant lastPoll(String listener) throws Exception {
        return Instant.parse(
                ingest().path("details").path(listener).path("lastPoll").asText());
    }

    @Test
    void aRunningConsumerShowsItsPartitionsItsLastPollAndItsLagAndAStoppedOneIsDown() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ingest().path("details")
                                .path("barrier-events-ingest")
                                .path("assignedPartitions")
                                .size()
                        > 0);
        // what the broker says of the group is refreshed in the background every 5 s
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ingest().path("details")
                        .path("barrier-events-ingest")
                        .path("groupState")
                        .asText()
                        .equals("Stable"));
        JsonNode up = ingest();
        assertThat(up.path("status").asText()).isEqualTo("UP");
        JsonNode consumer = up.path("details").path("barrier-events-ingest");
        assertThat(consumer.path("running").asBoolean()).isTrue();
        assertThat(consumer.path("lastPoll").asText()).isNotBlank();
        assertThat(consumer.path("groupState").asText()).isEqualTo("Stable");
        assertThat(consumer.has("lag")).isTrue();

        // the dead-letter archive gets no records here: its last poll moves all the same (a quiet topic is not a
        // stuck consumer; it used to be taken for one after 60 s)
        Instant first = lastPoll("dead-letter-archive");
        assertThat(Duration.between(first, Instant.now())).isLessThan(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> lastPoll("dead-letter-archive").isAfter(first));

        listeners.getListenerContainer("barrier-events-ingest").stop();
        try {
            JsonNode down = ingest();
            assertThat(down.path("status").asText()).isEqualTo("DOWN");
            assertThat(down.path("details").path("reason").asText()).contains("barrier-events-ingest is not running");
        } finally {
            listeners.getListenerContainer("barrier-events-ingest").start();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ingest().path("status").asText().equals("UP"));
    }
}
