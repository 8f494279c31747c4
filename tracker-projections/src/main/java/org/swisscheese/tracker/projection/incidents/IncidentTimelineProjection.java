package org.swisscheese.tracker.projection.incidents;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierDegraded;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierRestored;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.IncidentJudge;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.Step;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.BarrierState;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.FindIncidents;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.GetIncident;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.GetIncidentTimeline;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.IncidentPage;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.IncidentView;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.PathState;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.ReportView;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.Timeline;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.TimelineStep;
import org.swisscheese.tracker.projection.support.JsonColumns;

/**
 * Incidents as the aggregate judged them, with every report in order, so an analyst can replay them step by step.
 * Its own tables, its own processing group: reset and replayed on its own. Like every projection here it inserts
 * without checking for an earlier copy: the processor stores its position in the same transaction as the rows, so
 * each event is applied once, and a replay starts from empty tables.
 */
@Component
@ProcessingGroup(IncidentTimelineProjection.NAME)
public class IncidentTimelineProjection {

    public static final String NAME = "incident-timeline";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonColumns json;

    public IncidentTimelineProjection(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.json = new JsonColumns(mapper);
    }

    // --- events ----------------------------------------------------------------------------------------------

    @EventHandler
    void on(IncidentOpened event) {
        String id = event.incidentId().value();
        jdbc.sql("""
                        INSERT INTO incident (incident_id, system_id, incident_no, chain_id, status, outcome, threat_line,
                          consequence_line, path, threat_length, breached_barriers, breached_count, path_length, margin,
                          stopped_by, top_event_reached, report_count, opened_at, last_report_at)
                        VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                .param(id).param(event.systemId().value())
                .param(Long.parseLong(id.substring(id.lastIndexOf('.') + 1)))
                .param(event.chainId())
                .params(assessmentColumns(event.assessment()))
                .param(timestamp(event.openedAt())).param(timestamp(event.openedAt()))
                .update();
    }

    @EventHandler
    void on(IncidentAssessed event) {
        if (event instanceof IncidentOpened) {
            return;
        }
        List<Object> params = new ArrayList<>(assessmentColumns(event.assessment()));
        params.add(event.incidentId().value());
        jdbc.sql("""
                        UPDATE incident SET outcome = ?, threat_line = ?, consequence_line = ?, path = ?,
                          threat_length = ?, breached_barriers = ?, breached_count = ?, path_length = ?, margin = ?,
                          stopped_by = ?, top_event_reached = ?
                        WHERE incident_id = ?""")
                .params(params).update();
    }

    @EventHandler
    void on(ReportRecorded event, @SequenceNumber long sequence) {
        if (event.incidentId() == null) {
            return;
        }
        Report r = event.report();
        String incidentId = event.incidentId().value();
        jdbc.sql("""
                        INSERT INTO incident_report (incident_id, report_id, arrival, type, barrier_id, barrier_version,
                          chain_id, occurred_at, received_at, source, detail, consequence_line, inferred_from)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .param(incidentId).param(r.reportId()).param(sequence).param(r.type().name())
                .param(r.barrierId()).param(event.barrierVersion()).param(r.chainId())
                .param(timestamp(r.occurredAt())).param(timestamp(r.receivedAt())).param(r.source())
                .param(truncate(r.detail(), 4000)).param(r.consequenceLine())
                .param(event instanceof BarrierBreached b ? b.inferredFrom() : null)
                .update();
        jdbc.sql("""
                        UPDATE incident SET report_count = report_count + 1,
                          last_report_at = CASE WHEN last_report_at < ? THEN ? ELSE last_report_at END
                        WHERE incident_id = ?""")
                .param(timestamp(r.occurredAt())).param(timestamp(r.occurredAt())).param(incidentId).update();
    }

    @EventHandler
    void on(IncidentResolved event, @MetaDataValue("user") String user) {
        jdbc.sql("""
                        UPDATE incident SET status = 'RESOLVED', outcome = ?, resolved_at = ?, resolved_quietly = ?,
                          resolved_by = ?, postmortem = ?
                        WHERE incident_id = ?""")
                .param(event.outcome().name()).param(timestamp(event.resolvedAt())).param(event.quiet())
                .param(event.quiet() ? null : user).param(json.write(event.postmortem()))
                .param(event.incidentId().value()).update();
    }

    @EventHandler
    void on(BarrierDegraded e) {
        long open = jdbc.sql("SELECT COUNT(*) FROM timeline_outage WHERE system_id = ? AND barrier_id = ?"
                        + " AND ended_at IS NULL").param(e.systemId().value()).param(e.report().barrierId())
                .query(Long.class).single();
        if (open == 0) {
            jdbc.sql("INSERT INTO timeline_outage (system_id, barrier_id, began_at) VALUES (?, ?, ?)")
                    .param(e.systemId().value()).param(e.report().barrierId())
                    .param(timestamp(e.report().occurredAt())).update();
        }
    }

    @EventHandler
    void on(BarrierRestored e) {
        jdbc.sql("UPDATE timeline_outage SET ended_at = ? WHERE system_id = ? AND barrier_id = ?"
                        + " AND ended_at IS NULL")
                .param(timestamp(e.report().occurredAt())).param(e.systemId().value())
                .param(e.report().barrierId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM timeline_outage").update();
        jdbc.sql("DELETE FROM incident_report").update();
        jdbc.sql("DELETE FROM incident").update();
    }

    private List<Object> assessmentColumns(Assessment a) {
        return List.of(a.outcome().name(), nullable(a.threatLineId()), nullable(a.consequenceLineId()),
                json.write(a.path()), a.threatLength(), json.write(a.breachedBarriers()), a.breachedCount(), a.pathLength(),
                a.margin(), nullable(a.stoppedBy()), a.topEventReached());
    }

    /** JdbcClient's positional params accept nulls only through an explicit typed value. */
    private static Object nullable(String value) {
        return value == null ? new org.springframework.jdbc.core.SqlParameterValue(java.sql.Types.VARCHAR, null)
                : value;
    }

    // --- queries ---------------------------------------------------------------------------------------------

    @QueryHandler
    public IncidentPage handle(FindIncidents query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.systemId() != null) {
            where.append(" AND system_id = ?");
            params.add(query.systemId());
        }
        if (query.status() != null) {
            where.append(" AND status = ?");
            params.add(query.status());
        }
        if (query.outcome() != null) {
            where.append(" AND outcome = ?");
            params.add(query.outcome().name());
        }
        if (query.from() != null) {
            where.append(" AND opened_at >= ?");
            params.add(timestamp(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND opened_at < ?");
            params.add(timestamp(query.to()));
        }
        if (query.barrierId() != null) {
            where.append(" AND breached_barriers LIKE ?");
            params.add("%\"" + query.barrierId().replace("%", "").replace("_", "\\_") + "\"%");
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM incident" + where).params(params).query(Long.class).single();
        int size = Math.max(1, Math.min(query.size(), 500));
        int page = Math.max(0, query.page());
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<IncidentView> items = jdbc.sql("SELECT * FROM incident" + where
                        + " ORDER BY opened_at DESC, incident_id DESC LIMIT ? OFFSET ?")
                .params(pageParams).query(this::incident).list();
        return new IncidentPage(items, page, size, total);
    }

    @QueryHandler
    public Optional<IncidentView> handle(GetIncident query) {
        return jdbc.sql("SELECT * FROM incident WHERE incident_id = ?").param(query.incidentId())
                .query(this::incident).optional();
    }

    /** Every report in order of occurrence (ties by arrival), each with the path as it stood after it. */
    @QueryHandler
    public Optional<Timeline> handle(GetIncidentTimeline query) {
        Optional<IncidentView> found = handle(new GetIncident(query.incidentId()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IncidentView incident = found.get();
        List<ReportView> reports = jdbc.sql("SELECT * FROM incident_report WHERE incident_id = ?"
                        + " ORDER BY occurred_at, arrival").param(query.incidentId())
                .query(IncidentTimelineProjection::report).list();
        List<Outage> outages = jdbc.sql("SELECT * FROM timeline_outage WHERE system_id = ?")
                .param(incident.systemId()).query((rs, n) -> new Outage(rs.getString("barrier_id"),
                        instant(rs, "began_at"), instant(rs, "ended_at"))).list();
        List<Step> steps = new ArrayList<>();
        List<TimelineStep> timeline = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            ReportView r = reports.get(i);
            steps.add(new Step(r.reportId(), ReportType.valueOf(r.type()), r.barrierId(), r.occurredAt(), i,
                    r.consequenceLine()));
            Assessment after = IncidentJudge.assessAlong(incident.path(), incident.threatLength(),
                    incident.threatLine(), incident.consequenceLine(), steps);
            Set<String> degraded = new HashSet<>();
            outages.stream().filter(o -> o.covers(r.occurredAt())).forEach(o -> degraded.add(o.barrierId()));
            timeline.add(new TimelineStep(i, r, pathState(incident.path(), steps, after, degraded)));
        }
        return Optional.of(new Timeline(incident, timeline));
    }

    record Outage(String barrierId, Instant began, Instant ended) {
        boolean covers(Instant at) {
            return !at.isBefore(began) && (ended == null || at.isBefore(ended));
        }
    }

    static PathState pathState(List<String> path, List<Step> steps, Assessment after, Set<String> degraded) {
        Set<String> held = new HashSet<>();
        steps.stream().filter(s -> s.type().isHold()).forEach(s -> held.add(s.barrierId()));
        List<BarrierState> barriers = path.stream().map(id -> new BarrierState(id,
                after.breachedBarriers().contains(id) ? BarrierState.BREACHED
                        : held.contains(id) ? BarrierState.HELD
                        : degraded.contains(id) ? BarrierState.DEGRADED : BarrierState.INTACT)).toList();
        return new PathState(barriers, after.breachedCount(), after.pathLength(), after.depth(), after.margin(),
                after.outcome(), after.stoppedBy());
    }

    // --- rows ------------------------------------------------------------------------------------------------

    private IncidentView incident(ResultSet rs, int row) throws SQLException {
        List<String> breached = json.read(rs.getString("breached_barriers"), STRINGS);
        List<String> path = json.read(rs.getString("path"), STRINGS);
        int pathLength = rs.getInt("path_length");
        Object quietly = rs.getObject("resolved_quietly");
        String postmortem = rs.getString("postmortem");
        return new IncidentView(rs.getString("incident_id"), rs.getString("system_id"), rs.getString("chain_id"),
                rs.getString("status"), Outcome.valueOf(rs.getString("outcome")), breached,
                rs.getString("stopped_by"), rs.getInt("breached_count"), pathLength,
                pathLength == 0 ? 0 : (double) breached.size() / pathLength, rs.getInt("margin"),
                rs.getBoolean("top_event_reached"), rs.getString("threat_line"), rs.getString("consequence_line"),
                path, rs.getInt("threat_length"), rs.getInt("report_count"), instant(rs, "opened_at"),
                instant(rs, "last_report_at"), instant(rs, "resolved_at"),
                quietly == null ? null : rs.getBoolean("resolved_quietly"), rs.getString("resolved_by"),
                postmortem == null ? null : json.read(postmortem, Postmortem.class));
    }

    private static ReportView report(ResultSet rs, int row) throws SQLException {
        Object version = rs.getObject("barrier_version");
        return new ReportView(rs.getString("report_id"), rs.getString("type"), rs.getString("barrier_id"),
                version == null ? null : rs.getInt("barrier_version"), rs.getString("chain_id"),
                instant(rs, "occurred_at"), instant(rs, "received_at"), rs.getString("source"),
                rs.getString("detail"), rs.getString("consequence_line"), rs.getString("inferred_from"));
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }



    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
