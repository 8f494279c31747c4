package org.swisscheese.tracker.projection.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AlertMatchers;
import org.swisscheese.tracker.projection.alerting.AlertRules.Silence;

/** The alerting tables read back: routes (with their secrets, for the sender alone), silences, JSON columns. */
@Component
public class AlertingStore {

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    public AlertingStore(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /**
     * A route as the dispatcher and the sender need it. {@code repeatInterval} null: the configured default;
     * {@code sendResolved}: a resolved notification when an alert it was sent ends.
     */
    public record Route(
            String id,
            String name,
            String url,
            String secret,
            AlertMatchers matchers,
            boolean sendResolved,
            Duration repeatInterval) {

        public Route(String id, String name, String url, String secret, AlertMatchers matchers) {
            this(id, name, url, secret, matchers, true, null);
        }

        /** How long after it was last sent a still-firing alert goes to this route again. */
        public Duration repeatEvery(AlertingProperties properties) {
            return repeatInterval != null ? repeatInterval : properties.repeatInterval();
        }
    }

    public List<Route> routes() {
        return jdbc.sql("SELECT route_id, name, url, secret, matchers, send_resolved, repeat_interval_seconds FROM"
                        + " alert_route ORDER BY name")
                .query((rs, i) -> new Route(
                        rs.getString("route_id"),
                        rs.getString("name"),
                        rs.getString("url"),
                        rs.getString("secret"),
                        matchers(rs.getString("matchers")),
                        rs.getBoolean("send_resolved"),
                        seconds(rs.getObject("repeat_interval_seconds", Long.class))))
                .list();
    }

    static Duration seconds(Long seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    public Map<String, Route> routesById() {
        return routes().stream().collect(Collectors.toMap(Route::id, Function.identity()));
    }

    /** The silences in force at {@code now} or later. */
    public List<Silence> silencesNotEnded(Instant now) {
        return jdbc.sql("SELECT silence_id, matchers, starts_at, ends_at, remark FROM alert_silence WHERE ends_at > ?")
                .param(now.atOffset(ZoneOffset.UTC))
                .query((rs, i) -> new Silence(
                        rs.getString("silence_id"),
                        matchers(rs.getString("matchers")),
                        instant(rs, "starts_at"),
                        instant(rs, "ends_at"),
                        rs.getString("remark")))
                .list();
    }

    AlertMatchers matchers(String json) {
        try {
            return mapper.readValue(json, AlertMatchers.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable matchers: " + json, e);
        }
    }

    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
