package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * the system's stream holds (the events' timestamps and the acts' {@code at}), for the system and in the fleet.
 */
class ResponseTimesIT extends RealBrokerAndDatabase {

    @Autowired
    TestRestTemplate http;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    EventStore eventStore;

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "tracker");
    }

    private void post(String user, String path, String json, HttpStatus expected) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = as(user).postForEntity(path, new HttpEntity<>(json, headers), String.class);
        assertThat(response.getStatusCode())
                .as(path + ": " + response.getBody())
                .isEqualTo(expected);
    }

    private JsonNode get(String user, String path) throws Exception {
        ResponseEntity<String> response = as(user).getForEntity(path, String.class);
        assertThat(response.getStatusCode())
                .as(path + ": " + response.getBody())
                .isEqualTo(HttpStatus.OK);
        return mapper.readTree(response.getBody());
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
                HttpStatus.CREATED);
        post("operator", "/api/systems/" + system + "/deploy", null, HttpStatus.NO_CONTENT);
        // the gate was breached two minutes ago, the filter held half a minute later
        Instant breached = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        produce(system, ReportType.BREACHED, "deployment-gate", breached);
        String incident = system + ".1";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> as("manager")
                        .getForEntity("/api/incidents/" + incident, String.class)
                        .getStatusCode()
                        .is2xxSuccessful());
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

        post("operator", "/api/incidents/" + incident + "/acknowledge", null, HttpStatus.NO_CONTENT);
        post(
                "analyst",
                "/api/incidents/" + incident + "/resolve",
                "{\"summary\":\"the filter held; the gate's rules are fixed\"}",
                HttpStatus.NO_CONTENT);

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
        assertThat(as("manager")
                        .getForEntity(
                                "/api/statistics/response-times?from=" + breached + "&to=" + breached, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForEntity("/api/statistics/response-times", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
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
