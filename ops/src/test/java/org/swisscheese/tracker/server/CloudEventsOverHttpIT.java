package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * {@code POST /api/ingest} in each mode of the CloudEvents HTTP binding, with the CloudEvents Java SDK's own HTTP
 * binding writing the requests as a producer would: binary (attributes in {@code ce-*} headers, the data the body),
 * structured (one {@code application/cloudevents+json} event) and batch (a JSON array).
 */
class CloudEventsOverHttpIT extends RealBrokerAndDatabase {

    private static final EventFormat JSON = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper mapper;

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();
    private SystemId system;

    @BeforeEach
    void registerASystem() {
        system = SystemId.of("ce-" + UUID.randomUUID().toString().substring(0, 8));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.withBasicAuth("admin", "tracker")
                        .postForEntity(
                                "/api/systems",
                                new HttpEntity<>(
                                        Map.of(
                                                "id",
                                                system.value(),
                                                "kind",
                                                "LANGUAGE_MODEL",
                                                "template",
                                                "LANGUAGE_MODEL"),
                                        headers),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    /** A breach report as a producer's CloudEvent, built from the wire format the tracker publishes. */
    private CloudEvent breach() {
        Instant now = Instant.now();
        Report report = new Report(
                UUID.randomUUID().toString(),
                ReportType.BREACHED,
                "output-filter",
                null,
                now,
                now,
                "/it/http",
                "from a CloudEvents SDK",
                Map.of(),
                null,
                null,
                null);
        return JSON.deserialize(BarrierEventFormat.toBytes(mapper, system, report));
    }

    private HttpResponse<String> post(HttpRequest.Builder request) throws Exception {
        return client.send(
                request.header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("ingest:tracker".getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder ingest() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ingest"));
    }

    /** The request the SDK's HTTP binding writes for {@code event}, in binary mode or structured. */
    private HttpRequest.Builder written(CloudEvent event, boolean binary) {
        HttpRequest.Builder request = ingest();
        var writer = HttpMessageFactory.createWriter(
                request::header, body -> request.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        if (binary) {
            writer.writeBinary(event);
        } else {
            writer.writeStructured(event, JSON);
        }
        return request;
    }

    @Test
    void aBinaryModeEventIsRecordedLikeAStructuredOne() throws Exception {
        CloudEvent event = breach();
        HttpRequest.Builder request = written(event, true);
        assertThat(request.build().headers().firstValue("ce-id")).contains(event.getId());

        HttpResponse<String> accepted = post(request);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(mapper.readTree(accepted.body()).path("recorded").asInt()).isEqualTo(1);

        // the same event again, now structured: the same report, recognised
        HttpResponse<String> again = post(written(event, false));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        JsonNode answer = mapper.readTree(again.body());
        assertThat(answer.path("recorded").asInt()).isZero();
        assertThat(answer.path("duplicates").toString()).contains(event.getId());
    }

    @Test
    void structuredAndBatchModesAreRecorded() throws Exception {
        HttpResponse<String> one = post(written(breach(), false));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(202);
        assertThat(mapper.readTree(one.body()).path("recorded").asInt()).isEqualTo(1);

        String batch = "[" + new String(JSON.serialize(breach()), StandardCharsets.UTF_8) + ","
                + new String(JSON.serialize(breach()), StandardCharsets.UTF_8) + "]";
        HttpResponse<String> two = post(ingest().header("Content-Type", "application/cloudevents-batch+json")
                .POST(HttpRequest.BodyPublishers.ofString(batch)));
        assertThat(two.statusCode()).as(two.body()).isEqualTo(202);
        assertThat(mapper.readTree(two.body()).path("recorded").asInt()).isEqualTo(2);
    }

    @Test
    void aBinaryModeEventWithoutItsRequiredAttributesIsRefusedWithTheReason() throws Exception {
        CloudEvent event = breach();
        // what a producer that forgets the source sends: the data, and every other attribute in headers
        HttpRequest.Builder request = ingest().header("ce-specversion", "1.0")
                .header("ce-id", event.getId())
                .header("ce-type", event.getType())
                .header("ce-subject", system.value())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.getData().toBytes()));
        HttpResponse<String> refused = post(request);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode rejected = mapper.readTree(refused.body()).path("rejected").get(0);
        assertThat(rejected.path("id").asText()).isEqualTo(event.getId());
        assertThat(rejected.path("reason").asText())
                .startsWith("not a binary-mode CloudEvent")
                .contains("source");

        // and an event of another shape altogether, with its binary headers right, fails the schema like any other
        CloudEvent wrongData = CloudEventBuilder.v1(event)
                .withData("application/json", "{\"score\":\"high\"}".getBytes(StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> schema = post(written(wrongData, true));
        assertThat(schema.statusCode()).as(schema.body()).isEqualTo(422);
        assertThat(mapper.readTree(schema.body())
                        .path("rejected")
                        .get(0)
                        .path("reason")
                        .asText())
                .contains("barrier-event schema");
    }
}
