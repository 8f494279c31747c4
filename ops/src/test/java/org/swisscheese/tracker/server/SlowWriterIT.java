package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fault 4 of the suite (Axon Framework #4829): a writer whose event commits after a later event, that looked older
 * than the gap timeout, has been read. Axon's processors move past the hole for good; the skipped-event watch finds
 * the late event and hands it to every read model that skipped it, without a replay. The two writers are played by
 * this test on the real PostgreSQL, as the server's own appends would have left the rows.
 */
class SlowWriterIT extends RealBrokerAndDatabase {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ObjectMapper mapper;

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "tracker");
    }

    private String register(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(as("admin")
                        .postForEntity(
                                "/api/systems",
                                new HttpEntity<>(
                                        "{\"id\":\"" + id
                                                + "\",\"kind\":\"LANGUAGE_MODEL\",\"template\":\"LANGUAGE_MODEL\"}",
                                        headers),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private String lifecycle(String system) throws Exception {
        String body = as("operator").getForObject("/api/systems/" + system, String.class);
        return body == null ? null : mapper.readTree(body).path("lifecycle").asText(null);
    }

    /** The deploy event of {@code template}, as {@code system}'s event 1, with the given timestamp. */
    private void insertDeploy(Connection connection, String template, String system, Instant timestamp)
            throws Exception {
        byte[] payload = jdbc.sql("SELECT payload FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND sequencenumber = 1")
                .param(template)
                .query(byte[].class)
                .single();
        ObjectNode deployed = (ObjectNode) mapper.readTree(payload);
        deployed.put("systemId", system);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                  payload, payloadrevision, payloadtype, timestamp)
                SELECT ?, 1, type, ?, metadata, ?, payloadrevision, payloadtype, ? FROM domainevententry
                WHERE aggregateidentifier = ? AND sequencenumber = 1""")) {
            insert.setString(1, system);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setBytes(3, mapper.writeValueAsBytes(deployed));
            insert.setString(4, DateTimeUtils.formatInstant(timestamp)); // as Axon writes it: milliseconds
            insert.setString(5, template);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void anEventCommittedAfterTheReadModelsMovedPastItIsFoundAndShownWithoutAReplay() throws Exception {
        String template = register("template");
        assertThat(as("operator")
                        .postForEntity("/api/systems/" + template + "/deploy", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        String slow = register("slow");
        String quick = register("quick");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "REGISTERED".equals(lifecycle(slow)) && "REGISTERED".equals(lifecycle(quick)));

        try (Connection slowWriter = dataSource.getConnection()) {
            slowWriter.setAutoCommit(false);
            insertDeploy(slowWriter, template, slow, Instant.now()); // numbered now, committed much later
            try (Connection quickWriter = dataSource.getConnection()) {
                // committed at once, but looking older than the gap timeout: the readers record no gap below it
                insertDeploy(quickWriter, template, quick, Instant.now().minus(Duration.ofMinutes(10)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> "DEPLOYED".equals(lifecycle(quick)));
            Thread.sleep(12_000); // the read models are well past the hole, the watch has seen them pass
            slowWriter.commit();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> "DEPLOYED".equals(lifecycle(slow)));
        JsonNode board = mapper.readTree(as("operator").getForObject("/api/board", String.class));
        for (JsonNode card : board.path("systems")) {
            if (card.path("systemId").asText().equals(slow)) {
                assertThat(card.path("lifecycle").asText()).isEqualTo("DEPLOYED");
            }
        }
        String metrics = as("admin").getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).containsPattern("tracker_events_skipped_total\\{[^}]*read_model=\"fleet\"[^}]*} [1-9]");
    }
}
