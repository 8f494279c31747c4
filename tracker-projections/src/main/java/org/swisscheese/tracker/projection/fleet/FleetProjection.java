package org.swisscheese.tracker.projection.fleet;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityWhileSuspended;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.ClassChangeAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.HighRiskDesignated;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskProfileChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Coverage;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.LifecycleAction;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.projection.support.JsonColumns;

/** Every registered system: its bow-tie, class, lifecycle and which barriers are out of service or impaired now. */
@Component
@ProcessingGroup(FleetProjection.NAME)
public class FleetProjection {

    public static final String NAME = "fleet";
    private static final TypeReference<Map<String, BarrierState>> STATES = new TypeReference<>() {};

    public record ListSystems() {}

    public record GetSystem(String systemId) {}

    /**
     * {@code barrierStates}: the barriers not in service (DEGRADED or IMPAIRED); the others are in service.
     * {@code coverageWarnings}: what the bow-tie lacks for the system's class (DESIGN §2). {@code classChange}: a
     * change of class nobody has acknowledged yet, e.g. "SPONGE → AGENTIC", as on the board. {@code allowedActions}:
     * the lifecycle actions the system would accept now (deploy, suspend, resume, shutdown, decommission), so a client
     * offers only those. {@code highRisk}, {@code highRiskBasis}: designated high-risk under the EU AI Act, and why.
     */
    public record SystemView(
            String id,
            String name,
            String kind,
            String owner,
            String lifecycle,
            RiskProfile riskProfile,
            String riskClass,
            Duration correlationWindow,
            BowTie bowtie,
            Map<String, Integer> barrierVersions,
            Map<String, BarrierState> barrierStates,
            List<Coverage.Warning> coverageWarnings,
            boolean activityAfterShutdown,
            boolean activityWhileSuspended,
            String classChange,
            boolean highRisk,
            String highRiskBasis,
            List<String> allowedActions,
            Instant registeredAt,
            Instant updatedAt) {}

    public record SystemList(List<SystemView> items) {}

    private final JdbcClient jdbc;
    private final JsonColumns json;

    public FleetProjection(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.json = new JsonColumns(mapper);
    }

    @EventHandler
    void on(SystemRegistered e, @Timestamp Instant at) {
        Map<String, Integer> versions = new LinkedHashMap<>();
        e.bowTie().barrierIds().forEach(id -> versions.put(id, 1));
        jdbc.sql("""
                        INSERT INTO fleet_system (system_id, name, kind, owner, lifecycle, risk_profile, risk_class,
                          correlation_window, bowtie, barrier_versions, barrier_states, activity_after_shutdown,
                          activity_while_suspended, registered_at, updated_at)
                        VALUES (?, ?, ?, ?, 'REGISTERED', ?, ?, ?, ?, ?, '{}', FALSE, FALSE, ?, ?)""")
                .param(e.systemId().value())
                .param(e.name())
                .param(e.kind().name())
                .param(e.owner())
                .param(json.write(e.riskProfile()))
                .param(e.riskClass().name())
                .param(e.correlationWindow().toString())
                .param(json.write(e.bowTie()))
                .param(json.write(versions))
                .param(ts(at))
                .param(ts(at))
                .update();
    }

    @EventHandler
    void on(BowTieRevised e, @Timestamp Instant at) {
        jdbc.sql("UPDATE fleet_system SET bowtie = ?, barrier_versions = ?, updated_at = ? WHERE system_id = ?")
                .param(json.write(e.bowTie()))
                .param(json.write(e.barrierVersions()))
                .param(ts(at))
                .param(e.systemId().value())
                .update();
    }

    @EventHandler
    void on(RiskProfileChanged e, @Timestamp Instant at) {
        jdbc.sql("UPDATE fleet_system SET risk_profile = ?, risk_class = ?, updated_at = ? WHERE system_id = ?")
                .param(json.write(e.riskProfile()))
                .param(e.riskProfile().riskClass().name())
                .param(ts(at))
                .param(e.systemId().value())
                .update();
    }

    @EventHandler
    void on(RiskClassChanged e, @Timestamp Instant at) {
        jdbc.sql("UPDATE fleet_system SET class_change = ?, updated_at = ? WHERE system_id = ?")
                .param(e.from() + " → " + e.to())
                .param(ts(at))
                .param(e.systemId().value())
                .update();
    }

    @EventHandler
    void on(ClassChangeAcknowledged e, @Timestamp Instant at) {
        jdbc.sql("UPDATE fleet_system SET class_change = NULL, updated_at = ? WHERE system_id = ?")
                .param(ts(at))
                .param(e.systemId().value())
                .update();
    }

    /** Designated high-risk under the EU AI Act (or no longer), with the basis given. */
    @EventHandler
    void on(HighRiskDesignated e, @Timestamp Instant at) {
        jdbc.sql("UPDATE fleet_system SET high_risk = ?, high_risk_basis = ?, updated_at = ? WHERE system_id = ?")
                .param(e.highRisk())
                .param(e.basis())
                .param(ts(at))
                .param(e.systemId().value())
                .update();
    }

    @EventHandler
    void on(LifecycleChanged e, @Timestamp Instant at) {
        boolean redeployed = e.to() == Lifecycle.DEPLOYED;
        jdbc.sql("UPDATE fleet_system SET lifecycle = ?, updated_at = ?,"
                        + " activity_after_shutdown = activity_after_shutdown AND NOT ?,"
                        + " activity_while_suspended = activity_while_suspended AND NOT ? WHERE system_id = ?")
                .param(e.to().name())
                .param(ts(at))
                .param(redeployed)
                .param(redeployed)
                .param(e.systemId().value())
                .update();
    }

    @EventHandler
    void on(BarrierStateChanged e, @Timestamp Instant at) {
        if (e.from() == e.to()) {
            return;
        }
        Map<String, BarrierState> states = jdbc.sql("SELECT barrier_states FROM fleet_system WHERE system_id = ?")
                .param(e.systemId().value())
                .query(String.class)
                .optional()
                .map(s -> new TreeMap<>(json.read(s, STATES)))
                .orElseGet(TreeMap::new);
        if (e.to() == BarrierState.IN_SERVICE) {
            states.remove(e.barrierId());
        } else {
            states.put(e.barrierId(), e.to());
        }
        jdbc.sql("UPDATE fleet_system SET barrier_states = ?, updated_at = ? WHERE system_id = ?")
                .param(json.write(states))
                .param(ts(at))
                .param(e.systemId().value())
                .update();
    }

    @EventHandler
    void on(ActivityAfterShutdown e, @Timestamp Instant at) {
        // while the system is off (see the board: a first-release correction may come after a new deployment)
        jdbc.sql("UPDATE fleet_system SET activity_after_shutdown = TRUE, updated_at = ? WHERE system_id = ?"
                        + " AND lifecycle IN ('SHUT_DOWN', 'DECOMMISSIONED')")
                .param(ts(at))
                .param(e.systemId().value())
                .update();
    }

    // The first release's inferred off-switch breach is no evidence of activity after shutdown (it was decided by
    // arrival): the history's correction appends ActivityAfterShutdown where activity really defeated a shutdown.

    @EventHandler
    void on(ActivityWhileSuspended e, @Timestamp Instant at) {
        flag("activity_while_suspended", e.systemId().value(), at);
    }

    private void flag(String column, String systemId, Instant at) {
        jdbc.sql("UPDATE fleet_system SET " + column + " = TRUE, updated_at = ? WHERE system_id = ?")
                .param(ts(at))
                .param(systemId)
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM fleet_system").update();
    }

    @QueryHandler
    public SystemList handle(ListSystems query) {
        return new SystemList(jdbc.sql("SELECT * FROM fleet_system ORDER BY system_id")
                .query(this::row)
                .list());
    }

    @QueryHandler
    public Optional<SystemView> handle(GetSystem query) {
        return jdbc.sql("SELECT * FROM fleet_system WHERE system_id = ?")
                .param(query.systemId())
                .query(this::row)
                .optional();
    }

    private SystemView row(ResultSet rs, int n) throws SQLException {
        BowTie bowTie = json.read(rs.getString("bowtie"), BowTie.class);
        String riskClass = rs.getString("risk_class");
        String lifecycle = rs.getString("lifecycle");
        return new SystemView(
                rs.getString("system_id"),
                rs.getString("name"),
                rs.getString("kind"),
                rs.getString("owner"),
                lifecycle,
                json.read(rs.getString("risk_profile"), RiskProfile.class),
                riskClass,
                Duration.parse(rs.getString("correlation_window")),
                bowTie,
                json.read(rs.getString("barrier_versions"), new TypeReference<Map<String, Integer>>() {}),
                json.read(rs.getString("barrier_states"), STATES),
                Coverage.of(bowTie, RiskClass.valueOf(riskClass)),
                rs.getBoolean("activity_after_shutdown"),
                rs.getBoolean("activity_while_suspended"),
                rs.getString("class_change"),
                rs.getBoolean("high_risk"),
                rs.getString("high_risk_basis"),
                LifecycleAction.offeredIn(Lifecycle.valueOf(lifecycle)).stream()
                        .map(LifecycleAction::path)
                        .toList(),
                rs.getObject("registered_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
