package org.swisscheese.tracker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.ReportType;

class BarrierEventFormatTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final BarrierEventFormat format = new BarrierEventFormat(mapper, 2048);
    private final Instant received = Instant.parse("2026-11-01T10:15:31Z");

    private byte[] golden() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/contract/breached-v1.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theFirstPublishedShapeOfABreachStillParses() throws Exception {
        BarrierEventFormat.Parsed parsed = format.fromKafka("support-llm-eu", null, golden(), received);
        Report report = parsed.report();
        assertThat(parsed.systemId().value()).isEqualTo("support-llm-eu");
        assertThat(report.type()).isEqualTo(ReportType.BREACHED);
        assertThat(report.barrierId()).isEqualTo("output-filter");
        assertThat(report.chainId()).isEqualTo("chat-8812");
        assertThat(report.occurredAt()).isEqualTo(Instant.parse("2026-11-01T10:15:30Z"));
        assertThat(report.receivedAt()).isEqualTo(received);
        assertThat(report.attributes()).containsEntry("model", "v7");
    }

    @Test
    void whatTheTrackerWritesItReadsBack() throws Exception {
        Report report = format.fromKafka(null, null, golden(), received).report();
        byte[] written =
                BarrierEventFormat.toBytes(mapper, org.swisscheese.tracker.api.SystemId.of("support-llm-eu"), report);
        assertThat(format.fromKafka(null, null, written, received).report()).isEqualTo(report);
    }

    @Test
    void aProofTestIsMarkedInDataAndWrittenBackTheSameWay() throws Exception {
        ObjectNode event = (ObjectNode) mapper.readTree(golden());
        ((ObjectNode) event.get("data")).put("test", true);
        Report drill = format.fromJson(event, received).report();
        assertThat(drill.test()).isTrue();
        assertThat(format.fromJson(
                                BarrierEventFormat.toJson(
                                        mapper, org.swisscheese.tracker.api.SystemId.of("support-llm-eu"), drill),
                                received)
                        .report()
                        .test())
                .isTrue();
        assertThat(format.fromKafka(null, null, golden(), received).report().test())
                .isFalse();
    }

    @Test
    void aTestFlagThatIsNotABooleanIsRefusedByTheSchema() throws Exception {
        ObjectNode event = (ObjectNode) mapper.readTree(golden());
        ((ObjectNode) event.get("data")).put("test", "yes");
        assertThatThrownBy(() -> format.fromJson(event, received)).hasMessageContaining("data.test");
    }

    @Test
    void unknownPropertiesAreIgnoredSoProducersCanAddFields() throws Exception {
        ObjectNode event = (ObjectNode) mapper.readTree(golden());
        event.put("traceparent", "00-abc-def-01");
        ((ObjectNode) event.get("data")).put("confidence", 0.4);
        assertThat(format.fromJson(event, received).report().barrierId()).isEqualTo("output-filter");
    }

    @Test
    void anAnomalyWithoutAScoreIsRefusedByTheSchema() throws Exception {
        ObjectNode event = (ObjectNode) mapper.readTree(golden());
        event.put("type", "ai.anomaly.detected");
        assertThatThrownBy(() -> format.fromJson(event, received))
                .isInstanceOf(InvalidBarrierEvent.class)
                .hasMessage("does not match the barrier-event schema: data: required property 'score' not found; "
                        + "data: required property 'threshold' not found")
                .extracting(e -> ((InvalidBarrierEvent) e).kind())
                .isEqualTo(InvalidBarrierEvent.Kind.SCHEMA);
    }

    @Test
    void anUnknownTypeIsRefused() throws Exception {
        ObjectNode event = (ObjectNode) mapper.readTree(golden());
        event.put("type", "ai.barrier.exploded");
        assertThatThrownBy(() -> format.fromJson(event, received)).isInstanceOf(InvalidBarrierEvent.class);
    }

    @Test
    void aTimeThatIsNotRfc3339IsRefused() throws Exception {
        ObjectNode event = (ObjectNode) mapper.readTree(golden());
        event.put("time", "yesterday");
        assertThatThrownBy(() -> format.fromJson(event, received))
                .isInstanceOf(InvalidBarrierEvent.class)
                .hasMessageContaining("time");
    }

    @Test
    void aKeyNamingAnotherSystemIsRefused() {
        assertThatThrownBy(() -> format.fromKafka("other-system", null, golden(), received))
                .isInstanceOf(InvalidBarrierEvent.class)
                .hasMessageContaining("different systems");
    }

    @Test
    void anOversizeEventIsRefusedBeforeParsing() {
        byte[] big = ("{\"pad\":\"" + "x".repeat(4096) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> format.fromKafka(null, null, big, received))
                .isInstanceOf(InvalidBarrierEvent.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void textThatIsNotJsonIsRefusedAsMalformed() {
        assertThatThrownBy(() -> format.fromKafka(null, null, "hello".getBytes(StandardCharsets.UTF_8), received))
                .isInstanceOf(InvalidBarrierEvent.class)
                .hasMessageStartingWith("not JSON");
    }

    private byte[] contract(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/contract/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aRolloutParsesWithWhatItChangedAndIsWrittenBackTheSameWay() throws Exception {
        BarrierEventFormat.Parsed parsed =
                format.fromKafka("support-llm-eu", null, contract("system-changed-v1.json"), received);
        Report report = parsed.report();
        assertThat(report.type()).isEqualTo(ReportType.SYSTEM_CHANGED);
        assertThat(report.barrierId()).isNull();
        assertThat(report.change())
                .isEqualTo(new org.swisscheese.tracker.api.SystemChange(
                        org.swisscheese.tracker.domain.SystemChangeKind.MODEL, "v8"));
        assertThat(report.detail()).isEqualTo("new weights, fine-tuned on the October conversations");
        assertThat(report.source()).isEqualTo("/deploy/pipeline");
        byte[] written = BarrierEventFormat.toBytes(mapper, parsed.systemId(), report);
        assertThat(format.fromKafka(null, null, written, received).report()).isEqualTo(report);
    }

    @Test
    void aRolloutNeedsAKnownKind() throws Exception {
        ObjectNode event = (ObjectNode) mapper.readTree(contract("system-changed-v1.json"));
        ((ObjectNode) event.get("data")).put("kind", "WEIGHTS");
        assertThatThrownBy(() -> format.fromJson(event, received))
                .isInstanceOf(InvalidBarrierEvent.class)
                .hasMessageContaining("data.kind");
        ((ObjectNode) event.get("data")).remove("kind");
        assertThatThrownBy(() -> format.fromJson(event, received))
                .isInstanceOf(InvalidBarrierEvent.class)
                .hasMessageContaining("kind");
    }

    @Test
    void aHeartbeatParsesAndNeedsItsBarrier() throws Exception {
        Report report = format.fromKafka(null, null, contract("heartbeat-v1.json"), received)
                .report();
        assertThat(report.type()).isEqualTo(ReportType.HEARTBEAT);
        assertThat(report.barrierId()).isEqualTo("output-filter");
        assertThat(report.type().isDemand()).isFalse();
        ObjectNode event = (ObjectNode) mapper.readTree(contract("heartbeat-v1.json"));
        ((ObjectNode) event.get("data")).remove("barrierId");
        assertThatThrownBy(() -> format.fromJson(event, received))
                .isInstanceOf(InvalidBarrierEvent.class)
                .hasMessageContaining("barrierId");
    }
}
