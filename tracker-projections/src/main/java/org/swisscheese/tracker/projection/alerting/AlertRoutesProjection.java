package org.swisscheese.tracker.projection.alerting;

import java.time.Duration;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteChanged;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteCreated;
import org.swisscheese.tracker.api.AlertRoutingEvent.AlertRouteDeleted;
import org.swisscheese.tracker.api.AlertRoutingEvent.SilenceCreated;
import org.swisscheese.tracker.api.AlertRoutingEvent.SilenceExpired;

/**
 * The routes and silences as they stand ({@code alert_route}, {@code alert_silence}). A subscribing processor: the
 * rows are written in the transaction that stores the routing's event, so a route or a silence is in force (and
 * listed) as soon as the request that made it returns, on every server.
 */
@Component
@ProcessingGroup(AlertRoutesProjection.NAME)
public class AlertRoutesProjection {

    public static final String NAME = "alert-routes";

    private final JdbcClient jdbc;
    private final AlertingStore store;

    public AlertRoutesProjection(JdbcClient jdbc, AlertingStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @EventHandler
    void on(AlertRouteCreated event) {
        jdbc.sql(
                        "INSERT INTO alert_route (route_id, name, url, secret, matchers, created_by, created_at, changed_by,"
                                + " changed_at, send_resolved, repeat_interval_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        event.routeId(),
                        event.name(),
                        event.url(),
                        event.secret(),
                        store.json(event.matchers()),
                        event.by(),
                        event.at().atOffset(ZoneOffset.UTC),
                        event.by(),
                        event.at().atOffset(ZoneOffset.UTC),
                        !Boolean.FALSE.equals(event.sendResolved()),
                        seconds(event.repeatInterval()))
                .update();
    }

    @EventHandler
    void on(AlertRouteChanged event) {
        jdbc.sql("UPDATE alert_route SET name = ?, url = ?, secret = COALESCE(?, secret), matchers = ?, changed_by = ?,"
                        + " changed_at = ?, send_resolved = ?, repeat_interval_seconds = ? WHERE route_id = ?")
                .params(
                        event.name(),
                        event.url(),
                        event.secret(),
                        store.json(event.matchers()),
                        event.by(),
                        event.at().atOffset(ZoneOffset.UTC),
                        !Boolean.FALSE.equals(event.sendResolved()),
                        seconds(event.repeatInterval()),
                        event.routeId())
                .update();
    }

    /** Whole seconds (a route's repeat interval is at least one). */
    private static Long seconds(Duration interval) {
        return interval == null ? null : interval.toSeconds();
    }

    @EventHandler
    void on(AlertRouteDeleted event) {
        jdbc.sql("DELETE FROM alert_route WHERE route_id = ?")
                .param(event.routeId())
                .update();
    }

    @EventHandler
    void on(SilenceCreated event) {
        jdbc.sql("INSERT INTO alert_silence (silence_id, matchers, starts_at, ends_at, remark, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        event.silenceId(),
                        store.json(event.matchers()),
                        event.startsAt().atOffset(ZoneOffset.UTC),
                        event.endsAt().atOffset(ZoneOffset.UTC),
                        event.comment(),
                        event.by(),
                        event.at().atOffset(ZoneOffset.UTC))
                .update();
    }

    @EventHandler
    void on(SilenceExpired event) {
        jdbc.sql("UPDATE alert_silence SET ends_at = ?, expired_by = ?, expired_at = ? WHERE silence_id = ?")
                .params(
                        event.at().atOffset(ZoneOffset.UTC),
                        event.by(),
                        event.at().atOffset(ZoneOffset.UTC),
                        event.silenceId())
                .update();
    }
}
