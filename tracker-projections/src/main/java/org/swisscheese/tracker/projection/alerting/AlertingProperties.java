package org.swisscheese.tracker.projection.alerting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tracker.alerting.*}.
 *
 * @param enabled           false: nothing is sent (alerts are still queued)
 * @param groupWait         how long the first alert of a group (a route and a system) waits for others to go in the
 *                          same POST
 * @param pollEvery         how often the sender looks for groups that are due and deliveries to send
 * @param maxAttempts       attempts per delivery (the first included) before it becomes a dead letter
 * @param initialBackoff    the wait after the first failed attempt; each next wait is {@code backoffMultiplier} times
 *                          longer, at most {@code maxBackoff}
 * @param backoffMultiplier see {@code initialBackoff}
 * @param maxBackoff        see {@code initialBackoff}
 * @param requestTimeout    how long one POST may take (connect and answer)
 * @param flapWindow        the window in which state changes of an alert's subject are counted
 * @param flapThreshold     an alert whose subject changed state more than this often in the window is held until it
 *                          calms down
 * @param senders           deliveries sent at once by this server
 * @param repeatInterval    how long after it was last sent a still-firing alert is sent again (Alertmanager's
 *                          {@code repeat_interval}, default 4 h); a route may set its own
 */
@ConfigurationProperties("tracker.alerting")
public record AlertingProperties(
        Boolean enabled,
        Duration groupWait,
        Duration pollEvery,
        Integer maxAttempts,
        Duration initialBackoff,
        Double backoffMultiplier,
        Duration maxBackoff,
        Duration requestTimeout,
        Duration flapWindow,
        Integer flapThreshold,
        Integer senders,
        Duration repeatInterval) {

    public AlertingProperties {
        enabled = enabled == null || enabled;
        groupWait = groupWait == null ? Duration.ofSeconds(10) : groupWait;
        pollEvery = pollEvery == null ? Duration.ofMillis(500) : pollEvery;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        backoffMultiplier = backoffMultiplier == null ? 2.0 : backoffMultiplier;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(5) : requestTimeout;
        flapWindow = flapWindow == null ? Duration.ofHours(1) : flapWindow;
        flapThreshold = flapThreshold == null ? 4 : flapThreshold;
        senders = senders == null ? 2 : senders;
        repeatInterval = repeatInterval == null ? Duration.ofHours(4) : repeatInterval;
        if (repeatInterval.isNegative() || repeatInterval.isZero()) {
            throw new IllegalArgumentException("tracker.alerting.repeat-interval must be positive");
        }
        if (maxAttempts < 1 || senders < 1 || flapThreshold < 1 || backoffMultiplier < 1) {
            throw new IllegalArgumentException(
                    "tracker.alerting: max-attempts, senders and flap-threshold must be at least 1, backoff-multiplier"
                            + " at least 1");
        }
    }

    /** How long a claimed delivery is left to its sender before another may take it: every attempt and wait. */
    Duration lease() {
        return requestTimeout.plus(maxBackoff).multipliedBy(maxAttempts).plus(Duration.ofSeconds(30));
    }
}
