package org.swisscheese.tracker.domain;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a person may type into the model: ids by pattern, words by length and without control characters, sizes of a
 * bow-tie. Checked when a command is decided, never when an event is read back: what was stored stays readable.
 */
public final class Limits {

    public static final int NAME = 200;
    public static final int TEXT = 4000;
    public static final int LINES = 20;
    public static final int BARRIERS_PER_LINE = 50;
    public static final Duration SHORTEST_WINDOW = Duration.ofSeconds(1);
    public static final Duration LONGEST_WINDOW = Duration.ofDays(7);
    public static final Duration SHORTEST_EXPECTED_EVERY = Duration.ofSeconds(1);
    public static final Duration LONGEST_EXPECTED_EVERY = Duration.ofDays(366);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

    private Limits() {}

    public static void id(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1-100 letters, digits, '.', '_' or '-', starting with"
                    + " a letter or digit; got '" + shorten(value) + "'");
        }
    }

    /** Free text: optional, at most {@code max} characters, no control characters but line breaks and tabs. */
    public static void text(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(
                    field + " is " + value.length() + " characters long; at most " + max + " are allowed");
        }
        if (CONTROL.matcher(value).find()) {
            throw new IllegalArgumentException(field + " contains a control character");
        }
    }

    public static void window(Duration window) {
        if (window.compareTo(SHORTEST_WINDOW) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
            throw new IllegalArgumentException("the correlation window must lie between " + SHORTEST_WINDOW + " and "
                    + LONGEST_WINDOW + "; got " + window);
        }
    }

    public static void bowTie(BowTie bowTie) {
        text("hazard", bowTie.hazard(), NAME);
        text("topEvent", bowTie.topEvent(), NAME);
        if (bowTie.lines().size() > LINES) {
            throw new IllegalArgumentException("a bow-tie has at most " + LINES + " lines; got "
                    + bowTie.lines().size());
        }
        for (LineSpec line : bowTie.lines()) {
            id("line id", line.id());
            text("line name", line.name(), NAME);
            if (line.barriers().size() > BARRIERS_PER_LINE) {
                throw new IllegalArgumentException("line '" + line.id() + "' has "
                        + line.barriers().size() + " barriers; at most " + BARRIERS_PER_LINE + " are allowed");
            }
            for (BarrierSpec b : line.barriers()) {
                id("barrier id", b.id());
                text("barrier name", b.name(), NAME);
                text("barrier owner", b.owner(), NAME);
                text("barrier description", b.description(), TEXT);
                if (b.claimedPfd() != null && !(b.claimedPfd() >= 0 && b.claimedPfd() <= 1)) {
                    throw new IllegalArgumentException(
                            "barrier '" + b.id() + "': a claimed PFD lies in [0, 1]; got " + b.claimedPfd());
                }
                expectedEvery(b);
            }
        }
    }

    private static void expectedEvery(BarrierSpec b) {
        Duration every = b.expectedEvery();
        if (every != null
                && (every.compareTo(SHORTEST_EXPECTED_EVERY) < 0 || every.compareTo(LONGEST_EXPECTED_EVERY) > 0)) {
            throw new IllegalArgumentException("barrier '" + b.id() + "': expectedEvery must lie between "
                    + SHORTEST_EXPECTED_EVERY + " and " + LONGEST_EXPECTED_EVERY + "; got " + every);
        }
    }

    public static void texts(String field, List<String> values, int max, int count) {
        if (values.size() > count) {
            throw new IllegalArgumentException(field + ": at most " + count + " entries; got " + values.size());
        }
        values.forEach(v -> text(field, v, max));
    }

    private static String shorten(String value) {
        return value == null ? null : value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
