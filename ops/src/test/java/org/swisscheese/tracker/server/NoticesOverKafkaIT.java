package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemChange;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.SystemChangeKind;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * The two notices of issue 13 over the real Kafka topic: a rollout ({@code ai.system.changed}) that lands on the
 * timeline of the incident that follows it and on its barrier's weekly trend, and a heartbeat
 * ({@code ai.barrier.heartbeat}) that proves a barrier alive after the board had judged it silent past the period its
 * bow-tie promised (set over the bow-tie REST). Neither opens an incident or counts as a demand.
 */
class NoticesOverKafkaIT extends RealBrokerAndDatabase {

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    JdbcTemplate jdbc;

    private HttpResponse<String> send(String user, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":tracker").getBytes(StandardCharsets.UTF_8)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void call(String user, String method, String path, String json, int expected) throws Exception {
        HttpResponse<String> response = send(user, method, path, json);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("analyst", "GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return mapper.readTree(response.body());
    }

    private void produce(SystemId system, ReportType type, String barrier, Instant at, SystemChange change)
            throws Exception {
        Report report = new Report(
                UUID.randomUUID().toString(),
                type,
                barrier,
                null,
                at,
                at,
                "/notices",
                change == null ? null : "new weights",
                Map.of(),
                null,
                null,
                null,
                false,
                change);
        kafka.send("tracker.barrier-events", system.value(), BarrierEventFormat.toBytes(mapper, system, report))
                .get();
    }

    private JsonNode card(SystemId system) throws Exception {
        return StreamSupport.stream(get("/api/board").path("systems").spliterator(), false)
                .filter(c -> c.path("systemId").asText().equals(system.value()))
                .findFirst()
                .orElseThrow();
    }

    private static boolean mayBeDead(JsonNode card, String barrierId) {
        return StreamSupport.stream(card.path("mayBeDead").spliterator(), false)
                .anyMatch(d -> d.path("barrierId").asText().equals(barrierId));
    }

    private SystemId languageModel(String prefix) throws Exception {
        SystemId system =
                SystemId.of(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        call(
                "admin",
                "POST",
                "/api/systems",
                "{\"id\":\"" + system + "\",\"kind\":\"LANGUAGE_MODEL\",\"template\":\"LANGUAGE_MODEL\"}",
                201);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        send("analyst", "GET", "/api/systems/" + system, null).statusCode() == 200);
        return system;
    }

    /** The system's bow-tie with the anomaly monitor promising {@code every}. */
    private String monitorEvery(SystemId system, String every) throws Exception {
        JsonNode bowTie = get("/api/systems/" + system).path("bowtie");
        bowTie.path("lines")
                .forEach(line -> line.path("barriers").forEach(b -> {
                    if (b.path("id").asText().equals("anomaly-monitor")) {
                        ((ObjectNode) b).put("expectedEvery", every);
                    }
                }));
        return mapper.writeValueAsString(bowTie);
    }

    @Test
    void aRolloutIsOnTheTimelineOfTheIncidentAfterItAndOnItsBarriersTrend() throws Exception {
        SystemId system = languageModel("rollout");
        call("operator", "POST", "/api/systems/" + system + "/deploy", null, 204);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        produce(
                system,
                ReportType.SYSTEM_CHANGED,
                null,
                now.minus(Duration.ofHours(2)),
                new SystemChange(SystemChangeKind.MODEL, "v8"));
        produce(system, ReportType.BREACHED, "deployment-gate", now.minusSeconds(30), null);
        String incident = system + ".1";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send("analyst", "GET", "/api/incidents/" + incident + "/timeline", null)
                                .statusCode()
                        == 200);
        JsonNode timeline = get("/api/incidents/" + incident + "/timeline");
        assertThat(timeline.path("changes")).hasSize(1);
        assertThat(timeline.path("changes").get(0).path("kind").asText()).isEqualTo("MODEL");
        assertThat(timeline.path("changes").get(0).path("version").asText()).isEqualTo("v8");
        assertThat(timeline.path("entries").get(0).path("kind").asText()).isEqualTo("CHANGE");
        assertThat(timeline.path("entries").get(1).path("kind").asText()).isEqualTo("REPORT");
        assertThat(get("/api/incidents?systemId=" + system).path("total").asLong())
                .as("the rollout opened no incident of its own")
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode gate = StreamSupport.stream(
                            get("/api/statistics/barriers?groupBy=barrier&systemId=" + system)
                                    .path("groups")
                                    .spliterator(),
                            false)
                    .filter(g -> g.path("barrierId").asText().equals("deployment-gate"))
                    .findFirst()
                    .orElseThrow();
            assertThat(gate.path("demands").asLong()).isEqualTo(1);
            assertThat(gate.path("changes")).hasSize(1);
            assertThat(gate.path("changes").get(0).path("version").asText()).isEqualTo("v8");
        });
    }

    @Test
    void aBarrierSilentPastItsPromiseMayBeDeadUntilAHeartbeatProvesItAlive() throws Exception {
        SystemId system = languageModel("liveness");
        call("admin", "PUT", "/api/systems/" + system + "/bowtie", monitorEvery(system, "soon"), 400);
        call("admin", "PUT", "/api/systems/" + system + "/bowtie", monitorEvery(system, "PT0S"), 400);
        call("admin", "PUT", "/api/systems/" + system + "/bowtie", monitorEvery(system, "PT8S"), 204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/systems/" + system).toString().contains("\"expectedEvery\":\"PT8S\""));
        call("operator", "POST", "/api/systems/" + system + "/deploy", null, 204);
        // promised every 8 s: judged silent past 8.8 s without a sign of life, when the board is read
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> mayBeDead(card(system), "anomaly-monitor"));
        assertThat(card(system).path("alerts")).isEmpty();
        produce(system, ReportType.HEARTBEAT, "anomaly-monitor", Instant.now(), null);
        await().atMost(Duration.ofSeconds(8))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode alive = card(system);
                    assertThat(mayBeDead(alive, "anomaly-monitor")).isFalse();
                    assertThat(alive.path("livenessRecheckAt").isTextual())
                            .as("when to ask again")
                            .isTrue();
                });
        assertThat(get("/api/incidents?systemId=" + system).path("total").asLong())
                .isZero();
        JsonNode monitor = StreamSupport.stream(
                        get("/api/statistics/barriers?groupBy=barrier&systemId=" + system)
                                .path("groups")
                                .spliterator(),
                        false)
                .filter(g -> g.path("barrierId").asText().equals("anomaly-monitor"))
                .findFirst()
                .orElseThrow();
        assertThat(monitor.path("demands").asLong())
                .as("a heartbeat is no demand")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM recorded_report WHERE system_id = ?", Long.class, system.value()))
                .as("no identity kept forever for a heartbeat")
                .isZero();
    }
}
