package org.swisscheese.tracker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read models as a user sees them (fleet, incidents, board, statistics) for the systems of one fleet, compared
 * before and after every read model is rebuilt from the event store: what survived a fault must equal a fresh replay.
 */
final class ReadModels {

    static final List<String> ALL = List.of("incident-timeline", "fleet", "operator-board", "barrier-statistics");

    private ReadModels() {}

    /**
     * Every read model's view of the fleet; statistics over a window that ends at {@code until}, an instant already
     * past, so that two snapshots taken at different times measure the same exposure (a window never runs past now).
     */
    static Map<String, JsonNode> snapshot(TrackerProcess server, Fleet fleet, java.time.Instant until)
            throws Exception {
        Map<String, JsonNode> views = new TreeMap<>();
        JsonNode board = get(server, "/api/board");
        for (String system : fleet.systems) {
            views.put("system " + system, get(server, "/api/systems/" + system));
            ArrayNode incidents = Fleet.MAPPER.createArrayNode();
            for (int page = 0; ; page++) {
                JsonNode items = get(server, "/api/incidents?systemId=" + system + "&size=200&page=" + page)
                        .path("items");
                items.forEach(incidents::add);
                if (items.size() < 200) {
                    break;
                }
            }
            views.put("incidents " + system, incidents);
            for (JsonNode card : board.path("systems")) {
                if (card.path("systemId").asText().equals(system)) {
                    views.put("card " + system, card);
                }
            }
            views.put(
                    "statistics " + system,
                    get(server, "/api/statistics/barriers?systemId=" + system + "&to=" + until));
        }
        return views;
    }

    /** Rebuilds every read model from the store and waits until each has caught up with its head. */
    static Duration replayAll(TrackerProcess server) throws Exception {
        long began = System.nanoTime();
        for (String name : ALL) {
            assertThat(server.call("admin", "POST", "/api/admin/projections/" + name + "/replay", null)
                            .statusCode())
                    .isEqualTo(202);
        }
        awaitCaughtUp(server, began);
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /** Waits until every read model has handled every event in the store. */
    static void awaitCaughtUp(TrackerProcess server) throws Exception {
        awaitCaughtUp(server, System.nanoTime());
    }

    private static void awaitCaughtUp(TrackerProcess server, long began) throws Exception {
        for (String name : ALL) {
            while (true) {
                JsonNode status = get(server, "admin", "/api/admin/projections/" + name + "/replay");
                if (!status.path("replaying").asBoolean()
                        && status.path("progress").asDouble() >= 1.0
                        && status.path("segments").asInt()
                                == status.path("segmentsTotal").asInt()) {
                    break;
                }
                if (System.nanoTime() - began > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException(name + " did not catch up: " + status
                            + "; the server's last warnings:\n" + warnings(server));
                }
                Thread.sleep(500);
            }
        }
    }

    /** The last warnings and errors in the server's log, with the first line of each stack trace: why it is stuck. */
    private static String warnings(TrackerProcess server) {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(server.log())) {
            List<String> kept = new java.util.ArrayList<>();
            boolean inTrace = false;
            for (String line : (Iterable<String>) lines::iterator) {
                boolean warning = line.contains(" WARN ") || line.contains(" ERROR ");
                if (warning && !line.contains("org.apache.kafka")) {
                    kept.add(line);
                    inTrace = true;
                } else if (inTrace && line.startsWith("Caused by")) {
                    kept.add(line);
                } else if (!line.startsWith("\t") && !line.startsWith("Caused by")) {
                    inTrace = false;
                }
            }
            return String.join("\n", kept.subList(Math.max(0, kept.size() - 40), kept.size()));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    static void assertEqualToFreshReplay(TrackerProcess server, Fleet fleet) throws Exception {
        awaitCaughtUp(server);
        JsonNode parked = get(server, "admin", "/api/admin/parked?limit=20");
        assertThat(parked.path("summary").path("total").asLong())
                .as("events the read models parked: %s", parked)
                .isZero();
        java.time.Instant until = java.time.Instant.now();
        Thread.sleep(50);
        Map<String, JsonNode> before = snapshot(server, fleet, until);
        Duration replay = replayAll(server);
        org.slf4j.LoggerFactory.getLogger(ReadModels.class)
                .info("RESULT replay of every read model took {} s", replay.toMillis() / 1000.0);
        Thread.sleep(1000);
        Map<String, JsonNode> after = snapshot(server, fleet, until);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String view : before.keySet()) {
            assertThat(after.get(view)).as("%s after a fresh replay", view).isEqualTo(before.get(view));
        }
    }

    private static JsonNode get(TrackerProcess server, String path) throws Exception {
        return get(server, "operator", path);
    }

    private static JsonNode get(TrackerProcess server, String user, String path) throws Exception {
        var response = server.call(user, "GET", path, null);
        assertThat(response.statusCode())
                .as("GET " + path + ": " + response.body())
                .isEqualTo(200);
        return Fleet.MAPPER.readTree(response.body());
    }
}
