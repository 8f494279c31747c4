package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * Response times end to end: a language model's deployment gate is breached and its output filter holds the hazard
 * (reports produced to the real Kafka topic, so the incident opens and is contained), an operator acknowledges it and
 * an analyst resolves it over HTTP; {@code /api/statistics/response-times} then gives the times between the instants
 * the system's stream holds (the events' timestamps and the acts' {@code at}), for the system and in the fleet. HTTP
 * goes through the JDK's client to the server's port, as any client of the API would.
 */
class ResponseTimesIT extends RealBrokerAndDatabase {

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    EventStore eventStore;

    /** {@code user} null: without credentials. */
    private HttpResponse<String> send(String user, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (user != null) {
            String credentials = user + ":tracker";
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void post(String user, String path, String json, int expected) throws Exception {
        HttpResponse<String> response = send(user, "POST", path, json);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
    }

    private int status(String user, String path) throws Exception {
        return send(user, "GET", path, null).statusCode();
    }

    private JsonNode get(String user, String path) throws Exception {
        HttpResponse<String> response = send(user, "GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return mapper.readTree(response.body());
    }

    private void produce(SystemId system, ReportType type, String barrier, Instant at) throws Exception {
        Report report = new Report(
                UUID.randomUUID().toString(),
                type,
                barrier,
                "chain",
                at,
                at,
                "/response-times",
                null,
                Map.of(),
                null,
                null,
                null);
        kafka.send("tracker.barrier-events", system.value(), BarrierEventFormat.toBytes(mapper, system, report))
                .get();
    }

    @Test
    void aSystemsIncidentAcknowledgedContainedAndResolvedHasItsResponseTimes() throws Exception {
        SystemId system = SystemId.of("rt-" + UUID.randomUUID().toString().substring(0, 8));
        post(
                "admin",
                "/api/systems",
                "{\"id\":\"" + system + "\",\"kind\":\"LANGUAGE_MODEL\",\"template\":\"LANGUAGE_MODEL\"}",
                201);
        post("operator", "/api/systems/" + system + "/deploy", null, 204);
        // the gate was breached two minutes ago, the filter held half a minute later
        Instant breached = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        produce(system, ReportType.BREACHED, "deployment-gate", breached);
        String incident = system + ".1";
        await().atMost(Duration.ofSeconds(30)).until(() -> status("manager", "/api/incidents/" + incident) == 200);
        produce(system, ReportType.TRIPPED, "output-filter", breached.plusSeconds(30));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("manager", "/api/incidents/" + incident)
                        .path("outcome")
                        .asText()
                        .equals("NEAR_MISS"));
        // waiting: neither acknowledged nor resolved yet
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("manager", "/api/statistics/response-times?systemId=" + system)
                                .path("fleet")
                                .path("contain")
                                .path("count")
                                .asLong()
                        == 1);
        JsonNode open = get("manager", "/api/statistics/response-times?systemId=" + system)
                .path("fleet");
        assertThat(open.path("acknowledge").path("waiting").asLong()).isEqualTo(1);
        assertThat(open.path("acknowledge").path("oldestWaitingIncident").asText())
                .isEqualTo(incident);
        assertThat(open.path("resolve").path("waiting").asLong()).isEqualTo(1);
        assertThat(open.path("acknowledge").path("oldestWaitSeconds").asDouble())
                .isPositive();

        post("operator", "/api/incidents/" + incident + "/acknowledge", null, 204);
        post(
                "analyst",
                "/api/incidents/" + incident + "/resolve",
                "{\"summary\":\"the filter held; the gate's rules are fixed\"}",
                204);

        // the instants as the system's stream holds them
        Map<Class<?>, Instant> when = new HashMap<>();
        eventStore.readEvents(system.value()).asStream().forEach((DomainEventMessage<?> m) -> {
            Object e = m.getPayload();
            if (e instanceof IncidentOpened || e instanceof IncidentContained) {
                when.putIfAbsent(e.getClass(), m.getTimestamp());
            } else if (e instanceof IncidentAcknowledged ack) {
                when.put(e.getClass(), ack.at());
            } else if (e instanceof IncidentResolved resolved) {
                when.put(e.getClass(), resolved.resolvedAt());
            }
        });
        assertThat(when).hasSize(4);
        Instant opened = when.get(IncidentOpened.class);
        double detect = seconds(breached, opened);
        double acknowledge = seconds(opened, when.get(IncidentAcknowledged.class));
        double contain = seconds(opened, when.get(IncidentContained.class));
        double resolve = seconds(opened, when.get(IncidentResolved.class));
        // the tracker opened it after the breach it was told of, and answered after opening it
        assertThat(detect).isGreaterThanOrEqualTo(120);
        assertThat(acknowledge).isPositive();
        assertThat(resolve).isGreaterThan(acknowledge);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("manager", "/api/statistics/response-times?systemId=" + system)
                                .path("fleet")
                                .path("resolve")
                                .path("count")
                                .asLong()
                        == 1);
        JsonNode report = get("manager", "/api/statistics/response-times?systemId=" + system);
        assertThat(report.path("systemId").asText()).isEqualTo(system.value());
        assertThat(report.path("systems")).hasSize(1);
        JsonNode mine = report.path("systems").get(0);
        assertThat(mine.path("systemId").asText()).isEqualTo(system.value());
        for (JsonNode scope : new JsonNode[] {report.path("fleet"), mine}) {
            assertThat(scope.path("incidents").asLong()).isEqualTo(1);
            assertThat(scope.path("notAnIncident").asLong()).isZero();
            assertThat(scope.path("resolvedQuietly").asLong()).isZero();
            expect(scope.path("detect"), detect);
            expect(scope.path("acknowledge"), acknowledge);
            expect(scope.path("contain"), contain);
            expect(scope.path("resolve"), resolve);
        }

        // the fleet's report has the system among the others; a window after it opened leaves it out
        JsonNode fleet = get("analyst", "/api/statistics/response-times");
        assertThat(fleet.path("fleet").path("incidents").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(fleet.path("systems").findValuesAsText("systemId")).contains(system.value());
        JsonNode later = get(
                "manager",
                "/api/statistics/response-times?systemId=" + system + "&from=" + breached.plusSeconds(1) + "&to="
                        + breached.plus(Duration.ofDays(1)));
        assertThat(later.path("fleet").path("incidents").asLong()).isZero();
        assertThat(later.path("systems")).isEmpty();
        // the same conventions as the other statistics: a window that ends before it starts is refused, and only
        // signed-in users read
        assertThat(status("manager", "/api/statistics/response-times?from=" + breached + "&to=" + breached))
                .isEqualTo(400);
        assertThat(status(null, "/api/statistics/response-times")).isEqualTo(401);
    }

    /** One incident took the step: median, p90 and max are its time, in seconds and as ISO-8601; nothing waits. */
    private static void expect(JsonNode step, double seconds) {
        assertThat(step.path("count").asLong()).isEqualTo(1);
        assertThat(step.path("waiting").asLong()).isZero();
        assertThat(step.path("never").asLong()).isZero();
        for (String figure : new String[] {"median", "p90", "max"}) {
            // the database keeps microseconds, the figures milliseconds
            assertThat(step.path(figure + "Seconds").asDouble()).as(figure).isCloseTo(seconds, within(0.002));
            assertThat(Duration.parse(step.path(figure).asText()).toMillis() / 1000.0)
                    .isEqualTo(step.path(figure + "Seconds").asDouble());
        }
    }

    private static double seconds(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
