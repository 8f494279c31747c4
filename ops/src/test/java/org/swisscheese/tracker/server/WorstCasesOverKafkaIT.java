package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * The three cases the first release got most wrong, end to end: reports produced to the real Kafka topic, read back
 * from the API a user would look at. Language model template: influence = deployment-gate, output-filter | harm =
 * ai-disclosure, interlock, off-switch.
 */
class WorstCasesOverKafkaIT extends RealBrokerAndDatabase {

    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    @Autowired
    TestRestTemplate http;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    ObjectMapper mapper;

    private SystemId deployedLanguageModel() {
        SystemId id = SystemId.of("worst-" + UUID.randomUUID().toString().substring(0, 8));
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
        assertThat(as("operator")
                        .postForEntity("/api/systems/" + id + "/deploy", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        return id;
    }

    private void produce(SystemId system, ReportType type, String barrier, int minute) throws Exception {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        Report report = new Report(
                UUID.randomUUID().toString(), type, barrier, null, at, at, "/worst", null, Map.of(), null, null, null);
        kafka.send("tracker.barrier-events", system.value(), BarrierEventFormat.toBytes(mapper, system, report))
                .get();
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "tracker");
    }

    private JsonNode card(SystemId system) throws Exception {
        for (JsonNode card : mapper.readTree(as("operator").getForObject("/api/board", String.class))
                .path("systems")) {
            if (card.path("systemId").asText().equals(system.value())) {
                return card;
            }
        }
        return null;
    }

    private JsonNode system(SystemId system) throws Exception {
        return mapper.readTree(as("operator").getForObject("/api/systems/" + system, String.class));
    }

    private JsonNode incidents(SystemId system) throws Exception {
        return mapper.readTree(as("analyst").getForObject("/api/incidents?systemId=" + system, String.class))
                .path("items");
    }

    @Test
    void aHarmOnlyIncidentTakesTheBoardToNoMarginAndAlerts() throws Exception {
        SystemId system = deployedLanguageModel();
        produce(system, ReportType.HARM_REPORTED, null, 0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> card(system) != null
                        && card(system).path("openIncidents").size() == 1);
        JsonNode card = card(system);
        assertThat(card.path("lowestMargin").asInt()).isZero();
        assertThat(card.path("alert").asBoolean()).isTrue();
        assertThat(card.path("openIncidents").get(0).path("outcome").asText()).isEqualTo("FULL_FAILURE");
    }

    @Test
    void aLateHarmThatHappenedBeforeTheShutdownIsNoActivityAfterIt() throws Exception {
        SystemId system = deployedLanguageModel();
        produce(system, ReportType.BREACHED, "interlock", 10);
        produce(system, ReportType.SHUTDOWN_COMPLETED, "off-switch", 12);
        produce(system, ReportType.HARM_REPORTED, null, 11); // happened before the shutdown, reported after it
        await().atMost(Duration.ofSeconds(30))
                .until(() -> incidents(system).size() == 1
                        && incidents(system).get(0).path("reportCount").asInt() == 3);
        assertThat(incidents(system).get(0).path("outcome").asText()).isEqualTo("FULL_FAILURE");
        // the fleet read model catches up in its own time
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode fleet = system(system);
            return fleet.path("lifecycle").asText().equals("SHUT_DOWN")
                    && fleet.path("barrierStates").path("interlock").asText().equals("IMPAIRED");
        });
        JsonNode view = system(system);
        assertThat(view.path("lifecycle").asText()).isEqualTo("SHUT_DOWN");
        assertThat(view.path("activityAfterShutdown").asBoolean()).isFalse();
        assertThat(view.path("barrierStates").has("off-switch")).isFalse(); // the off switch worked
        assertThat(view.path("barrierStates").path("interlock").asText()).isEqualTo("IMPAIRED");
        // and the board: shut down, the off switch held, no activity after it
        await().atMost(Duration.ofSeconds(30))
                .until(() -> card(system) != null
                        && card(system).path("lifecycle").asText().equals("SHUT_DOWN"));
        assertThat(card(system).path("activityAfterShutdown").asBoolean()).isFalse();
    }

    @Test
    void aFailedOffSwitchStaysImpairedAfterItsIncidentIsResolved() throws Exception {
        SystemId system = deployedLanguageModel();
        produce(system, ReportType.SHUTDOWN_FAILED, "off-switch", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> incidents(system).size() == 1);
        String incident = incidents(system).get(0).path("id").asText();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(as("analyst")
                        .postForEntity(
                                "/api/incidents/" + incident + "/resolve",
                                new HttpEntity<>("{\"summary\":\"kill switch wired to the staging cluster\"}", headers),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> card(system) != null
                        && card(system).path("openIncidents").isEmpty());

        JsonNode card = card(system);
        assertThat(card.path("barrierStates").path("off-switch").asText()).isEqualTo("IMPAIRED");
        // influence: gate, filter | disclosure, interlock, and the off switch that is a hole until restored
        JsonNode influence = null;
        for (JsonNode path : card.path("paths")) {
            if (path.path("threatLine").asText().equals("influence")) {
                influence = path;
            }
        }
        assertThat(influence.path("liveMargin").asInt()).isEqualTo(4);
        assertThat(influence.path("barriers").get(4).path("mark").asText()).isEqualTo("IMPAIRED");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> system(system)
                        .path("barrierStates")
                        .path("off-switch")
                        .asText()
                        .equals("IMPAIRED"));

        // until an operator restores it
        assertThat(as("operator")
                        .postForEntity("/api/systems/" + system + "/barriers/off-switch/restore", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !card(system).path("barrierStates").has("off-switch"));
    }
}
