package org.swisscheese.tracker.projection.fleet;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierDegraded;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierRestored;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskProfileChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.projection.support.JsonColumns;

/** Every registered system: its bow-tie, class, lifecycle and which barriers are out of service right now. */
@Component
@ProcessingGroup(FleetProjection.NAME)
public class FleetProjection {

    public static final String NAME = "fleet";

    public record ListSystems() {
    }

    public record GetSystem(String systemId) {
    }

    public record SystemView(String id, String name, String kind, String owner, String lifecycle,
                             RiskProfile riskProfile, String riskClass, Duration correlationWindow, BowTie bowtie,
                             Map<String, Integer> barrierVersions, List<String> degradedBarriers,
                             boolean activityAfterShutdown, Instant registeredAt, Instant updatedAt) {
    }

    public record SystemList(List<SystemView> items) {
    }

    private final JdbcClient jdbc;
    private final JsonColumns json;

    public FleetProjection(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.json = new JsonColumns(mapper);
    }

    @EventHandler
    void on(SystemRegistered e, @Timestamp Instant at) {
        Map<String, Integer> versions = new java.util.LinkedHashMap<>();
        e.bowTie().barrierIds().forEach(id -> versions.put(id, 1));
        jdbc.sql("""
                        INSERT INTO fleet_system (system_id, name, kind, owner, lifecycle, risk_profile, risk_class,
                          correlation_window, bowtie, barrier_versions, degraded_barriers, activity_after_shutdown,
                          registered_at, updated_at)
                        VALUES (?, ?, ?, ?, 'REGISTERED', ?, ?, ?, ?, ?, '[]', FALSE, ?, ?)""")
                .param(e.systemId().value()).param(e.name()).param(e.kind().name()).param(e.owner())
                .param(json.write(e.riskProfile())).param(e.riskClass().name()).param(e.correlationWindow().toString())
                .param(json.write(e.bowTie())).param(json.write(versions)).param(ts(at)).param(ts(at))
                .update();
    }

    @EventHandler
    void on(BowTieRevised e, @Timestamp Instant at) {
        TreeSet<String> degraded = degraded(e.systemId().value());
        degraded.retainAll(e.barrierVersions().keySet());
        jdbc.sql("UPDATE fleet_system SET bowtie = ?, barrier_versions = ?, degraded_barriers = ?, updated_at = ?"
                        + " WHERE system_id = ?")
                .param(json.write(e.bowTie())).param(json.write(e.barrierVersions())).param(json.write(degraded)).param(ts(at))
                .param(e.systemId().value()).update();
    }

    @EventHandler
    void on(RiskProfileChanged e, @Timestamp Instant at) {
        jdbc.sql("UPDATE fleet_system SET risk_profile = ?, risk_class = ?, updated_at = ? WHERE system_id = ?")
                .param(json.write(e.riskProfile())).param(e.riskProfile().riskClass().name()).param(ts(at))
                .param(e.systemId().value()).update();
    }

    @EventHandler
    void on(LifecycleChanged e, @Timestamp Instant at) {
        jdbc.sql("UPDATE fleet_system SET lifecycle = ?, activity_after_shutdown = FALSE, updated_at = ?"
                        + " WHERE system_id = ?")
                .param(e.to().name()).param(ts(at)).param(e.systemId().value()).update();
    }

    @EventHandler
    void on(BarrierDegraded e, @Timestamp Instant at) {
        TreeSet<String> degraded = degraded(e.systemId().value());
        degraded.add(e.report().barrierId());
        saveDegraded(e.systemId().value(), degraded, at);
    }

    @EventHandler
    void on(BarrierRestored e, @Timestamp Instant at) {
        TreeSet<String> degraded = degraded(e.systemId().value());
        degraded.remove(e.report().barrierId());
        saveDegraded(e.systemId().value(), degraded, at);
    }

    @EventHandler
    void on(BarrierBreached e, @Timestamp Instant at) {
        if (e.inferredFrom() != null) {
            jdbc.sql("UPDATE fleet_system SET activity_after_shutdown = TRUE, updated_at = ? WHERE system_id = ?")
                    .param(ts(at)).param(e.systemId().value()).update();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM fleet_system").update();
    }

    @QueryHandler
    public SystemList handle(ListSystems query) {
        return new SystemList(jdbc.sql("SELECT * FROM fleet_system ORDER BY system_id").query(this::row).list());
    }

    @QueryHandler
    public Optional<SystemView> handle(GetSystem query) {
        return jdbc.sql("SELECT * FROM fleet_system WHERE system_id = ?").param(query.systemId())
                .query(this::row).optional();
    }

    private TreeSet<String> degraded(String systemId) {
        return jdbc.sql("SELECT degraded_barriers FROM fleet_system WHERE system_id = ?").param(systemId)
                .query(String.class).optional()
                .map(s -> new TreeSet<>(json.read(s, new TypeReference<List<String>>() {
                }))).orElseGet(TreeSet::new);
    }

    private void saveDegraded(String systemId, TreeSet<String> degraded, Instant at) {
        jdbc.sql("UPDATE fleet_system SET degraded_barriers = ?, updated_at = ? WHERE system_id = ?")
                .param(json.write(degraded)).param(ts(at)).param(systemId).update();
    }

    private SystemView row(ResultSet rs, int n) throws SQLException {
        return new SystemView(rs.getString("system_id"), rs.getString("name"), rs.getString("kind"),
                rs.getString("owner"), rs.getString("lifecycle"),
                json.read(rs.getString("risk_profile"), new TypeReference<RiskProfile>() {
                }), rs.getString("risk_class"), Duration.parse(rs.getString("correlation_window")),
                json.read(rs.getString("bowtie"), new TypeReference<BowTie>() {
                }),
                json.read(rs.getString("barrier_versions"), new TypeReference<Map<String, Integer>>() {
                }),
                json.read(rs.getString("degraded_barriers"), new TypeReference<List<String>>() {
                }),
                rs.getBoolean("activity_after_shutdown"),
                rs.getObject("registered_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }


}
