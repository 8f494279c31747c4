package org.swisscheese.tracker.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.integrity.ChainVerification.Integrity;
import org.swisscheese.tracker.integrity.ChainVerification.StoredEvent;

/**
 * Verifies a system's chain from the rows of the event store as they are (payload bytes as stored, never read back
 * into events and serialized again), a page at a time in sequence order.
 */
@Component
public class ChainVerifier {

    private static final int PAGE = 500;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ChainVerifier(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @throws NoSuchElementException if the system has no events: it was never registered */
    public Integrity verify(SystemId system) {
        ChainVerification verification = new ChainVerification(system.value());
        long after = -1;
        List<StoredEvent> page;
        do {
            page = jdbc.sql("SELECT sequencenumber, payloadtype, payloadrevision, payload, metadata"
                            + " FROM domainevententry WHERE aggregateidentifier = :id AND sequencenumber > :after"
                            + " ORDER BY sequencenumber LIMIT " + PAGE)
                    .param("id", system.value())
                    .param("after", after)
                    .query((rs, n) ->
                            stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5)))
                    .list();
            page.forEach(verification::accept);
            after = page.isEmpty() ? after : page.get(page.size() - 1).sequence();
        } while (page.size() == PAGE);
        if (verification.events() == 0) {
            throw new NoSuchElementException("no system '" + system + "'");
        }
        return verification.result();
    }

    private StoredEvent stored(long sequence, String type, String revision, byte[] payload, byte[] metaData) {
        String previousHash = null;
        String hash = null;
        if (metaData != null) {
            try {
                JsonNode fields = json.readTree(metaData);
                previousHash = fields.path(ChainHash.PREVIOUS_HASH).textValue();
                hash = fields.path(ChainHash.HASH).textValue();
            } catch (IOException unreadable) {
                // no chain metadata to be found: verified as an event without a hash
            }
        }
        return new StoredEvent(sequence, type, revision, payload, previousHash, hash);
    }
}
