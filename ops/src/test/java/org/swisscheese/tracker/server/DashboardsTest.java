package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml's observability (Prometheus scraping both servers, Grafana with its datasource and dashboards)
 * and the dashboards' queries: every metric a dashboard reads must be one the server exports
 * ({@code ops/dashboards/exported-metrics.txt}, itself checked against a running server by DashboardMetricsIT).
 */
class DashboardsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static Map<String, Object> services() throws IOException {
        return map(yaml(Dashboards.repository().resolve("docker-compose.yml")).get("services"));
    }

    @Test
    void composeRunsTheTrackerStackWithPrometheusAndGrafanaOnPinnedImages() throws IOException {
        Map<String, Object> services = services();
        assertThat(services).containsOnlyKeys("kafka", "postgres", "tracker-1", "tracker-2", "prometheus", "grafana");
        services.forEach((name, service) -> {
            String image = String.valueOf(map(service).get("image"));
            assertThat(image).as(name + " image").matches("[\\w./-]+:[\\w.-]+").doesNotEndWith(":latest");
        });
        // the second server is the first one on another port
        assertThat(map(services.get("tracker-2")).get("image"))
                .isEqualTo(map(services.get("tracker-1")).get("image"));
        assertThat(map(services.get("tracker-2")).get("environment"))
                .isEqualTo(map(services.get("tracker-1")).get("environment"));
    }

    @Test
    void everyFileComposeMountsFromTheRepositoryIsThere() throws IOException {
        Path root = Dashboards.repository();
        List<String> missing = new ArrayList<>();
        services().forEach((name, service) -> {
            for (Object volume : list(map(service).getOrDefault("volumes", List.of()))) {
                String source = String.valueOf(volume).split(":")[0];
                // the server's jar is built, not checked in
                if (source.startsWith("./") && !source.contains("/target/") && !Files.exists(root.resolve(source))) {
                    missing.add(name + ": " + source);
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void prometheusScrapesBothServersAsAnOperatorWithThePasswordComposeGivesIt() throws IOException {
        Map<String, Object> compose = yaml(Dashboards.repository().resolve("docker-compose.yml"));
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> prometheus = map(services.get("prometheus"));
        assertThat(list(prometheus.get("volumes")))
                .contains("./ops/dashboards/prometheus-compose.yml:/etc/prometheus/prometheus.yml:ro");

        Map<String, Object> config = yaml(Dashboards.folder().resolve("prometheus-compose.yml"));
        Map<String, Object> job = map(list(config.get("scrape_configs")).get(0));
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        Set<Object> targets = new HashSet<>();
        list(job.get("static_configs")).forEach(c -> targets.addAll(list(map(c).get("targets"))));
        // each server listens on 8080 inside its container (compose publishes it on 8081 / 8082 of the host)
        assertThat(targets).containsExactlyInAnyOrder("tracker-1:8080", "tracker-2:8080");
        for (String server : List.of("tracker-1", "tracker-2")) {
            assertThat(String.valueOf(
                            list(map(services.get(server)).get("ports")).get(0)))
                    .endsWith(":8080");
        }

        // the built-in operator may read /actuator/prometheus: the servers must run with the built-in accounts
        Map<String, Object> auth = map(job.get("basic_auth"));
        assertThat(auth.get("username")).isEqualTo("operator");
        assertThat(SecurityConfiguration.LOCAL_ACCOUNTS).contains("operator");
        Map<String, Object> environment = map(map(services.get("tracker-1")).get("environment"));
        assertThat(String.valueOf(environment.get("SPRING_PROFILES_ACTIVE"))).contains("compose-local-accounts");
        assertThat(Dashboards.repository().resolve("ops/compose/application-compose-local-accounts.yml"))
                .exists();
        Map<String, Object> passwordFile = map(list(prometheus.get("configs")).get(0));
        assertThat(passwordFile.get("target")).isEqualTo(auth.get("password_file"));
        Map<String, Object> secret = map(map(compose.get("configs")).get(String.valueOf(passwordFile.get("source"))));
        assertThat(secret.get("content")).isEqualTo(environment.get("TRACKER_PASSWORD"));
    }

    @Test
    void grafanaProvisionsTheDatasourceAndTheFolderOfDashboardsTheyUse() throws IOException {
        Map<String, Object> grafana = map(services().get("grafana"));
        assertThat(list(grafana.get("volumes")))
                .contains(
                        "./ops/dashboards/grafana/provisioning:/etc/grafana/provisioning:ro",
                        "./ops/dashboards/grafana/dashboards:/etc/grafana/dashboards:ro");
        Path provisioning = Dashboards.folder().resolve("grafana/provisioning");
        Map<String, Object> datasource = map(
                list(yaml(provisioning.resolve("datasources/prometheus.yml")).get("datasources"))
                        .get(0));
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        Map<String, Object> provider = map(list(yaml(provisioning.resolve("dashboards/barrier-tracker.yml"))
                        .get("providers"))
                .get(0));
        assertThat(map(provider.get("options")).get("path")).isEqualTo("/etc/grafana/dashboards");

        Map<String, JsonNode> dashboards = Dashboards.all();
        assertThat(dashboards).isNotEmpty();
        Set<String> uids = new HashSet<>();
        dashboards.forEach((file, dashboard) -> {
            assertThat(uids.add(dashboard.path("uid").asText()))
                    .as(file + " has a uid of its own")
                    .isTrue();
            Set<String> used = new TreeSet<>();
            dashboard
                    .findValues("datasource")
                    .forEach(d -> used.add(d.path("uid").asText()));
            assertThat(used)
                    .as(file + " reads the provisioned datasource only")
                    .containsOnly(String.valueOf(datasource.get("uid")));
            assertThat(Dashboards.queries(dashboard)).as(file).isNotEmpty();
        });
    }

    @Test
    void everyMetricADashboardReadsIsOneTheServerExports() {
        Set<String> exported = Dashboards.exported();
        Map<String, Set<String>> unknown = new TreeMap<>();
        Dashboards.all().forEach((file, dashboard) -> {
            Set<String> names = Dashboards.metricNames(dashboard);
            assertThat(names).as(file).isNotEmpty();
            names.removeAll(exported);
            if (!names.isEmpty()) {
                unknown.put(file, names);
            }
        });
        assertThat(unknown)
                .as("metrics the dashboards read that the server does not export "
                        + "(ops/dashboards/exported-metrics.txt)")
                .isEmpty();
    }

    @Test
    void theDashboardsShowWhatOperatorsWatch() {
        Set<String> read = new TreeSet<>();
        Dashboards.all().values().forEach(d -> read.addAll(Dashboards.metricNames(d)));
        assertThat(read)
                .contains(
                        "tracker_ingest_reports_total",
                        "tracker_ingest_dead_letters_total",
                        "tracker_ingest_conflicts_total",
                        "tracker_processor_lag_events",
                        "tracker_parked_events",
                        "http_server_requests_seconds_bucket",
                        "jvm_memory_used_bytes",
                        "jvm_gc_pause_seconds_sum",
                        "jvm_threads_live_threads");
    }

    @Test
    void metricNamesAreTheSeriesAQueryReadsNotItsFunctionsLabelsKeywordsOrVariables() {
        assertThat(Dashboards.metricNames("histogram_quantile(0.95, sum by (uri, le) (rate("
                        + "http_server_requests_seconds_bucket{instance=~\"$instance\", uri=~\"/api/(board|incidents.*)\"}"
                        + "[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(Dashboards.metricNames("sum(rate(a_seconds_sum[5m])) / sum(rate(a_seconds_count[5m])) > 0"))
                .containsExactly("a_seconds_count", "a_seconds_sum");
        assertThat(Dashboards.metricNames("sum by (instance) (jvm_memory_max_bytes{area=\"heap\"} > 0) and on"
                        + "(instance) up offset 5m"))
                .containsExactly("jvm_memory_max_bytes", "up");
        assertThat(Dashboards.metricNames(
                        "label_values(process_uptime_seconds{application=\"barrier-tracker\"}," + " instance)"))
                .containsExactly("process_uptime_seconds");
        // a dashboard reading a metric the server does not export fails the check above
        assertThat(Dashboards.metricNames("max by (processor) (tracker_processor_lag{instance=~\"$instance\"})"))
                .doesNotContainAnyElementsOf(Dashboards.exported())
                .containsExactly("tracker_processor_lag");
    }
}
