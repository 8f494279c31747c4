package org.swisscheese.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.swisscheese.tracker.command.StorageFormat;

/** Stored events from golden files, read as Axon reads an aggregate's stream: upcast, then deserialized. */
public final class GoldenStreams {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenStreams() {}

    public static JsonNode json(String resource) {
        try (InputStream in = GoldenStreams.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry of a golden stream ({@code golden/v1/streams/<id>.json}), in order. */
    public static List<AiSystemEvent> stream(String resource) {
        List<JsonNode> entries = new ArrayList<>();
        json(resource).forEach(entries::add);
        return read(entries);
    }

    public static List<AiSystemEvent> read(List<JsonNode> entries) {
        List<GenericDomainEventEntry<String>> data = new ArrayList<>();
        long sequence = 0;
        for (JsonNode entry : entries) {
            JsonNode payload = entry.path("payload");
            try {
                data.add(new GenericDomainEventEntry<>(
                        "AiSystem",
                        payload.path("systemId").asText(),
                        sequence++,
                        "event-" + sequence,
                        Instant.parse(entry.path("timestamp").asText("2026-01-01T00:00:00Z")),
                        entry.path("payloadType").asText(),
                        entry.path("revision").isNull()
                                ? null
                                : entry.path("revision").asText(),
                        JSON.writeValueAsString(payload),
                        "{}"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return EventStreamUtils.upcastAndDeserializeDomainEvents(
                        data.stream(),
                        StorageFormat.serializer(),
                        new EventUpcasterChain(LegacyUpcasters.assessmentV1ToV2()))
                .asStream()
                .map(DomainEventMessage::getPayload)
                .map(AiSystemEvent.class::cast)
                .toList();
    }
}
