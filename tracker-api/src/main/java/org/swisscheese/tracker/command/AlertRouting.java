package org.swisscheese.tracker.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.swisscheese.tracker.api.AlertMatchers;
import org.swisscheese.tracker.api.AlertRoutingEvent;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteChanged;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteCreated;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteDeleted;
import org.swisscheese.tracker.api.AlertRoutingEvent.SilenceCreated;
import org.swisscheese.tracker.api.AlertRoutingEvent.SilenceExpired;
import org.swisscheese.tracker.api.AlertingCommands.ChangeAlertRoute;
import org.swisscheese.tracker.api.AlertingCommands.CreateAlertRoute;
import org.swisscheese.tracker.api.AlertingCommands.CreateSilence;
import org.swisscheese.tracker.api.AlertingCommands.DeleteAlertRoute;
import org.swisscheese.tracker.api.AlertingCommands.ExpireSilence;
import org.swisscheese.tracker.api.SystemId;

/**
 * The alert routing: one aggregate, one stream ({@link AlertRoutingEvent#ROUTING_ID}), created by its first command.
 * Decides what routes and silences may be (names unique, URLs http(s), secrets long enough, silences that end after
 * they start and match something) and records each change with who made it. Delivering alerts is the read side's
 * business: this knows nothing of HTTP.
 */
@Aggregate
public class AlertRouting {

    static final int MAX_NAME = 200;
    static final int MAX_URL = 2000;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 200;
    static final int MAX_COMMENT = 4000;
    static final Duration MAX_SILENCE = Duration.ofDays(366);
    static final Duration MIN_REPEAT = Duration.ofSeconds(1);
    static final Duration MAX_REPEAT = Duration.ofDays(30);

    @AggregateIdentifier
    private String routingId;

    /** Route id -> name, of the routes not deleted. */
    private final Map<String, String> routes = new HashMap<>();
    /** Silence id -> when it ends (or ended, if expired early). */
    private final Map<String, Instant> silenceEnds = new HashMap<>();

    protected AlertRouting() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateAlertRoute command) {
        requireRouting(command.routingId());
        String routeId = required("route id", command.routeId(), 100);
        if (routes.containsKey(routeId)) {
            throw new IllegalStateException("a route with id '" + routeId + "' exists already");
        }
        String name = uniqueName(command.name(), null);
        apply(new AlertRouteCreated(
                routeId,
                name,
                url(command.url()),
                secret(command.secret()),
                matchers(command.matchers()),
                by(command.by()),
                now(),
                command.sendResolved(),
                repeatInterval(command.repeatInterval())));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ChangeAlertRoute command) {
        requireRouting(command.routingId());
        String routeId = existingRoute(command.routeId());
        String name = uniqueName(command.name(), routeId);
        apply(new AlertRouteChanged(
                routeId,
                name,
                url(command.url()),
                command.secret() == null ? null : secret(command.secret()),
                matchers(command.matchers()),
                by(command.by()),
                now(),
                command.sendResolved(),
                repeatInterval(command.repeatInterval())));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DeleteAlertRoute command) {
        requireRouting(command.routingId());
        String routeId = existingRoute(command.routeId());
        apply(new AlertRouteDeleted(routeId, routes.get(routeId), by(command.by()), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateSilence command) {
        requireRouting(command.routingId());
        String silenceId = required("silence id", command.silenceId(), 100);
        if (silenceEnds.containsKey(silenceId)) {
            throw new IllegalStateException("a silence with id '" + silenceId + "' exists already");
        }
        AlertMatchers matchers = matchers(command.matchers());
        if (matchers.matchesEverything()) {
            throw new IllegalArgumentException(
                    "a silence needs at least one matcher (systemIds, outcomes, severities or kinds): one that matches"
                            + " everything would silence every alert");
        }
        Instant now = now();
        Instant startsAt = command.startsAt() == null ? now : command.startsAt();
        Instant endsAt = command.endsAt();
        if (endsAt == null) {
            throw new IllegalArgumentException("endsAt is required");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt must be after startsAt");
        }
        if (!endsAt.isAfter(now)) {
            throw new IllegalArgumentException("endsAt must be in the future");
        }
        if (Duration.between(startsAt, endsAt).compareTo(MAX_SILENCE) > 0) {
            throw new IllegalArgumentException("a silence lasts at most 366 days");
        }
        apply(new SilenceCreated(
                silenceId,
                matchers,
                startsAt,
                endsAt,
                required("comment", command.comment(), MAX_COMMENT),
                by(command.by()),
                now));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ExpireSilence command) {
        requireRouting(command.routingId());
        Instant endsAt = silenceEnds.get(command.silenceId());
        if (endsAt == null) {
            throw new NoSuchElementException("no silence '" + command.silenceId() + "'");
        }
        Instant now = now();
        if (!endsAt.isAfter(now)) {
            throw new IllegalStateException("silence '" + command.silenceId() + "' has ended already (" + endsAt + ")");
        }
        apply(new SilenceExpired(command.silenceId(), by(command.by()), now));
    }

    @EventSourcingHandler
    void on(AlertRouteCreated event) {
        routingId = AlertRoutingEvent.ROUTING_ID;
        routes.put(event.routeId(), event.name());
    }

    @EventSourcingHandler
    void on(AlertRouteChanged event) {
        routingId = AlertRoutingEvent.ROUTING_ID;
        routes.put(event.routeId(), event.name());
    }

    @EventSourcingHandler
    void on(AlertRouteDeleted event) {
        routingId = AlertRoutingEvent.ROUTING_ID;
        routes.remove(event.routeId());
    }

    @EventSourcingHandler
    void on(SilenceCreated event) {
        routingId = AlertRoutingEvent.ROUTING_ID;
        silenceEnds.put(event.silenceId(), event.endsAt());
    }

    @EventSourcingHandler
    void on(SilenceExpired event) {
        routingId = AlertRoutingEvent.ROUTING_ID;
        silenceEnds.put(event.silenceId(), event.at());
    }

    private static void requireRouting(String id) {
        if (!AlertRoutingEvent.ROUTING_ID.equals(id)) {
            throw new IllegalArgumentException("the alert routing is '" + AlertRoutingEvent.ROUTING_ID + "'");
        }
    }

    private String existingRoute(String routeId) {
        if (routeId == null || !routes.containsKey(routeId)) {
            throw new NoSuchElementException("no route '" + routeId + "'");
        }
        return routeId;
    }

    private String uniqueName(String given, String exceptRoute) {
        String name = required("name", given, MAX_NAME);
        routes.forEach((id, other) -> {
            if (!id.equals(exceptRoute) && other.equalsIgnoreCase(name)) {
                throw new IllegalStateException("a route named '" + name + "' exists already");
            }
        });
        return name;
    }

    static String url(String given) {
        String url = required("url", given, MAX_URL);
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("url must be an absolute http or https URL; got '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL: " + e.getMessage());
        }
        return url;
    }

    static String secret(String given) {
        if (given == null || given.length() < MIN_SECRET || given.length() > MAX_SECRET) {
            throw new IllegalArgumentException(
                    "secret must be " + MIN_SECRET + " to " + MAX_SECRET + " characters (it signs every delivery)");
        }
        return given;
    }

    /** A route's own repeat interval: null (the configured default) or 1 second to 30 days. */
    static Duration repeatInterval(Duration given) {
        if (given != null && (given.compareTo(MIN_REPEAT) < 0 || given.compareTo(MAX_REPEAT) > 0)) {
            throw new IllegalArgumentException(
                    "repeatInterval must be from 1 second to 30 days (or left out for the default); got " + given);
        }
        return given;
    }

    static AlertMatchers matchers(AlertMatchers given) {
        AlertMatchers matchers = given == null ? AlertMatchers.any() : given;
        for (String system : matchers.systemIds()) {
            if (!SystemId.isValid(system)) {
                throw new IllegalArgumentException("systemIds: '" + system + "' is not a system id");
            }
        }
        return matchers;
    }

    private static String by(String by) {
        return Objects.requireNonNull(by, "by");
    }

    private static String required(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " must be at most " + max + " characters");
        }
        return value.strip();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
