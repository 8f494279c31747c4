package org.swisscheese.tracker.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Every fact of the alert routing's one stream ({@link #ROUTING_ID}): webhook routes created, changed and deleted,
 * silences created and expired, each with who ({@code by}, the signed-in user, as in the metadata's {@code user})
 * and when ({@code at}, the tracker's clock). Never edited once stored.
 */
public sealed interface AlertRoutingEvent {

    /**
     * The aggregate identifier of the alert routing. Not a valid {@link SystemId} (it starts with '_'), so no system
     * can ever take it.
     */
    String ROUTING_ID = "_alert-routing";

    String by();

    Instant at();

    /**
     * A route's webhook: POSTs go to {@code url}, signed with HMAC-SHA256 under {@code secret}. {@code sendResolved}
     * (null: yes, as before it existed) and {@code repeatInterval} (null: {@code tracker.alerting.repeat-interval})
     * were added later and are left out of the stored payload when null, so earlier payloads read the same.
     */
    @Revision("1")
    record AlertRouteCreated(
            String routeId,
            String name,
            String url,
            String secret,
            AlertMatchers matchers,
            String by,
            Instant at,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean sendResolved,

            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonFormat(shape = JsonFormat.Shape.STRING)
            Duration repeatInterval)
            implements AlertRoutingEvent {

        /** A route with the default repeat interval that sends resolved notifications. */
        public AlertRouteCreated(
                String routeId, String name, String url, String secret, AlertMatchers matchers, String by, Instant at) {
            this(routeId, name, url, secret, matchers, by, at, null, null);
        }
    }

    /**
     * Everything a route is, after the change ({@code secret} unchanged when the change did not give one;
     * {@code sendResolved} and {@code repeatInterval} as in {@link AlertRouteCreated}: null is the default).
     */
    @Revision("1")
    record AlertRouteChanged(
            String routeId,
            String name,
            String url,
            String secret,
            AlertMatchers matchers,
            String by,
            Instant at,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean sendResolved,

            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonFormat(shape = JsonFormat.Shape.STRING)
            Duration repeatInterval)
            implements AlertRoutingEvent {

        public AlertRouteChanged(
                String routeId, String name, String url, String secret, AlertMatchers matchers, String by, Instant at) {
            this(routeId, name, url, secret, matchers, by, at, null, null);
        }
    }

    @Revision("1")
    record AlertRouteDeleted(String routeId, String name, String by, Instant at) implements AlertRoutingEvent {}

    /** Alerts matching {@code matchers} between {@code startsAt} and {@code endsAt} are recorded, not sent. */
    @Revision("1")
    record SilenceCreated(
            String silenceId,
            AlertMatchers matchers,
            Instant startsAt,
            Instant endsAt,
            String comment,
            String by,
            Instant at)
            implements AlertRoutingEvent {}

    /** Ended early by someone ({@code at} is its new end). */
    @Revision("1")
    record SilenceExpired(String silenceId, String by, Instant at) implements AlertRoutingEvent {}
}
