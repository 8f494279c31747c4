package org.swisscheese.tracker.domain;

import java.util.Arrays;
import java.util.Locale;

/** Enum values as people type them: any case, dashes for underscores; refused in words otherwise. */
public final class Names {

    private Names() {}

    /**
     * The constant of {@code type} named {@code value}; else "{@code field} must be one of [...]{@code hint}; got
     * '...'" (long values cut).
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String hint) {
        String given =
                value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> c.name().equals(given))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(field + " must be one of "
                        + Arrays.toString(type.getEnumConstants()) + hint + "; got '"
                        + (value != null && value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'"));
    }
}
