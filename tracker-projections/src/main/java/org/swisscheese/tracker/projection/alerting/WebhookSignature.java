package org.swisscheese.tracker.projection.alerting;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a delivery is signed: {@code X-Tracker-Signature: sha256=<hex>}, the HMAC-SHA256 under the route's secret of
 * {@code <timestamp>.<body>}, where the timestamp is {@code X-Tracker-Timestamp} (Unix seconds) and the body the exact
 * bytes of the POST. A receiver recomputes it, compares in constant time, and rejects a timestamp too far from its
 * clock (a replay).
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Tracker-Signature";
    public static final String TIMESTAMP_HEADER = "X-Tracker-Timestamp";
    public static final String DELIVERY_HEADER = "X-Tracker-Delivery";

    private WebhookSignature() {}

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** What a receiver does: the signature is right and the timestamp within {@code toleranceSeconds} of now. */
    public static boolean verify(
            String secret,
            String timestampHeader,
            String signatureHeader,
            byte[] body,
            long now,
            long toleranceSeconds) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now - timestamp) > toleranceSeconds) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
