package org.swisscheese.tracker.ingest;

/** Input that cannot become a report: it goes to the dead-letter topic (Kafka) or back as a 4xx (HTTP). */
public class InvalidBarrierEvent extends Exception {

    /** Why, in a word: the tag of the dead-letter counter. */
    public enum Kind {
        EMPTY,
        OVERSIZE,
        MALFORMED,
        SCHEMA,
        KEY_MISMATCH,
        CLOCK_SKEW,
        NOT_REGISTERED,
        REJECTED,
        NOT_PERMITTED
    }

    private final Kind kind;

    public InvalidBarrierEvent(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
