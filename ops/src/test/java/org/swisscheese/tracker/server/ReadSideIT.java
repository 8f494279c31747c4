package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.resttestclient.TestRestTemplate;
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
        assertThat(as("admin")
                        .postForEntity("/api/systems", entity(body), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private void ingest(SystemId system, Report... reports) {
        StringBuilder batch = new StringBuilder("[");
        for (Report r : reports) {
            batch.append(batch.length() > 1 ? "," : "")
                    .append(new String(BarrierEventFormat.toBytes(mapper, system, r), StandardCharsets.UTF_8));
        }
        ResponseEntity<String> response = as("ingest")
                .exchange(
                        "/api/ingest", HttpMethod.POST, entity(batch.append("]").toString()), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    }

    private static Report report(ReportType type, String barrier, String chain, int minute) {
        Instant at = Instant.parse("2026-11-02T08:00:00Z").plus(Duration.ofMinutes(minute));
        return new Report(
                UUID.randomUUID().toString(), type, barrier, chain, at, at, "/it", null, Map.of(), null, null, null);
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
        for (JsonNode group :
                get("manager", "/api/statistics/barriers?groupBy=barrier").path("groups")) {
            if (group.path("key").asText().equals(system + "/" + barrierId)) {
                return group;
            }
        }
        return null;
    }

    @Test
    void statisticsAreTheJeffreysValuesWorkedOutByHandIncludingNoDemandNoFailureAndAllFailed() throws Exception {
        SystemId system = register("LANGUAGE_MODEL");
        ingest(
                system,
                report(ReportType.TRIPPED, "deployment-gate", null, 0),
                report(ReportType.TRIPPED, "deployment-gate", null, 30),
                report(ReportType.TRIPPED, "deployment-gate", null, 60),
                report(ReportType.SHUTDOWN_FAILED, "off-switch", "x", 90),
                report(ReportType.SHUTDOWN_FAILED, "off-switch", "x", 91));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode offSwitch = barrierStatistics(system, "off-switch");
            return offSwitch != null && offSwitch.path("demands").asInt() == 2;
        });
        // D = 3, F = 0: estimate 0.5/4; the interval starts at 0; RRF and band from the one-sided upper bound
        // scipy.stats.beta.ppf(0.95, 0.5, 3.5) = 0.44406710946101774: RRF 2.2519118815481303, no SIL
        JsonNode gate = barrierStatistics(system, "deployment-gate");
        assertThat(gate.path("demands").asInt()).isEqualTo(3);
        assertThat(gate.path("failures").asInt()).isZero();
        assertThat(gate.path("pfd").path("estimate").asDouble()).isEqualTo(0.5 / 4);
        assertThat(gate.path("pfd").path("interval95").path("lower").asDouble()).isZero();
        assertThat(gate.path("pfd").path("upper95").asDouble()).isCloseTo(0.44406710946101774, within(1e-12));
        assertThat(gate.path("pfd").path("riskReductionFactor").asDouble()).isCloseTo(2.2519118815481303, within(1e-9));
        assertThat(gate.path("pfd").path("sil").asText()).isEqualTo("NONE");
        JsonNode offSwitch = barrierStatistics(system, "off-switch");
        assertThat(offSwitch.path("failures").asInt()).isEqualTo(2);
        assertThat(offSwitch.path("pfd").path("estimate").asDouble()).isEqualTo(2.5 / 3);
        assertThat(offSwitch.path("pfd").path("interval95").path("upper").asDouble())
                .isEqualTo(1.0);
        assertThat(offSwitch.path("timeBetweenFailures").path("failures").asInt())
                .isEqualTo(2);
        JsonNode untouched = barrierStatistics(system, "interpretability");
        assertThat(untouched.path("demands").asInt()).isZero();
        assertThat(untouched.path("pfd").path("estimate").asDouble()).isEqualTo(0.5);
        // no failure, no mean time between failures (absent from the JSON); the lower bound exists all the same
        assertThat(untouched.path("timeBetweenFailures").path("meanHours").isMissingNode())
                .isTrue();
        assertThat(untouched.path("timeBetweenFailures").has("lower90Hours")).isTrue();

        JsonNode depth = get("manager", "/api/statistics/depth");
        // the off switch failed twice: the hazard is past every barrier of both paths (depth 6 on the longer one)
        assertThat(depth.path("bySystem").path(system.value()).path("6").asInt())
                .isEqualTo(1);
        assertThat(get("manager", "/api/statistics/barriers?groupBy=category")
                        .path("groups")
                        .size())
                .isGreaterThan(1);
        assertThat(as("manager")
                        .getForEntity("/api/statistics/barriers?groupBy=colour", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        // a page of the system's barriers, the most demanded first: the gate's three demands, then the off switch's two
        JsonNode page = get("manager", "/api/statistics/barriers?systemId=" + system + "&page=0&size=2");
        assertThat(page.path("groups").findValuesAsText("barrierId")).containsExactly("deployment-gate", "off-switch");
        assertThat(page.path("total").asInt()).isGreaterThan(2);
        assertThat(get("manager", "/api/statistics/barriers?systemId=" + system + "&page=1&size=2")
                        .path("groups")
                        .findValuesAsText("barrierId"))
                .hasSize(2)
                .doesNotContain("deployment-gate", "off-switch");
        for (String bad : List.of("?page=1", "?size=0", "?size=501")) {
            ResponseEntity<String> refused = as("manager").getForEntity("/api/statistics/barriers" + bad, String.class);
            assertThat(refused.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
        }
    }

    @Test
    void aSubscriberOfTheBoardSeesTheCardChangeWhenABarrierDegrades() throws Exception {
        SystemId system = register("OTHER");
        List<String> received = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/board/stream"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("operator:tracker".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpClient client = HttpClient.newHttpClient();
        var subscription = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(received::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(l -> l.equals("event:board")));

        ingest(system, report(ReportType.DEGRADED, "off-switch", null, 0));

        // a `card` event of this system: the first `board` event is one line with every card, other systems' too
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cardEvents(received).stream()
                        .anyMatch(c -> c.path("systemId").asText().equals(system.value())
                                && c.path("barrierStates")
                                        .path("off-switch")
                                        .asText()
                                        .equals("DEGRADED")
                                && c.path("alert").asBoolean()));
        subscription.cancel(true);
        JsonNode card = Stream.of(get("operator", "/api/board").path("systems"))
                .flatMap(s -> {
                    List<JsonNode> all = new ArrayList<>();
                    s.forEach(all::add);
                    return all.stream();
                })
                .filter(c -> c.path("systemId").asText().equals(system.value()))
                .findFirst()
                .orElseThrow();
        // OTHER: anomaly-monitor (only detects) | off-switch; with the off switch out of service nothing left acts
        assertThat(card.path("lowestMargin").asInt()).isZero();
        assertThat(card.path("paths")
                        .get(0)
                        .path("barriers")
                        .get(0)
                        .path("mark")
                        .asText())
                .isEqualTo("WATCHING");
        assertThat(card.path("paths")
                        .get(0)
                        .path("barriers")
                        .get(1)
                        .path("mark")
                        .asText())
                .isEqualTo("DEGRADED");
    }

    @Test
    void theBoardIsReadAPageAtATimeTheSystemsNeedingAttentionFirst() throws Exception {
        // a language model's paths each have several barriers that act: nothing to alert about until harm is reported
        SystemId troubled = register("LANGUAGE_MODEL");
        SystemId quiet = register("LANGUAGE_MODEL");
        ingest(troubled, report(ReportType.HARM_REPORTED, null, null, 0));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode card = get("operator", "/api/board/systems/" + troubled);
            return card.path("alert").asBoolean();
        });

        // the whole board as one page (other tests' systems are on it too, and may still be changing: one read)
        JsonNode whole = get("operator", "/api/board?page=0&size=500");
        assertThat(whole.path("total").asLong())
                .isLessThanOrEqualTo(500)
                .isEqualTo(whole.path("systems").size());
        List<JsonNode> cards = new ArrayList<>();
        whole.path("systems").forEach(cards::add);
        List<String> ids = cards.stream().map(c -> c.path("systemId").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates().contains(troubled.value(), quiet.value());
        // every card that raises an alert comes before every card that does not
        List<Boolean> alerts =
                cards.stream().map(c -> c.path("alert").asBoolean()).toList();
        assertThat(alerts.indexOf(false) == -1 || alerts.lastIndexOf(true) < alerts.indexOf(false))
                .as("alerts first: %s", alerts)
                .isTrue();
        assertThat(whole.path("needingAttention").asLong())
                .isEqualTo(alerts.stream().filter(a -> a).count());
        assertThat(alerts.get(ids.indexOf(troubled.value()))).isTrue();
        assertThat(alerts.get(ids.indexOf(quiet.value()))).isFalse();
        // a page of one: a system that needs attention (the troubled one's harm keeps its incident open)
        JsonNode first = get("operator", "/api/board?page=0&size=1");
        assertThat(first.path("systems").size()).isOne();
        assertThat(first.path("systems").get(0).path("alert").asBoolean()).isTrue();
        assertThat(first.path("size").asInt()).isOne();

        for (String bad : List.of("?page=1", "?size=0", "?size=501", "?page=-1&size=5")) {
            ResponseEntity<String> refused = as("operator").getForEntity("/api/board" + bad, String.class);
            assertThat(refused.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody()).as(bad).containsAnyOf("page needs a size", "size between 1 and 500");
        }
        assertThat(as("operator")
                        .getForEntity("/api/board/systems/no-such-system", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** The data of each `card` event in a stream's lines (event, then id, then data). */
    private List<JsonNode> cardEvents(List<String> lines) throws Exception {
        List<JsonNode> cards = new ArrayList<>();
        String event = null;
        for (String line : List.copyOf(lines)) {
            if (line.startsWith("event:")) {
                event = line.substring("event:".length());
            } else if (line.startsWith("data:") && "card".equals(event)) {
                cards.add(mapper.readTree(line.substring("data:".length())));
            } else if (line.isEmpty()) {
                event = null;
            }
        }
        return cards;
    }

    @Test
    void theBowTieAsOfAnInstantIsTheOneInForceThenAndWhatIfRejudgesPastIncidents() throws Exception {
        SystemId system = register("LANGUAGE_MODEL");
        // influence: deployment-gate, output-filter | harm: ai-disclosure, interlock, off-switch. Both preventive
        // barriers fail: the top event.
        ingest(
                system,
                report(ReportType.BREACHED, "deployment-gate", "w", 0),
                report(ReportType.BREACHED, "output-filter", "w", 1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("analyst", "/api/incidents?systemId=" + system)
                                .path("total")
                                .asInt()
                        == 1);
        Thread.sleep(50);
        Instant beforeEdit = Instant.now();
        Thread.sleep(50);
        JsonNode current = get("analyst", "/api/systems/" + system + "/bowtie");
        String withoutInterpretability = current.path("bowTie")
                .toString()
                .replace(",{\"id\":\"interpretability\"", ",{\"id\":\"x\"")
                .replaceAll(",\\{\"id\":\"x\"[^}]*}", "");
        assertThat(as("admin")
                        .exchange(
                                "/api/systems/" + system + "/bowtie",
                                HttpMethod.PUT,
                                entity(withoutInterpretability),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        JsonNode then = get("analyst", "/api/systems/" + system + "/bowtie?asOf=" + beforeEdit);
        JsonNode now = get("analyst", "/api/systems/" + system + "/bowtie");
        assertThat(then.toString()).contains("\"interpretability\"");
        assertThat(now.toString()).doesNotContain("\"interpretability\"");
        assertThat(then.path("openIncidents").get(0).path("outcome").asText()).isEqualTo("TOP_EVENT");
        assertThat(then.path("paths").findValues("mark").stream().map(JsonNode::asText))
                .contains("BREACHED");

        // had the filter held, the hazard would have stopped there
        JsonNode held = whatIf(system, "{\"hold\":\"output-filter\"}");
        assertThat(held.path("incidentsJudged").asInt()).isEqualTo(1);
        JsonNode answer = held.path("answer").path("incidents").get(0);
        assertThat(answer.path("before").asText()).isEqualTo("TOP_EVENT");
        assertThat(answer.path("after").get(0).path("outcome").asText()).isEqualTo("NEAR_MISS");
        // without the gate the hazard passes where the gate stood: no better, no worse
        assertThat(whatIf(system, "{\"remove\":[\"deployment-gate\"]}")
                        .path("outcomesChanged")
                        .asInt())
                .isZero();
        // a second filter behind the failed one, failing one demand in ten: held with 0.9
        JsonNode added = whatIf(
                system,
                "{\"add\":{\"lineId\":\"influence\",\"position\":2,\"pfd\":0.1,"
                        + "\"barrier\":{\"id\":\"second-filter\",\"name\":\"Second filter\",\"category\":\"IMPACT_MEASURE\"}}}");
        assertThat(added.path("answer").path("expectedAfter").path("NEAR_MISS").asDouble())
                .isCloseTo(0.9, within(1e-9));
        assertThat(added.path("answer").path("expectedAfter").path("TOP_EVENT").asDouble())
                .isCloseTo(0.1, within(1e-9));
        // the same, with the PFD the gate demonstrated: 1 demand, 1 failure, Jeffreys (1 + 0.5) / (1 + 1)
        JsonNode asTheGate = whatIf(
                system,
                "{\"add\":{\"lineId\":\"influence\",\"position\":2,"
                        + "\"pfdFrom\":\"deployment-gate\",\"barrier\":{\"id\":\"f2\",\"category\":\"IMPACT_MEASURE\"}}}");
        assertThat(asTheGate.path("pfd").asDouble()).isEqualTo(0.75);
        assertThat(as("analyst")
                        .postForEntity(
                                "/api/systems/" + system + "/what-if", entity("{\"hold\":\"nothing\"}"), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(as("analyst")
                        .postForEntity(
                                "/api/systems/" + system + "/what-if",
                                entity("{\"hold\":\"output-filter\",\"remove\":[\"deployment-gate\"]}"),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private JsonNode whatIf(SystemId system, String question) throws Exception {
        ResponseEntity<String> response =
                as("analyst").postForEntity("/api/systems/" + system + "/what-if", entity(question), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return mapper.readTree(response.getBody());
    }

    @Test
    void aReplayedProjectionEqualsTheOneBuiltLive() throws Exception {
        SystemId system = register("GENERALIST_AGENT");
        ingest(
                system,
                report(ReportType.BREACHED, "satisficer", "r1", 0),
                report(ReportType.TRIPPED, "quantilizer", "r1", 1),
                report(ReportType.DEGRADED, "boxing", null, 2),
                report(ReportType.ANOMALY_DETECTED, "anomaly-monitor", "r2", 3),
                report(ReportType.BREACHED, "interlock", "r2", 4));
        // people act on both incidents; the second was none (its rows leave the board and the statistics)
        respond("operator", system + ".1", "acknowledge", null);
        respond("analyst", system + ".1", "assign", "{\"assignee\":\"safety on-call\"}");
        respond("operator", system + ".1", "severity", "{\"severity\":\"SEV2\"}");
        respond("analyst", system + ".1", "notes", "{\"text\":\"looking into the satisficer\"}");
        respond("operator", system + ".2", "not-an-incident", "{\"reason\":\"monitor test\"}");
        Map<String, String> projections = Map.of(
                "incident-timeline",
                        "SELECT * FROM incident ORDER BY incident_id;"
                                + "SELECT * FROM incident_report ORDER BY incident_id, source, report_id;"
                                + "SELECT * FROM timeline_bowtie ORDER BY system_id, revision;"
                                + "SELECT * FROM timeline_barrier_fact ORDER BY system_id, barrier_id, arrival, change_kind;"
                                + "SELECT * FROM incident_act ORDER BY incident_id, event_sequence",
                "fleet", "SELECT * FROM fleet_system ORDER BY system_id",
                "operator-board",
                        "SELECT * FROM board_card ORDER BY system_id;"
                                + "SELECT * FROM board_incident ORDER BY incident_id;"
                                + "SELECT * FROM board_assessment ORDER BY incident_id;"
                                + "SELECT * FROM board_incident_path ORDER BY incident_id, threat_line, consequence_line;"
                                + "SELECT * FROM board_barrier_crossing ORDER BY incident_id, barrier_id;"
                                + "SELECT * FROM board_barrier_latest_crossings ORDER BY system_id, barrier_id",
                "barrier-statistics",
                        "SELECT * FROM stat_system ORDER BY system_id;"
                                + "SELECT * FROM stat_barrier ORDER BY system_id, barrier_id, version;"
                                + "SELECT * FROM stat_demand ORDER BY system_id, report_key;"
                                + "SELECT * FROM stat_demand_week ORDER BY system_id, barrier_id, barrier_version, week_start;"
                                + "SELECT * FROM stat_proof_test ORDER BY system_id, report_key;"
                                + "SELECT * FROM stat_incident ORDER BY incident_id;"
                                + "SELECT * FROM stat_silent_pass ORDER BY incident_id, barrier_id;"
                                + "SELECT * FROM stat_response ORDER BY incident_id;"
                                + "SELECT * FROM stat_fact ORDER BY system_id, barrier_id, arrival, change_kind");
        await().atMost(Duration.ofSeconds(30)).until(() -> allCaughtUp(projections.keySet()));
        for (Map.Entry<String, String> projection : projections.entrySet()) {
            String live = dump(projection.getValue());
            ResponseEntity<String> started = as("admin")
                    .postForEntity("/api/admin/projections/" + projection.getKey() + "/replay", null, String.class);
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            await().atMost(Duration.ofSeconds(60)).until(() -> allCaughtUp(List.of(projection.getKey())));
            assertThat(dump(projection.getValue())).as(projection.getKey()).isEqualTo(live);
        }
        assertThat(as("operator")
                        .postForEntity("/api/admin/projections/fleet/replay", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    private void respond(String user, String incident, String act, String json) {
        ResponseEntity<String> response =
                as(user).postForEntity("/api/incidents/" + incident + "/" + act, entity(json), String.class);
        assertThat(response.getStatusCode()).as(act + ": " + response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private boolean allCaughtUp(Iterable<String> names) throws Exception {
        for (String name : names) {
            JsonNode status = get("admin", "/api/admin/projections/" + name + "/replay");
            if (!status.path("running").asBoolean()
                    || status.path("progress").asDouble() < 1
                    || status.path("segments").asInt() == 0) {
                return false;
            }
        }
        return true;
    }

    private String dump(String queries) {
        StringBuilder out = new StringBuilder();
        for (String sql : queries.split(";")) {
            jdbc.sql(sql)
                    .query((rs, n) -> {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.append(rs.getMetaData().getColumnName(i))
                                    .append('=')
                                    .append(rs.getString(i))
                                    .append(' ');
                        }
                        return row.toString();
                    })
                    .list()
                    .forEach(r -> out.append(r).append('\n'));
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
        SystemRegistered registered = new SystemRegistered(
                late,
                "Late",
                SystemKind.OTHER,
                "it",
                Duration.ofMinutes(15),
                RiskProfile.UNKNOWN,
                RiskProfile.UNKNOWN.riskClass(),
                Templates.forKind(SystemKind.OTHER),
                SystemKind.OTHER);
        SerializedObject<byte[]> payload = eventSerializer.serialize(registered, byte[].class);
        SerializedObject<byte[]> metaData =
                eventSerializer.serialize(org.axonframework.messaging.MetaData.emptyInstance(), byte[].class);
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
                insert.setString(6, DateTimeUtils.formatInstant(Instant.now()));
                insert.executeUpdate();
            }
            // meanwhile, others commit events with higher global indexes, and the fleet projection shows them
            SystemId other = register("OTHER");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> as("operator")
                            .getForEntity("/api/systems/" + other, String.class)
                            .getStatusCode()
                            .is2xxSuccessful());
            Thread.sleep(2000);
            slow.commit();
        }
        await().atMost(Duration.ofSeconds(50))
                .until(() -> as("operator")
                        .getForEntity("/api/systems/" + late, String.class)
                        .getStatusCode()
                        .is2xxSuccessful());
    }
}
