package org.swisscheese.tracker.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static final String REGISTERED = "org.swisscheese.tracker.api.AiSystemEvent$SystemRegistered";

    /**
     * Worked out outside Java:
     * <pre>
     * printf '%s\n%s\n%s\n%s\n%s\n%s' 0000000000000000000000000000000000000000000000000000000000000000 \
     *   support-llm-eu 0 'org.swisscheese.tracker.api.AiSystemEvent$SystemRegistered' 1 \
     *   '{"systemId":"support-llm-eu"}' | sha256sum
     * 051aa309bdd45cab1201777c9970a8a61f67a6ea2805513e4c403aba22826ebc
     * </pre>
     */
    @Test
    void theFirstEventOfAStreamHashesTheGenesisValueItsPlaceAndItsStoredBytes() {
        assertThat(ChainHash.of(
                        ChainHash.GENESIS,
                        "support-llm-eu",
                        0,
                        REGISTERED,
                        "1",
                        bytes("{\"systemId\":\"support-llm-eu\"}")))
                .isEqualTo("051aa309bdd45cab1201777c9970a8a61f67a6ea2805513e4c403aba22826ebc");
    }

    /**
     * With h1 the hash above, by python3's hashlib, everything UTF-8:
     * <pre>
     * sha256(h1 + "\nsupport-llm-eu\n1\norg.swisscheese.tracker.api.AiSystemEvent$BarrierTripped\n1\n"
     *        + '{"detail":"über"}')
     * = d3e9b267125294b430591ab1e282e6c3d3f0523d71a4202483e2c0362136ce3b
     * </pre>
     */
    @Test
    void theNextEventHashesThePreviousHash() {
        assertThat(ChainHash.of(
                        "051aa309bdd45cab1201777c9970a8a61f67a6ea2805513e4c403aba22826ebc",
                        "support-llm-eu",
                        1,
                        "org.swisscheese.tracker.api.AiSystemEvent$BarrierTripped",
                        "1",
                        bytes("{\"detail\":\"über\"}")))
                .isEqualTo("d3e9b267125294b430591ab1e282e6c3d3f0523d71a4202483e2c0362136ce3b");
    }

    /**
     * No revision is an empty line: python3 {@code hashlib.sha256(("0" * 64 + "\nx\n7\nT\n\n").encode()).hexdigest()}
     * = bff060192574a4504fcc8c79e980570c373971aeaa9b5409e1871c54bb50c437.
     */
    @Test
    void noRevisionAndAnEmptyPayloadHashAsEmptyFields() {
        String expected = "bff060192574a4504fcc8c79e980570c373971aeaa9b5409e1871c54bb50c437";
        assertThat(ChainHash.of(ChainHash.GENESIS, "x", 7, "T", null, new byte[0]))
                .isEqualTo(expected);
        assertThat(ChainHash.of(ChainHash.GENESIS, "x", 7, "T", "", new byte[0]))
                .isEqualTo(expected);
    }

    @Test
    void everyCoveredFieldChangesTheHash() {
        byte[] payload = bytes("{}");
        String hash = ChainHash.of(ChainHash.GENESIS, "a", 1, "T", "1", payload);
        assertThat(ChainHash.of("1".repeat(64), "a", 1, "T", "1", payload)).isNotEqualTo(hash);
        assertThat(ChainHash.of(ChainHash.GENESIS, "b", 1, "T", "1", payload)).isNotEqualTo(hash);
        assertThat(ChainHash.of(ChainHash.GENESIS, "a", 2, "T", "1", payload)).isNotEqualTo(hash);
        assertThat(ChainHash.of(ChainHash.GENESIS, "a", 1, "U", "1", payload)).isNotEqualTo(hash);
        assertThat(ChainHash.of(ChainHash.GENESIS, "a", 1, "T", "2", payload)).isNotEqualTo(hash);
        assertThat(ChainHash.of(ChainHash.GENESIS, "a", 1, "T", "1", bytes("{ }")))
                .isNotEqualTo(hash);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
