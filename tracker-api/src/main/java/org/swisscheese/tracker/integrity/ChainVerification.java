package org.swisscheese.tracker.integrity;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Checks one stream's chain from its stored events, given in sequence order: every sequence number is there, and from
 * the first hashed event on, each event's {@code previousHash} is its predecessor's hash and its {@code hash} is that
 * of its stored bytes. Events stored before hash chaining (no hash, before the first hashed one) are not covered.
 */
public final class ChainVerification {

    /** One row of the event store as stored; {@code previousHash} and {@code hash} null when its metadata has none. */
    public record StoredEvent(
            long sequence,
            String payloadType,
            String payloadRevision,
            byte[] payload,
            String previousHash,
            String hash) {}

    /** The last stored event of the stream and its hash as stored (null if it has none). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Head(long sequence, String hash) {}

    /**
     * The answer. {@code verifiedFrom}: the sequence of the first hashed event (the chain covers it and everything
     * after it); {@code firstBrokenSequence} and {@code reason}: where and why the chain first fails; {@code coverage}:
     * what the chain covers, in words.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Integrity(
            String systemId,
            long events,
            Long verifiedFrom,
            Head head,
            boolean intact,
            Long firstBrokenSequence,
            String reason,
            String coverage) {}

    private final String aggregateId;
    private long events;
    private long expectedSequence;
    private Long verifiedFrom;
    private String previousHash;
    private Long firstBroken;
    private String reason;
    private Head head;

    ChainVerification(String aggregateId) {
        this.aggregateId = aggregateId;
    }

    void accept(StoredEvent event) {
        events++;
        head = new Head(event.sequence(), event.hash());
        if (firstBroken == null) {
            check(event);
        }
        expectedSequence = event.sequence() + 1;
    }

    long events() {
        return events;
    }

    private void check(StoredEvent event) {
        long sequence = event.sequence();
        if (sequence != expectedSequence) {
            broken(expectedSequence, "sequence " + expectedSequence + " is missing: the event was deleted");
            return;
        }
        if (previousHash == null) {
            if (event.hash() == null) {
                return; // stored before hash chaining
            }
            verifiedFrom = sequence;
            if (!ChainHash.GENESIS.equals(event.previousHash())) {
                broken(
                        sequence,
                        "the first hashed event does not start a chain (its previousHash is not the genesis"
                                + " value): the hashes of the events before it were removed");
                return;
            }
        } else if (event.hash() == null) {
            broken(sequence, "no hash in its metadata: it was removed, or the event was stored around the tracker");
            return;
        } else if (!previousHash.equals(event.previousHash())) {
            broken(
                    sequence,
                    "its previousHash is not the hash of sequence " + (sequence - 1)
                            + ": that event was altered and hashed anew, or this one was stored around the tracker");
            return;
        }
        String recomputed = ChainHash.of(
                event.previousHash(),
                aggregateId,
                sequence,
                event.payloadType(),
                event.payloadRevision(),
                event.payload());
        if (!recomputed.equals(event.hash())) {
            broken(
                    sequence,
                    "its stored payload, type or revision does not match its hash: altered after it was" + " stored");
            return;
        }
        previousHash = event.hash();
    }

    private void broken(long sequence, String why) {
        firstBroken = sequence;
        reason = why;
    }

    Integrity result() {
        return new Integrity(
                aggregateId, events, verifiedFrom, head, firstBroken == null, firstBroken, reason, coverage());
    }

    private String coverage() {
        if (verifiedFrom == null) {
            return firstBroken != null
                    ? "not verified: the stream is broken before its first hashed event"
                    : "none of its " + events + " events carries a hash: all were stored before hash chaining, and"
                            + " the chain covers none of them";
        }
        return verifiedFrom == 0
                ? "the chain covers every event"
                : "the chain covers the events from sequence " + verifiedFrom + " on; the " + verifiedFrom
                        + " before were stored before hash chaining and are not covered";
    }
}
