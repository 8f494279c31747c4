package org.swisscheese.tracker.api;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Everything that can be asked of the alert routing; each may be refused. {@code by} is the signed-in user, handed
 * over as a plain field (the aggregate knows nothing of HTTP). The target is always {@link
 * AlertRoutingEvent#ROUTING_ID}.
 */
public final class AlertingCommands {

    private AlertingCommands() {}

    /**
     * {@code sendResolved} null: yes; {@code repeatInterval} null: {@code tracker.alerting.repeat-interval} (a route's
     * own is 1 second to 30 days).
     */
    public record CreateAlertRoute(
            @TargetAggregateIdentifier String routingId,
            String routeId,
            String name,
            String url,
            String secret,
            AlertMatchers matchers,
            String by,
            Boolean sendResolved,
            Duration repeatInterval) {

        public CreateAlertRoute(
                String routingId,
                String routeId,
                String name,
                String url,
                String secret,
                AlertMatchers matchers,
                String by) {
            this(routingId, routeId, name, url, secret, matchers, by, null, null);
        }
    }

    /**
     * {@code secret} null keeps the route's secret; {@code sendResolved} and {@code repeatInterval} as on creation
     * (null: the default, whatever the route had).
     */
    public record ChangeAlertRoute(
            @TargetAggregateIdentifier String routingId,
            String routeId,
            String name,
            String url,
            String secret,
            AlertMatchers matchers,
            String by,
            Boolean sendResolved,
            Duration repeatInterval) {

        public ChangeAlertRoute(
                String routingId,
                String routeId,
                String name,
                String url,
                String secret,
                AlertMatchers matchers,
                String by) {
            this(routingId, routeId, name, url, secret, matchers, by, null, null);
        }
    }

    public record DeleteAlertRoute(
            @TargetAggregateIdentifier String routingId, String routeId, String by) {}

    /** {@code startsAt} null: now. */
    public record CreateSilence(
            @TargetAggregateIdentifier String routingId,
            String silenceId,
            AlertMatchers matchers,
            Instant startsAt,
            Instant endsAt,
            String comment,
            String by) {}

    public record ExpireSilence(@TargetAggregateIdentifier String routingId, String silenceId, String by) {}
}
