package org.swisscheese.tracker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteChanged;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteCreated;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteDeleted;
import org.swisscheese.tracker.api.AlertRoutingEvent.SilenceCreated;
import org.swisscheese.tracker.api.AlertRoutingEvent.SilenceExpired;
import org.swisscheese.tracker.command.StorageFormat;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Severity;

/**
 * The stored payload of every event of the alert routing's stream, checked in under {@code golden/current/alerting}
 * (as {@link StoredEventsGoldenTest} does for the systems' streams): a change of what is stored fails here.
 */
class AlertRoutingGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Instant AT = Instant.parse("2026-11-28T10:15:00Z");
    private static final AlertMatchers MATCHERS = new AlertMatchers(
            List.of("ops-agent-eu"),
            List.of(Outcome.TOP_EVENT, Outcome.FULL_FAILURE),
            List.of(Severity.SEV1),
            List.of(AlertKind.FULL_FAILURE, AlertKind.ACTIVITY_AFTER_SHUTDOWN));

    private final Serializer serializer = StorageFormat.serializer();

    static Map<String, AlertRoutingEvent> all() {
        Map<String, AlertRoutingEvent> events = new LinkedHashMap<>();
        events.put(
                "AlertRouteCreated",
                new AlertRouteCreated(
                        "r-1", "pager", "https://hooks.example/pager", "0123456789abcdef", MATCHERS, "admin", AT));
        // a route's own settings (added later): written only when given, so the payloads above stay as they were
        events.put(
                "AlertRouteCreated.settings",
                new AlertRouteCreated(
                        "r-2",
                        "chat",
                        "https://hooks.example/chat",
                        "0123456789abcdef",
                        MATCHERS,
                        "admin",
                        AT,
                        false,
                        Duration.ofMinutes(30)));
        events.put(
                "AlertRouteChanged",
                new AlertRouteChanged("r-1", "pager 2", "https://hooks.example/p2", null, MATCHERS, "admin", AT));
        events.put(
                "AlertRouteChanged.settings",
                new AlertRouteChanged(
                        "r-1",
                        "pager 2",
                        "https://hooks.example/p2",
                        null,
                        MATCHERS,
                        "admin",
                        AT,
                        true,
                        Duration.ofHours(4)));
        events.put("AlertRouteDeleted", new AlertRouteDeleted("r-1", "pager 2", "admin", AT));
        events.put(
                "SilenceCreated",
                new SilenceCreated(
                        "s-1",
                        new AlertMatchers(List.of("ops-agent-eu"), null, null, null),
                        AT,
                        AT.plusSeconds(3600),
                        "model rollout",
                        "operator",
                        AT));
        events.put("SilenceExpired", new SilenceExpired("s-1", "operator", AT.plusSeconds(600)));
        return events;
    }

    static Stream<String> names() {
        return all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void whatIsStoredIsWhatWasCheckedIn(String name) throws IOException {
        AlertRoutingEvent event = all().get(name);
        SerializedObject<String> stored = serializer.serialize(event, String.class);
        JsonNode actual = JSON.createObjectNode()
                .put("payloadType", stored.getType().getName())
                .put("revision", stored.getType().getRevision())
                .set("payload", JSON.readTree(stored.getData()));
        Path file = Path.of("src/test/resources/golden/current/alerting", name + ".json");
        if (Boolean.getBoolean("golden.write")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(actual) + "\n");
        }
        assertThat(Files.exists(file))
                .as("%s is checked in (run once with -Dgolden.write=true to write it)", file)
                .isTrue();
        assertThat(actual).isEqualTo(JSON.readTree(file.toFile()));
        Object read = serializer.deserialize(new SimpleSerializedObject<>(
                stored.getData(),
                String.class,
                new SimpleSerializedType(
                        stored.getType().getName(), stored.getType().getRevision())));
        assertThat(read).isEqualTo(event);
    }

    @Test
    void everyEventTypeHasAGoldenPayload() {
        assertThat(all().values().stream()
                        .map(e -> e.getClass().getSimpleName())
                        .distinct())
                .containsExactlyInAnyOrderElementsOf(Stream.of(AlertRoutingEvent.class.getPermittedSubclasses())
                        .map(Class::getSimpleName)
                        .toList());
    }
}
