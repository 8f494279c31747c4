package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.ingest.BarrierEventFormat;
import org.swisscheese.tracker.ingest.DeadLetters;

/**
 * What the ingest promises, checked end to end over a real broker and a real database: Kafka → system aggregate
 * → event store → projection → HTTP API. Subclasses say which broker and which database.
 */
abstract class IngestContract {

    @Autowired
    TestRestTemplate http;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    SystemId system;

    @BeforeEach
    void registerASystem() {
        system = SystemId.of("sys-" + UUID.randomUUID().toString().substring(0, 8));
        ResponseEntity<String> created = as("admin")
                .postForEntity(
                        "/api/systems",
                        json(Map.of(
                                "id",
                                system.value(),
                                "name",
                                "Test LLM",
                                "kind",
                                "LANGUAGE_MODEL",
                                "owner",
                                "tests",
                                "template",
                                "LANGUAGE_MODEL")),
                        String.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "tracker");
    }

    HttpEntity<String> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        try {
            return new HttpEntity<>(mapper.writeValueAsString(body), headers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Report report(ReportType type, String barrierId, String chainId) {
        Instant now = Instant.now();
        return new Report(
                UUID.randomUUID().toString(),
                type,
                barrierId,
                chainId,
                now,
                now,
                "/it",
                "from a test",
                Map.of(),
                null,
                null,
                null);
    }

    void produce(String key, byte[] value, Header... headers) throws Exception {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>("tracker.barrier-events", null, key, value, List.of(headers));
        kafka.send(record).get();
    }

    void produce(Report report) throws Exception {
        produce(system.value(), BarrierEventFormat.toBytes(mapper, system, report));
    }

    long storedEvents(String eventType) {
        return jdbc.sql("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?")
                .param(system.value())
                .param("%" + eventType)
                .query(Long.class)
                .single();
    }

    JsonNode incidents() throws Exception {
        String body = as("analyst").getForObject("/api/incidents?systemId=" + system.value(), String.class);
        return mapper.readTree(body);
    }

    @Test
    void aValidRecordBecomesAStoredEventAndAnIncidentInTheApi() throws Exception {
        produce(report(ReportType.BREACHED, "output-filter", "chat-1"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> incidents().path("total").asInt() == 1);
        assertThat(storedEvents("BarrierBreached")).isEqualTo(1);
        JsonNode incident = incidents().path("items").get(0);
        assertThat(incident.path("breachedBarriers").get(0).asText()).isEqualTo("output-filter");
        assertThat(incident.path("status").asText()).isEqualTo("OPEN");
        JsonNode timeline = mapper.readTree(as("analyst")
                .getForObject("/api/incidents/" + incident.path("id").asText() + "/timeline", String.class));
        assertThat(timeline.path("steps")).hasSize(1);
        assertThat(timeline.path("steps").get(0).path("after").path("breachedBarriers"))
                .hasSize(1);
    }

    @Test
    void aRedeliveredRecordChangesNothing() throws Exception {
        Report breach = report(ReportType.BREACHED, "output-filter", "chat-2");
        produce(breach);
        produce(breach);
        Report marker = report(ReportType.TRIPPED, "deployment-gate", null);
        produce(marker);

        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents("BarrierTripped") == 1);
        assertThat(storedEvents("BarrierBreached")).isEqualTo(1);
        assertThat(storedEvents("IncidentOpened")).isEqualTo(1);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicWithItsReasonAndTheNextValidRecordIsStillApplied() throws Exception {
        produce(system.value(), "{not json".getBytes(StandardCharsets.UTF_8));
        Report missingBarrier = report(ReportType.BREACHED, null, null);
        produce(system.value(), BarrierEventFormat.toBytes(mapper, system, missingBarrier));
        produce(report(ReportType.BREACHED, "no-such-barrier", null));
        produce(report(ReportType.BREACHED, "output-filter", "chat-3"));

        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents("BarrierBreached") == 1);
        Map<String, String> reasons = deadLetterReasons(system.value(), 3);
        assertThat(reasons.values()).anySatisfy(r -> assertThat(r).startsWith("MALFORMED: not JSON"));
        assertThat(reasons.values())
                .anySatisfy(r -> assertThat(r).startsWith("SCHEMA: ").contains("barrierId"));
        assertThat(reasons.values())
                .anySatisfy(r ->
                        assertThat(r).isEqualTo("REJECTED: system '" + system + "' has no barrier 'no-such-barrier'"));
    }

    @Test
    void aRecordForAnUnregisteredSystemIsDeadLettered() throws Exception {
        SystemId stranger =
                SystemId.of("unregistered-" + UUID.randomUUID().toString().substring(0, 6));
        produce(stranger.value(), BarrierEventFormat.toBytes(mapper, stranger, report(ReportType.TRIPPED, "x", null)));
        Map<String, String> reasons = deadLetterReasons(stranger.value(), 1);
        assertThat(reasons.values()).containsExactly("NOT_REGISTERED: system '" + stranger + "' is not registered");
    }

    @Test
    void anIncidentThatGoesQuietPastItsWindowResolvesItselfThroughTheStoredDeadline() throws Exception {
        SystemId quick = SystemId.of("quiet-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(as("admin")
                        .postForEntity(
                                "/api/systems",
                                json(Map.of(
                                        "id",
                                        quick.value(),
                                        "kind",
                                        "LANGUAGE_MODEL",
                                        "template",
                                        "LANGUAGE_MODEL",
                                        "correlationWindow",
                                        "PT2S")),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        // past the deployment gate, nothing holds it yet: UNDETERMINED, which closes by itself once quiet
        produce(
                quick.value(),
                BarrierEventFormat.toBytes(mapper, quick, report(ReportType.BREACHED, "deployment-gate", "q-1")));

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode page = mapper.readTree(
                    as("analyst").getForObject("/api/incidents?systemId=" + quick.value(), String.class));
            return page.path("items").size() == 1
                    && page.path("items").get(0).path("status").asText().equals("RESOLVED");
        });
        JsonNode incident =
                mapper.readTree(as("analyst").getForObject("/api/incidents/" + quick.value() + ".1", String.class));
        assertThat(incident.path("resolvedQuietly").asBoolean()).isTrue();
        assertThat(incident.path("outcome").asText()).isEqualTo("UNDETERMINED");
    }

    @Test
    void aRecordRejectedBecauseItsSystemWasNotRegisteredYetCanBeRedrivenOnceItIs() throws Exception {
        SystemId late = SystemId.of("late-" + UUID.randomUUID().toString().substring(0, 8));
        produce(
                late.value(),
                BarrierEventFormat.toBytes(mapper, late, report(ReportType.BREACHED, "anomaly-monitor", "late-1")));
        JsonNode letter = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            for (JsonNode l : mapper.readTree(
                                            as("operator").getForObject("/api/dead-letters?size=500", String.class))
                                    .path("items")) {
                                if (late.value().equals(l.path("key").asText())) {
                                    return l;
                                }
                            }
                            return null;
                        },
                        java.util.Objects::nonNull);
        assertThat(letter.path("kind").asText()).isEqualTo("NOT_REGISTERED");
        assertThat(letter.path("reason").asText()).contains("is not registered");
        assertThat(letter.path("originalTopic").asText()).isEqualTo("tracker.barrier-events");
        assertThat(as("operator")
                        .postForEntity(
                                "/api/dead-letters/" + letter.path("id").asText() + "/redrive", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(as("admin")
                        .postForEntity(
                                "/api/systems",
                                json(Map.of("id", late.value(), "kind", "OTHER", "template", "OTHER")),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(as("admin")
                        .postForEntity(
                                "/api/dead-letters/" + letter.path("id").asText() + "/redrive", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mapper.readTree(as("analyst")
                                        .getForObject("/api/incidents?systemId=" + late.value(), String.class))
                                .path("total")
                                .asInt()
                        == 1);
    }

    @Test
    void aRefusedLifecycleTransitionIsAConflictThatSaysWhy() throws Exception {
        ResponseEntity<String> refused =
                as("operator").postForEntity("/api/systems/" + system + "/suspend", null, String.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(mapper.readTree(refused.getBody()).path("detail").asText())
                .contains("is REGISTERED and cannot become SUSPENDED");
        assertThat(as("operator")
                        .postForEntity("/api/systems/" + system + "/deploy", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(as("analyst")
                        .postForEntity("/api/systems/" + system + "/suspend", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("operator")
                        .postForEntity("/api/systems/no-such-system/deploy", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(as("admin")
                        .postForEntity(
                                "/api/systems",
                                json(Map.of("id", system.value(), "kind", "OTHER", "template", "OTHER")),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(as("admin")
                        .postForEntity(
                                "/api/systems",
                                json(Map.of("id", "Not Valid", "kind", "OTHER", "template", "OTHER")),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aBinaryModeCloudEventIsAcceptedToo() throws Exception {
        String data = "{\"barrierId\":\"output-filter\",\"chainId\":\"bin-1\"}";
        produce(
                system.value(),
                data.getBytes(StandardCharsets.UTF_8),
                header("ce_specversion", "1.0"),
                header("ce_id", UUID.randomUUID().toString()),
                header("ce_source", "/it/binary"),
                header("ce_type", "ai.barrier.breached"),
                header("ce_subject", system.value()),
                header("ce_time", Instant.now().toString()),
                header("content-type", "application/json"));
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents("BarrierBreached") == 1);
    }

    @Test
    void eventsCanBeIngestedOverHttpAndBadOnesAreRefusedWithTheirReason() throws Exception {
        double countedBefore = meters.get("tracker.ingest.reports")
                .tag("result", "recorded")
                .counter()
                .count();
        byte[] good = BarrierEventFormat.toBytes(mapper, system, report(ReportType.TRIPPED, "deployment-gate", null));
        String batch = "[" + new String(good, StandardCharsets.UTF_8) + ",{\"specversion\":\"1.0\"}]";
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> accepted =
                as("ingest").exchange("/api/ingest", HttpMethod.POST, new HttpEntity<>(batch, headers), String.class);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode body = mapper.readTree(accepted.getBody());
        assertThat(body.path("recorded").asInt()).isEqualTo(1);
        assertThat(meters.get("tracker.ingest.reports")
                        .tag("result", "recorded")
                        .counter()
                        .count())
                .isEqualTo(countedBefore + 1);
        assertThat(body.path("rejected").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(body.path("rejected").get(0).path("reason").asText()).contains("required property");

        ResponseEntity<String> refused = as("ingest")
                .exchange(
                        "/api/ingest",
                        HttpMethod.POST,
                        new HttpEntity<>("{\"specversion\":\"1.0\"}", headers),
                        String.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);

        ResponseEntity<String> forbidden =
                as("manager").exchange("/api/ingest", HttpMethod.POST, new HttpEntity<>(batch, headers), String.class);
        assertThat(forbidden.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aReportTheStoreAlreadyHoldsIsADuplicateWhateverTheSystemRemembers() throws Exception {
        // as if this report had been recorded long ago, beyond the window of identities the system keeps in memory
        Report old = report(ReportType.BREACHED, "output-filter", "old-1");
        jdbc.sql("INSERT INTO recorded_report (system_id, source, report_id) VALUES (?, ?, ?)")
                .param(system.value())
                .param(old.source())
                .param(old.reportId())
                .update();
        produce(old);
        Report marker = report(ReportType.TRIPPED, "deployment-gate", null);
        produce(marker);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents("BarrierTripped") == 1);
        assertThat(storedEvents("BarrierBreached")).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM recorded_report WHERE system_id = ? AND report_id = ?")
                        .param(system.value())
                        .param(marker.reportId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aReportFromAClockFarAheadIsDeadLetteredWithTheReason() throws Exception {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        produce(new Report(
                UUID.randomUUID().toString(),
                ReportType.BREACHED,
                "output-filter",
                null,
                tomorrow,
                tomorrow,
                "/it/skewed",
                null,
                Map.of(),
                null,
                null,
                null));
        assertThat(deadLetterReasons(system.value(), 1).values())
                .singleElement()
                .satisfies(r -> assertThat(r).startsWith("CLOCK_SKEW: ").contains("ahead of the tracker's clock"));
    }

    @Test
    void eventsRefusedOverHttpAreKeptAndListedLikeDeadLettersFromKafka() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        byte[] unknownBarrier =
                BarrierEventFormat.toBytes(mapper, system, report(ReportType.BREACHED, "no-such-barrier", null));
        assertThat(as("ingest")
                        .exchange(
                                "/api/ingest", HttpMethod.POST, new HttpEntity<>(unknownBarrier, headers), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        JsonNode letter = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            for (JsonNode l : mapper.readTree(
                                            as("operator").getForObject("/api/dead-letters?size=500", String.class))
                                    .path("items")) {
                                if (system.value().equals(l.path("key").asText())) {
                                    return l;
                                }
                            }
                            return null;
                        },
                        java.util.Objects::nonNull);
        assertThat(letter.path("kind").asText()).isEqualTo("REJECTED");
        assertThat(letter.path("originalTopic").asText()).isEqualTo("http:ingest");

        assertThat(as("ingest")
                        .exchange("/api/ingest", HttpMethod.POST, new HttpEntity<>("[]", headers), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        String huge = "[" + ("{\"x\":\"" + "a".repeat(1024) + "\"},").repeat(5000) + "{}]";
        assertThat(as("ingest")
                        .exchange("/api/ingest", HttpMethod.POST, new HttpEntity<>(huge, headers), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void namesAndTextsAreBoundedAtTheEdge() throws Exception {
        ResponseEntity<String> nul = as("admin")
                .postForEntity(
                        "/api/systems",
                        json(Map.of(
                                "id",
                                "nul-" + UUID.randomUUID().toString().substring(0, 6),
                                "name",
                                "evil\u0000name",
                                "kind",
                                "OTHER",
                                "template",
                                "OTHER")),
                        String.class);
        assertThat(nul.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(mapper.readTree(nul.getBody()).path("detail").asText()).contains("control character");
        ResponseEntity<String> long_ = as("admin")
                .postForEntity(
                        "/api/systems",
                        json(Map.of(
                                "id",
                                "long-" + UUID.randomUUID().toString().substring(0, 6),
                                "name",
                                "x".repeat(1_000_000),
                                "kind",
                                "OTHER",
                                "template",
                                "OTHER")),
                        String.class);
        assertThat(long_.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(as("analyst")
                        .getForEntity("/api/incidents?page=-1", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(as("analyst")
                        .getForEntity("/api/incidents?size=0", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the dead-letter topic until {@code expected} letters with this key arrived: kind and reason of each. */
    Map<String, String> deadLetterReasons(String key, int expected) {
        Map<String, String> reasons = new java.util.LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = ContextBroker.readFromStart(kafkaAdmin)) {
            consumer.subscribe(List.of("tracker.barrier-events-dlt"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reasons.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        assertThat(r.headers().lastHeader("kafka_dlt-original-topic"))
                                .isNotNull();
                        assertThat(r.headers().lastHeader("kafka_dlt-original-offset"))
                                .isNotNull();
                        reasons.put(
                                r.topic() + r.partition() + "@" + r.offset(),
                                text(r, DeadLetters.KIND_HEADER) + ": " + text(r, DeadLetters.REASON_HEADER));
                    }
                }
            }
        }
        assertThat(reasons).hasSize(expected);
        return reasons;
    }

    private static String text(ConsumerRecord<?, ?> record, String header) {
        Header h = record.headers().lastHeader(header);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
