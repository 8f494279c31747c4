package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The REST API's JSON is written as before Boot 4, by Jackson 2 with the settings in application.yml: fields in the
 * order the response types declare them (Jackson 3 would sort them), times and durations as ISO-8601 strings, no null
 * fields. Clients (the web app among them) read exactly this.
 */
class WebJsonIT extends RealBrokerAndDatabase {

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    RequestMappingHandlerAdapter mvc;

    @Test
    void jsonIsWrittenByJackson2() {
        HttpMessageConverter<?> firstJson = mvc.getMessageConverters().stream()
                .filter(converter -> converter.canWrite(Map.class, MediaType.APPLICATION_JSON))
                .findFirst()
                .orElseThrow();
        assertThat(firstJson).isInstanceOf(MappingJackson2HttpMessageConverter.class);
        assertThat(((MappingJackson2HttpMessageConverter) firstJson).getObjectMapper())
                .isSameAs(mapper);
    }

    @Test
    void aSystemKeepsItsFieldOrderIsoTimesAndNoNulls() throws Exception {
        String id = registered("Web JSON");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.withBasicAuth("admin", "tracker")
                        .getForEntity("/api/systems/" + id, String.class)
                        .getStatusCode()
                        .is2xxSuccessful());
        JsonNode system = mapper.readTree(
                http.withBasicAuth("admin", "tracker").getForObject("/api/systems/" + id, String.class));

        List<String> fields = new ArrayList<>();
        system.fieldNames().forEachRemaining(fields::add);
        // as FleetProjection.SystemView declares them, less the null ones
        assertThat(fields)
                .startsWith("id", "name", "kind")
                .containsSubsequence("lifecycle", "riskProfile", "riskClass");
        assertThat(fields).containsSubsequence("allowedActions", "registeredAt", "updatedAt");
        assertThat(fields).doesNotContain("classChange"); // null: left out
        system.fields()
                .forEachRemaining(field ->
                        assertThat(field.getValue().isNull()).as(field.getKey()).isFalse());

        assertThat(system.path("registeredAt").isTextual()).isTrue();
        Instant.parse(system.path("registeredAt").asText());
        assertThat(system.path("correlationWindow").asText()).isEqualTo("PT2H");
    }

    /**
     * The board, the incident list and the statistics are shared answers (SharedAnswers): worked out once for everyone
     * who asks within a second and written as JSON once. Readers get the same JSON they would have got before, and the
     * API describes what the answers hold, not the wrapper that carries them.
     */
    @Test
    void sharedAnswersAreTheJsonOfWhatTheyHoldAndTheApiDescribesThat() throws Exception {
        String id = registered("Shared answers");
        // no older than tracker.read-models.answers.stale-for (3 s) behind the read model
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.withBasicAuth("operator", "tracker")
                        .getForObject("/api/board", String.class)
                        .contains("\"" + id + "\""));

        ResponseEntity<String> response =
                http.withBasicAuth("operator", "tracker").getForEntity("/api/board", String.class);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        String first = response.getBody();
        String again = http.withBasicAuth("admin", "tracker").getForObject("/api/board", String.class);
        assertThat(again).as("the same answer within a second, whoever asks").isEqualTo(first);
        JsonNode board = mapper.readTree(first);
        List<String> fields = new ArrayList<>();
        board.fieldNames().forEachRemaining(fields::add);
        // the whole board: no page asked for, none said (`page` and `size` are left out)
        assertThat(fields).containsExactly("systems", "total", "needingAttention", "parked");

        JsonNode incidents = mapper.readTree(
                http.withBasicAuth("analyst", "tracker").getForObject("/api/incidents?systemId=" + id, String.class));
        assertThat(incidents.path("items").isArray()).isTrue();
        assertThat(incidents.path("total").asLong()).isZero();
        assertThat(http.withBasicAuth("manager", "tracker")
                        .getForEntity("/api/statistics/barriers?groupBy=nothing", String.class)
                        .getStatusCode())
                .as("a bad question is refused before anything is shared")
                .isEqualTo(HttpStatus.BAD_REQUEST);

        JsonNode api =
                mapper.readTree(http.withBasicAuth("manager", "tracker").getForObject("/v3/api-docs", String.class));
        assertThat(schemaOf(api, "/api/board")).endsWith("/BoardView");
        assertThat(schemaOf(api, "/api/incidents")).endsWith("/IncidentPage");
        assertThat(schemaOf(api, "/api/statistics/barriers")).endsWith("/BarrierStatistics");
    }

    /** A language model registered through the API under a new id, returned. */
    private String registered(String name) {
        String id = "wj-" + UUID.randomUUID().toString().substring(0, 8);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"owner\":\"it\",\"kind\":\"LANGUAGE_MODEL\","
                + "\"correlationWindow\":\"PT2H\",\"template\":\"LANGUAGE_MODEL\"}";
        assertThat(http.withBasicAuth("admin", "tracker")
                        .postForEntity("/api/systems", new HttpEntity<>(body, headers), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private static String schemaOf(JsonNode api, String path) {
        JsonNode content = api.path("paths")
                .path(path)
                .path("get")
                .path("responses")
                .path("200")
                .path("content");
        return content.elements().next().path("schema").path("$ref").asText();
    }
}
