package org.swisscheese.tracker.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** The id of one AI system: the Kafka key and the aggregate identifier, e.g. {@code support-llm-eu}. */
public record SystemId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public SystemId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("system id must be 1-64 lowercase letters, digits, '-' or '_',"
                    + " starting with a letter or digit; got '" + value + "'");
        }
    }

    @JsonCreator
    public static SystemId of(String value) {
        return new SystemId(value);
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
