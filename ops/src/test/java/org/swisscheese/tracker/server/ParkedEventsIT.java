package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * Events a read model cannot handle are parked, with the later events of their system behind them, and every other
 * system goes on, even one in the same segment. The events are stored as a faulty earlier release or a bad upcast
 * would have left them (the command side no longer accepts such names): written straight into the event store of the
 * real PostgreSQL.
 */
class ParkedEventsIT extends RealBrokerAndDatabase {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "tracker");
    }

    private void register(String id) {
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
    }

    private void deploy(String id) {
        assertThat(as("operator")
                        .postForEntity("/api/systems/" + id + "/deploy", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    /** Copies a stored event of {@code from} as event {@code sequence} of {@code to}, its payload changed. */
    private void storeCopy(String from, long fromSequence, String to, long sequence, String revision, byte[] payload) {
        storeCopyOfType(from, fromSequence, to, sequence, null, revision, payload);
    }

    /**
     * The same, stored as {@code payloadType} (null: the original's type). One statement: written in two (insert, then
     * change the type), the read models could read the row in between, as the original type with the new payload, and
     * park it where no read model should (seen once in five runs: the fleet parked a cut-off "SystemRegistered").
     */
    private void storeCopyOfType(
            String from,
            long fromSequence,
            String to,
            long sequence,
            String payloadType,
            String revision,
            byte[] payload) {
        jdbc.sql("""
                        INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                          metadata, payload, payloadrevision, payloadtype, timestamp)
                        SELECT ?, ?, type, ?, metadata, ?, ?, COALESCE(?, payloadtype), timestamp FROM domainevententry
                        WHERE aggregateidentifier = ? AND sequencenumber = ?""")
                .param(to)
                .param(sequence)
                .param(UUID.randomUUID().toString())
                .param(payload)
                .param(revision)
                .param(new SqlParameterValue(Types.VARCHAR, payloadType))
                .param(from)
                .param(fromSequence)
                .update();
    }

    private byte[] storedPayload(String system, long sequence) {
        return jdbc.sql("SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?")
                .param(system)
                .param(sequence)
                .query(byte[].class)
                .single();
    }

    private List<JsonNode> parked(String readModel, String system) throws Exception {
        JsonNode list = mapper.readTree(
                as("admin").getForObject("/api/admin/parked?readModel=" + readModel + "&limit=1000", String.class));
        List<JsonNode> items = new ArrayList<>();
        list.path("items").forEach(item -> {
            if (item.path("systemId").asText().equals(system)) {
                items.add(item);
            }
        });
        return items;
    }

    private int status(String path) {
        return as("operator").getForEntity(path, String.class).getStatusCode().value();
    }

    /** Two ids whose events fall into the same segment of every read model (of two, or of four after a split). */
    private static String[] twoIdsInOneSegment(String prefix) {
        String first = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String second;
        do {
            second = prefix + "-ok-" + UUID.randomUUID().toString().substring(0, 8);
        } while ((first.hashCode() & 3) != (second.hashCode() & 3));
        return new String[] {first, second};
    }

    @Test
    void aNameThePostgresColumnsRefuseIsParkedWithTheSystemsLaterEventsAndTheSameSegmentGoesOn() throws Exception {
        String[] ids = twoIdsInOneSegment("poison");
        String poisoned = ids[0];
        String healthy = ids[1];
        String template = "template-" + UUID.randomUUID().toString().substring(0, 8);
        register(template);
        deploy(template);

        ObjectNode registered = (ObjectNode) mapper.readTree(storedPayload(template, 0));
        registered.put("systemId", poisoned).put("name", "bad\u0000name");
        storeCopy(template, 0, poisoned, 0, null, mapper.writeValueAsBytes(registered));
        ObjectNode deployed = (ObjectNode) mapper.readTree(storedPayload(template, 1));
        deployed.put("systemId", poisoned);
        storeCopy(template, 1, poisoned, 1, null, mapper.writeValueAsBytes(deployed));
        register(healthy);
        deploy(healthy);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> parked("fleet", poisoned).size() == 2);
        List<JsonNode> fleet = parked("fleet", poisoned);
        assertThat(fleet.get(0).path("eventType").asText()).isEqualTo("SystemRegistered");
        assertThat(fleet.get(0).path("cause").asText()).contains("0x00");
        assertThat(fleet.get(1).path("eventType").asText()).isEqualTo("LifecycleChanged");
        assertThat(fleet.get(1).path("index").asLong())
                .as("waits behind the first")
                .isEqualTo(1);

        // the same segment went on: the healthy system is on the fleet list and the board, deployed
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status("/api/systems/" + healthy) == 200
                        && mapper.readTree(as("operator").getForObject("/api/systems/" + healthy, String.class))
                                .path("lifecycle")
                                .asText()
                                .equals("DEPLOYED"));
        assertThat(status("/api/systems/" + poisoned)).isEqualTo(404);

        // the board raises it, the metrics count it
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode board = mapper.readTree(as("operator").getForObject("/api/board", String.class));
            return board.path("parked").path("byReadModel").path("fleet").asLong() >= 2
                    && board.path("parked").path("systems").toString().contains(poisoned);
        });
        String metrics = as("admin").getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).containsPattern("tracker_parked_events\\{[^}]*read_model=\"fleet\"[^}]*} [1-9]");

        // tried again, it fails again and stays parked, in order
        JsonNode retried = mapper.readTree(
                as("admin").postForObject("/api/admin/parked/fleet/" + poisoned + "/retry", null, String.class));
        assertThat(retried.path("sequencesCleared").asInt()).isZero();
        assertThat(parked("fleet", poisoned)).hasSize(2);

        // evicted, the registration is gone for good; the deploy behind it is handled when retried
        ResponseEntity<String> evicted = as("admin")
                .exchange(
                        "/api/admin/parked/fleet/" + poisoned + "/"
                                + fleet.get(0).path("id").asText(),
                        HttpMethod.DELETE,
                        null,
                        String.class);
        assertThat(evicted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(parked("fleet", poisoned)).hasSize(1);
        retried = mapper.readTree(
                as("admin").postForObject("/api/admin/parked/fleet/" + poisoned + "/retry", null, String.class));
        assertThat(retried.path("sequencesCleared").asInt()).isEqualTo(1);
        assertThat(parked("fleet", poisoned)).isEmpty();

        assertThat(as("admin")
                        .postForEntity("/api/admin/parked/nothing/retry", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aStoredEventThatCannotBeReadIsParkedNotRetriedForEver() throws Exception {
        String broken = "unreadable-" + UUID.randomUUID().toString().substring(0, 8);
        register(broken);
        // an incident event of the first release whose stored JSON is cut off: it fails while being upcast and read
        storeCopyOfType(
                broken,
                0,
                broken,
                1,
                "org.swisscheese.tracker.api.AiSystemEvent$IncidentOpened",
                "1",
                "{\"systemId\":\"cut off".getBytes(StandardCharsets.UTF_8));
        String after = "after-" + UUID.randomUUID().toString().substring(0, 8);
        register(after);
        deploy(after);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> parked("incident-timeline", broken).size() == 1
                        && parked("operator-board", broken).size() == 1
                        && parked("barrier-statistics", broken).size() == 1);
        assertThat(parked("incident-timeline", broken).get(0).path("cause").asText())
                .isNotBlank();
        // the fleet does not read incident events: it is not held up
        assertThat(parked("fleet", broken)).isEmpty();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status("/api/systems/" + after) == 200
                        && mapper.readTree(as("operator").getForObject("/api/systems/" + after, String.class))
                                .path("lifecycle")
                                .asText()
                                .equals("DEPLOYED"));
    }

    /**
     * The board, the timeline and the statistics write some rows of a batch together as it commits (signs of life,
     * reports, weekly counts): a row the database refuses fails the whole batch, which is then tried again with a
     * savepoint per event, writing at once, so that only the event at fault is parked and the rows of the other
     * systems' reports are kept.
     */
    @Test
    void aReportThePostgresColumnsRefuseIsParkedAloneAndTheBatchsOtherRowsAreKept() throws Exception {
        String template = "held-" + UUID.randomUUID().toString().substring(0, 8);
        register(template);
        deploy(template);
        produce(template, "output-filter");
        long breached = await().atMost(Duration.ofSeconds(30))
                .until(() -> storedSequenceOf(template, "BarrierBreached"), sequence -> sequence >= 0);
        long opened = storedSequenceOf(template, "IncidentOpened");

        String[] ids = twoIdsInOneSegment("refused");
        String poisoned = ids[0];
        String healthy = ids[1];
        register(healthy);
        deploy(healthy);
        ObjectNode registered = (ObjectNode) mapper.readTree(storedPayload(template, 0));
        registered.put("systemId", poisoned);
        storeCopy(template, 0, poisoned, 0, null, mapper.writeValueAsBytes(registered));
        ObjectNode incident = (ObjectNode) mapper.readTree(storedPayload(template, opened));
        incident.put("systemId", poisoned).put("incidentId", poisoned + ".1");
        storeCopy(template, opened, poisoned, 1, null, mapper.writeValueAsBytes(incident));
        ObjectNode report = (ObjectNode) mapper.readTree(storedPayload(template, breached));
        report.put("systemId", poisoned).put("incidentId", poisoned + ".1");
        ((ObjectNode) report.path("report")).put("barrierId", "output\u0000filter");
        storeCopy(template, breached, poisoned, 2, null, mapper.writeValueAsBytes(report));
        produce(healthy, "output-filter");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> parked("operator-board", poisoned).size() == 1
                        && parked("incident-timeline", poisoned).size() == 1
                        && parked("barrier-statistics", poisoned).size() == 1);
        for (String readModel : List.of("operator-board", "incident-timeline", "barrier-statistics")) {
            JsonNode parked = parked(readModel, poisoned).get(0);
            assertThat(parked.path("eventType").asText()).as(readModel).isEqualTo("BarrierBreached");
            assertThat(parked.path("cause").asText()).as(readModel).contains("0x00");
        }
        // the healthy system's report is on its incident's timeline, and its barrier was heard from
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        mapper.readTree(as("analyst").getForObject("/api/incidents?systemId=" + healthy, String.class))
                                        .path("items")
                                        .path(0)
                                        .path("reportCount")
                                        .asInt()
                                == 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM board_barrier_heard WHERE system_id = ?")
                        .param(healthy)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM board_barrier_heard WHERE system_id = ?")
                        .param(poisoned)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** A breach of {@code barrier} of the system, over Kafka as production sends it: an incident opens. */
    private void produce(String system, String barrier) throws Exception {
        Instant now = Instant.now();
        Report report = new Report(
                UUID.randomUUID().toString(),
                ReportType.BREACHED,
                barrier,
                null,
                now,
                now,
                "/parked",
                null,
                Map.of(),
                null,
                null,
                null);
        kafka.send("tracker.barrier-events", system, BarrierEventFormat.toBytes(mapper, SystemId.of(system), report))
                .get();
    }

    /** The sequence number of the system's first stored event of this type, or -1. */
    private long storedSequenceOf(String system, String eventType) {
        return jdbc.sql("""
                        SELECT COALESCE(MIN(sequencenumber), -1) FROM domainevententry
                        WHERE aggregateidentifier = ? AND payloadtype LIKE ?""")
                .param(system)
                .param("%$" + eventType)
                .query(Long.class)
                .single();
    }
}
