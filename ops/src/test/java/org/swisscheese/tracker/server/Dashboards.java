package org.swisscheese.tracker.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Grafana dashboards of {@code ops/dashboards/grafana/dashboards} and the metric names their queries use, for
 * {@link DashboardsTest} (against the list of exported names) and {@link DashboardMetricsIT} (against a running
 * server).
 */
final class Dashboards {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern LABELS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** A whole identifier that is not a function call, nor part of a $variable or a number. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:$.])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    /** Grafana's {@code label_values(metric{...}, label)}: the metric is the first argument. */
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\((.*),\\s*\\w+\\s*\\)\\s*$", Pattern.DOTALL);

    private Dashboards() {}

    /** The repository's root: the folder with docker-compose.yml, above the module the tests run in. */
    static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("ops/dashboards"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    static Path folder() {
        return repository().resolve("ops/dashboards");
    }

    /** Every dashboard, by file name. */
    static Map<String, JsonNode> all() {
        Map<String, JsonNode> dashboards = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder().resolve("grafana/dashboards"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dashboards;
    }

    /** The queries of a dashboard: every panel's targets (panels in rows too) and its template variables. */
    static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        collect(dashboard.path("panels"), queries);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            String text =
                    query.isTextual() ? query.asText() : query.path("query").asText("");
            if (variable.path("type").asText().equals("query") && !text.isBlank()) {
                queries.add(text);
            }
        }
        return queries;
    }

    private static void collect(JsonNode panels, List<String> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(target.path("expr").asText());
                }
            }
            collect(panel.path("panels"), queries);
        }
    }

    /** The metric names one PromQL expression (or Grafana {@code label_values} query) reads. */
    static Set<String> metricNames(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        String expr = labelValues.matches() ? labelValues.group(1) : query;
        expr = STRING.matcher(expr).replaceAll("\"\"");
        expr = LABELS.matcher(expr).replaceAll(" ");
        expr = RANGE.matcher(expr).replaceAll(" ");
        expr = GROUPING.matcher(expr).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(expr);
        while (identifier.find()) {
            if (!KEYWORDS.contains(identifier.group())) {
                names.add(identifier.group());
            }
        }
        return names;
    }

    /** Every metric name a dashboard reads. */
    static Set<String> metricNames(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        queries(dashboard).forEach(q -> names.addAll(metricNames(q)));
        return names;
    }

    /** {@code ops/dashboards/exported-metrics.txt}: the names the server exports that dashboards may use. */
    static Set<String> exported() {
        try {
            Set<String> names = new TreeSet<>();
            for (String line : Files.readAllLines(folder().resolve("exported-metrics.txt"))) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
