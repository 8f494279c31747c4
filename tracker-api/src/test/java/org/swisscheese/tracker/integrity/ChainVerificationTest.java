package org.swisscheese.tracker.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.integrity.ChainVerification.Integrity;
import org.swisscheese.tracker.integrity.ChainVerification.StoredEvent;

class ChainVerificationTest {

    private static final String SYSTEM = "llm-1";
    private static final String TYPE = "org.swisscheese.tracker.api.AiSystemEvent$BarrierTripped";

    /** Events 0..count-1, chained from {@code from} on, the ones before stored without a hash. */
    private static List<StoredEvent> stream(int count, int from) {
        List<StoredEvent> events = new ArrayList<>();
        String previous = ChainHash.GENESIS;
        for (int sequence = 0; sequence < count; sequence++) {
            byte[] payload = ("{\"barrierId\":\"gate-" + sequence + "\"}").getBytes(StandardCharsets.UTF_8);
            if (sequence < from) {
                events.add(new StoredEvent(sequence, TYPE, "1", payload, null, null));
                continue;
            }
            String hash = ChainHash.of(previous, SYSTEM, sequence, TYPE, "1", payload);
            events.add(new StoredEvent(sequence, TYPE, "1", payload, previous, hash));
            previous = hash;
        }
        return events;
    }

    private static Integrity verify(List<StoredEvent> events) {
        ChainVerification verification = new ChainVerification(SYSTEM);
        events.forEach(verification::accept);
        return verification.result();
    }

    private static StoredEvent withPayload(StoredEvent e, String payload) {
        return new StoredEvent(
                e.sequence(),
                e.payloadType(),
                e.payloadRevision(),
                payload.getBytes(StandardCharsets.UTF_8),
                e.previousHash(),
                e.hash());
    }

    @Test
    void anUntouchedStreamIsIntactAndEndsInItsHead() {
        List<StoredEvent> events = stream(5, 0);

        Integrity integrity = verify(events);

        assertThat(integrity.intact()).isTrue();
        assertThat(integrity.events()).isEqualTo(5);
        assertThat(integrity.verifiedFrom()).isZero();
        assertThat(integrity.firstBrokenSequence()).isNull();
        assertThat(integrity.reason()).isNull();
        assertThat(integrity.head())
                .isEqualTo(new ChainVerification.Head(4, events.get(4).hash()));
        assertThat(integrity.coverage()).isEqualTo("the chain covers every event");
    }

    @Test
    void anAlteredPayloadBreaksTheChainAtItsOwnSequence() {
        List<StoredEvent> events = stream(5, 0);
        events.set(2, withPayload(events.get(2), "{\"barrierId\":\"gate-X\"}"));

        Integrity integrity = verify(events);

        assertThat(integrity.intact()).isFalse();
        assertThat(integrity.firstBrokenSequence()).isEqualTo(2);
        assertThat(integrity.reason()).contains("payload");
        assertThat(integrity.events()).isEqualTo(5);
        assertThat(integrity.head().sequence()).isEqualTo(4);
    }

    @Test
    void anEventAlteredAndHashedAnewBreaksTheChainAtTheNextOne() {
        List<StoredEvent> events = stream(5, 0);
        StoredEvent altered = withPayload(events.get(2), "{\"barrierId\":\"gate-X\"}");
        events.set(
                2,
                new StoredEvent(
                        2,
                        TYPE,
                        "1",
                        altered.payload(),
                        altered.previousHash(),
                        ChainHash.of(altered.previousHash(), SYSTEM, 2, TYPE, "1", altered.payload())));

        Integrity integrity = verify(events);

        assertThat(integrity.firstBrokenSequence()).isEqualTo(3);
        assertThat(integrity.reason()).contains("previousHash is not the hash of sequence 2");
    }

    @Test
    void aDeletedEventIsAMissingSequence() {
        List<StoredEvent> events = stream(5, 0);
        events.remove(3);

        Integrity integrity = verify(events);

        assertThat(integrity.firstBrokenSequence()).isEqualTo(3);
        assertThat(integrity.reason()).contains("sequence 3 is missing");
    }

    @Test
    void aStrippedHashInsideTheChainIsBroken() {
        List<StoredEvent> events = stream(5, 0);
        StoredEvent e = events.get(3);
        events.set(3, new StoredEvent(3, TYPE, "1", e.payload(), null, null));

        assertThat(verify(events).firstBrokenSequence()).isEqualTo(3);
    }

    @Test
    void strippingTheFirstHashesDoesNotPassForAnOldStream() {
        List<StoredEvent> events = stream(5, 0);
        events.set(0, new StoredEvent(0, TYPE, "1", events.get(0).payload(), null, null));

        Integrity integrity = verify(events);

        assertThat(integrity.firstBrokenSequence()).isEqualTo(1);
        assertThat(integrity.reason()).contains("genesis");
    }

    @Test
    void eventsStoredBeforeHashChainingAreNotCoveredAndSaySo() {
        Integrity integrity = verify(stream(6, 2));

        assertThat(integrity.intact()).isTrue();
        assertThat(integrity.verifiedFrom()).isEqualTo(2);
        assertThat(integrity.coverage())
                .isEqualTo("the chain covers the events from sequence 2 on; the 2 before"
                        + " were stored before hash chaining and are not covered");

        Integrity old = verify(stream(3, 3));
        assertThat(old.intact()).isTrue();
        assertThat(old.verifiedFrom()).isNull();
        assertThat(old.head()).isEqualTo(new ChainVerification.Head(2, null));
        assertThat(old.coverage()).contains("covers none");
    }

    @Test
    void aChangedTypeOrRevisionBreaksTheChainToo() {
        List<StoredEvent> events = stream(3, 0);
        StoredEvent e = events.get(1);
        events.set(1, new StoredEvent(1, TYPE, "2", e.payload(), e.previousHash(), e.hash()));

        assertThat(verify(events).firstBrokenSequence()).isEqualTo(1);
    }
}
