package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.Templates;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/** The read side over the real PostgreSQL: each projection's endpoint, replay, and no committed event skipped. */
class ReadSideIT extends RealBrokerAndDatabase {




    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @LocalServerPort
    int port;

    private SystemId register(String template) {
        SystemId id = SystemId.of("rs-" + UUID.randomUUID().toString().substring(0, 8));
        String body = "{\"id\":\"" + id + "\",\"kind\":\"" + template + "\",\"template\":\"" + template + "\"}";
        assertThat(as("admin").postForEntity("/api/systems", entity(body), String.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private void ingest(SystemId system, Report... reports) {
        StringBuilder batch = new StringBuilder("[");
        for (Report r : reports) {
            batch.append(batch.length() > 1 ? "," : "")
                    .append(new String(BarrierEventFormat.toBytes(mapper, system, r), StandardCharsets.UTF_8));
        }
        ResponseEntity<String> response = as("ingest").exchange("/api/ingest", HttpMethod.POST,
                entity(batch.append("]").toString()), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    }

    private static Report report(ReportType type, String barrier, String chain, int minute) {
        Instant at = Instant.parse("2026-11-02T08:00:00Z").plus(Duration.ofMinutes(minute));
        return new Report(UUID.randomUUID().toString(), type, barrier, chain, at, at, "/it", null, Map.of(), null,
                null, null);
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "tracker");
    }

    private static HttpEntity<String> entity(String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(json, headers);
    }

    private JsonNode get(String user, String path) throws Exception {
        return mapper.readTree(as(user).getForObject(path, String.class));
    }

    private JsonNode barrierStatistics(SystemId system, String barrierId) throws Exception {
        for (JsonNode group : get("manager", "/api/statistics/barriers?groupBy=barrier").path("groups")) {
            if (group.path("key").asText().equals(system + "/" + barrierId)) {
                return group;
            }
        }
        return null;
    }

    @Test
    void statisticsAreTheJeffreysValuesWorkedOutByHandIncludingNoDemandNoFailureAndAllFailed() throws Exception {
        SystemId system = register("LANGUAGE_MODEL");
        ingest(system, report(ReportType.TRIPPED, "deployment-gate", null, 0),
                report(ReportType.TRIPPED, "deployment-gate", null, 30),
                report(ReportType.TRIPPED, "deployment-gate", null, 60),
                report(ReportType.SHUTDOWN_FAILED, "off-switch", "x", 90),
                report(ReportType.SHUTDOWN_FAILED, "off-switch", "x", 91));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode offSwitch = barrierStatistics(system, "off-switch");
            return offSwitch != null && offSwitch.path("demands").asInt() == 2;
        });
        JsonNode gate = barrierStatistics(system, "deployment-gate");
        assertThat(gate.path("demands").asInt()).isEqualTo(3);
        assertThat(gate.path("failures").asInt()).isZero();
        assertThat(gate.path("pfd").asDouble()).isEqualTo(0.5 / 4);
        assertThat(gate.path("pfdLower").asDouble()).isZero();
        assertThat(gate.path("riskReductionFactor").asDouble()).isEqualTo(8.0);
        JsonNode offSwitch = barrierStatistics(system, "off-switch");
        assertThat(offSwitch.path("failures").asInt()).isEqualTo(2);
        assertThat(offSwitch.path("pfd").asDouble()).isEqualTo(2.5 / 3);
        assertThat(offSwitch.path("pfdUpper").asDouble()).isEqualTo(1.0);
        assertThat(offSwitch.path("meanHoursBetweenBreaches").asDouble()).isEqualTo(1.0 / 60);
        JsonNode untouched = barrierStatistics(system, "interpretability");
        assertThat(untouched.path("demands").asInt()).isZero();
        assertThat(untouched.path("pfd").asDouble()).isEqualTo(0.5);
        assertThat(untouched.path("pfdUpper").asDouble()).isEqualTo(1.0);

        JsonNode depth = get("manager", "/api/statistics/depth");
        assertThat(depth.path("bySystem").path(system.value()).path("1").asInt()).isEqualTo(1);
        assertThat(get("manager", "/api/statistics/barriers?groupBy=category").path("groups").size())
                .isGreaterThan(1);
        assertThat(as("manager").getForEntity("/api/statistics/barriers?groupBy=colour", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aSubscriberOfTheBoardSeesTheCardChangeWhenABarrierDegrades() throws Exception {
        SystemId system = register("OTHER");
        List<String> received = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/board/stream"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("operator:tracker".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpClient client = HttpClient.newHttpClient();
        var subscription = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(received::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(l -> l.equals("event:board")));

        ingest(system, report(ReportType.DEGRADED, "off-switch", null, 0));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(l -> l.startsWith("data:")
                && l.contains("\"systemId\":\"" + system + "\"") && l.contains("\"degradedBarriers\":[\"off-switch\"]")
                && l.contains("\"alert\":true")));
        subscription.cancel(true);
        JsonNode card = Stream.of(get("operator", "/api/board").path("systems")).flatMap(s -> {
            List<JsonNode> all = new java.util.ArrayList<>();
            s.forEach(all::add);
            return all.stream();
        }).filter(c -> c.path("systemId").asText().equals(system.value())).findFirst().orElseThrow();
        // OTHER: anomaly-monitor | off-switch; the off switch is out of service: one barrier left standing
        assertThat(card.path("lowestMargin").asInt()).isEqualTo(1);
        assertThat(card.path("paths").get(0).path("barriers").get(1).path("state").asText()).isEqualTo("DEGRADED");
    }

    @Test
    void theBowTieAsOfAnInstantIsTheOneInForceThenAndWhatIfRejudgesPastIncidents() throws Exception {
        SystemId system = register("LANGUAGE_MODEL");
        ingest(system, report(ReportType.BREACHED, "deployment-gate", "w", 0),
                report(ReportType.BREACHED, "output-filter", "w", 1));
        Thread.sleep(50);
        Instant beforeEdit = Instant.now();
        Thread.sleep(50);
        JsonNode current = get("analyst", "/api/systems/" + system + "/bowtie");
        String withoutInterpretability = current.path("bowTie").toString()
                .replace(",{\"id\":\"interpretability\"", ",{\"id\":\"x\"")
                .replaceAll(",\\{\"id\":\"x\"[^}]*}", "");
        assertThat(as("admin").exchange("/api/systems/" + system + "/bowtie", HttpMethod.PUT,
                entity(withoutInterpretability), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        JsonNode then = get("analyst", "/api/systems/" + system + "/bowtie?asOf=" + beforeEdit);
        JsonNode now = get("analyst", "/api/systems/" + system + "/bowtie");
        assertThat(then.toString()).contains("\"interpretability\"");
        assertThat(now.toString()).doesNotContain("\"interpretability\"");
        assertThat(then.path("barriers").findValues("state").stream().map(JsonNode::asText))
                .contains("BREACHED");

        JsonNode removed = mapper.readTree(as("analyst").postForObject("/api/systems/" + system + "/what-if",
                entity("{\"remove\":[\"deployment-gate\",\"output-filter\"]}"), String.class));
        assertThat(removed.path("changed").get(0).path("whatIfOutcome").asText()).isEqualTo("NO_INCIDENT");
        // a filter added behind the breached one would have stood: past the top event no more
        String added = "{\"add\":[{\"lineId\":\"influence\",\"position\":2,\"barrier\":{\"id\":\"second-filter\","
                + "\"name\":\"Second filter\",\"category\":\"IMPACT_MEASURE\"}}]}";
        JsonNode withAnotherFilter = mapper.readTree(as("analyst").postForObject(
                "/api/systems/" + system + "/what-if", entity(added), String.class));
        assertThat(withAnotherFilter.path("changed").get(0).path("whatIfOutcome").asText()).isEqualTo("UNDETERMINED");
        String whatIf = "{\"hold\":[\"output-filter\"]}";
        JsonNode answer = mapper.readTree(as("analyst").postForObject("/api/systems/" + system + "/what-if",
                entity(whatIf), String.class));
        assertThat(answer.path("incidentsJudged").asInt()).isEqualTo(1);
        assertThat(answer.path("changed").get(0).path("outcome").asText()).isEqualTo("TOP_EVENT");
        assertThat(answer.path("changed").get(0).path("whatIfOutcome").asText()).isEqualTo("NEAR_MISS");
        assertThat(as("analyst").postForEntity("/api/systems/" + system + "/what-if",
                entity("{\"hold\":[\"nothing\"]}"), String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aReplayedProjectionEqualsTheOneBuiltLive() throws Exception {
        SystemId system = register("GENERALIST_AGENT");
        ingest(system, report(ReportType.BREACHED, "satisficer", "r1", 0),
                report(ReportType.TRIPPED, "quantilizer", "r1", 1),
                report(ReportType.DEGRADED, "boxing", null, 2),
                report(ReportType.ANOMALY_DETECTED, "anomaly-monitor", "r2", 3));
        Map<String, String> projections = Map.of(
                "incident-timeline", "SELECT * FROM incident ORDER BY incident_id;"
                        + "SELECT * FROM incident_report ORDER BY incident_id, report_id;"
                        + "SELECT * FROM timeline_outage ORDER BY system_id, barrier_id, began_at",
                "fleet", "SELECT * FROM fleet_system ORDER BY system_id",
                "operator-board", "SELECT * FROM board_card ORDER BY system_id;"
                        + "SELECT * FROM board_incident ORDER BY incident_id",
                "barrier-statistics", "SELECT * FROM stat_demand ORDER BY system_id, report_id;"
                        + "SELECT * FROM stat_incident ORDER BY incident_id;"
                        + "SELECT * FROM stat_outage ORDER BY system_id, barrier_id, began_at");
        await().atMost(Duration.ofSeconds(30)).until(() -> allCaughtUp(projections.keySet()));
        for (Map.Entry<String, String> projection : projections.entrySet()) {
            String live = dump(projection.getValue());
            ResponseEntity<String> started = as("admin").postForEntity(
                    "/api/admin/projections/" + projection.getKey() + "/replay", null, String.class);
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            await().atMost(Duration.ofSeconds(60)).until(() -> allCaughtUp(List.of(projection.getKey())));
            assertThat(dump(projection.getValue())).as(projection.getKey()).isEqualTo(live);
        }
        assertThat(as("operator").postForEntity("/api/admin/projections/fleet/replay", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private boolean allCaughtUp(Iterable<String> names) throws Exception {
        for (String name : names) {
            JsonNode status = get("admin", "/api/admin/projections/" + name + "/replay");
            if (!status.path("running").asBoolean() || status.path("progress").asDouble() < 1
                    || status.path("segments").asInt() == 0) {
                return false;
            }
        }
        return true;
    }

    private String dump(String queries) {
        StringBuilder out = new StringBuilder();
        for (String sql : queries.split(";")) {
            jdbc.sql(sql).query((rs, n) -> {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                }
                return row.toString();
            }).list().forEach(r -> out.append(r).append('\n'));
        }
        return out.toString();
    }

    /**
     * A writer takes its global index, then stays in its transaction while others commit after it. The processors
     * move past the gap; Axon's gap-aware token keeps checking it, and the late event is still projected.
     */
    @Test
    void anEventCommittedLateByASlowWriterIsStillProjected() throws Exception {
        SystemId late = SystemId.of("gap-" + UUID.randomUUID().toString().substring(0, 8));
        SystemRegistered registered = new SystemRegistered(late, "Late", SystemKind.OTHER, "it",
                Duration.ofMinutes(15), RiskProfile.UNKNOWN, RiskProfile.UNKNOWN.riskClass(),
                Templates.forKind(SystemKind.OTHER), SystemKind.OTHER);
        SerializedObject<byte[]> payload = eventSerializer.serialize(registered, byte[].class);
        SerializedObject<byte[]> metaData = eventSerializer.serialize(
                org.axonframework.messaging.MetaData.emptyInstance(), byte[].class);
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            try (PreparedStatement insert = slow.prepareStatement("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                      metadata, payload, payloadrevision, payloadtype, timestamp)
                    VALUES (?, 0, 'AiSystem', ?, ?, ?, '1', ?, ?)""")) {
                insert.setString(1, late.value());
                insert.setString(2, UUID.randomUUID().toString());
                insert.setBytes(3, metaData.getData());
                insert.setBytes(4, payload.getData());
                insert.setString(5, payload.getType().getName());
                insert.setString(6, Instant.now().toString());
                insert.executeUpdate();
            }
            // meanwhile, others commit events with higher global indexes, and the fleet projection shows them
            SystemId other = register("OTHER");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    as("operator").getForEntity("/api/systems/" + other, String.class).getStatusCode().is2xxSuccessful());
            Thread.sleep(2000);
            slow.commit();
        }
        await().atMost(Duration.ofSeconds(50)).until(() ->
                as("operator").getForEntity("/api/systems/" + late, String.class).getStatusCode().is2xxSuccessful());
    }
}
