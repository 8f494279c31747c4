package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The metric names the dashboards may use ({@code ops/dashboards/exported-metrics.txt}) and the names each dashboard
 * reads are all exported by the running server at /actuator/prometheus, as the compose stack's Prometheus reads it.
 */
class DashboardMetricsIT extends RealBrokerAndDatabase {

    @Autowired
    TestRestTemplate http;

    private Set<String> scrapedNames() {
        ResponseEntity<String> response =
                http.withBasicAuth("operator", "tracker").getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Set<String> names = new TreeSet<>();
        for (String line : response.getBody().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    @Test
    void everyNameTheDashboardsMayUseIsExportedByARunningServer() {
        // the read endpoints the latency panels show have answered once
        for (String path : List.of("/api/board", "/api/incidents", "/api/systems", "/api/statistics/barriers")) {
            assertThat(http.withBasicAuth("analyst", "tracker")
                            .getForEntity(path, String.class)
                            .getStatusCode())
                    .as(path)
                    .isEqualTo(HttpStatus.OK);
        }
        // the processor lag appears with its first background refresh
        await().atMost(Duration.ofSeconds(60)).until(() -> scrapedNames().contains("tracker_processor_lag_events"));

        Set<String> scraped = scrapedNames();
        assertThat(Dashboards.exported())
                .isNotEmpty()
                .allSatisfy(name -> assertThat(scraped).contains(name));
        Map<String, Set<String>> missing = new TreeMap<>();
        Dashboards.all().forEach((file, dashboard) -> {
            Set<String> names = Dashboards.metricNames(dashboard);
            names.removeAll(scraped);
            if (!names.isEmpty()) {
                missing.put(file, names);
            }
        });
        assertThat(missing)
                .as("metrics the dashboards read that the server does not export")
                .isEmpty();
    }
}
