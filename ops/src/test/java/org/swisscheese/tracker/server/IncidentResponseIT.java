package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssigned;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentNoteAdded;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResponse;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSeverityChanged;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * Incident response end to end: reports produced to the real Kafka topic open two incidents of one language model,
 * people act on them over HTTP in their roles, and the acts are checked where they end up: the system's stream (with
 * who did it), the incident read model and its timeline, the list's filters, the statistics, and
 * {@code tracker.incidents}. Influence line: deployment-gate, output-filter.
 */
class IncidentResponseIT extends RealBrokerAndDatabase {

    static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");

    @Autowired
    TestRestTemplate http;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    EventStore eventStore;

    private SystemId system;

    private SystemId deployedLanguageModel() {
        SystemId id = SystemId.of("ir-" + UUID.randomUUID().toString().substring(0, 8));
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

    private String produce(ReportType type, String barrier, String chain, int minute) throws Exception {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        String id = UUID.randomUUID().toString();
        Report report = new Report(id, type, barrier, chain, at, at, "/response", null, Map.of(), null, null, null);
        kafka.send("tracker.barrier-events", system.value(), BarrierEventFormat.toBytes(mapper, system, report))
                .get();
        return id;
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "tracker");
    }

    private ResponseEntity<String> post(String user, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(user).postForEntity(path, new HttpEntity<>(json, headers), String.class);
    }

    /** Acts on an incident and expects the status; returns the problem's detail for refusals. */
    private String act(String user, String incident, String what, String json, HttpStatus expected) throws Exception {
        ResponseEntity<String> response = post(user, "/api/incidents/" + incident + "/" + what, json);
        assertThat(response.getStatusCode())
                .as(user + " " + what + ": " + response.getBody())
                .isEqualTo(expected);
        return response.getBody() == null
                ? ""
                : mapper.readTree(response.getBody()).path("detail").asText();
    }

    private JsonNode get(String path) throws Exception {
        return mapper.readTree(as("manager").getForObject(path, String.class));
    }

    private long count(String filters) throws Exception {
        return get("/api/incidents?systemId=" + system + filters).path("total").asLong();
    }

    @Test
    void peopleInTheirRolesActOnIncidentsAndEveryActIsOnTheStreamTheReadModelAndTheTimeline() throws Exception {
        system = deployedLanguageModel();
        // incident 1: both preventive barriers of influence fail: the top event, which never closes by itself
        produce(ReportType.BREACHED, "deployment-gate", "real", 0);
        produce(ReportType.BREACHED, "output-filter", "real", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("&outcome=TOP_EVENT") == 1);
        // incident 2: a breach the red team caused on purpose
        produce(ReportType.BREACHED, "deployment-gate", "drill", 30);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("") == 2);
        String real = system + ".1";
        String drill = system + ".2";

        // who may act: operators, analysts, admins; managers read; an ingest principal only reports
        act("manager", real, "acknowledge", null, HttpStatus.FORBIDDEN);
        act("ingest", real, "acknowledge", null, HttpStatus.FORBIDDEN);
        act("manager", real, "assign", "{\"assignee\":\"me\"}", HttpStatus.FORBIDDEN);
        act("manager", real, "severity", "{\"severity\":\"SEV1\"}", HttpStatus.FORBIDDEN);
        act("manager", real, "notes", "{\"text\":\"hi\"}", HttpStatus.FORBIDDEN);
        act("manager", drill, "not-an-incident", "{\"reason\":\"drill\"}", HttpStatus.FORBIDDEN);
        assertThat(post("operator", "/api/incidents/" + real + "/acknowledge", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        // once only, and the refusal says who was first
        assertThat(act("analyst", real, "acknowledge", null, HttpStatus.CONFLICT))
                .contains("already acknowledged by operator");
        act("analyst", real, "assign", "{\"assignee\":\"llm safety on-call\"}", HttpStatus.NO_CONTENT);
        act("admin", real, "assign", "{\"assignee\":\"arne\"}", HttpStatus.NO_CONTENT);
        act("operator", real, "severity", "{\"severity\":\"SEV3\"}", HttpStatus.NO_CONTENT);
        act("analyst", real, "severity", "{\"severity\":\"sev2\"}", HttpStatus.NO_CONTENT);
        act("analyst", real, "notes", "{\"text\":\"the filter's new rules were not deployed\"}", HttpStatus.NO_CONTENT);

        // bad requests, unknown incidents and systems, in words
        assertThat(act("analyst", real, "severity", "{\"severity\":\"SEV9\"}", HttpStatus.BAD_REQUEST))
                .contains("severity must be one of");
        assertThat(act("analyst", real, "notes", "{\"text\":\"" + "x".repeat(4001) + "\"}", HttpStatus.BAD_REQUEST))
                .contains("at most 4000");
        assertThat(act("analyst", real, "notes", "{\"text\":\"  \"}", HttpStatus.BAD_REQUEST))
                .contains("text");
        assertThat(act("analyst", real, "assign", "{}", HttpStatus.BAD_REQUEST)).contains("assignee");
        assertThat(act("analyst", real, "not-an-incident", "{}", HttpStatus.BAD_REQUEST))
                .contains("reason");
        assertThat(act("operator", system + ".99", "acknowledge", null, HttpStatus.NOT_FOUND))
                .contains("no incident " + system + ".99");
        assertThat(act("operator", "ir-nobody.1", "notes", "{\"text\":\"hi\"}", HttpStatus.NOT_FOUND))
                .contains("no system");
        act("operator", "not-an-id", "acknowledge", null, HttpStatus.BAD_REQUEST);

        // the drill was none: closed as such; afterwards only notes
        act(
                "operator",
                drill,
                "not-an-incident",
                "{\"reason\":\"red-team drill against production\"}",
                HttpStatus.NO_CONTENT);
        assertThat(act("admin", drill, "acknowledge", null, HttpStatus.CONFLICT))
                .contains("is closed");
        assertThat(act("analyst", drill, "not-an-incident", "{\"reason\":\"again\"}", HttpStatus.CONFLICT))
                .contains("is closed");
        act("analyst", drill, "notes", "{\"text\":\"confirmed with the red team\"}", HttpStatus.NO_CONTENT);

        // the real one is resolved: a note for the postmortem still goes in, an assignment does not
        act("analyst", real, "resolve", "{\"summary\":\"filter rules rolled out late\"}", HttpStatus.NO_CONTENT);
        act("analyst", real, "notes", "{\"text\":\"rollout checklist updated\"}", HttpStatus.NO_CONTENT);
        assertThat(act("operator", real, "assign", "{\"assignee\":\"late\"}", HttpStatus.CONFLICT))
                .contains("is closed");

        // the system's stream: every act, with who did it in the event and in the metadata
        List<String> acts = new ArrayList<>();
        eventStore
                .readEvents(system.value())
                .asStream()
                .filter(m -> m.getPayload() instanceof IncidentResponse)
                .forEach((DomainEventMessage<?> m) -> {
                    IncidentResponse act = (IncidentResponse) m.getPayload();
                    assertThat(m.getMetaData().get("user")).isEqualTo(act.by());
                    assertThat(act.at()).isNotNull();
                    acts.add(act.getClass().getSimpleName() + " " + act.incidentId() + " " + act.by());
                });
        assertThat(acts)
                .containsExactly(
                        IncidentAcknowledged.class.getSimpleName() + " " + real + " operator",
                        IncidentAssigned.class.getSimpleName() + " " + real + " analyst",
                        IncidentAssigned.class.getSimpleName() + " " + real + " admin",
                        IncidentSeverityChanged.class.getSimpleName() + " " + real + " operator",
                        IncidentSeverityChanged.class.getSimpleName() + " " + real + " analyst",
                        IncidentNoteAdded.class.getSimpleName() + " " + real + " analyst",
                        IncidentMarkedNotAnIncident.class.getSimpleName() + " " + drill + " operator",
                        IncidentNoteAdded.class.getSimpleName() + " " + drill + " analyst",
                        IncidentNoteAdded.class.getSimpleName() + " " + real + " analyst");

        // the read model
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        get("/api/incidents/" + real + "/timeline").path("acts").size() == 7
                                && get("/api/incidents/" + drill + "/timeline")
                                                .path("acts")
                                                .size()
                                        == 2);
        JsonNode incident = get("/api/incidents/" + real);
        assertThat(incident.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(incident.path("outcome").asText()).isEqualTo("TOP_EVENT");
        assertThat(incident.path("acknowledgedBy").asText()).isEqualTo("operator");
        assertThat(incident.path("acknowledgedAt").isTextual()).isTrue();
        assertThat(incident.path("assignee").asText()).isEqualTo("arne");
        assertThat(incident.path("severity").asText()).isEqualTo("SEV2");
        assertThat(incident.path("notAnIncident").asBoolean()).isFalse();
        JsonNode none = get("/api/incidents/" + drill);
        assertThat(none.path("status").asText()).isEqualTo("NOT_AN_INCIDENT");
        assertThat(none.path("notAnIncident").asBoolean()).isTrue();
        assertThat(none.path("notAnIncidentReason").asText()).isEqualTo("red-team drill against production");
        assertThat(none.path("resolvedBy").asText()).isEqualTo("operator");
        assertThat(none.path("reportCount").asInt()).isEqualTo(1); // its history stays

        // the timeline: the reports judged as before, the acts after them (they were done later), in order
        JsonNode timeline = get("/api/incidents/" + real + "/timeline");
        assertThat(timeline.path("steps").size()).isEqualTo(2);
        assertThat(timeline.path("steps").get(1).path("after").path("outcome").asText())
                .isEqualTo("TOP_EVENT");
        List<String> entries = new ArrayList<>();
        timeline.path("entries")
                .forEach(e -> entries.add(
                        e.path("kind").asText().equals("REPORT")
                                ? "report " + e.path("step").asInt()
                                : e.path("act").path("kind").asText() + " "
                                        + e.path("act").path("by").asText() + " "
                                        + e.path("act").path("value").asText("") + " after step "
                                        + e.path("step").asInt()));
        assertThat(entries)
                .containsExactly(
                        "report 0",
                        "report 1",
                        "ACKNOWLEDGED operator  after step 1",
                        "ASSIGNED analyst llm safety on-call after step 1",
                        "ASSIGNED admin arne after step 1",
                        "SEVERITY_CHANGED operator SEV3 after step 1",
                        "SEVERITY_CHANGED analyst SEV2 after step 1",
                        "NOTE_ADDED analyst the filter's new rules were not deployed after step 1",
                        "NOTE_ADDED analyst rollout checklist updated after step 1");
        assertThat(timeline.path("acts").get(2).path("previous").asText()).isEqualTo("llm safety on-call");
        assertThat(timeline.path("acts").get(4).path("previous").asText()).isEqualTo("SEV3");

        // the list's filters
        assertThat(count("&acknowledged=true")).isEqualTo(1);
        assertThat(count("&acknowledged=false")).isEqualTo(1);
        assertThat(count("&assignee=arne&severity=SEV2")).isEqualTo(1);
        assertThat(count("&severity=SEV3")).isZero();
        assertThat(count("&status=NOT_AN_INCIDENT")).isEqualTo(1);
        assertThat(count("&notAnIncident=false")).isEqualTo(1);
        assertThat(as("manager")
                        .getForEntity("/api/incidents?severity=SEV7", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        // the statistics count the real incident only; the drill's demand on the gate stays a demand
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            long incidents = 0;
            for (JsonNode n : get("/api/statistics/depth").path("bySystem").path(system.value())) {
                incidents += n.asLong();
            }
            return incidents == 1;
        });
        JsonNode card = get("/api/systems/" + system + "/safety-card");
        assertThat(card.toString()).contains("\"TOP_EVENT\":1", "\"UNDETERMINED\":0");

        // downstream tools hear of the acknowledgement and the closing, not of the notes
        Set<String> published = published(Set.of(
                "incident.acknowledged", "incident.assigned", "incident.severity-changed", "incident.not-an-incident"));
        assertThat(published)
                .contains(
                        "incident.acknowledged",
                        "incident.assigned",
                        "incident.severity-changed",
                        "incident.not-an-incident")
                .doesNotContain("incident.note-added");

        // the API is described
        assertThat(as("manager").getForObject("/v3/api-docs", String.class))
                .contains(
                        "/api/incidents/{id}/acknowledge",
                        "/api/incidents/{id}/assign",
                        "/api/incidents/{id}/severity",
                        "/api/incidents/{id}/notes",
                        "/api/incidents/{id}/not-an-incident");
    }

    @Test
    void aFollowUpActionPastItsDueDateIsOverdueOnTheBoardUntilItIsDone() throws Exception {
        system = deployedLanguageModel();
        produce(ReportType.BREACHED, "deployment-gate", "real", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("") == 1);
        String incident = system + ".1";
        String actions = "/api/incidents/" + incident + "/actions";

        // handed to someone and back to nobody (the queue)
        act("operator", incident, "assign", "{\"assignee\":\"arne\"}", HttpStatus.NO_CONTENT);
        act("manager", incident, "unassign", null, HttpStatus.FORBIDDEN);
        act("operator", incident, "unassign", null, HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !get("/api/incidents/" + incident).hasNonNull("assignee"));

        // who may: those who work incidents; a refusal says why
        Instant due = Instant.now().plusSeconds(2);
        String action =
                "{\"title\":\"retrain the gate's classifier\",\"owner\":\"safety team\",\"due\":\"" + due + "\"}";
        assertThat(post("manager", actions, action).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(act(
                        "analyst",
                        incident,
                        "actions",
                        "{\"title\":\"x\",\"due\":\"2026-12-31\"}",
                        HttpStatus.BAD_REQUEST))
                .contains("needs an 'owner'");
        assertThat(act(
                        "analyst",
                        incident,
                        "actions",
                        "{\"title\":\"x\",\"owner\":\"o\",\"due\":\"soon\"}",
                        HttpStatus.BAD_REQUEST))
                .contains("'due' must be an ISO-8601 instant");
        ResponseEntity<String> added = post("analyst", actions, action);
        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(added.getHeaders().getLocation()).hasToString(actions + "/a1");
        assertThat(mapper.readTree(added.getBody()).path("actionId").asText()).isEqualTo(incident + "/a1");
        assertThat(patch("operator", actions + "/a9", "{\"status\":\"DONE\"}").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(patch("operator", actions + "/a1", "{\"status\":\"FINISHED\"}")
                        .getBody())
                .contains("status must be one of [OPEN, DONE, DROPPED]");

        // the durable deadline of the due date marks it overdue; the board shows it on the system's card
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get(actions).path(0).path("overdue").asBoolean());
        await().atMost(Duration.ofSeconds(30)).until(() -> overdueOnTheBoard().size() == 1);
        assertThat(overdueOnTheBoard().get(0).path("title").asText()).isEqualTo("retrain the gate's classifier");
        assertThat(get("/api/actions?overdue=true&systemId=" + system)
                        .path(0)
                        .path("actionId")
                        .asText())
                .isEqualTo(incident + "/a1");

        // done: off the board, and the timeline has the three acts in order
        assertThat(patch("operator", actions + "/a1", "{\"status\":\"done\"}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> overdueOnTheBoard().isEmpty());
        // the incident-timeline read model follows in its own time
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(actions).path(0).path("status").asText().equals("DONE"));
        List<String> acts = new ArrayList<>();
        get("/api/incidents/" + incident + "/timeline")
                .path("acts")
                .forEach(a ->
                        acts.add(a.path("kind").asText() + " " + a.path("by").asText()));
        assertThat(acts)
                .containsExactly(
                        "ASSIGNED operator",
                        "UNASSIGNED operator",
                        "ACTION_ADDED analyst",
                        "ACTION_OVERDUE tracker",
                        "ACTION_UPDATED operator");
        assertThat(published(Set.of("incident.action-added", "incident.action-overdue", "incident.action-updated")))
                .contains("incident.action-added", "incident.action-overdue", "incident.action-updated");
    }

    @Test
    void aChangeOfClassGoesOutOnTheIncidentTopicWithTheClassesBeforeAndAfter() throws Exception {
        system = deployedLanguageModel(); // DORMANT by default: no optimization of its own
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> changed = as("admin")
                .exchange(
                        "/api/systems/" + system + "/risk-profile",
                        HttpMethod.PUT,
                        new HttpEntity<>(
                                "{\"misalignment\":\"MEDIUM\",\"optimization\":\"HIGH\",\"influence\":\"HIGH\","
                                        + "\"rationale\":{\"optimization\":\"Fine-tuned as an agent with tools.\"}}",
                                headers),
                        String.class);
        assertThat(changed.getStatusCode()).as(changed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode message = null;
        try (KafkaConsumer<String, byte[]> consumer = ContextBroker.readFromStart(kafkaAdmin)) {
            consumer.subscribe(List.of("tracker.incidents"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (message == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode json = mapper.readTree(new String(r.value(), StandardCharsets.UTF_8));
                    if (system.value().equals(r.key())
                            && json.path("type").asText().equals("system.class-changed")) {
                        message = json;
                    }
                }
            }
        }
        assertThat(message).as("system.class-changed on tracker.incidents").isNotNull();
        assertThat(message.path("from").asText()).isEqualTo("DORMANT");
        assertThat(message.path("to").asText()).isEqualTo("AGENTIC");
        assertThat(message.path("systemId").asText()).isEqualTo(system.value());
    }

    @Test
    void anAnalystReclassifiesASpuriousTripAndTheIncidentAndTheBarriersFiguresFollow() throws Exception {
        system = deployedLanguageModel();
        produce(ReportType.BREACHED, "deployment-gate", "load-test", 0);
        String trip = produce(ReportType.TRIPPED, "output-filter", "load-test", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("&outcome=NEAR_MISS") == 1);
        String incident = system + ".1";
        String path = "/api/incidents/" + incident + "/reports/" + trip + "/reclassify";
        String statistics = "/api/statistics/barriers?from=2026-11-01T00:00:00Z&systemId=" + system;
        await().atMost(Duration.ofSeconds(30)).until(() -> demandsOf(statistics, "output-filter") == 1);

        String body = "{\"as\":\"spurious-trip\",\"reason\":\"the filter was being load-tested\"}";
        assertThat(post("operator", path, body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(act(
                        "analyst",
                        incident,
                        "reports/" + trip + "/reclassify",
                        "{\"as\":\"common-cause\",\"reason\":\"x\"}",
                        HttpStatus.BAD_REQUEST))
                .contains("a TRIPPED report cannot be reclassified as common cause");
        assertThat(post("analyst", path, body).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(act("analyst", incident, "reports/" + trip + "/reclassify", body, HttpStatus.CONFLICT))
                .contains("already reclassified as spurious trip");

        // judged again without it: nothing held the hazard; the filter's trip is no demand; the report stays
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/incidents/" + incident)
                        .path("outcome")
                        .asText()
                        .equals("UNDETERMINED"));
        assertThat(get("/api/incidents/" + incident).path("reassessedBecause").asText())
                .isEqualTo("report " + trip + " reclassified as spurious trip");
        await().atMost(Duration.ofSeconds(30)).until(() -> demandsOf(statistics, "output-filter") == 0);
        JsonNode timeline = get("/api/incidents/" + incident + "/timeline");
        assertThat(timeline.path("steps")
                        .get(1)
                        .path("report")
                        .path("reclassifiedAs")
                        .asText())
                .isEqualTo("SPURIOUS_TRIP");
        assertThat(published(Set.of("incident.report-reclassified", "incident.reassessed")))
                .contains("incident.report-reclassified", "incident.reassessed");
    }

    @Test
    void twoIncidentsAreMergedIntoOneAndAReportIsSplitOffAgainKeepingEveryIdAndItsHistory() throws Exception {
        system = deployedLanguageModel();
        produce(ReportType.BREACHED, "deployment-gate", "session-a", 0);
        String filter = produce(ReportType.BREACHED, "output-filter", "session-b", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("") == 2);
        String first = system + ".1";
        String second = system + ".2";

        assertThat(post(
                                "manager",
                                "/api/incidents/" + first + "/merge",
                                "{\"incidentId\":\"" + second + "\",\"reason\":\"x\"}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(act(
                        "operator",
                        first,
                        "merge",
                        "{\"incidentId\":\"someone-else.1\",\"reason\":\"x\"}",
                        HttpStatus.BAD_REQUEST))
                .contains("incidents of two systems are never merged");
        assertThat(act("operator", first, "merge", "{\"incidentId\":\"" + second + "\"}", HttpStatus.BAD_REQUEST))
                .contains("'reason'");
        act(
                "operator",
                first,
                "merge",
                "{\"incidentId\":\"" + second + "\",\"reason\":\"one jailbreak, two sessions\"}",
                HttpStatus.NO_CONTENT);
        assertThat(act("operator", second, "acknowledge", null, HttpStatus.CONFLICT))
                .contains("is closed");

        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        get("/api/incidents/" + second).path("status").asText().equals("MERGED"));
        assertThat(get("/api/incidents/" + second).path("mergedInto").asText()).isEqualTo(first);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/incidents/" + first).path("reportCount").asInt() == 2);
        assertThat(get("/api/incidents/" + first).path("breachedBarriers"))
                .extracting(JsonNode::asText)
                .containsExactly("deployment-gate", "output-filter");
        assertThat(count("&status=MERGED")).isEqualTo(1);

        ResponseEntity<String> split = post(
                "analyst",
                "/api/incidents/" + first + "/split",
                "{\"reportIds\":[\"" + filter + "\"],\"reason\":\"the filter's breach was another attack\"}");
        assertThat(split.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String third = system + ".3";
        assertThat(mapper.readTree(split.getBody()).path("incidentId").asText()).isEqualTo(third);
        assertThat(split.getHeaders().getLocation()).hasToString("/api/incidents/" + third);
        assertThat(act(
                        "analyst",
                        third,
                        "split",
                        "{\"reportIds\":[\"" + filter + "\"],\"reason\":\"x\"}",
                        HttpStatus.CONFLICT))
                .contains("keeps at least one");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/incidents/" + third).path("reportCount").asInt() == 1);
        assertThat(get("/api/incidents/" + third).path("splitFrom").asText()).isEqualTo(first);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/incidents/" + first).path("reportCount").asInt() == 1);
        JsonNode acts = get("/api/incidents/" + first + "/timeline").path("acts");
        assertThat(acts).extracting(a -> a.path("kind").asText()).containsExactly("MERGED_WITH", "SPLIT_OFF");
        assertThat(acts.get(1).path("by").asText()).isEqualTo("analyst");

        // on the system's stream with who did it, and out on the incident topic
        assertThat(eventStore
                        .readEvents(system.value())
                        .asStream()
                        .filter(m -> m.getPayload() instanceof IncidentMerged)
                        .map(m -> m.getMetaData().get("user")))
                .containsExactly("operator");
        assertThat(published(Set.of("incident.merged", "incident.split")))
                .contains("incident.merged", "incident.split");
    }

    @Test
    void aSeriousIncidentOfAHighRiskSystemIsOverdueUntilItsReportIsRecorded() throws Exception {
        system = deployedLanguageModel();
        produce(ReportType.HARM_REPORTED, null, "harm", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("") == 1);
        String incident = system + ".1";
        // aware for 16 days already: the general period of 15 days is over
        String declare = "{\"kind\":\"general\",\"awareAt\":\"" + Instant.now().minus(Duration.ofDays(16)) + "\"}";
        assertThat(act("analyst", incident, "serious-incident", declare, HttpStatus.CONFLICT))
                .contains("is not designated high-risk");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String designation = "{\"highRisk\":true,\"basis\":\"Annex III 5(b): creditworthiness\"}";
        assertThat(as("analyst")
                        .exchange(
                                "/api/systems/" + system + "/high-risk",
                                HttpMethod.PUT,
                                new HttpEntity<>(designation, headers),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("admin")
                        .exchange(
                                "/api/systems/" + system + "/high-risk",
                                HttpMethod.PUT,
                                new HttpEntity<>(designation, headers),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        act("operator", incident, "serious-incident", declare, HttpStatus.FORBIDDEN);
        act("analyst", incident, "serious-incident", declare, HttpStatus.NO_CONTENT);

        // the durable deadline of a due date already past fires: overdue, on the incident and the board
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/api/incidents/" + incident)
                        .path("seriousIncident")
                        .path("overdue")
                        .asBoolean());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> boardAlerts().stream().anyMatch(a -> a.contains("Art. 73")));

        act("analyst", incident, "serious-incident/report", "{\"reference\":\"MSA-2026-0042\"}", HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/incidents/" + incident)
                        .path("seriousIncident")
                        .path("reference")
                        .asText()
                        .equals("MSA-2026-0042"));
        assertThat(get("/api/incidents/" + incident)
                        .path("seriousIncident")
                        .path("overdue")
                        .asBoolean())
                .isFalse();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> boardAlerts().stream().noneMatch(a -> a.contains("Art. 73")));
        assertThat(published(Set.of(
                        "incident.serious-incident-declared",
                        "incident.serious-incident-overdue",
                        "incident.serious-incident-reported")))
                .contains(
                        "incident.serious-incident-declared",
                        "incident.serious-incident-overdue",
                        "incident.serious-incident-reported");
    }

    private List<String> boardAlerts() throws Exception {
        List<String> alerts = new ArrayList<>();
        card().path("alerts").forEach(a -> alerts.add(a.asText()));
        return alerts;
    }

    /** This system's card on the board (a missing node until the board has it). */
    private JsonNode card() throws Exception {
        for (JsonNode card : get("/api/board").path("systems")) {
            if (card.path("systemId").asText().equals(system.value())) {
                return card;
            }
        }
        return mapper.missingNode();
    }

    private int demandsOf(String statistics, String barrier) throws Exception {
        for (JsonNode group : get(statistics).path("groups")) {
            if (group.path("key").asText().equals(system + "/" + barrier)) {
                return group.path("demands").asInt();
            }
        }
        return 0;
    }

    private ResponseEntity<String> patch(String user, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(user).exchange(path, HttpMethod.PATCH, new HttpEntity<>(json, headers), String.class);
    }

    private List<JsonNode> overdueOnTheBoard() throws Exception {
        List<JsonNode> overdue = new ArrayList<>();
        card().path("overdueActions").forEach(overdue::add);
        return overdue;
    }

    /** Types published on {@code tracker.incidents} for this system, read until the expected were seen or 20 s. */
    private Set<String> published(Set<String> expected) throws Exception {
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = ContextBroker.readFromStart(kafkaAdmin)) {
            consumer.subscribe(List.of("tracker.incidents"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (system.value().equals(r.key())) {
                        JsonNode json = mapper.readTree(new String(r.value(), StandardCharsets.UTF_8));
                        seen.add(json.path("type").asText());
                        if (json.path("type").asText().equals("incident.acknowledged")) {
                            assertThat(json.path("by").asText()).isEqualTo("operator");
                        }
                    }
                }
            }
        }
        return seen;
    }
}
