package org.swisscheese.tracker.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/** One record of every kind of bad input, each with the dead-letter reason it must get. */
final class Poison {

    private Poison() {}

    /** Reason kind (as in the {@code tracker-dlt-reason} header) -> record. */
    static Map<String, ProducerRecord<String, byte[]>> ofEveryKind(Fleet fleet, String tag) throws Exception {
        String system = fleet.systems.get(0);
        Map<String, ProducerRecord<String, byte[]>> poison = new LinkedHashMap<>();
        poison.put("EMPTY", record(system, new byte[0]));
        poison.put("MALFORMED", record(system, "{\"specversion\":\"1.0\", not json".getBytes(StandardCharsets.UTF_8)));
        poison.put(
                "OVERSIZE",
                record(
                        system,
                        event(system, tag + "-oversize", Instant.now())
                                .put("padding", "x".repeat(70 * 1024))
                                .toString()
                                .getBytes(StandardCharsets.UTF_8)));
        ObjectNode noType = event(system, tag + "-schema", Instant.now());
        noType.remove("type");
        poison.put("SCHEMA", record(system, bytes(noType)));
        poison.put("KEY_MISMATCH", record(fleet.systems.get(1), bytes(event(system, tag + "-key", Instant.now()))));
        poison.put(
                "CLOCK_SKEW",
                record(
                        system,
                        bytes(event(system, tag + "-future", Instant.now().plus(Duration.ofDays(1))))));
        poison.put(
                "CLOCK_SKEW ",
                record(system, bytes(event(system, tag + "-past", Instant.now().minus(Duration.ofDays(400))))));
        poison.put(
                "NOT_REGISTERED",
                record("nobody-" + tag, bytes(event("nobody-" + tag, tag + "-nobody", Instant.now()))));
        ObjectNode unknownBarrier = event(system, tag + "-barrier", Instant.now());
        ((ObjectNode) unknownBarrier.path("data")).put("barrierId", "no-such-barrier");
        poison.put("REJECTED", record(system, bytes(unknownBarrier)));
        return poison;
    }

    static List<String> kinds(Map<String, ProducerRecord<String, byte[]>> poison) {
        return new ArrayList<>(poison.keySet().stream().map(String::trim).toList());
    }

    private static ObjectNode event(String system, String id, Instant at) {
        ObjectNode event = Fleet.MAPPER
                .createObjectNode()
                .put("specversion", "1.0")
                .put("id", id)
                .put("source", "/faults/poison")
                .put("type", "ai.barrier.tripped")
                .put("subject", system)
                .put("time", at.toString())
                .put("datacontenttype", "application/json");
        event.putObject("data").put("barrierId", "adversarial-training");
        return event;
    }

    private static byte[] bytes(ObjectNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ProducerRecord<String, byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>(Fleet.TOPIC, key, value);
    }
}
