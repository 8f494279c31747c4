package org.swisscheese.tracker.projection.statistics;

import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AiSystemEvent.AnomalyDetected;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierDegraded;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierRestored;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownCompleted;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownFailed;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.LineSpec;

/**
 * The facts behind barrier-effectiveness statistics: each demand on a barrier and whether it held, each outage,
 * and how deep each incident got. The arithmetic is done when asked ({@link StatisticsQueries}).
 */
@Component
@ProcessingGroup(BarrierStatisticsProjection.NAME)
public class BarrierStatisticsProjection {

    public static final String NAME = "barrier-statistics";

    private final JdbcClient jdbc;

    public BarrierStatisticsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SystemRegistered e) {
        saveBarriers(e.systemId().value(), e.kind().name(), e.bowTie());
    }

    @EventHandler
    void on(BowTieRevised e) {
        String kind = jdbc.sql("SELECT system_kind FROM stat_barrier WHERE system_id = ? FETCH FIRST 1 ROWS ONLY")
                .param(e.systemId().value()).query(String.class).optional().orElse("OTHER");
        saveBarriers(e.systemId().value(), kind, e.bowTie());
    }

    private void saveBarriers(String systemId, String kind, BowTie bowTie) {
        jdbc.sql("DELETE FROM stat_barrier WHERE system_id = ?").param(systemId).update();
        for (LineSpec line : bowTie.lines()) {
            for (int i = 0; i < line.barriers().size(); i++) {
                BarrierSpec b = line.barriers().get(i);
                jdbc.sql("""
                                INSERT INTO stat_barrier (system_id, barrier_id, name, category, system_kind, line_id,
                                  position, claimed_pfd) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .param(systemId).param(b.id()).param(b.name()).param(b.category().name()).param(kind)
                        .param(line.id()).param(i)
                        .param(new org.springframework.jdbc.core.SqlParameterValue(java.sql.Types.DOUBLE,
                                b.claimedPfd()))
                        .update();
            }
        }
    }

    @EventHandler
    void on(BarrierTripped e) {
        demand(e, false);
    }

    @EventHandler
    void on(AnomalyDetected e) {
        demand(e, false);
    }

    @EventHandler
    void on(ShutdownCompleted e) {
        demand(e, false);
    }

    @EventHandler
    void on(BarrierBreached e) {
        demand(e, true);
    }

    @EventHandler
    void on(ShutdownFailed e) {
        demand(e, true);
    }

    private void demand(ReportRecorded e, boolean failed) {
        if (e.report().barrierId() == null) {
            return;
        }
        String systemId = e.systemId().value();
        jdbc.sql("""
                        INSERT INTO stat_demand (system_id, report_id, barrier_id, incident_id, occurred_at, failed,
                          barrier_version) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .param(systemId).param(e.report().reportId()).param(e.report().barrierId())
                .param(e.incidentId() == null ? null : e.incidentId().value())
                .param(utc(e.report().occurredAt())).param(failed).param(e.barrierVersion())
                .update();
    }

    @EventHandler
    void on(BarrierDegraded e) {
        String systemId = e.systemId().value();
        String barrierId = e.report().barrierId();
        long open = jdbc.sql("SELECT COUNT(*) FROM stat_outage WHERE system_id = ? AND barrier_id = ?"
                + " AND ended_at IS NULL").param(systemId).param(barrierId).query(Long.class).single();
        if (open == 0) {
            jdbc.sql("INSERT INTO stat_outage (system_id, barrier_id, began_at) VALUES (?, ?, ?)")
                    .param(systemId).param(barrierId).param(utc(e.report().occurredAt())).update();
        }
    }

    @EventHandler
    void on(BarrierRestored e) {
        jdbc.sql("UPDATE stat_outage SET ended_at = ? WHERE system_id = ? AND barrier_id = ? AND ended_at IS NULL")
                .param(utc(e.report().occurredAt())).param(e.systemId().value()).param(e.report().barrierId())
                .update();
    }

    @EventHandler
    void on(IncidentAssessed e) {
        Assessment a = e.assessment();
        String id = e.incidentId().value();
        if (e instanceof IncidentOpened opened) {
            jdbc.sql("""
                            INSERT INTO stat_incident (incident_id, system_id, threat_line, consequence_line,
                              breached_count, path_length, outcome, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .param(id).param(e.systemId().value()).param(a.threatLineId()).param(a.consequenceLineId())
                    .param(a.breachedCount()).param(a.pathLength()).param(a.outcome().name())
                    .param(utc(opened.openedAt())).update();
        } else {
            jdbc.sql("""
                            UPDATE stat_incident SET threat_line = ?, consequence_line = ?, breached_count = ?,
                              path_length = ?, outcome = ? WHERE incident_id = ?""")
                    .param(a.threatLineId()).param(a.consequenceLineId()).param(a.breachedCount())
                    .param(a.pathLength()).param(a.outcome().name()).param(id).update();
        }
    }

    @ResetHandler
    void reset() {
        for (String table : new String[] {"stat_barrier", "stat_demand", "stat_outage", "stat_incident"}) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
