package org.swisscheese.tracker.projection.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskProfileChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;
import org.swisscheese.tracker.projection.board.BoardCard.OpenIncident;
import org.swisscheese.tracker.projection.support.JsonColumns;

/**
 * The operators' live board: per system, lifecycle, class, open incidents and the live margin of every path.
 * Every change is pushed to the subscribers of {@code /api/board/stream}.
 */
@Component
@ProcessingGroup(OperatorBoardProjection.NAME)
public class OperatorBoardProjection {

    public static final String NAME = "operator-board";

    public record GetBoard() {
    }

    public record Board(List<CardView> systems) {
    }

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final BoardStream stream;

    public OperatorBoardProjection(JdbcClient jdbc, ObjectMapper mapper, BoardStream stream) {
        this.jdbc = jdbc;
        this.json = new JsonColumns(mapper);
        this.stream = stream;
    }

    @EventHandler
    void on(SystemRegistered e, @Timestamp Instant at) {
        BoardCard card = new BoardCard();
        card.systemId = e.systemId().value();
        card.name = e.name();
        card.kind = e.kind().name();
        card.lifecycle = "REGISTERED";
        card.riskClass = e.riskClass().name();
        card.bowTie = e.bowTie();
        card.updatedAt = at;
        jdbc.sql("INSERT INTO board_card (system_id, card, updated_at) VALUES (?, ?, ?)")
                .param(card.systemId).param(json.write(card)).param(at.atOffset(ZoneOffset.UTC)).update();
        announce(e.systemId());
    }

    @EventHandler
    void on(BowTieRevised e, @Timestamp Instant at) {
        change(e.systemId(), at, card -> {
            card.bowTie = e.bowTie();
            card.degraded.retainAll(e.barrierVersions().keySet());
        });
    }

    @EventHandler
    void on(RiskProfileChanged e, @Timestamp Instant at) {
        change(e.systemId(), at, card -> card.riskClass = e.riskProfile().riskClass().name());
    }

    @EventHandler
    void on(LifecycleChanged e, @Timestamp Instant at) {
        change(e.systemId(), at, card -> {
            card.lifecycle = e.to().name();
            card.activityAfterShutdown = false;
        });
    }

    @EventHandler
    void on(BarrierDegraded e, @Timestamp Instant at) {
        change(e.systemId(), at, card -> card.degraded.add(e.report().barrierId()));
    }

    @EventHandler
    void on(BarrierRestored e, @Timestamp Instant at) {
        change(e.systemId(), at, card -> card.degraded.remove(e.report().barrierId()));
    }

    @EventHandler
    void on(BarrierBreached e, @Timestamp Instant at) {
        if (e.inferredFrom() != null) {
            change(e.systemId(), at, card -> card.activityAfterShutdown = true);
        }
    }

    @EventHandler
    void on(IncidentAssessed e) {
        Assessment a = e.assessment();
        String id = e.incidentId().value();
        if (e instanceof IncidentOpened opened) {
            jdbc.sql("""
                            INSERT INTO board_incident (incident_id, system_id, outcome, path, breached, margin, depth,
                              stopped_by, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .param(id).param(e.systemId().value()).param(a.outcome().name()).param(json.write(a.path()))
                    .param(json.write(a.breachedBarriers())).param(a.margin()).param(a.depth())
                    .param(a.stoppedBy()).param(opened.openedAt().atOffset(ZoneOffset.UTC)).update();
        } else {
            jdbc.sql("""
                            UPDATE board_incident SET outcome = ?, path = ?, breached = ?, margin = ?, depth = ?,
                              stopped_by = ? WHERE incident_id = ?""")
                    .param(a.outcome().name()).param(json.write(a.path())).param(json.write(a.breachedBarriers()))
                    .param(a.margin()).param(a.depth()).param(a.stoppedBy()).param(id).update();
        }
        announce(e.systemId());
    }

    @EventHandler
    void on(IncidentResolved e) {
        jdbc.sql("DELETE FROM board_incident WHERE incident_id = ?").param(e.incidentId().value()).update();
        announce(e.systemId());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM board_incident").update();
        jdbc.sql("DELETE FROM board_card").update();
    }

    @QueryHandler
    public Board handle(GetBoard query) {
        Map<String, List<OpenIncident>> incidents = new HashMap<>();
        jdbc.sql("SELECT * FROM board_incident ORDER BY opened_at").query((rs, n) -> {
            incidents.computeIfAbsent(rs.getString("system_id"), k -> new ArrayList<>()).add(incident(rs));
            return null;
        }).list();
        return new Board(jdbc.sql("SELECT card FROM board_card ORDER BY system_id").query(String.class).list()
                .stream().map(this::read)
                .map(card -> withIncidents(card, incidents.getOrDefault(card.systemId, List.of())).view())
                .toList());
    }

    /** Pushes the system's card to the live board's subscribers, if there are any. */
    private void announce(SystemId systemId) {
        if (stream.hasSubscribers()) {
            jdbc.sql("SELECT card FROM board_card WHERE system_id = ?").param(systemId.value())
                    .query(String.class).optional().map(this::read).ifPresent(this::announce);
        }
    }

    private void announce(BoardCard card) {
        if (stream.hasSubscribers()) {
            stream.publish(withIncidents(card, jdbc.sql("SELECT * FROM board_incident WHERE system_id = ?"
                    + " ORDER BY opened_at").param(card.systemId).query((rs, n) -> incident(rs)).list()).view());
        }
    }

    private static BoardCard withIncidents(BoardCard card, List<OpenIncident> incidents) {
        incidents.forEach(i -> card.openIncidents.put(i.id(), i));
        return card;
    }

    private OpenIncident incident(ResultSet rs) throws SQLException {
        return new OpenIncident(rs.getString("incident_id"), rs.getString("outcome"),
                json.read(rs.getString("path"), STRINGS), json.read(rs.getString("breached"), STRINGS),
                rs.getInt("margin"), rs.getDouble("depth"), rs.getString("stopped_by"),
                rs.getObject("opened_at", OffsetDateTime.class).toInstant());
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private BoardCard read(String card) {
        return json.read(card, BoardCard.class);
    }

    private void change(SystemId systemId, Instant at, Consumer<BoardCard> change) {
        Optional<BoardCard> found = jdbc.sql("SELECT card FROM board_card WHERE system_id = ?")
                .param(systemId.value()).query(String.class).optional().map(this::read);
        if (found.isEmpty()) {
            return;
        }
        BoardCard card = found.get();
        change.accept(card);
        card.updatedAt = at;
        jdbc.sql("UPDATE board_card SET card = ?, updated_at = ? WHERE system_id = ?")
                .param(json.write(card)).param(at.atOffset(ZoneOffset.UTC)).param(systemId.value()).update();
        announce(card);
    }


}
