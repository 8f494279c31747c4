package org.swisscheese.tracker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemChange;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.SystemChangeKind;
import org.swisscheese.tracker.ingest.InvalidBarrierEvent.Kind;

/**
 * The wire format of barrier events: CloudEvents 1.0 JSON, structured mode, or binary mode with {@code ce_}
 * headers on Kafka. Every event is validated against the published JSON Schema
 * ({@code contract/barrier-event.schema.json}) before it becomes a {@link Report}.
 */
public class BarrierEventFormat {

    public static final String SCHEMA_RESOURCE = "/contract/barrier-event.schema.json";

    private final ObjectMapper mapper;
    private final JsonSchema schema;
    private final EventFormat cloudEventsJson;
    /** A CloudEvent from the JSON tree already read and checked against the schema: not written and parsed again. */
    private final ObjectReader cloudEventFromTree;

    private final int maxEventBytes;
    private final Duration maxClockSkew;
    private final Duration maxReportAge;

    public BarrierEventFormat(ObjectMapper mapper, int maxEventBytes) {
        this(mapper, maxEventBytes, Duration.ofMinutes(5), Duration.ofDays(90));
    }

    /**
     * @param maxClockSkew how far ahead of the tracker's clock a report's time may be (a source clock running fast)
     * @param maxReportAge how long after it happened a report is still taken (late reports land in their place)
     */
    public BarrierEventFormat(ObjectMapper mapper, int maxEventBytes, Duration maxClockSkew, Duration maxReportAge) {
        this.mapper = mapper;
        this.maxEventBytes = maxEventBytes;
        this.maxClockSkew = maxClockSkew;
        this.maxReportAge = maxReportAge;
        this.cloudEventsJson = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        this.cloudEventFromTree = mapper.copy()
                .registerModule(JsonFormat.getCloudEventJacksonModule())
                .readerFor(CloudEvent.class);
        try (InputStream in = BarrierEventFormat.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(
                            in,
                            SchemaValidatorsConfig.builder()
                                    .formatAssertionsEnabled(true)
                                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    public record Parsed(SystemId systemId, Report report) {}

    /** A Kafka record's value and headers; the key, when present, must name the same system as the subject. */
    public Parsed fromKafka(String key, Headers headers, byte[] value, Instant receivedAt) throws InvalidBarrierEvent {
        if (value == null || value.length == 0) {
            throw new InvalidBarrierEvent(Kind.EMPTY, "record has no value");
        }
        checkSize(value.length);
        JsonNode structured;
        if (headers != null && headers.lastHeader("ce_specversion") != null) {
            structured = binaryToStructured(headers, value);
        } else {
            structured = readJson(value);
        }
        Parsed parsed = fromJson(structured, receivedAt);
        if (key != null && !key.equals(parsed.systemId().value())) {
            throw new InvalidBarrierEvent(
                    Kind.KEY_MISMATCH,
                    "record key '" + key + "' and subject '" + parsed.systemId() + "' name different systems");
        }
        return parsed;
    }

    /** One structured-mode event (e.g. an element of an HTTP batch). */
    public Parsed fromJson(JsonNode event, Instant receivedAt) throws InvalidBarrierEvent {
        Set<ValidationMessage> problems = schema.validate(event);
        if (!problems.isEmpty()) {
            throw new InvalidBarrierEvent(
                    Kind.SCHEMA,
                    "does not match the barrier-event schema: "
                            + problems.stream()
                                    .map(BarrierEventFormat::describe)
                                    .sorted()
                                    .collect(Collectors.joining("; ")));
        }
        CloudEvent cloudEvent;
        try {
            cloudEvent = cloudEventFromTree.readValue(event);
        } catch (CloudEventRWException | IOException e) {
            throw new InvalidBarrierEvent(Kind.MALFORMED, "not a CloudEvent: " + e.getMessage());
        }
        Parsed parsed = toReport(cloudEvent, event.get("data"), receivedAt);
        checkTime(parsed.report().occurredAt(), receivedAt);
        return parsed;
    }

    private void checkTime(Instant occurredAt, Instant receivedAt) throws InvalidBarrierEvent {
        if (occurredAt.isAfter(receivedAt.plus(maxClockSkew))) {
            throw new InvalidBarrierEvent(
                    Kind.CLOCK_SKEW,
                    "time " + occurredAt + " is "
                            + Duration.between(receivedAt, occurredAt).withNanos(0) + " ahead of the tracker's clock ("
                            + receivedAt + "); at most " + maxClockSkew + " is taken for a source clock running fast");
        }
        if (occurredAt.isBefore(receivedAt.minus(maxReportAge))) {
            throw new InvalidBarrierEvent(
                    Kind.CLOCK_SKEW,
                    "time " + occurredAt + " is more than " + maxReportAge + " before the tracker's clock ("
                            + receivedAt + "): too old to take, or a source clock far off");
        }
    }

    /** "required property 'time' not found", or "data.score: string found, number expected" below the root. */
    private static String describe(ValidationMessage problem) {
        String message = problem.getMessage();
        String location = problem.getInstanceLocation()
                .toString()
                .replaceFirst("^[$/]\\.?", "")
                .replace('/', '.');
        int colon = message.indexOf(": ");
        String text = colon >= 0 ? message.substring(colon + 2) : message;
        return location.isEmpty() ? text : location + ": " + text;
    }

    public void checkSize(int bytes) throws InvalidBarrierEvent {
        if (bytes > maxEventBytes) {
            throw new InvalidBarrierEvent(
                    Kind.OVERSIZE, "event of " + bytes + " bytes exceeds the limit of " + maxEventBytes + " bytes");
        }
    }

    public JsonNode readJson(byte[] value) throws InvalidBarrierEvent {
        try {
            return mapper.readTree(value);
        } catch (IOException e) {
            throw new InvalidBarrierEvent(Kind.MALFORMED, "not JSON: " + firstLine(e.getMessage()));
        }
    }

    private JsonNode binaryToStructured(Headers headers, byte[] value) throws InvalidBarrierEvent {
        return structured(() -> KafkaMessageFactory.createReader(headers, value));
    }

    /**
     * A CloudEvent in the HTTP binding's binary mode (its attributes in {@code ce-*} headers, its data the body) as
     * the structured event the rest of ingest reads; a request without {@code ce-specversion} is not one.
     */
    public JsonNode fromHttpBinary(Map<String, List<String>> headers, byte[] body) throws InvalidBarrierEvent {
        checkSize(body.length);
        Map<String, List<String>> named = new HashMap<>(); // header names are case-insensitive
        headers.forEach((name, values) -> named.put(name.toLowerCase(Locale.ROOT), values));
        return structured(() -> HttpMessageFactory.createReaderFromMultimap(named, body));
    }

    /** Whether these HTTP headers carry a CloudEvent in binary mode. */
    public static boolean isHttpBinary(Map<String, List<String>> headers) {
        return headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("ce-specversion"));
    }

    private JsonNode structured(Supplier<MessageReader> binary) throws InvalidBarrierEvent {
        try {
            CloudEvent event = binary.get().toEvent();
            return mapper.readTree(cloudEventsJson.serialize(event));
        } catch (CloudEventRWException | IllegalStateException | IOException e) {
            // the SDK's builder refuses a missing required attribute with an IllegalStateException
            throw new InvalidBarrierEvent(Kind.MALFORMED, "not a binary-mode CloudEvent: " + firstLine(e.getMessage()));
        }
    }

    private Parsed toReport(CloudEvent event, JsonNode data, Instant receivedAt) {
        ReportType type = ReportType.fromWire(event.getType()).orElseThrow(); // the schema admitted only known types
        SystemId systemId = SystemId.of(event.getSubject());
        Map<String, Object> attributes =
                data.hasNonNull("attributes") ? mapper.convertValue(data.get("attributes"), MAP) : Map.of();
        boolean change = type == ReportType.SYSTEM_CHANGED;
        Report report = new Report(
                event.getId(),
                type,
                change ? null : text(data, "barrierId"),
                text(data, "chainId"),
                event.getTime().toInstant(),
                receivedAt,
                event.getSource().toString(),
                change ? text(data, "description") : text(data, "detail"),
                attributes,
                number(data, "score"),
                number(data, "threshold"),
                text(data, "consequenceLine"),
                data.path("test").asBoolean(false),
                change ? new SystemChange(SystemChangeKind.valueOf(text(data, "kind")), text(data, "version")) : null);
        return new Parsed(systemId, report);
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Double number(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || !node.isNumber() ? null : node.asDouble();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Writes a report as a structured-mode event: what producers and the simulator send. */
    public static ObjectNode toJson(ObjectMapper mapper, SystemId systemId, Report report) {
        ObjectNode event = mapper.createObjectNode()
                .put("specversion", "1.0")
                .put("id", report.reportId())
                .put("source", report.source() == null ? "/unknown" : report.source())
                .put("type", report.type().wireType())
                .put("subject", systemId.value())
                .put("time", report.occurredAt().toString())
                .put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        if (report.barrierId() != null) {
            data.put("barrierId", report.barrierId());
        }
        if (report.chainId() != null) {
            data.put("chainId", report.chainId());
        }
        if (report.change() != null) {
            data.put("kind", report.change().kind().name());
            if (report.change().version() != null) {
                data.put("version", report.change().version());
            }
        }
        if (report.detail() != null) {
            data.put(report.type() == ReportType.SYSTEM_CHANGED ? "description" : "detail", report.detail());
        }
        if (report.score() != null) {
            data.put("score", report.score());
        }
        if (report.threshold() != null) {
            data.put("threshold", report.threshold());
        }
        if (report.consequenceLine() != null) {
            data.put("consequenceLine", report.consequenceLine());
        }
        if (report.test()) {
            data.put("test", true);
        }
        if (!report.attributes().isEmpty()) {
            data.set("attributes", mapper.valueToTree(report.attributes()));
        }
        return event;
    }

    public static byte[] toBytes(ObjectMapper mapper, SystemId systemId, Report report) {
        return toJson(mapper, systemId, report).toString().getBytes(StandardCharsets.UTF_8);
    }
}
