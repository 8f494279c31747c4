package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.AiSystemEvent.LegacyHistoryCorrected;
import org.swisscheese.tracker.api.GoldenStreams;
import org.swisscheese.tracker.command.LegacyHistoryUpgrade;

/**
 * An event store written by the first release (its stored rows, captured from it: golden/v1/streams) read by today's
 * server over the real PostgreSQL: the history is corrected by appending, and every read model, rebuilt by replay,
 * shows today's judgements.
 */
class LegacyStoreIT extends RealBrokerAndDatabase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LegacyHistoryUpgrade upgrade;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper mapper;

    /** Writes the first release's rows as it stored them, under a system id of this test's own. */
    private String storeLegacyStream(String resource) throws Exception {
        return storeLegacyStream(resource, -1);
    }

    /** The same, with the payload of event {@code damaged} cut short, as a damaged disk or a bad restore leaves it. */
    private String storeLegacyStream(String resource, long damaged) throws Exception {
        String id = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        for (JsonNode entry : GoldenStreams.json(resource)) {
            String payload = mapper.writeValueAsString(entry.path("payload"))
                    .replace("legacy-agent", id)
                    .replace("legacy-llm", id);
            if (entry.path("sequence").asLong() == damaged) {
                payload = payload.substring(0, 20);
            }
            jdbc.sql("""
                            INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                              metadata, payload, payloadrevision, payloadtype, timestamp)
                            VALUES (?, ?, 'AiSystem', ?, ?, ?, ?, ?, ?)""")
                    .param(id)
                    .param(entry.path("sequence").asLong())
                    .param(UUID.randomUUID().toString())
                    .param(mapper.writeValueAsBytes(entry.path("metaData")))
                    .param(payload.getBytes(StandardCharsets.UTF_8))
                    .param(
                            entry.path("revision").isNull()
                                    ? null
                                    : entry.path("revision").asText())
                    .param(entry.path("payloadType").asText())
                    .param(entry.path("timestamp").asText())
                    .update();
        }
        return id;
    }

    private JsonNode incident(String id) throws Exception {
        String body = http.withBasicAuth("analyst", "tracker").getForObject("/api/incidents/" + id, String.class);
        return body == null ? null : mapper.readTree(body);
    }

    @Test
    void aFirstReleaseHistoryIsCorrectedByAppendingAndItsReadModelsShowTodaysJudgements() throws Exception {
        String agent = storeLegacyStream("golden/v1/streams/legacy-agent.json");
        // as stored: incident 2 "contained" by a barrier on another line than its breach
        await().atMost(Duration.ofSeconds(30))
                .until(() -> incident(agent + ".2") != null
                        && incident(agent + ".2").path("outcome").asText().equals("NEAR_MISS"));

        assertThat(upgrade.upgradeAll()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> incident(agent + ".2").path("outcome").asText().equals("UNDETERMINED"));
        // each read model catches up in its own time: wait for the last of the corrections in each
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        incident(agent + ".4").path("activityAfterShutdown").asBoolean());
        JsonNode fourth = incident(agent + ".4");
        assertThat(fourth.path("outcome").asText()).isEqualTo("FULL_FAILURE");
        assertThat(fourth.path("activityAfterShutdown").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode states = mapper.readTree(http.withBasicAuth("operator", "tracker")
                            .getForObject("/api/systems/" + agent, String.class))
                    .path("barrierStates");
            return states.path("interlock").asText().equals("DEGRADED")
                    && states.path("off-switch").asText().equals("IMPAIRED");
        });
        JsonNode system = mapper.readTree(
                http.withBasicAuth("operator", "tracker").getForObject("/api/systems/" + agent, String.class));
        // the restore that arrived late had happened before the degrade: the interlock is out of service
        assertThat(system.path("barrierStates").path("interlock").asText()).isEqualTo("DEGRADED");
        assertThat(system.path("barrierStates").path("off-switch").asText()).isEqualTo("IMPAIRED");

        // rebuilt from the store alone, the read model gives the same, corrected judgement
        assertThat(http.withBasicAuth("admin", "tracker")
                        .postForEntity("/api/admin/projections/incident-timeline/replay", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode replayed = incident(agent + ".2");
            return replayed != null && replayed.path("outcome").asText().equals("UNDETERMINED");
        });
        assertThat(upgrade.upgradeAll())
                .as("corrected systems are not corrected twice")
                .isZero();
    }

    @Test
    void aDamagedLegacyStreamIsLeftAsStoredAndTheOthersAreStillCorrected() throws Exception {
        String damaged = storeLegacyStream("golden/v1/streams/legacy-agent.json", 0);
        String sound = storeLegacyStream("golden/v1/streams/legacy-agent.json");

        assertThat(upgrade.upgradeAll())
                .as("the sound system is corrected, the damaged one does not stop it")
                .isGreaterThanOrEqualTo(1);
        assertThat(corrections(sound)).isEqualTo(1);
        assertThat(corrections(damaged)).isZero();
        assertThat(upgrade.upgradeAll())
                .as("the damaged system is tried again, and fails again")
                .isZero();
    }

    private long corrections(String system) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?")
                .param(system)
                .param(LegacyHistoryCorrected.class.getName())
                .query(Long.class)
                .single();
    }
}
