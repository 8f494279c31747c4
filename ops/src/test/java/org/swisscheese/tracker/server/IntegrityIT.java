package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.Templates;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/** Tamper evidence over the real PostgreSQL and broker: each system's stream is a hash chain, its head published. */
class IntegrityIT extends RealBrokerAndDatabase {

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Test
    void aPayloadAlteredInTheDatabaseBreaksTheChainAtItsSequence() throws Exception {
        SystemId system = register();
        ingest(
                system,
                report(ReportType.BREACHED, "deployment-gate", "c1", 0),
                report(ReportType.TRIPPED, "output-filter", "c1", 1),
                report(ReportType.DEGRADED, "interlock", null, 2));

        JsonNode intact = integrity("analyst", system);
        long events = jdbc.sql("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(system.value())
                .query(Long.class)
                .single();
        assertThat(intact.path("intact").asBoolean()).as(intact.toString()).isTrue();
        assertThat(intact.path("events").asLong()).isEqualTo(events).isGreaterThan(3);
        assertThat(intact.path("verifiedFrom").asLong()).isZero();
        assertThat(intact.path("head").path("sequence").asLong()).isEqualTo(events - 1);
        assertThat(intact.path("head").path("hash").asText()).isEqualTo(storedHash(system, events - 1));
        assertThat(intact.has("firstBrokenSequence")).isTrue();
        assertThat(intact.path("firstBrokenSequence").isNull()).isTrue();
        assertThat(intact.path("coverage").asText()).isEqualTo("the chain covers every event");

        // someone with write access to the database blames another barrier for the breach
        long breach = jdbc.sql("SELECT sequencenumber FROM domainevententry WHERE aggregateidentifier = ?"
                        + " AND payloadtype = ?")
                .param(system.value())
                .param(BarrierBreached.class.getName())
                .query(Long.class)
                .single();
        String payload = new String(
                jdbc.sql("SELECT payload FROM domainevententry WHERE aggregateidentifier = ?"
                                + " AND sequencenumber = ?")
                        .param(system.value())
                        .param(breach)
                        .query(byte[].class)
                        .single(),
                StandardCharsets.UTF_8);
        assertThat(payload).contains("\"barrierId\":\"deployment-gate\"");
        storePayload(
                system,
                breach,
                payload.replace("\"barrierId\":\"deployment-gate\"", "\"barrierId\":\"output-filter\""));
        try {
            JsonNode broken = integrity("manager", system);
            assertThat(broken.path("intact").asBoolean()).isFalse();
            assertThat(broken.path("firstBrokenSequence").asLong()).isEqualTo(breach);
            assertThat(broken.path("reason").asText()).contains("payload");
            assertThat(broken.path("events").asLong()).isEqualTo(events);
        } finally {
            // the schema is shared with other tests, some of which replay every stream
            storePayload(system, breach, payload);
        }
        assertThat(integrity("manager", system).path("intact").asBoolean()).isTrue();
    }

    private void storePayload(SystemId system, long sequence, String payload) {
        assertThat(jdbc.sql("UPDATE domainevententry SET payload = ? WHERE aggregateidentifier = ?"
                                + " AND sequencenumber = ?")
                        .param(payload.getBytes(StandardCharsets.UTF_8))
                        .param(system.value())
                        .param(sequence)
                        .update())
                .isEqualTo(1);
    }

    @Test
    void theHeadsOfTheSystemsThatChangedArePublishedForAnOutsideCopy() throws Exception {
        SystemId system = register();
        ingest(system, report(ReportType.TRIPPED, "output-filter", null, 0));

        JsonNode published = publish(false);
        JsonNode head = integrity("operator", system).path("head");
        assertThat(headOf(published, system)).as(published.toString()).isEqualTo(head);
        assertThat(published.path("topic").asText()).isEqualTo("tracker.integrity");
        // nothing changed since: not published again
        assertThat(headOf(publish(false), system)).isNull();

        ingest(system, report(ReportType.BREACHED, "output-filter", null, 1));
        JsonNode newHead = integrity("operator", system).path("head");
        assertThat(newHead.path("sequence").asLong())
                .isGreaterThan(head.path("sequence").asLong());
        assertThat(headOf(publish(false), system)).isEqualTo(newHead);
        assertThat(headOf(publish(true), system)).isEqualTo(newHead);

        List<JsonNode> onTheTopic = readIntegrityTopic(system, 3);
        assertThat(onTheTopic).hasSize(3);
        assertThat(onTheTopic.get(0).path("systemId").asText()).isEqualTo(system.value());
        assertThat(onTheTopic.get(0).path("sequence")).isEqualTo(head.path("sequence"));
        assertThat(onTheTopic.get(0).path("hash")).isEqualTo(head.path("hash"));
        assertThat(Instant.parse(onTheTopic.get(0).path("publishedAt").asText()))
                .isBefore(Instant.now());
        assertThat(onTheTopic.get(2).path("hash")).isEqualTo(newHead.path("hash"));
    }

    /**
     * A system whose first event was stored before hash chaining (written here straight into the table, without
     * chain metadata): the next events are chained from the genesis value on, after reading that stored event.
     */
    @Test
    void eventsStoredBeforeHashChainingAreNotCoveredAndTheAnswerSaysSo() throws Exception {
        SystemId system = SystemId.of("legacy-" + UUID.randomUUID().toString().substring(0, 8));
        SystemRegistered registered = new SystemRegistered(
                system,
                "Old",
                SystemKind.OTHER,
                "it",
                Duration.ofMinutes(15),
                RiskProfile.UNKNOWN,
                RiskProfile.UNKNOWN.riskClass(),
                Templates.forKind(SystemKind.OTHER),
                SystemKind.OTHER);
        SerializedObject<byte[]> payload = eventSerializer.serialize(registered, byte[].class);
        jdbc.sql("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,"
                        + " payload, payloadrevision, payloadtype, timestamp)"
                        + " VALUES (?, 0, 'AiSystem', ?, ?, ?, '1', ?, ?)")
                .params(
                        system.value(),
                        UUID.randomUUID().toString(),
                        eventSerializer
                                .serialize(MetaData.with("user", "admin"), byte[].class)
                                .getData(),
                        payload.getData(),
                        payload.getType().getName(),
                        DateTimeUtils.formatInstant(Instant.now()))
                .update();

        ingest(system, report(ReportType.DEGRADED, "off-switch", null, 0));

        JsonNode integrity = integrity("admin", system);
        assertThat(integrity.path("intact").asBoolean())
                .as(integrity.toString())
                .isTrue();
        assertThat(integrity.path("verifiedFrom").asLong()).isEqualTo(1);
        assertThat(integrity.path("coverage").asText())
                .contains("from sequence 1 on")
                .contains("not covered");
        assertThat(jdbc.sql("SELECT metadata FROM domainevententry WHERE aggregateidentifier = ?"
                                + " AND sequencenumber = 1")
                        .param(system.value())
                        .query(byte[].class)
                        .single())
                .asString(StandardCharsets.UTF_8)
                .contains("\"previousHash\":\"" + "0".repeat(64) + "\"");
    }

    @Test
    void anUnknownSystemIsNotFoundAndOnlyPeopleReadTheChain() {
        assertThat(as("analyst")
                        .getForEntity("/api/systems/never-registered/integrity", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        SystemId system = register();
        assertThat(as("ingest")
                        .getForEntity("/api/systems/" + system + "/integrity", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("operator")
                        .postForEntity("/api/admin/integrity/publish", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    private SystemId register() {
        SystemId id = SystemId.of("hc-" + UUID.randomUUID().toString().substring(0, 8));
        String body = "{\"id\":\"" + id + "\",\"kind\":\"LANGUAGE_MODEL\",\"template\":\"LANGUAGE_MODEL\"}";
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
                UUID.randomUUID().toString(),
                type,
                barrier,
                chain,
                at,
                at,
                "/it",
                null,
                Map.of("model", "v7", "region", "eu", "build", 42),
                null,
                null,
                null);
    }

    private JsonNode integrity(String user, SystemId system) throws Exception {
        ResponseEntity<String> response = as(user).getForEntity("/api/systems/" + system + "/integrity", String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return mapper.readTree(response.getBody());
    }

    private JsonNode publish(boolean all) throws Exception {
        ResponseEntity<String> response =
                as("admin").postForEntity("/api/admin/integrity/publish?all=" + all, null, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return mapper.readTree(response.getBody());
    }

    /** The published head of {@code system} as {sequence, hash}, or null if it was not published. */
    private JsonNode headOf(JsonNode publication, SystemId system) {
        for (JsonNode head : publication.path("heads")) {
            if (head.path("systemId").asText().equals(system.value())) {
                ObjectNode found = mapper.createObjectNode();
                found.set("sequence", head.path("sequence"));
                found.set("hash", head.path("hash"));
                return found;
            }
        }
        return null;
    }

    private String storedHash(SystemId system, long sequence) throws Exception {
        byte[] metaData = jdbc.sql("SELECT metadata FROM domainevententry WHERE aggregateidentifier = ?"
                        + " AND sequencenumber = ?")
                .param(system.value())
                .param(sequence)
                .query(byte[].class)
                .single();
        return mapper.readTree(metaData).path("hash").asText();
    }

    private List<JsonNode> readIntegrityTopic(SystemId system, int expected) throws Exception {
        List<JsonNode> heads = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = ContextBroker.readFromStart(kafkaAdmin)) {
            consumer.subscribe(List.of("tracker.integrity"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (heads.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (system.value().equals(r.key())) {
                        heads.add(mapper.readTree(r.value()));
                    }
                }
            }
        }
        return heads;
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "tracker");
    }

    private static HttpEntity<String> entity(String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(json, headers);
    }
}
