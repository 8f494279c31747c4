package org.swisscheese.tracker.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Everything that can be asked of the alert routing; each may be refused. {@code by} is the signed-in user, handed
 * over as a plain field (the aggregate knows nothing of HTTP). The target is always {@link
 * AlertRoutingEvent#ROUTING_ID}.
 */
public final class AlertingCommands {

    private AlertingCommands() {}

    public record CreateAlertRoute(
            @TargetAggregateIdentifier String routingId,
            String routeId,
            String name,
            String url,
            String secret,
            AlertMatchers matchers,
            String by) {}

    /** {@code secret} null keeps the route's secret. */
    public record ChangeAlertRoute(
            @TargetAggregateIdentifier String routingId,
            String routeId,
            String name,
            String url,
            String secret,
            AlertMatchers matchers,
            String by) {}

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
