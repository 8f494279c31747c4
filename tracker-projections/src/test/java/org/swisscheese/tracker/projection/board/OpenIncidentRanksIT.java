package org.swisscheese.tracker.projection.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.swisscheese.tracker.projection.board.OpenIncidentRanks.Closest;
import org.swisscheese.tracker.projection.board.OpenIncidentRanks.Counts;

/**
 * On the real PostgreSQL (127.0.0.1:5432, database {@code test}, a schema of its own), the index walks pick for each
 * system the same worst incidents, the same closest incident per path and the same counts as the window functions
 * that H2 runs, and both give what ranking and counting every open incident in memory gives: whatever the incidents,
 * however many tie on severity, margin and opening, and for any set of systems asked about.
 */
class OpenIncidentRanksIT {

    static final String URL =
            System.getenv().getOrDefault("TRACKER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("TRACKER_TEST_PG_USER", "postgres");
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final List<String> LINES = List.of("", "line-a", "line-b");
    static final int SEVERE = 2;

    private static String schema;
    private static JdbcClient jdbc;

    @BeforeContainer
    static void schema() {
        schema = "it_ranks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(URL + "?currentSchema=" + schema, USER, "");
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .createSchemas(true)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterContainer
    static void drop() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, "")) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** One path of an open incident: its live margin there. */
    record Path(String threatLine, String consequenceLine, int margin) {}

    /** An open incident of system {@code system}, opened {@code minute} minutes after T0. */
    record Incident(int system, int severity, int margin, int minute, List<Path> paths) {}

    @Provide
    Arbitrary<Incident> incidents() {
        Arbitrary<Path> path = Combinators.combine(
                        Arbitraries.of(LINES),
                        Arbitraries.of(LINES),
                        Arbitraries.integers().between(0, 3))
                .as(Path::new);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 2),
                        path.list().ofMaxSize(4).uniqueElements(p -> p.threatLine() + "/" + p.consequenceLine()))
                .as(Incident::new);
    }

    @Property(tries = 60)
    void theWalksPickWhatTheWindowsPickAndWhatRankingEveryIncidentPicks(
            @ForAll @Size(max = 50) List<@From("incidents") Incident> incidents,
            @ForAll @IntRange(min = 1, max = 4) int most,
            @ForAll @Size(max = 6) Set<@IntRange(min = 0, max = 5) Integer> asked) {
        store(incidents);
        List<String> systems =
                asked.stream().sorted().map(OpenIncidentRanksIT::system).toList();

        Map<String, Set<String>> worst = worstInMemory(incidents, systems, most);
        Set<Closest> closest = closestInMemory(incidents, systems);
        Map<String, Counts> counts = new HashMap<>();
        incidents.stream()
                .filter(i -> systems.contains(system(i.system())))
                .forEach(i -> counts.merge(
                        system(i.system()),
                        new Counts(1, i.severity() >= SEVERE ? 1 : 0),
                        (x, y) -> new Counts(x.open() + y.open(), x.severe() + y.severe())));

        for (OpenIncidentRanks ranks : List.of(
                OpenIncidentRanks.windows(jdbc), OpenIncidentRanks.indexWalks(jdbc), OpenIncidentRanks.of(jdbc))) {
            assertThat(asSets(ranks.worst(systems, most))).isEqualTo(worst);
            assertThat(Set.copyOf(ranks.closest(systems))).isEqualTo(closest);
            assertThat(ranks.counts(systems, SEVERE)).isEqualTo(counts);
        }
    }

    @Example
    void theWalksListTheWorstFirstAndBreakEveryTieByTheIncidentsId() {
        List<Incident> incidents = List.of(
                new Incident(0, 2, 1, 0, List.of(new Path("", "line-a", 1))),
                new Incident(0, 2, 1, 0, List.of(new Path("", "line-a", 1))),
                new Incident(0, 3, 3, 0, List.of(new Path("line-b", "line-a", 2))),
                new Incident(0, 2, 0, 1, List.of()));
        store(incidents);

        assertThat(OpenIncidentRanks.indexWalks(jdbc).worst(List.of(system(0)), 3))
                .containsExactly(Map.entry(system(0), List.of(id(2), id(3), id(0))));
        assertThat(OpenIncidentRanks.indexWalks(jdbc).closest(List.of(system(0))))
                .containsExactlyInAnyOrder(
                        new Closest(system(0), "", "line-a", id(0)), new Closest(system(0), "line-b", "line-a", id(2)));
        assertThat(OpenIncidentRanks.of(jdbc).worst(List.of(system(0)), 3)).containsKey(system(0));
    }

    private static void store(List<Incident> incidents) {
        jdbc.sql("DELETE FROM board_incident_path").update();
        jdbc.sql("DELETE FROM board_incident").update();
        for (int i = 0; i < incidents.size(); i++) {
            Incident incident = incidents.get(i);
            jdbc.sql("INSERT INTO board_incident (incident_id, system_id, outcome, severity, margin, opened_at)"
                            + " VALUES (?, ?, 'CONTAINED', ?, ?, ?)")
                    .params(id(i), system(incident.system()), incident.severity(), incident.margin(), at(incident))
                    .update();
            for (Path path : incident.paths()) {
                jdbc.sql("INSERT INTO board_incident_path (incident_id, system_id, threat_line, consequence_line,"
                                + " margin, severity, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                        .params(
                                id(i),
                                system(incident.system()),
                                path.threatLine(),
                                path.consequenceLine(),
                                path.margin(),
                                incident.severity(),
                                at(incident))
                        .update();
            }
        }
    }

    /** What a card lists, worked out by sorting every open incident of the system. */
    private static Map<String, Set<String>> worstInMemory(List<Incident> incidents, List<String> systems, int most) {
        Comparator<Integer> worstFirst = Comparator.<Integer>comparingInt(
                        i -> -incidents.get(i).severity())
                .thenComparingInt(i -> incidents.get(i).margin())
                .thenComparing(i -> -incidents.get(i).minute())
                .thenComparing(OpenIncidentRanksIT::id);
        Map<String, Set<String>> worst = new HashMap<>();
        IntStream.range(0, incidents.size())
                .boxed()
                .filter(i -> systems.contains(system(incidents.get(i).system())))
                .collect(Collectors.groupingBy(i -> system(incidents.get(i).system())))
                .forEach((system, ids) -> worst.put(
                        system,
                        ids.stream()
                                .sorted(worstFirst)
                                .limit(most)
                                .map(OpenIncidentRanksIT::id)
                                .collect(Collectors.toSet())));
        return worst;
    }

    /** Per path, the open incident closest to harm on it, worked out by sorting every incident on the path. */
    private static Set<Closest> closestInMemory(List<Incident> incidents, List<String> systems) {
        record OnPath(int incident, Path path) {}
        Map<List<String>, List<OnPath>> byPath = new LinkedHashMap<>();
        for (int i = 0; i < incidents.size(); i++) {
            String system = system(incidents.get(i).system());
            if (systems.contains(system)) {
                for (Path path : incidents.get(i).paths()) {
                    byPath.computeIfAbsent(
                                    List.of(system, path.threatLine(), path.consequenceLine()), k -> new ArrayList<>())
                            .add(new OnPath(i, path));
                }
            }
        }
        Comparator<OnPath> closestFirst = Comparator.<OnPath>comparingInt(
                        p -> p.path().margin())
                .thenComparingInt(p -> -incidents.get(p.incident()).severity())
                .thenComparingInt(p -> incidents.get(p.incident()).minute())
                .thenComparing(p -> id(p.incident()));
        Set<Closest> closest = new HashSet<>();
        byPath.forEach((key, onPath) -> closest.add(new Closest(
                key.get(0),
                key.get(1),
                key.get(2),
                id(onPath.stream().min(closestFirst).orElseThrow().incident()))));
        return closest;
    }

    private static Map<String, Set<String>> asSets(Map<String, List<String>> listed) {
        Map<String, Set<String>> sets = new HashMap<>();
        listed.forEach((system, ids) -> sets.put(system, Set.copyOf(ids)));
        return sets;
    }

    private static String system(int n) {
        return "system-" + n;
    }

    private static String id(int n) {
        return "incident-%03d".formatted(n);
    }

    private static java.time.OffsetDateTime at(Incident incident) {
        return T0.plusSeconds(60L * incident.minute()).atOffset(ZoneOffset.UTC);
    }
}
