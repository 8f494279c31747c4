package org.swisscheese.tracker.projection.incidents;

import static org.swisscheese.tracker.projection.incidents.IncidentTimelineProjection.instant;
import static org.swisscheese.tracker.projection.incidents.IncidentTimelineProjection.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionAdded;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionUpdated;
import org.swisscheese.tracker.domain.ActionStatus;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.ActionView;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.FindActions;

/**
 * Follow-up actions as they now stand, one row each: part of the incident-timeline read model (same processing
 * group, so it is rebuilt with it), kept apart from the timeline's own tables. The timeline lists the same events as
 * acts.
 */
@Component
@ProcessingGroup(IncidentTimelineProjection.NAME)
public class FollowUpActionsProjection {

    static final int MAX_ACTIONS = 1000;

    private final JdbcClient jdbc;

    public FollowUpActionsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FollowUpActionAdded e) {
        jdbc.sql("""
                        INSERT INTO incident_action (action_id, incident_id, system_id, title, owner, due_at, status,
                          overdue, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)""")
                .param(e.actionId())
                .param(e.incidentId().value())
                .param(e.systemId().value())
                .param(e.title())
                .param(e.owner())
                .param(timestamp(e.due()))
                .param(ActionStatus.OPEN.name())
                .param(e.by())
                .param(timestamp(e.at()))
                .update();
    }

    /** As the aggregate decides: a moved due date or a reopening ends the overdue; a new owner alone does not. */
    @EventHandler
    void on(FollowUpActionUpdated e) {
        jdbc.sql("""
                        UPDATE incident_action SET owner = ?, status = ?, changed_by = ?, changed_at = ?,
                          overdue = CASE WHEN due_at <> ? OR status <> ? THEN FALSE ELSE overdue END,
                          due_at = ?
                        WHERE action_id = ?""")
                .param(e.owner())
                .param(e.status().name())
                .param(e.by())
                .param(timestamp(e.at()))
                .param(timestamp(e.due()))
                .param(e.status().name())
                .param(timestamp(e.due()))
                .param(e.actionId())
                .update();
    }

    @EventHandler
    void on(FollowUpActionOverdue e) {
        jdbc.sql("UPDATE incident_action SET overdue = TRUE WHERE action_id = ?")
                .param(e.actionId())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM incident_action").update();
    }

    @QueryHandler
    public List<ActionView> handle(FindActions query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM incident_action WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.incidentId() != null) {
            sql.append(" AND incident_id = ?");
            params.add(query.incidentId());
        }
        if (query.systemId() != null) {
            sql.append(" AND system_id = ?");
            params.add(query.systemId());
        }
        if (query.status() != null) {
            sql.append(" AND status = ?");
            params.add(query.status());
        }
        if (query.overdue() != null) {
            sql.append(" AND overdue = ?");
            params.add(query.overdue());
        }
        sql.append(" ORDER BY due_at, action_id LIMIT ?");
        params.add(MAX_ACTIONS);
        return jdbc.sql(sql.toString())
                .params(params)
                .query(FollowUpActionsProjection::action)
                .list();
    }

    private static ActionView action(ResultSet rs, int row) throws SQLException {
        return new ActionView(
                rs.getString("action_id"),
                rs.getString("incident_id"),
                rs.getString("system_id"),
                rs.getString("title"),
                rs.getString("owner"),
                instant(rs, "due_at"),
                rs.getString("status").toUpperCase(Locale.ROOT),
                rs.getBoolean("overdue"),
                rs.getString("added_by"),
                instant(rs, "added_at"),
                rs.getString("changed_by"),
                instant(rs, "changed_at"));
    }
}
