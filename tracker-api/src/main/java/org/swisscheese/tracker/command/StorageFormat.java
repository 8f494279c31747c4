package org.swisscheese.tracker.command;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * How everything Axon stores is written: events, snapshots, tokens, deadlines, as JSON by Jackson 2. The golden
 * tests of stored events read and write through this, so a change here that would alter stored payloads fails them.
 */
public final class StorageFormat {

    private StorageFormat() {}

    /**
     * Tolerates unknown properties, so that an old reader survives a newer, compatible event revision. Default
     * visibility: Axon's own types (tokens, scope descriptors) rely on it; the aggregate declares field access for its
     * snapshots itself. Blackbird reads and writes the same JSON as plain Jackson, faster.
     */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new BlackbirdModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(mapper()).build();
    }
}
