package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * {@code tracker_processor_lag_events{processor}} at /actuator/prometheus, as Prometheus reads it: one series per
 * streaming processor, 0 once the processor has handled every event in the store, and a stopped processor behind by
 * exactly the events appended since it stopped.
 */
class ProcessorLagIT extends RealBrokerAndDatabase {

    private static final List<String> PROCESSORS = List.of(
            "incident-timeline",
            "fleet",
            "operator-board",
            "barrier-statistics",
            "incident-publisher",
            "alert-dispatcher");
    private static final Pattern LAG = Pattern.compile(
            "^tracker_processor_lag_events\\{[^}]*processor=\"([^\"]+)\"[^}]*} (\\S+)$", Pattern.MULTILINE);

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    TokenStore tokens;

    @Autowired
    TransactionManager transactions;

    @Test
    void everyProcessorHasALagThatGoesToZeroOnceItHasHandledEveryEvent() {
        SystemId system = register();
        ingest(
                system,
                report(ReportType.TRIPPED, "deployment-gate", null, 0),
                report(ReportType.BREACHED, "deployment-gate", "a", 1),
                report(ReportType.TRIPPED, "anomaly-monitor", "a", 2));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Long> lags = scrape();
            assertThat(lags).containsKeys(PROCESSORS.toArray(String[]::new));
            PROCESSORS.forEach(p -> assertThat(lags.get(p)).as(p).isZero());
        });
    }

    @Test
    void aStoppedProcessorIsBehindByTheEventsAppendedSinceItStoppedAndCatchesUpWhenStarted() {
        SystemId system = register();
        ingest(system, report(ReportType.TRIPPED, "deployment-gate", null, 0));
        // caught up, and every segment has stored a token (a segment no event was for stores its first one when
        // it next extends its claim)
        await().atMost(Duration.ofSeconds(60))
                .until(() -> scrape().getOrDefault("fleet", -1L) == 0
                        && jdbc.sql("SELECT COUNT(*) FROM tokenentry WHERE processorname = 'fleet' AND token IS NULL")
                                        .query(Long.class)
                                        .single()
                                == 0);

        StreamingEventProcessor fleet = processing
                .eventProcessor("fleet", StreamingEventProcessor.class)
                .orElseThrow();
        fleet.shutDown();
        try {
            long stoppedAt = lowestStoredPosition("fleet");
            ingest(
                    system,
                    report(ReportType.TRIPPED, "deployment-gate", null, 10),
                    report(ReportType.BREACHED, "deployment-gate", "b", 11),
                    report(ReportType.TRIPPED, "anomaly-monitor", "b", 12),
                    report(ReportType.TRIPPED, "deployment-gate", null, 13));
            long ours = jdbc.sql("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ?"
                            + " AND globalindex > ?")
                    .params(system.toString(), stoppedAt)
                    .query(Long.class)
                    .single();
            assertThat(ours).as("events of the reports ingested after the stop").isGreaterThanOrEqualTo(4);

            // the running read models catch up; the stopped one is behind by every event appended since it stopped
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, Long> lags = scrape();
                long appendedSince = jdbc.sql("SELECT COUNT(*) FROM domainevententry WHERE globalindex > ?")
                        .param(stoppedAt)
                        .query(Long.class)
                        .single();
                long head = jdbc.sql("SELECT MAX(globalindex) FROM domainevententry")
                        .query(Long.class)
                        .single();
                assertThat(head - stoppedAt)
                        .as("no hole in the numbering since the stop")
                        .isEqualTo(appendedSince);
                assertThat(lags.get("fleet")).isEqualTo(appendedSince).isGreaterThanOrEqualTo(ours);
                assertThat(lags.get("incident-timeline")).isZero();
                assertThat(lags.get("operator-board")).isZero();
            });
        } finally {
            fleet.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> scrape().get("fleet") == 0);
    }

    /**
     * The slowest segment's token as the token store keeps it (claimed and released at once: nobody holds it while
     * the processor is stopped).
     */
    private long lowestStoredPosition(String processor) {
        return transactions.fetchInTransaction(() -> {
            long lowest = Long.MAX_VALUE;
            for (int segment : tokens.fetchSegments(processor)) {
                TrackingToken token = tokens.fetchToken(processor, segment);
                tokens.releaseClaim(processor, segment);
                lowest = Math.min(lowest, token.position().orElseThrow());
            }
            return lowest;
        });
    }

    /** processor -> lag, from the Prometheus text a scraper reads. */
    private Map<String, Long> scrape() {
        ResponseEntity<String> response =
                http.withBasicAuth("operator", "tracker").getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Long> lags = new TreeMap<>();
        Matcher m = LAG.matcher(response.getBody());
        while (m.find()) {
            lags.put(m.group(1), (long) Double.parseDouble(m.group(2)));
        }
        return lags;
    }

    private SystemId register() {
        SystemId id = SystemId.of("lag-" + UUID.randomUUID().toString().substring(0, 8));
        String body = "{\"id\":\"" + id + "\",\"kind\":\"LANGUAGE_MODEL\",\"template\":\"LANGUAGE_MODEL\"}";
        assertThat(http.withBasicAuth("admin", "tracker")
                        .postForEntity("/api/systems", json(body), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private void ingest(SystemId system, Report... reports) {
        StringBuilder batch = new StringBuilder("[");
        for (Report r : reports) {
            batch.append(batch.length() > 1 ? "," : "")
                    .append(new String(BarrierEventFormat.toBytes(mapper, system, r), StandardCharsets.UTF_8));
        }
        ResponseEntity<String> response = http.withBasicAuth("ingest", "tracker")
                .exchange("/api/ingest", HttpMethod.POST, json(batch.append("]").toString()), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    }

    private static Report report(ReportType type, String barrier, String chain, int minute) {
        Instant at = Instant.parse("2026-11-02T08:00:00Z").plus(Duration.ofMinutes(minute));
        return new Report(
                UUID.randomUUID().toString(), type, barrier, chain, at, at, "/it", null, Map.of(), null, null, null);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
