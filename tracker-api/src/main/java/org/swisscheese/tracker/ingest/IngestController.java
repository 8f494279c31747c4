package org.swisscheese.tracker.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;

/** The same CloudEvents as on Kafka, over HTTP, for producers without Kafka, in all three modes of the HTTP binding. */
@RestController
@Tag(name = "ingest")
public class IngestController {

    private final BarrierEventFormat format;
    private final IngestDispatcher dispatcher;
    private final DeadLetters deadLetters;
    private final IngestProperties properties;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    public IngestController(
            BarrierEventFormat format,
            IngestDispatcher dispatcher,
            DeadLetters deadLetters,
            IngestProperties properties,
            ObjectMapper mapper) {
        this.format = format;
        this.mapper = mapper;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.properties = properties;
    }

    public record Rejected(int index, String id, String reason) {}

    public record IngestResponse(int recorded, List<String> duplicates, List<Rejected> rejected) {}

    @Operation(
            summary = "Ingest barrier events, in each mode of the CloudEvents HTTP binding: structured (one "
                    + "event, application/cloudevents+json), batch (a JSON array, application/cloudevents-batch+json) or binary "
                    + "(the attributes in ce-* headers, the data as an application/json body)")
    @PostMapping(
            path = "/api/ingest",
            consumes = {
                MediaType.APPLICATION_JSON_VALUE,
                "application/cloudevents+json",
                "application/cloudevents-batch+json"
            })
    public ResponseEntity<IngestResponse> ingest(
            @RequestBody JsonNode body, @RequestHeader HttpHeaders headers, Authentication principal)
            throws JsonProcessingException {
        Instant receivedAt = clock.instant();
        List<JsonNode> events = new ArrayList<>();
        if (BarrierEventFormat.isHttpBinary(headers.asMultiValueMap())) {
            try {
                events.add(format.fromHttpBinary(headers.asMultiValueMap(), mapper.writeValueAsBytes(body)));
            } catch (InvalidBarrierEvent invalid) {
                keep(body, principal == null ? "anonymous" : principal.getName(), invalid);
                return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                        .body(new IngestResponse(
                                0,
                                List.of(),
                                List.of(new Rejected(0, headers.getFirst("ce-id"), invalid.getMessage()))));
            }
        } else if (body.isArray()) {
            body.forEach(events::add);
        } else {
            events.add(body);
        }
        if (events.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "an empty batch: send one event or more");
        }
        if (events.size() > properties.maxBatch()) {
            throw new ResponseStatusException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "a batch of " + events.size() + " events; at most " + properties.maxBatch()
                            + " are taken in one request");
        }
        String user = principal == null ? "anonymous" : principal.getName();
        List<Rejected> rejected = new ArrayList<>();
        Map<SystemId, List<Report>> bySystem = new LinkedHashMap<>();
        Map<Report, Integer> indexOf = new IdentityHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            try {
                format.checkSize(event.toString().length());
                BarrierEventFormat.Parsed parsed = format.fromJson(event, receivedAt);
                if (!IngestScope.permits(principal, parsed.systemId())) {
                    throw new InvalidBarrierEvent(
                            InvalidBarrierEvent.Kind.NOT_PERMITTED,
                            "'" + user + "' may not report for system '" + parsed.systemId() + "'");
                }
                bySystem.computeIfAbsent(parsed.systemId(), s -> new ArrayList<>())
                        .add(parsed.report());
                indexOf.put(parsed.report(), i);
            } catch (InvalidBarrierEvent invalid) {
                rejected.add(new Rejected(i, event.path("id").asText(null), invalid.getMessage()));
                keep(event, user, invalid);
            }
        }
        int recorded = 0;
        List<String> duplicates = new ArrayList<>();
        if (!bySystem.isEmpty()) {
            IngestDispatcher.Summary summary = dispatcher.dispatch(bySystem);
            recorded = summary.recorded();
            duplicates.addAll(summary.duplicates());
            summary.refused().forEach(r -> {
                rejected.add(new Rejected(indexOf.get(r.report()), r.report().reportId(), r.reason()));
                keep(events.get(indexOf.get(r.report())), user, new InvalidBarrierEvent(r.kind(), r.reason()));
            });
        }
        IngestResponse response = new IngestResponse(recorded, duplicates, rejected);
        boolean nothingTaken = recorded == 0 && duplicates.isEmpty();
        return ResponseEntity.status(
                        nothingTaken && !rejected.isEmpty() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.ACCEPTED)
                .body(response);
    }

    /** Refused over HTTP is kept like refused on Kafka: listed with its reason, re-drivable. */
    private void keep(JsonNode event, String user, InvalidBarrierEvent reason) {
        String key = event.path("subject").isTextual() ? event.path("subject").asText() : null;
        byte[] value = reason.kind() == InvalidBarrierEvent.Kind.OVERSIZE
                ? "{\"oversize\":\"the event itself is too large to keep\"}".getBytes(StandardCharsets.UTF_8)
                : event.toString().getBytes(StandardCharsets.UTF_8);
        deadLetters.sendRefusedOverHttp(key, value, user, reason);
    }
}
