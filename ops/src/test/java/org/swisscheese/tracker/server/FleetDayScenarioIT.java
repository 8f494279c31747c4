package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * A day of the simulated fleet (the three systems of the source post, on their template bow-ties, deployed),
 * scripted, sent through the real Kafka topic, and checked against incidents worked out by hand from the rules of
 * DESIGN §4, not from the implementation. Sent in the order a production stream might deliver them: one report
 * late, one twice.
 */
class FleetDayScenarioIT extends RealBrokerAndDatabase {

    static final Instant DAY = Instant.parse("2026-11-27T00:00:00Z");
    static final String LLM = "support-llm-eu";
    static final String VISION = "vision-classifier";
    static final String AGENT = "generalist-agent";

    @Autowired
    TestRestTemplate http;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    KafkaAdmin kafkaAdmin;

    private final List<Sent> sent = new ArrayList<>();

    record Sent(String system, Report report) {}

    /** What an analyst should see: worked out by hand. {@code opener}: the earliest report of the incident. */
    record Expected(
            String system, String opener, String outcome, List<String> breached, String stoppedBy, int margin) {}

    private String report(String system, ReportType type, String barrier, String chain, int minute) {
        Instant at = DAY.plus(Duration.ofMinutes(minute));
        String id = system + "-" + minute + "-" + type.name().toLowerCase();
        Double score = type == ReportType.ANOMALY_DETECTED ? 0.95 : null;
        Double threshold = type == ReportType.ANOMALY_DETECTED ? 0.9 : null;
        sent.add(new Sent(
                system, new Report(id, type, barrier, chain, at, at, "/day", null, Map.of(), score, threshold, null)));
        return id;
    }

    @Test
    void aDayOfTheFleetGivesTheIncidentsWorkedOutByHand() throws Exception {
        register(LLM, "LANGUAGE_MODEL");
        register(VISION, "IMAGE_CLASSIFIER");
        register(AGENT, "GENERALIST_AGENT");
        List<Expected> expected = new ArrayList<>();

        // LLM paths (A = acting, D = detects): misaligned-objective = adversarial-training A, anomaly-monitor D,
        // interpretability D | harm = ai-disclosure A, interlock A, off-switch A (n=6, T=3); influence =
        // deployment-gate A, output-filter A | harm (n=5, T=2).
        // Two breaches, then the probes see the hazard: a detection is no stop, the hazard is past the last
        // preventive slice (position 3 = T): the top event, with the three consequence barriers left.
        String c1 = report(LLM, ReportType.BREACHED, "adversarial-training", "c1", 10);
        report(LLM, ReportType.BREACHED, "anomaly-monitor", "c1", 11);
        report(LLM, ReportType.TRIPPED, "interpretability", "c1", 12);
        expected.add(new Expected(LLM, c1, "TOP_EVENT", List.of("adversarial-training", "anomaly-monitor"), null, 3));
        // a demand that held at the first barrier: no incident
        report(LLM, ReportType.TRIPPED, "deployment-gate", null, 60);
        // influence line walked to the end: the top event; the disclosure then holds there (position 2, margin 3)
        String c3 = report(LLM, ReportType.BREACHED, "deployment-gate", "c3", 120);
        report(LLM, ReportType.BREACHED, "output-filter", "c3", 121);
        report(LLM, ReportType.TRIPPED, "ai-disclosure", "c3", 122);
        expected.add(
                new Expected(LLM, c3, "TOP_EVENT", List.of("deployment-gate", "output-filter"), "ai-disclosure", 3));
        // no chain id: joined by line and window (10 minutes apart)
        String w1 = report(LLM, ReportType.BREACHED, "deployment-gate", null, 600);
        report(LLM, ReportType.BREACHED, "output-filter", null, 610);
        expected.add(new Expected(LLM, w1, "TOP_EVENT", List.of("deployment-gate", "output-filter"), null, 3));
        // 30 minutes after the last report: a new incident (output-filter + the three consequence barriers)
        String w2 = report(LLM, ReportType.BREACHED, "deployment-gate", null, 640);
        expected.add(new Expected(LLM, w2, "UNDETERMINED", List.of("deployment-gate"), null, 4));
        // out of service, no demand: no incident
        report(LLM, ReportType.DEGRADED, "interlock", null, 700);
        report(LLM, ReportType.RESTORED, "interlock", null, 710);

        // Vision: ood = adversarial-training A, ood-monitor D, abstain A | harm = human-review A, off-switch A
        // (n=5, T=3); influence = deployment-gate A, impact-limit A | harm (n=4, T=2).
        // Delivered out of order: the first breach arrives last. Held at abstain: a near miss with abstain, human
        // review and the off switch standing; but the incident is still open when c5 below impairs the human
        // review, and an impaired barrier is a hole in every live margin: 2 left.
        String c4late = "vision-late";
        report(VISION, ReportType.BREACHED, "ood-monitor", "c4", 199);
        report(VISION, ReportType.TRIPPED, "abstain", "c4", 200);
        Sent late = new Sent(
                VISION,
                new Report(
                        c4late,
                        ReportType.BREACHED,
                        "adversarial-training",
                        "c4",
                        DAY.plus(Duration.ofMinutes(198)),
                        DAY.plus(Duration.ofMinutes(198)),
                        "/day",
                        null,
                        Map.of(),
                        null,
                        null,
                        null));
        sent.add(late);
        expected.add(new Expected(
                VISION, c4late, "NEAR_MISS", List.of("adversarial-training", "ood-monitor"), "abstain", 2));
        // influence+harm: gate, impact limit and human review fail, harm is reported. The human review failed a
        // demand: it stays impaired after this incident.
        String c5 = report(VISION, ReportType.BREACHED, "deployment-gate", "c5", 300);
        report(VISION, ReportType.BREACHED, "impact-limit", "c5", 301);
        report(VISION, ReportType.BREACHED, "human-review", "c5", 302);
        report(VISION, ReportType.HARM_REPORTED, null, "c5", 303);
        expected.add(new Expected(
                VISION, c5, "FULL_FAILURE", List.of("deployment-gate", "impact-limit", "human-review"), null, 0));
        // the OOD monitor flags something: it got past the monitor (position 2); abstain and the off switch stand,
        // the impaired human review does not
        String c12 = report(VISION, ReportType.ANOMALY_DETECTED, "ood-monitor", "c12", 800);
        expected.add(new Expected(VISION, c12, "UNDETERMINED", List.of(), null, 2));

        // Agent: optimization = satisficer, quantilizer, myopia, compute-limit (T=4); influence = boxing A,
        // power-seeking-detector D, impact-measure A, deployment-gate A (T=4); ood = adversarial-robustness A,
        // anomaly-monitor D, interpretability D (T=3) | harm = self-declaration, interlock, off-switch, corrigibility.
        // A reactive barrier demanded with nothing reported before it: the top event was reached on every path;
        // the interlock holds, and it, the off switch and corrigibility stand... until the off switch fails below
        // (activity after shutdown impairs it) while this incident is still open: 2 left.
        String c6 = report(AGENT, ReportType.TRIPPED, "interlock", "c6", 400);
        expected.add(new Expected(AGENT, c6, "TOP_EVENT", List.of(), "interlock", 2));
        // The sandbox is breached, the off switch pulled and it held: the off switch and corrigibility stand...
        String c7 = report(AGENT, ReportType.BREACHED, "boxing", "c7", 500);
        report(AGENT, ReportType.SHUTDOWN_REQUESTED, null, "c7", 501);
        report(AGENT, ReportType.SHUTDOWN_COMPLETED, null, "c7", 502);
        // ... but three minutes later its monitor still reports: activity after the shutdown. It joins the open
        // incident (past the top event, inside its window), and the shutdown's one demand fails: only
        // corrigibility is left.
        report(AGENT, ReportType.ANOMALY_DETECTED, "anomaly-monitor", null, 505);
        expected.add(new Expected(AGENT, c7, "TOP_EVENT", List.of("boxing", "off-switch"), null, 1));

        for (Sent s : sent) {
            send(s);
        }
        send(sent.get(0)); // a redelivery changes nothing

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> incidents(LLM).size()
                                        + incidents(VISION).size()
                                        + incidents(AGENT).size()
                                == expected.size()
                        && reportCount() == sent.size() + 1); // +1: the off switch's failure, inferred

        for (Expected e : expected) {
            JsonNode incident = incidentOpenedBy(e.system(), e.opener());
            assertThat(incident).as("incident opened by %s", e.opener()).isNotNull();
            String what = e.opener() + " " + incident;
            assertThat(incident.path("outcome").asText()).as(what).isEqualTo(e.outcome());
            assertThat(mapper.convertValue(incident.path("breachedBarriers"), List.class))
                    .as(what)
                    .isEqualTo(e.breached());
            assertThat(
                            incident.path("stoppedBy").isMissingNode()
                                    ? null
                                    : incident.path("stoppedBy").asText())
                    .as(what)
                    .isEqualTo(e.stoppedBy());
            assertThat(incident.path("margin").asInt()).as(what).isEqualTo(e.margin());
        }
        JsonNode agent = mapper.readTree(as("operator").getForObject("/api/systems/" + AGENT, String.class));
        assertThat(agent.path("lifecycle").asText()).isEqualTo("SHUT_DOWN");
        assertThat(agent.path("activityAfterShutdown").asBoolean()).isTrue();
        assertThat(agent.path("barrierStates").path("off-switch").asText()).isEqualTo("IMPAIRED");
        JsonNode vision = mapper.readTree(as("operator").getForObject("/api/systems/" + VISION, String.class));
        assertThat(vision.path("barrierStates").path("human-review").asText()).isEqualTo("IMPAIRED");
        List<String> expectedChanges = List.of(
                "incident.opened:" + LLM,
                "incident.escalated:" + LLM,
                "incident.contained:" + VISION,
                "incident.escalated:" + VISION,
                "incident.escalated:" + AGENT);
        assertThat(incidentChangesPublished(expectedChanges)).containsAll(expectedChanges);
    }

    private void register(String id, String template) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"id\":\"" + id + "\",\"kind\":\"" + template + "\",\"template\":\"" + template
                + "\",\"owner\":\"day\"}";
        assertThat(as("admin")
                        .postForEntity("/api/systems", new HttpEntity<>(body, headers), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(as("operator")
                        .postForEntity("/api/systems/" + id + "/deploy", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    private void send(Sent s) throws Exception {
        kafka.send(
                        "tracker.barrier-events",
                        s.system(),
                        BarrierEventFormat.toBytes(mapper, SystemId.of(s.system()), s.report()))
                .get();
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "tracker");
    }

    private List<JsonNode> incidents(String system) throws Exception {
        JsonNode page =
                mapper.readTree(as("analyst").getForObject("/api/incidents?size=100&systemId=" + system, String.class));
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    private int reportCount() throws Exception {
        int count = 0;
        for (String system : List.of(LLM, VISION, AGENT)) {
            for (JsonNode incident : incidents(system)) {
                count += incident.path("reportCount").asInt();
            }
        }
        // reports outside incidents: the held demand, the degraded/restored pair
        return count + 3;
    }

    private JsonNode incidentOpenedBy(String system, String reportId) throws Exception {
        for (JsonNode incident : incidents(system)) {
            JsonNode timeline = mapper.readTree(as("analyst")
                    .getForObject("/api/incidents/" + incident.path("id").asText() + "/timeline", String.class));
            if (reportId.equals(timeline.path("steps")
                    .get(0)
                    .path("report")
                    .path("reportId")
                    .asText())) {
                return incident;
            }
        }
        return null;
    }

    /** Reads {@code tracker.incidents} until the expected changes were seen, or 20 seconds passed. */
    private List<String> incidentChangesPublished(List<String> expected) {
        Map<String, Boolean> seen = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = ContextBroker.readFromStart(kafkaAdmin)) {
            consumer.subscribe(List.of("tracker.incidents"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!seen.keySet().containsAll(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        JsonNode json = mapper.readTree(new String(r.value(), StandardCharsets.UTF_8));
                        seen.put(json.path("type").asText() + ":" + r.key(), true);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return List.copyOf(seen.keySet());
    }
}
