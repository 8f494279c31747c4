package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.swisscheese.tracker.api.AlertRoutingEvent;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * Alert routing end to end, against a real HTTP receiver in this test (the JDK's HttpServer on an ephemeral port):
 * routes and a silence made over the REST API, reports produced to the real Kafka topic open incidents, and the
 * receiver checks each POST's HMAC signature itself. Shown: grouping (an incident's alerts within the group wait in
 * one POST), inhibition (its TOP_EVENT alert not sent because it is a full failure), a silence (the alert recorded as
 * silenced, nothing sent, the incident still recorded), a retry after a 500, and a dead letter an admin retries.
 * The base class's properties make the group wait 4 s and the back-off short.
 */
class AlertRoutingIT extends RealBrokerAndDatabase {

    static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
    static final String SECRET = "a-webhook-secret-for-tests";

    @Autowired
    TestRestTemplate http;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    EventStore eventStore;

    /** One POST as the receiver got it. */
    record Received(String path, String delivery, boolean signatureValid, JsonNode body) {}

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger flakyCalls = new AtomicInteger();
    private final AtomicBoolean downIsDown = new AtomicBoolean(true);
    private final List<String> routes = new ArrayList<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/main", exchange -> answer(exchange, 200));
        // answers 500 to the first POST, then 200
        receiver.createContext(
                "/hooks/flaky", exchange -> answer(exchange, flakyCalls.getAndIncrement() == 0 ? 500 : 200));
        // answers 500 until the test says it is up again
        receiver.createContext("/hooks/down", exchange -> answer(exchange, downIsDown.get() ? 500 : 200));
        receiver.start();
    }

    @AfterEach
    void stopReceiverAndDeleteRoutes() {
        routes.forEach(id -> as("admin").delete("/api/alerting/routes/" + id));
        receiver.stop(0);
    }

    /** The receiver's own check, as a receiver would write it: HMAC-SHA256 of "timestamp.body", fresh timestamp. */
    private void answer(HttpExchange exchange, int status) throws java.io.IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String timestamp = exchange.getRequestHeaders().getFirst("X-Tracker-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Tracker-Signature");
        boolean valid = false;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            boolean fresh = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) <= 300;
            valid = fresh
                    && signature != null
                    && MessageDigest.isEqual(
                            expected.getBytes(StandardCharsets.US_ASCII),
                            signature.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            valid = false;
        }
        received.add(new Received(
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("X-Tracker-Delivery"),
                valid,
                mapper.readTree(body)));
        exchange.sendResponseHeaders(valid ? status : 401, -1);
        exchange.close();
    }

    private String hook(String name) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/" + name;
    }

    private SystemId deployedLanguageModel() {
        SystemId id = SystemId.of("al-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(post(
                                "admin",
                                "/api/systems",
                                "{\"id\":\"" + id + "\",\"kind\":\"LANGUAGE_MODEL\",\"template\":\"LANGUAGE_MODEL\"}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("operator", "/api/systems/" + id + "/deploy", null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        return id;
    }

    private void produce(SystemId system, ReportType type, String barrier, int minute) throws Exception {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        Report report = new Report(
                UUID.randomUUID().toString(),
                type,
                barrier,
                "chain",
                at,
                at,
                "/alerting",
                null,
                Map.of(),
                null,
                null,
                type == ReportType.HARM_REPORTED ? "harm" : null);
        kafka.send("tracker.barrier-events", system.value(), BarrierEventFormat.toBytes(mapper, system, report))
                .get();
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "tracker");
    }

    private ResponseEntity<String> post(String user, String path, String json) {
        return exchange(user, HttpMethod.POST, path, json);
    }

    private ResponseEntity<String> exchange(String user, HttpMethod method, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(user).exchange(path, method, new HttpEntity<>(json, headers), String.class);
    }

    private JsonNode get(String user, String path) throws Exception {
        ResponseEntity<String> response = as(user).getForEntity(path, String.class);
        assertThat(response.getStatusCode())
                .as(path + ": " + response.getBody())
                .isEqualTo(HttpStatus.OK);
        return mapper.readTree(response.getBody());
    }

    private String route(String name, String hook, SystemId... systems) throws Exception {
        return route(name, hook, "", systems);
    }

    /** {@code settings}: more of the route's JSON, e.g. {@code ,"sendResolved":false}. */
    private String route(String name, String hook, String settings, SystemId... systems) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (SystemId system : systems) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(system).append('"');
        }
        ResponseEntity<String> created = post(
                "admin",
                "/api/alerting/routes",
                "{\"name\":\"" + name + "\",\"url\":\"" + hook(hook) + "\",\"secret\":\"" + SECRET
                        + "\",\"matchers\":{\"systemIds\":[" + ids + "]}" + settings + "}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        String id = mapper.readTree(created.getBody()).path("id").asText();
        routes.add(id);
        return id;
    }

    private List<Received> postsAbout(SystemId system) {
        return received.stream()
                .filter(r -> r.body().path("systemId").asText().equals(system.value()))
                .toList();
    }

    private static List<String> kinds(Received post) {
        List<String> kinds = new ArrayList<>();
        post.body().path("alerts").forEach(a -> kinds.add(a.path("kind").asText()));
        return kinds;
    }

    private String detail(ResponseEntity<String> response) throws Exception {
        return mapper.readTree(response.getBody()).path("detail").asText();
    }

    @Test
    void routesAndSilencesAreValidatedAndKeptAsEventsWithWhoDidIt() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String ok = "{\"name\":\"ops " + suffix + "\",\"url\":\"https://hooks.example/x\",\"secret\":\"" + SECRET
                + "\",\"matchers\":{\"systemIds\":[\"al-none-" + suffix + "\"],\"outcomes\":[\"FULL_FAILURE\"],"
                + "\"severities\":[\"sev1\"],\"kinds\":[\"full-failure\"]}}";
        assertThat(post("operator", "/api/alerting/routes", ok).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("manager")
                        .getForEntity("/api/alerting/routes", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> created = post("admin", "/api/alerting/routes", ok);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = mapper.readTree(created.getBody()).path("id").asText();
        routes.add(id);

        // refusals in words
        assertThat(post("admin", "/api/alerting/routes", ok).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<String> badUrl = post(
                "admin",
                "/api/alerting/routes",
                "{\"name\":\"x" + suffix + "\",\"url\":\"ftp://x\",\"secret\":\"" + SECRET + "\"}");
        assertThat(badUrl.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(detail(badUrl)).contains("http or https");
        ResponseEntity<String> shortSecret = post(
                "admin",
                "/api/alerting/routes",
                "{\"name\":\"x" + suffix + "\",\"url\":\"https://x.example\",\"secret\":\"short\"}");
        assertThat(shortSecret.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(detail(shortSecret)).contains("secret");
        ResponseEntity<String> badKind = post(
                "admin",
                "/api/alerting/routes",
                "{\"name\":\"x" + suffix + "\",\"url\":\"https://x.example\",\"secret\":\"" + SECRET
                        + "\",\"matchers\":{\"kinds\":[\"everything\"]}}");
        assertThat(badKind.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(detail(badKind)).contains("alert kind must be one of");
        assertThat(exchange("admin", HttpMethod.DELETE, "/api/alerting/routes/nope", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // read back: matchers as given, the secret never
        JsonNode listed = null;
        for (JsonNode route : get("operator", "/api/alerting/routes")) {
            if (route.path("id").asText().equals(id)) {
                listed = route;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.has("secret")).isFalse();
        assertThat(listed.toString()).doesNotContain(SECRET);
        assertThat(listed.path("matchers").path("kinds").get(0).asText()).isEqualTo("full-failure");
        assertThat(listed.path("matchers").path("severities").get(0).asText()).isEqualTo("SEV1");
        assertThat(listed.path("createdBy").asText()).isEqualTo("admin");

        // a change keeps the secret when none is given
        assertThat(exchange(
                                "admin",
                                HttpMethod.PUT,
                                "/api/alerting/routes/" + id,
                                "{\"name\":\"ops " + suffix + " renamed\",\"url\":\"https://hooks.example/y\"}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        // silences: operators may add them; one that matches everything, or has ended, is refused
        ResponseEntity<String> everything = post(
                "operator",
                "/api/alerting/silences",
                "{\"endsAt\":\"" + Instant.now().plusSeconds(600) + "\",\"comment\":\"all\"}");
        assertThat(everything.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(detail(everything)).contains("at least one matcher");
        ResponseEntity<String> past = post(
                "operator",
                "/api/alerting/silences",
                "{\"matchers\":{\"systemIds\":[\"al-none-" + suffix + "\"]},\"endsAt\":\""
                        + Instant.now().minusSeconds(60) + "\",\"comment\":\"past\"}");
        assertThat(past.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> silence = post(
                "operator",
                "/api/alerting/silences",
                "{\"matchers\":{\"systemIds\":[\"al-none-" + suffix + "\"]},\"endsAt\":\""
                        + Instant.now().plusSeconds(600) + "\",\"comment\":\"maintenance\"}");
        assertThat(silence.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String silenceId = mapper.readTree(silence.getBody()).path("id").asText();
        assertThat(post("manager", "/api/alerting/silences/" + silenceId + "/expire", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("operator", "/api/alerting/silences/" + silenceId + "/expire", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(post("operator", "/api/alerting/silences/" + silenceId + "/expire", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        JsonNode expired = null;
        for (JsonNode s : get("admin", "/api/alerting/silences")) {
            if (s.path("id").asText().equals(silenceId)) {
                expired = s;
            }
        }
        assertThat(expired).isNotNull();
        assertThat(expired.path("active").asBoolean()).isFalse();
        assertThat(expired.path("expiredBy").asText()).isEqualTo("operator");

        // every change is an event on the routing's stream, with who made it in the event and the metadata
        List<String> changes = new ArrayList<>();
        eventStore.readEvents(AlertRoutingEvent.ROUTING_ID).asStream().forEach((DomainEventMessage<?> m) -> {
            AlertRoutingEvent event = (AlertRoutingEvent) m.getPayload();
            assertThat(m.getMetaData().get("user")).isEqualTo(event.by());
            changes.add(event.getClass().getSimpleName() + " " + event.by());
        });
        assertThat(changes)
                .containsSubsequence(
                        "AlertRouteCreated admin",
                        "AlertRouteChanged admin",
                        "SilenceCreated operator",
                        "SilenceExpired operator");
        assertThat(exchange("admin", HttpMethod.DELETE, "/api/alerting/routes/" + id, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        routes.remove(id);
    }

    @Test
    void anIncidentsAlertsGoInOnePostSignedAndItsTopEventIsInhibitedByItsFullFailure() throws Exception {
        SystemId system = deployedLanguageModel();
        route("main " + system, "main", system);

        // both preventive barriers of influence fail (the top event), then harm (a full failure): within the wait
        produce(system, ReportType.BREACHED, "deployment-gate", 0);
        produce(system, ReportType.BREACHED, "output-filter", 1);
        produce(system, ReportType.HARM_REPORTED, null, 2);

        await().atMost(Duration.ofSeconds(60)).until(() -> !postsAbout(system).isEmpty());
        Thread.sleep(2_000); // nothing else follows
        List<Received> posts = postsAbout(system);
        assertThat(posts).hasSize(1);
        Received post = posts.get(0);
        assertThat(post.signatureValid()).isTrue();
        assertThat(post.path()).isEqualTo("/hooks/main");
        assertThat(post.delivery()).isEqualTo(post.body().path("deliveryId").asText());
        assertThat(kinds(post)).containsExactlyInAnyOrder("incident-opened", "incident-escalated", "full-failure");
        for (JsonNode alert : post.body().path("alerts")) {
            assertThat(alert.path("incidentId").asText()).isEqualTo(system + ".1");
            assertThat(alert.path("key").asText()).startsWith(system + "/" + system + ".1/");
        }

        // the TOP_EVENT alert is listed as inhibited, the others as sent
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode inhibited = get("operator", "/api/alerting/alerts?status=inhibited&systemId=" + system);
            assertThat(inhibited).hasSize(1);
            assertThat(inhibited.get(0).path("kind").asText()).isEqualTo("TOP_EVENT");
            assertThat(inhibited.get(0).path("reason").asText()).contains("full failure");
            assertThat(get("operator", "/api/alerting/alerts?status=sent&systemId=" + system))
                    .hasSize(3);
        });
    }

    @Test
    void aSilencedAlertIsRecordedNotSentWhileTheIncidentIsStillRecorded() throws Exception {
        SystemId system = deployedLanguageModel();
        route("silenced " + system, "main", system);
        ResponseEntity<String> silence = post(
                "operator",
                "/api/alerting/silences",
                "{\"matchers\":{\"systemIds\":[\"" + system + "\"]},\"endsAt\":\""
                        + Instant.now().plusSeconds(3600) + "\",\"comment\":\"model rollout\"}");
        assertThat(silence.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String silenceId = mapper.readTree(silence.getBody()).path("id").asText();

        produce(system, ReportType.BREACHED, "deployment-gate", 0);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode silenced = get("operator", "/api/alerting/alerts?status=silenced&systemId=" + system);
            assertThat(silenced).hasSize(1);
            assertThat(silenced.get(0).path("kind").asText()).isEqualTo("INCIDENT_OPENED");
            assertThat(silenced.get(0).path("reason").asText())
                    .contains(silenceId)
                    .contains("model rollout");
        });
        Thread.sleep(1_000);
        assertThat(postsAbout(system)).isEmpty();
        // the report is recorded and its incident open as ever
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("operator", "/api/incidents?systemId=" + system)
                                .path("total")
                                .asLong()
                        == 1);
    }

    @Test
    void aDeliveryTheReceiverRefusedOnceIsSentAgainWithBackOff() throws Exception {
        SystemId system = deployedLanguageModel();
        route("flaky " + system, "flaky", system);

        produce(system, ReportType.BREACHED, "deployment-gate", 0);

        await().atMost(Duration.ofSeconds(60)).until(() -> postsAbout(system).size() == 2);
        List<Received> posts = postsAbout(system);
        assertThat(posts.get(0).delivery()).isEqualTo(posts.get(1).delivery()); // the same delivery, tried again
        assertThat(posts).allMatch(Received::signatureValid);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode delivery = null;
            for (JsonNode d : get("admin", "/api/alerting/deliveries?status=sent")) {
                if (d.path("id").asText().equals(posts.get(0).delivery())) {
                    delivery = d;
                }
            }
            assertThat(delivery).isNotNull();
            assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
            assertThat(delivery.path("lastStatusCode").asInt()).isEqualTo(200);
        });
    }

    @Test
    void aDeliveryThatFailsEveryAttemptIsADeadLetterAnAdminRetries() throws Exception {
        SystemId system = deployedLanguageModel();
        route("down " + system, "down", system);

        produce(system, ReportType.BREACHED, "deployment-gate", 0);

        // three attempts (the base class's max-attempts), then a dead letter
        JsonNode[] failed = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            failed[0] = null;
            for (JsonNode d : get("operator", "/api/alerting/deliveries?status=failed")) {
                if (d.path("groupKey").asText().equals(system.value())) {
                    failed[0] = d;
                }
            }
            assertThat(failed[0]).isNotNull();
        });
        String id = failed[0].path("id").asText();
        assertThat(failed[0].path("attempts").asInt()).isEqualTo(3);
        assertThat(failed[0].path("lastStatusCode").asInt()).isEqualTo(500);
        assertThat(failed[0].path("lastError").asText()).contains("500");
        assertThat(postsAbout(system)).hasSize(3);
        assertThat(get("operator", "/api/alerting/alerts?status=failed&systemId=" + system))
                .hasSize(1);

        // operators see it, only admins retry it; a delivery that has not failed is not retried
        assertThat(post("operator", "/api/alerting/deliveries/" + id + "/retry", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("admin", "/api/alerting/deliveries/nope/retry", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        downIsDown.set(false);
        assertThat(post("admin", "/api/alerting/deliveries/" + id + "/retry", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("admin", "/api/alerting/deliveries?status=sent")
                        .toString()
                        .contains(id));
        assertThat(post("admin", "/api/alerting/deliveries/" + id + "/retry", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(postsAbout(system)).hasSize(4);
        assertThat(get("operator", "/api/alerting/alerts?status=sent&systemId=" + system))
                .hasSize(1);

        // deliveries by result, as Prometheus reads them
        String metrics = as("admin").getForObject("/actuator/prometheus", String.class);
        assertThat(metrics)
                .containsPattern("tracker_alerting_deliveries_total\\{[^}]*result=\"failed\"[^}]*} [1-9]")
                .containsPattern("tracker_alerting_deliveries_total\\{[^}]*result=\"retried\"[^}]*} [1-9]")
                .containsPattern("tracker_alerting_deliveries_total\\{[^}]*result=\"sent\"[^}]*} [1-9]")
                .containsPattern("tracker_alerting_alerts_total\\{[^}]*decision=\"inhibited\"");
    }

    @Test
    void aFiringIncidentIsSentAgainAfterTheRepeatIntervalAndItsResolutionOnceToTheRoutesThatWantIt() throws Exception {
        SystemId system = deployedLanguageModel();
        // "pager" repeats every 3 s (short for the test) and sends resolved notifications; "tickets" keeps the
        // default repeat interval (4 h) and does not want resolved notifications
        String pager = route("pager " + system, "main", ",\"repeatInterval\":\"3s\"", system);
        String tickets = route("tickets " + system, "main", ",\"sendResolved\":false", system);
        JsonNode listed = null;
        for (JsonNode r : get("operator", "/api/alerting/routes")) {
            if (r.path("id").asText().equals(pager)) {
                listed = r;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("repeatInterval").asText()).isEqualTo("PT3S");
        assertThat(listed.path("sendResolved").asBoolean()).isTrue();

        produce(system, ReportType.BREACHED, "deployment-gate", 0); // incident .1 opens
        String incident = system + ".1";

        // the first POST to each route, then a repeat to pager alone: the same alert, a new delivery, signed
        await().atMost(Duration.ofSeconds(60))
                .until(() -> postsTo(system, pager).stream()
                        .anyMatch(p -> p.body().path("repeat").asBoolean()));
        Received first = postsTo(system, pager).get(0);
        assertThat(first.body().path("status").asText()).isEqualTo("firing");
        assertThat(first.body().path("repeat").asBoolean()).isFalse();
        assertThat(kinds(first)).containsExactly("incident-opened");
        Received repeat = postsTo(system, pager).stream()
                .filter(p -> p.body().path("repeat").asBoolean())
                .findFirst()
                .orElseThrow();
        assertThat(repeat.signatureValid()).isTrue();
        assertThat(repeat.delivery()).isNotEqualTo(first.delivery());
        assertThat(repeat.body().path("status").asText()).isEqualTo("firing");
        assertThat(repeat.body().path("alerts").get(0).path("key").asText())
                .isEqualTo(first.body().path("alerts").get(0).path("key").asText());
        assertThat(repeat.body().path("alerts").get(0).path("status").asText()).isEqualTo("firing");
        assertThat(postsTo(system, tickets)).hasSize(1); // 4 h have not passed for it

        // an analyst resolves the incident: pager gets one resolved notification, signed; tickets none
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(as("analyst")
                        .postForEntity(
                                "/api/incidents/" + incident + "/resolve",
                                new HttpEntity<>("{\"summary\":\"gate rule fixed\"}", headers),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> postsTo(system, pager).stream()
                        .anyMatch(p -> p.body().path("status").asText().equals("resolved")));
        List<Received> resolved = postsTo(system, pager).stream()
                .filter(p -> p.body().path("status").asText().equals("resolved"))
                .toList();
        Received done = resolved.get(0);
        assertThat(done.signatureValid()).isTrue();
        JsonNode alert = done.body().path("alerts").get(0);
        assertThat(alert.path("status").asText()).isEqualTo("resolved");
        assertThat(alert.path("kind").asText()).isEqualTo("incident-opened");
        assertThat(alert.path("incidentId").asText()).isEqualTo(incident);
        assertThat(alert.path("resolution").asText()).isEqualTo("incident " + incident + " resolved with a postmortem");
        assertThat(Instant.parse(alert.path("endsAt").asText())).isAfter(T0);

        // once, and the last word: no second resolved, no repeat after it (pager's interval passes again)
        int pagerPosts = postsTo(system, pager).size();
        Thread.sleep(5_000);
        assertThat(postsTo(system, pager)).hasSize(pagerPosts);
        assertThat(postsTo(system, pager)
                        .get(pagerPosts - 1)
                        .body()
                        .path("status")
                        .asText())
                .isEqualTo("resolved");
        assertThat(postsTo(system, tickets))
                .hasSize(1)
                .allMatch(p -> p.body().path("status").asText().equals("firing"));

        // listed: when it ended and what became of each route's resolved notification
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode alerts = get("operator", "/api/alerting/alerts?systemId=" + system);
            assertThat(alerts).hasSize(2);
            for (JsonNode a : alerts) {
                assertThat(a.hasNonNull("resolvedAt")).isTrue();
                if (a.path("routeId").asText().equals(pager)) {
                    assertThat(a.path("resolvedStatus").asText()).isEqualTo("SENT");
                    assertThat(a.path("repeats").asInt()).isPositive();
                } else {
                    assertThat(a.path("resolvedStatus").asText()).isEqualTo("OPTED_OUT");
                    assertThat(a.path("repeats").asInt()).isZero();
                }
            }
        });
        String metrics = as("admin").getForObject("/actuator/prometheus", String.class);
        assertThat(metrics)
                .containsPattern("tracker_alerting_alerts_total\\{[^}]*decision=\"repeated\"[^}]*} [1-9]")
                .containsPattern("tracker_alerting_alerts_total\\{[^}]*decision=\"resolved\"[^}]*} [1-9]");
    }

    private List<Received> postsTo(SystemId system, String routeId) {
        return postsAbout(system).stream()
                .filter(p -> p.body().path("route").path("id").asText().equals(routeId))
                .toList();
    }
}
