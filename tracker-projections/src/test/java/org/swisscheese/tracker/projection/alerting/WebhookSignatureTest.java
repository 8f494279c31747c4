package org.swisscheese.tracker.projection.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The signature against values computed apart from this code (Python's {@code hmac.new(secret, b"<ts>.<body>",
 * sha256)}), and what a receiver refuses.
 */
class WebhookSignatureTest {

    private static final byte[] BODY = "{\"alerts\":[]}".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0123456789abcdef | 1764409500 | {\"alerts\":[]} | 51a45917be13730019e43265cb495b0164417f1802bb09be7ce29611139f8bbf",
                "key              | 1          |                 | 53123bc365c2fe4bee48bc5cc6cd6c19699147d43513154ed34277c7c063e80f",
            })
    void signsTheTimestampADotAndTheBodyWithHmacSha256(String secret, long timestamp, String body, String hex) {
        byte[] bytes = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.sign(secret, timestamp, bytes)).isEqualTo("sha256=" + hex);
    }

    /** A receiver at {@code now} = 1764409530 (30 s after the delivery was signed), tolerance 300 s. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "as sent                     | 0123456789abcdef | 1764409500 | sha256=51a45917be13730019e43265cb495b0164417f1802bb09be7ce29611139f8bbf | {\"alerts\":[]}  | true",
                "another secret              | 0123456789abcdeF | 1764409500 | sha256=51a45917be13730019e43265cb495b0164417f1802bb09be7ce29611139f8bbf | {\"alerts\":[]}  | false",
                "body changed                | 0123456789abcdef | 1764409500 | sha256=51a45917be13730019e43265cb495b0164417f1802bb09be7ce29611139f8bbf | {\"alerts\":[1]} | false",
                "timestamp changed           | 0123456789abcdef | 1764409501 | sha256=51a45917be13730019e43265cb495b0164417f1802bb09be7ce29611139f8bbf | {\"alerts\":[]}  | false",
                "replayed 10 minutes later   | 0123456789abcdef | 1764408900 | sha256=ignored                                                              | {\"alerts\":[]}  | false",
                "no sha256= prefix           | 0123456789abcdef | 1764409500 | 51a45917be13730019e43265cb495b0164417f1802bb09be7ce29611139f8bbf        | {\"alerts\":[]}  | false",
                "timestamp not a number      | 0123456789abcdef | soon       | sha256=51a45917be13730019e43265cb495b0164417f1802bb09be7ce29611139f8bbf | {\"alerts\":[]}  | false",
            })
    void aReceiverAcceptsOnlyTheSignedBodyWithAFreshTimestamp(
            String what, String secret, String timestamp, String signature, String body, boolean accepted) {
        assertThat(WebhookSignature.verify(
                        secret, timestamp, signature, body.getBytes(StandardCharsets.UTF_8), 1764409530L, 300))
                .as(what)
                .isEqualTo(accepted);
    }
}
