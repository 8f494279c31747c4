package org.swisscheese.tracker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.command.StorageFormat;

/**
 * What the event store holds must stay readable. {@code golden/v1}: payloads exactly as the first release stored them
 * (captured from that release), read through today's upcasters into today's classes. {@code golden/current}: the
 * stored payload of every event type today; a refactor that changes what is stored fails here, loudly, and needs an
 * upcaster and a new revision instead.
 */
class StoredEventsGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Serializer serializer = StorageFormat.serializer();

    static Stream<String> firstReleaseEvents() throws IOException {
        return resources("golden/v1/events");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstReleaseEvents")
    void everyEventTheFirstReleaseStoredIsReadToday(String file) throws IOException {
        JsonNode golden = read("golden/v1/events/" + file);
        AiSystemEvent event = readStored(List.of(golden)).get(0);
        assertThat(event.getClass().getName())
                .isEqualTo(golden.path("payloadType").asText());
        assertThat(event.systemId().value())
                .isEqualTo(golden.path("payload").path("systemId").asText());
        if (event instanceof IncidentAssessed assessed) {
            // the worst path the first release named becomes the only judged path, its position from its margin
            JsonNode old = golden.path("payload").path("assessment");
            assertThat(assessed.assessment().paths()).singleElement().satisfies(p -> {
                assertThat(p.threatLineId()).isEqualTo(old.path("threatLineId").asText(null));
                assertThat(p.margin()).isEqualTo(old.path("margin").asInt());
                assertThat(p.position() + p.margin()).isEqualTo(old.path("path").size());
            });
            assertThat(assessed.assessment().outcome().name())
                    .isEqualTo(old.path("outcome").asText());
        }
    }

    @Test
    void aWholeStreamOfTheFirstReleaseIsReadInOrder() throws IOException {
        JsonNode stream = read("golden/v1/streams/legacy-agent.json");
        List<JsonNode> entries = new ArrayList<>();
        stream.forEach(entries::add);
        List<AiSystemEvent> events = readStored(entries);
        assertThat(events).hasSize(entries.size());
        assertThat(events.get(0)).isInstanceOf(AiSystemEvent.SystemRegistered.class);
    }

    static Stream<String> currentEvents() {
        return GoldenEvents.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentEvents")
    void whatIsStoredTodayIsWhatWasCheckedIn(String name) throws IOException {
        AiSystemEvent event = GoldenEvents.all().get(name);
        SerializedObject<String> stored = serializer.serialize(event, String.class);
        JsonNode actual = JSON.createObjectNode()
                .put("payloadType", stored.getType().getName())
                .put("revision", stored.getType().getRevision())
                .set("payload", JSON.readTree(stored.getData()));
        Path file = Path.of("src/test/resources/golden/current/events", name + ".json");
        if (Boolean.getBoolean("golden.write")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(actual) + "\n");
        }
        assertThat(Files.exists(file))
                .as("%s is checked in (run once with -Dgolden.write=true to write it)", file)
                .isTrue();
        assertThat(actual).isEqualTo(JSON.readTree(file.toFile()));
        assertThat(readStored(List.of(actual)).get(0)).isEqualTo(event);
    }

    @Test
    void everyEventTypeHasAGoldenPayload() {
        List<String> types = GoldenEvents.all().values().stream()
                .map(e -> e.getClass().getSimpleName())
                .distinct()
                .toList();
        List<String> declared = Stream.of(AiSystemEvent.class.getPermittedSubclasses())
                .flatMap(StoredEventsGoldenTest::leaves)
                .map(Class::getSimpleName)
                .toList();
        assertThat(types).containsExactlyInAnyOrderElementsOf(declared);
    }

    private static Stream<Class<?>> leaves(Class<?> type) {
        return type.isSealed()
                ? Stream.of(type.getPermittedSubclasses()).flatMap(StoredEventsGoldenTest::leaves)
                : Stream.of(type);
    }

    private List<AiSystemEvent> readStored(List<JsonNode> entries) {
        return GoldenStreams.read(entries);
    }

    private static JsonNode read(String resource) {
        return GoldenStreams.json(resource);
    }

    private static Stream<String> resources(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources", folder))) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }
}
