package org.swisscheese.tracker.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One link of a stream's hash chain: the hex SHA-256 of
 * <pre>
 * previousHash \n aggregateId \n sequenceNumber \n payloadType \n payloadRevision \n payload
 * </pre>
 * where everything before the payload is UTF-8 text (the revision empty when there is none, the sequence number in
 * decimal) and the payload is the bytes exactly as stored. No field before the payload can hold a line break (hex,
 * the system id format, a number, a class name, a revision), so two different events never hash the same input.
 * Metadata (who caused the event), the event identifier and the timestamp are not covered.
 */
public final class ChainHash {

    /** Metadata of every chained event: its own hash, and that of the event before it in its stream. */
    public static final String HASH = "hash";

    public static final String PREVIOUS_HASH = "previousHash";

    /** The previous hash of the first hashed event of a stream. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    public static String of(
            String previousHash,
            String aggregateId,
            long sequenceNumber,
            String payloadType,
            String payloadRevision,
            byte[] payload) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        String header = previousHash + "\n" + aggregateId + "\n" + sequenceNumber + "\n" + payloadType + "\n"
                + (payloadRevision == null ? "" : payloadRevision) + "\n";
        sha256.update(header.getBytes(StandardCharsets.UTF_8));
        sha256.update(payload);
        return HexFormat.of().formatHex(sha256.digest());
    }
}
