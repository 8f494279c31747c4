package org.swisscheese.tracker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.command.StorageFormat;
import org.swisscheese.tracker.domain.ReportType;

class ReportAttributesTest {

    private final Serializer serializer = StorageFormat.serializer();

    private static Report withAttributes(Map<String, Object> attributes) {
        Instant at = Instant.parse("2026-11-02T08:00:00Z");
        return new Report("r-1", ReportType.TRIPPED, "gate", null, at, at, "/test", null, attributes, null, null, null);
    }

    @Test
    void attributesAreStoredInKeyOrderWhateverOrderTheyArrivedIn() {
        // 26 keys, given backwards: Map.copyOf would iterate them in an order of its own, per JVM
        Map<String, Object> backwards = new LinkedHashMap<>();
        for (char key = 'z'; key >= 'a'; key--) {
            backwards.put(String.valueOf(key), (int) key);
        }
        String stored = new String(
                serializer.serialize(withAttributes(backwards), byte[].class).getData(), StandardCharsets.UTF_8);

        StringBuilder inKeyOrder = new StringBuilder("\"attributes\":{");
        for (char key = 'a'; key <= 'z'; key++) {
            inKeyOrder
                    .append(key == 'a' ? "" : ",")
                    .append('"')
                    .append(key)
                    .append("\":")
                    .append((int) key);
        }
        assertThat(stored).contains(inKeyOrder.append('}'));
    }

    @Test
    void theSameReportIsTheSameBytesAndReadsBackEqual() {
        Map<String, Object> one = new LinkedHashMap<>(Map.of("model", "v7", "region", "eu", "nested", Map.of("k", 1)));
        Map<String, Object> other = new HashMap<>(one);
        byte[] first = serializer.serialize(withAttributes(one), byte[].class).getData();
        byte[] second =
                serializer.serialize(withAttributes(other), byte[].class).getData();

        assertThat(first).isEqualTo(second);
        Report read = serializer.deserialize(serializer.serialize(withAttributes(one), byte[].class));
        assertThat(read).isEqualTo(withAttributes(other));
    }

    @Test
    void aNullAttributeIsStillRefused() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("model", null);
        assertThatThrownBy(() -> withAttributes(withNull)).isInstanceOf(NullPointerException.class);
    }
}
