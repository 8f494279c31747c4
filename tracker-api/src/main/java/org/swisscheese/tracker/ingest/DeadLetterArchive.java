package org.swisscheese.tracker.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Makes the dead-letter topic visible and actionable: every dead letter is read back into a table (its own consumer
 * group), listed with its reason, and can be sent again to the ingest topic once the cause is fixed (for example
 * the system was registered late). A re-driven record that still fails comes back as a new dead letter.
 */
@RestController
@Tag(name = "dead letters")
public class DeadLetterArchive {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper mapper;
    private final IngestProperties properties;

    public DeadLetterArchive(
            JdbcClient jdbc,
            KafkaTemplate<String, byte[]> rawKafkaTemplate,
            ObjectMapper mapper,
            IngestProperties properties) {
        this.jdbc = jdbc;
        this.kafka = rawKafkaTemplate;
        this.mapper = mapper;
        this.properties = properties;
    }

    @KafkaListener(
            id = "dead-letter-archive",
            groupId = "${tracker.ingest.group-id:tracker-ingest}-dead-letters",
            topics = "${tracker.ingest.dead-letter-topic:tracker.barrier-events-dlt}",
            containerFactory = "barrierEventsContainerFactory",
            batch = "true",
            autoStartup = "${tracker.ingest.enabled:true}")
    public void archive(List<ConsumerRecord<String, byte[]>> letters) throws JsonProcessingException {
        for (ConsumerRecord<String, byte[]> letter : letters) {
            String id = letter.topic() + "-" + letter.partition() + "-" + letter.offset();
            Map<String, String> ceHeaders = new LinkedHashMap<>();
            for (Header h : letter.headers()) {
                if (h.key().startsWith("ce_") || h.key().equalsIgnoreCase("content-type")) {
                    ceHeaders.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                }
            }
            jdbc.sql("DELETE FROM dead_letter WHERE id = ?").param(id).update();
            jdbc.sql("""
                            INSERT INTO dead_letter (id, original_topic, original_partition, original_offset,
                              record_key, record_value, ce_headers, reason, kind, exception_class, dead_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .param(id)
                    .param(
                            text(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC) != null
                                    ? text(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)
                                    : text(letter, DeadLetters.ORIGIN_HEADER))
                    .param(number(letter, KafkaHeaders.DLT_ORIGINAL_PARTITION, 4))
                    .param(number(letter, KafkaHeaders.DLT_ORIGINAL_OFFSET, 8))
                    .param(letter.key())
                    .param(letter.value())
                    .param(mapper.writeValueAsString(ceHeaders))
                    .param(text(letter, DeadLetters.REASON_HEADER))
                    .param(text(letter, DeadLetters.KIND_HEADER))
                    .param(text(letter, KafkaHeaders.DLT_EXCEPTION_FQCN))
                    .param(Instant.ofEpochMilli(letter.timestamp()).atOffset(ZoneOffset.UTC))
                    .update();
        }
    }

    public record DeadLetterView(
            String id,
            String originalTopic,
            Integer originalPartition,
            Long originalOffset,
            String key,
            String value,
            String reason,
            String kind,
            String exceptionClass,
            Instant deadAt,
            Instant redrivenAt,
            String redrivenBy) {}

    public record DeadLetterPage(List<DeadLetterView> items, long total) {}

    @Operation(summary = "Rejected input, newest first, with the reason it was rejected")
    @GetMapping("/api/dead-letters")
    public DeadLetterPage list(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        int limit = Math.max(1, Math.min(size, 500));
        long total =
                jdbc.sql("SELECT COUNT(*) FROM dead_letter").query(Long.class).single();
        List<DeadLetterView> items = jdbc.sql(
                        "SELECT * FROM dead_letter ORDER BY dead_at DESC, id DESC" + " LIMIT ? OFFSET ?")
                .param(limit)
                .param((long) Math.max(0, page) * limit)
                .query((rs, n) -> {
                    byte[] value = rs.getBytes("record_value");
                    String text = value == null ? null : new String(value, StandardCharsets.UTF_8);
                    return new DeadLetterView(
                            rs.getString("id"),
                            rs.getString("original_topic"),
                            (Integer) rs.getObject("original_partition", Integer.class),
                            (Long) rs.getObject("original_offset", Long.class),
                            rs.getString("record_key"),
                            text != null && text.length() > 2000 ? text.substring(0, 2000) + "…" : text,
                            rs.getString("reason"),
                            rs.getString("kind"),
                            rs.getString("exception_class"),
                            instant(rs.getObject("dead_at", OffsetDateTime.class)),
                            instant(rs.getObject("redriven_at", OffsetDateTime.class)),
                            rs.getString("redriven_by"));
                })
                .list();
        return new DeadLetterPage(items, total);
    }

    @Operation(summary = "Send a dead letter again to the ingest topic, as it first came")
    @PostMapping("/api/dead-letters/{id}/redrive")
    public ResponseEntity<Map<String, String>> redrive(@PathVariable String id, Authentication who) throws Exception {
        record Letter(String key, byte[] value, String headers) {}
        Letter letter = jdbc.sql("SELECT record_key, record_value, ce_headers FROM dead_letter WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Letter(rs.getString(1), rs.getBytes(2), rs.getString(3)))
                .optional()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no dead letter '" + id + "'"));
        List<Header> headers = new ArrayList<>();
        if (letter.headers() != null) {
            mapper.readValue(letter.headers(), HEADERS)
                    .forEach((k, v) -> headers.add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        }
        kafka.send(new ProducerRecord<>(properties.topic(), null, letter.key(), letter.value(), headers))
                .get(30, TimeUnit.SECONDS);
        jdbc.sql("UPDATE dead_letter SET redriven_at = ?, redriven_by = ? WHERE id = ?")
                .param(OffsetDateTime.now(ZoneOffset.UTC))
                .param(who == null ? null : who.getName())
                .param(id)
                .update();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "sentTo", properties.topic()));
    }

    private static String text(ConsumerRecord<?, ?> record, String header) {
        Header h = record.headers().lastHeader(header);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Number number(ConsumerRecord<?, ?> record, String header, int bytes) {
        Header h = record.headers().lastHeader(header);
        if (h == null || h.value().length != bytes) {
            return null;
        }
        return bytes == 4
                ? ByteBuffer.wrap(h.value()).getInt()
                : ByteBuffer.wrap(h.value()).getLong();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
