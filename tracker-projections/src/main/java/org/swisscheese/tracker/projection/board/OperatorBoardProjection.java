package org.swisscheese.tracker.projection.board;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PreDestroy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityWhileSuspended;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierHeartbeat;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.ClassChangeAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionUpdated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEvent;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskProfileChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReportOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReported;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ActionStatus;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierLiveness;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;
import org.swisscheese.tracker.projection.board.BoardCard.MayBeDead;
import org.swisscheese.tracker.projection.board.BoardCard.OpenIncident;
import org.swisscheese.tracker.projection.board.BoardCard.OpenIncidents;
import org.swisscheese.tracker.projection.board.BoardCard.OverdueAction;
import org.swisscheese.tracker.projection.board.BoardCard.Signs;
import org.swisscheese.tracker.projection.support.BatchCache;
import org.swisscheese.tracker.projection.support.BatchWrites;
import org.swisscheese.tracker.projection.support.JsonColumns;

/**
 * The operators' live board: per system, lifecycle, class, barrier states, open incidents and the live margin of
 * every path. A changed card is pushed to the subscribers of {@code /api/board/stream} once its transaction has
 * committed, and never while the projection replays history.
 */
@Component
@ProcessingGroup(OperatorBoardProjection.NAME)
@EnableConfigurationProperties(BoardProperties.class)
public class OperatorBoardProjection {

    public static final String NAME = "operator-board";

    private static final Logger log = LoggerFactory.getLogger(OperatorBoardProjection.class);

    /**
     * The whole board ({@code size} null), or one page of it: {@code size} cards from the {@code page}-th (from 0), the
     * systems that need attention first (their card raises an alert), then by system id.
     */
    public record GetBoard(Integer page, Integer size) {
        public GetBoard() {
            this(null, null);
        }
    }

    /** {@code systems}: the cards asked for; {@code total} and {@code needingAttention}: of the whole board. */
    public record Board(List<CardView> systems, long total, long needingAttention) {}

    /** One system's card, as the board shows it now. */
    public record GetCard(String systemId) {}

    /** The barriers of one system that may be dead, judged now (for the safety card). */
    public record GetMayBeDead(String systemId) {}

    public record MayBeDeadList(List<MayBeDead> barriers) {}

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final BoardStream stream;
    private final Clock clock;
    /** How many open incidents a card lists ({@link BoardProperties}). */
    private final int incidentsPerCard;
    /** Each system's worst open incidents, the closest one on each path and the counts, as this database asks best. */
    private final OpenIncidentRanks ranks;
    /**
     * Open incidents' assessments as read from their JSON, by that JSON: every read of the board reads those of the
     * incidents its cards show again, most of them unchanged since the last read. Keyed by the text itself, so it is
     * never out of date, whoever wrote the row (an assessment is an immutable record).
     */
    private final Cache<String, Assessment> assessments =
            Caffeine.newBuilder().maximumSize(10_000).build();
    /** The cards the batch has read (each system's card is read and parsed once per batch). */
    private final BatchCache<String, BoardCard> cards = new BatchCache<>(NAME + ".cards");
    /** The cards changed by committed batches, on their way to the stream. */
    private final Announcements announcements;
    /** Signs of life, one row per barrier, written once per batch with the latest of the batch. */
    private final BatchWrites<BarrierKey, Instant> heard =
            new BatchWrites<>(NAME + ".heard", BinaryOperator.maxBy(Comparator.naturalOrder()), this::writeHeard);

    public OperatorBoardProjection(JdbcClient jdbc, ObjectMapper mapper, BoardStream stream) {
        this(jdbc, mapper, stream, Clock.systemUTC());
    }

    public OperatorBoardProjection(JdbcClient jdbc, ObjectMapper mapper, BoardStream stream, Clock clock) {
        this(jdbc, mapper, stream, clock, BoardProperties.defaults());
    }

    /** {@code clock}: the "now" a barrier's silence is judged against, when the board is read. */
    @Autowired
    public OperatorBoardProjection(
            JdbcClient jdbc, ObjectMapper mapper, BoardStream stream, Clock clock, BoardProperties properties) {
        this.jdbc = jdbc;
        this.json = new JsonColumns(mapper);
        this.stream = stream;
        this.clock = clock;
        this.incidentsPerCard = properties.incidentsPerCard();
        this.ranks = OpenIncidentRanks.of(jdbc);
        this.announcements = new Announcements(this::cardsOf, stream::publish);
    }

    @PreDestroy
    void stopAnnouncing() {
        announcements.close();
    }

    @EventHandler
    void on(SystemRegistered e, @Timestamp Instant at, ReplayStatus replay) {
        BoardCard card = new BoardCard();
        card.systemId = e.systemId().value();
        card.name = e.name();
        card.kind = e.kind().name();
        card.lifecycle = Lifecycle.REGISTERED.name();
        card.riskClass = e.riskClass().name();
        card.bowTie = e.bowTie();
        card.updatedAt = at;
        watch(card, null, e.bowTie(), at);
        jdbc.sql("INSERT INTO board_card (system_id, card, updated_at) VALUES (?, ?, ?)")
                .param(card.systemId)
                .param(json.write(card))
                .param(at.atOffset(ZoneOffset.UTC))
                .update();
        changed(e.systemId(), replay);
    }

    @EventHandler
    void on(BowTieRevised e, @Timestamp Instant at, ReplayStatus replay) {
        change(e.systemId(), at, replay, card -> {
            watch(card, card.bowTie, e.bowTie(), at);
            card.bowTie = e.bowTie();
        });
    }

    @EventHandler
    void on(RiskProfileChanged e, @Timestamp Instant at, ReplayStatus replay) {
        change(
                e.systemId(),
                at,
                replay,
                card -> card.riskClass = e.riskProfile().riskClass().name());
    }

    @EventHandler
    void on(RiskClassChanged e, @Timestamp Instant at, ReplayStatus replay) {
        change(e.systemId(), at, replay, card -> card.classChange = e.from() + " → " + e.to());
    }

    @EventHandler
    void on(ClassChangeAcknowledged e, @Timestamp Instant at, ReplayStatus replay) {
        change(e.systemId(), at, replay, card -> card.classChange = null);
    }

    @EventHandler
    void on(LifecycleChanged e, @Timestamp Instant at, ReplayStatus replay) {
        change(e.systemId(), at, replay, card -> {
            card.lifecycle = e.to().name();
            if (e.to() == Lifecycle.DEPLOYED) {
                card.deployedAt = at;
                card.activityAfterShutdown = false;
                card.activityWhileSuspended = false;
            }
        });
    }

    @EventHandler
    void on(BarrierStateChanged e, @Timestamp Instant at, ReplayStatus replay) {
        if (e.from() == e.to()) {
            return; // only the barrier's history changed
        }
        change(e.systemId(), at, replay, card -> {
            if (e.to() == BarrierState.IN_SERVICE) {
                card.states.remove(e.barrierId());
            } else {
                card.states.put(e.barrierId(), e.to());
            }
        });
    }

    /**
     * Flagged while the system is off: a correction of a first-release history appends its ActivityAfterShutdown at
     * the end of the stream, where the system may have been deployed again since (which clears the flag), and the
     * running system must not show an alert for a shutdown long over.
     */
    @EventHandler
    void on(ActivityAfterShutdown e, @Timestamp Instant at, ReplayStatus replay) {
        change(e.systemId(), at, replay, card -> {
            if (Lifecycle.SHUT_DOWN.name().equals(card.lifecycle)
                    || Lifecycle.DECOMMISSIONED.name().equals(card.lifecycle)) {
                card.activityAfterShutdown = true;
            }
        });
    }

    // The first release recorded activity after shutdown as an inferred off-switch breach, decided by arrival: a late
    // report of something that happened before the shutdown made one too. It is no evidence: the history's
    // correction (LegacyCorrections) appends ActivityAfterShutdown for the shutdowns activity really defeated.

    @EventHandler
    void on(ActivityWhileSuspended e, @Timestamp Instant at, ReplayStatus replay) {
        change(e.systemId(), at, replay, card -> card.activityWhileSuspended = true);
    }

    @EventHandler
    void on(IncidentAssessed e, ReplayStatus replay) {
        Assessment a = e.assessment();
        String id = e.incidentId().value();
        boolean open;
        if (e instanceof IncidentOpened opened) {
            jdbc.sql("INSERT INTO board_incident (incident_id, system_id, outcome, severity, margin, opened_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .param(id)
                    .param(e.systemId().value())
                    .param(a.outcome().name())
                    .param(a.outcome().severity())
                    .param(a.margin())
                    .param(opened.openedAt().atOffset(ZoneOffset.UTC))
                    .update();
            jdbc.sql("INSERT INTO board_assessment (incident_id, assessment) VALUES (?, ?)")
                    .param(id)
                    .param(json.write(a))
                    .update();
            open = true;
        } else {
            // no row: the incident is closed (a correction of the first release's history reassesses resolved ones)
            open = jdbc.sql("UPDATE board_incident SET outcome = ?, severity = ?, margin = ? WHERE incident_id = ?")
                            .param(a.outcome().name())
                            .param(a.outcome().severity())
                            .param(a.margin())
                            .param(id)
                            .update()
                    > 0;
            if (open) {
                jdbc.sql("UPDATE board_assessment SET assessment = ? WHERE incident_id = ?")
                        .param(json.write(a))
                        .param(id)
                        .update();
            }
        }
        if (open) {
            boolean judgedBefore = !(e instanceof IncidentOpened);
            paths(id, a, judgedBefore);
            crossings(e.systemId().value(), id, a, judgedBefore);
        }
        changed(e.systemId(), replay);
    }

    @EventHandler
    void on(IncidentResolved e, ReplayStatus replay) {
        close(e.incidentId().value());
        changed(e.systemId(), replay);
    }

    /** Closed as not an incident: off the board like a resolved one, and its crossings of barriers count no more. */
    @EventHandler
    void on(IncidentMarkedNotAnIncident e, ReplayStatus replay) {
        forget(e, replay);
    }

    /**
     * Merged into another incident: off the board, where the one it joined stands for both, and no crossing of its
     * own for liveness (the one it joined is the incident that crossed).
     */
    @EventHandler
    void on(IncidentMerged e, ReplayStatus replay) {
        forget(e, replay);
    }

    private void forget(IncidentEvent e, ReplayStatus replay) {
        close(e.incidentId().value());
        forgetCrossings(e.systemId().value(), e.incidentId().value());
        changed(e.systemId(), replay);
    }

    @EventHandler
    void on(SeriousIncidentReportOverdue e, @Timestamp Instant at, ReplayStatus replay) {
        change(
                e.systemId(),
                at,
                replay,
                card -> card.seriousReportsOverdue.put(e.incidentId().value(), e.due()));
    }

    @EventHandler
    void on(SeriousIncidentReported e, @Timestamp Instant at, ReplayStatus replay) {
        change(
                e.systemId(),
                at,
                replay,
                card -> card.seriousReportsOverdue.remove(e.incidentId().value()));
    }

    @EventHandler
    void on(FollowUpActionOverdue e, ReplayStatus replay) {
        jdbc.sql("INSERT INTO board_overdue_action (action_id, system_id, incident_id, title, owner, due_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .param(e.actionId())
                .param(e.systemId().value())
                .param(e.incidentId().value())
                .param(e.title())
                .param(e.owner())
                .param(e.due().atOffset(ZoneOffset.UTC))
                .update();
        changed(e.systemId(), replay);
    }

    /**
     * Off the board once done, dropped or given a new due date (the tracker says again if that one passes too); a new
     * owner alone leaves it late.
     */
    @EventHandler
    void on(FollowUpActionUpdated e, ReplayStatus replay) {
        int changed = e.status() != ActionStatus.OPEN
                ? jdbc.sql("DELETE FROM board_overdue_action WHERE action_id = ?")
                        .param(e.actionId())
                        .update()
                : jdbc.sql("DELETE FROM board_overdue_action WHERE action_id = ? AND due_at <> ?")
                        .param(e.actionId())
                        .param(e.due().atOffset(ZoneOffset.UTC))
                        .update();
        changed += jdbc.sql("UPDATE board_overdue_action SET owner = ? WHERE action_id = ? AND owner <> ?")
                .param(e.owner())
                .param(e.actionId())
                .param(e.owner())
                .update();
        if (changed > 0) {
            changed(e.systemId(), replay);
        }
    }

    // --- barrier liveness (BarrierLiveness): signs of life and incidents' crossings, judged when the board is read ---

    /**
     * Any report naming a barrier is a sign of life. Not announced: the reports that matter to the card already are
     * (by their incident or the barrier's state), and a reader asks again when a watched barrier may turn silent.
     */
    @EventHandler
    void on(ReportRecorded e) {
        if (e.report().barrierId() != null) {
            heard(
                    e.systemId().value(),
                    e.report().barrierId(),
                    BarrierLiveness.signOfLife(e.report().occurredAt()));
        }
    }

    /** Stored heartbeats are few (the aggregate thins them): each is announced, it may clear a "may be dead". */
    @EventHandler
    void on(BarrierHeartbeat e, ReplayStatus replay) {
        heard(e.systemId().value(), e.barrierId(), BarrierLiveness.signOfLife(e.occurredAt()));
        announce(e.systemId().value(), replay); // a sign of life raises no alert: nothing to judge again
    }

    private void heard(String systemId, String barrierId, Instant at) {
        heard.write(new BarrierKey(systemId, barrierId), at);
    }

    private record BarrierKey(String systemId, String barrierId) {}

    /**
     * The latest sign of life of each barrier, kept where it is newer than the one the table holds: one statement per
     * {@value #BARRIERS_PER_STATEMENT} barriers.
     */
    private void writeHeard(Map<BarrierKey, Instant> latest) {
        BatchWrites.inStatementsOf(BARRIERS_PER_STATEMENT, latest.entrySet(), some -> {
            List<Object> params = new ArrayList<>();
            some.forEach(row -> {
                params.add(row.getKey().systemId());
                params.add(row.getKey().barrierId());
                params.add(row.getValue().atOffset(ZoneOffset.UTC));
            });
            jdbc.sql("""
                            MERGE INTO board_barrier_heard h
                            USING (VALUES %s) AS s (system_id, barrier_id, last_heard)
                            ON h.system_id = s.system_id AND h.barrier_id = s.barrier_id
                            WHEN MATCHED AND h.last_heard < s.last_heard THEN UPDATE SET last_heard = s.last_heard
                            WHEN NOT MATCHED THEN INSERT (system_id, barrier_id, last_heard)
                                VALUES (s.system_id, s.barrier_id, s.last_heard)""".formatted(String.join(
                            ", ",
                            Collections.nCopies(
                                    some.size(),
                                    "(CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE))"))))
                    .params(params)
                    .update();
        });
    }

    private static final int BARRIERS_PER_STATEMENT = 1_000;

    /**
     * The barriers the incident's hazard got to or past, as judged now, replacing what an earlier judgement said. A
     * closed incident's crossings stay as they were (a correction of the first release's history reassesses resolved
     * ones), and a barrier known out of service when it was passed is no silent crossing: it was a hole already, and
     * would otherwise be taken for dead as soon as it is restored.
     */
    private void crossings(String systemId, String incidentId, Assessment assessment, boolean judgedBefore) {
        if (judgedBefore) {
            forgetCrossings(systemId, incidentId);
        }
        BoardCard card = cards.get(systemId, this::loadCard);
        if (card == null || card.bowTie == null) {
            return;
        }
        List<Map.Entry<String, Boolean>> crossed =
                BarrierLiveness.crossings(card.bowTie, assessment).entrySet().stream()
                        .filter(crossing -> !crossing.getValue() || !card.states.containsKey(crossing.getKey()))
                        .toList();
        if (crossed.isEmpty()) {
            return;
        }
        // one statement for all of them
        List<Object> params = new ArrayList<>();
        crossed.forEach(crossing -> {
            params.add(crossing.getKey());
            params.add(crossing.getValue());
        });
        params.add(incidentId);
        jdbc.sql("""
                        INSERT INTO board_barrier_crossing (incident_id, barrier_id, system_id, opened_at, silent)
                        SELECT i.incident_id, c.barrier_id, i.system_id, i.opened_at, c.silent
                        FROM board_incident i, (VALUES %s) AS c (barrier_id, silent)
                        WHERE i.incident_id = ?""".formatted(String.join(
                        ", ", Collections.nCopies(crossed.size(), "(CAST(? AS VARCHAR), CAST(? AS BOOLEAN))"))))
                .params(params)
                .update();
        latestCrossingsChanged(systemId, crossed.stream().map(Map.Entry::getKey).toList());
    }

    private void forgetCrossings(String systemId, String incidentId) {
        List<String> barriers = jdbc.sql("SELECT barrier_id FROM board_barrier_crossing WHERE incident_id = ?")
                .param(incidentId)
                .query(String.class)
                .list();
        if (!barriers.isEmpty()) {
            jdbc.sql("DELETE FROM board_barrier_crossing WHERE incident_id = ?")
                    .param(incidentId)
                    .update();
            latestCrossingsChanged(systemId, barriers);
        }
    }

    /**
     * Each barrier's latest crossings are read again from all of them (the index gives the newest first) once the
     * batch's other changes are in, just before it commits: once per barrier per batch, however many of its incidents
     * changed. Outside a processor's batch, at once.
     */
    private void latestCrossingsChanged(String systemId, List<String> barrierIds) {
        if (!CurrentUnitOfWork.isStarted()) {
            barrierIds.forEach(barrier -> latestCrossings(systemId, barrier));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.getOrComputeResource(CROSSED, key -> {
                    Set<List<String>> changed = new LinkedHashSet<>();
                    batch.onPrepareCommit(
                            u -> changed.forEach(barrier -> latestCrossings(barrier.get(0), barrier.get(1))));
                    return changed;
                })
                .addAll(barrierIds.stream()
                        .map(barrier -> List.of(systemId, barrier))
                        .toList());
    }

    private static final String CROSSED = OperatorBoardProjection.class.getName() + ".crossed";

    private void latestCrossings(String systemId, String barrierId) {
        List<Boolean> silent = jdbc.sql("""
                        SELECT silent FROM board_barrier_crossing WHERE system_id = ? AND barrier_id = ?
                        ORDER BY opened_at DESC, incident_id DESC LIMIT ?""")
                .param(systemId)
                .param(barrierId)
                .param(BarrierLiveness.SILENT_CROSSINGS)
                .query(Boolean.class)
                .list();
        jdbc.sql("DELETE FROM board_barrier_latest_crossings WHERE system_id = ? AND barrier_id = ?")
                .param(systemId)
                .param(barrierId)
                .update();
        if (!silent.isEmpty()) {
            jdbc.sql("INSERT INTO board_barrier_latest_crossings (system_id, barrier_id, silent) VALUES (?, ?, ?)")
                    .param(systemId)
                    .param(barrierId)
                    .param(json.write(silent))
                    .update();
        }
    }

    /** Off the board: the incident, its assessment and its judgement of each path. */
    private void close(String incidentId) {
        jdbc.sql("DELETE FROM board_incident_path WHERE incident_id = ?")
                .param(incidentId)
                .update();
        jdbc.sql("DELETE FROM board_assessment WHERE incident_id = ?")
                .param(incidentId)
                .update();
        jdbc.sql("DELETE FROM board_incident WHERE incident_id = ?")
                .param(incidentId)
                .update();
    }

    /**
     * The open incident's judgement of each path it touched, replacing an earlier one: what a path's live margin is
     * read from ({@link #openIncidents}).
     */
    private void paths(String incidentId, Assessment assessment, boolean judgedBefore) {
        if (judgedBefore) {
            jdbc.sql("DELETE FROM board_incident_path WHERE incident_id = ?")
                    .param(incidentId)
                    .update();
        }
        if (assessment.paths().isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>();
        assessment.paths().forEach(path -> {
            params.add(path.threatLineId() == null ? "" : path.threatLineId());
            params.add(path.consequenceLineId() == null ? "" : path.consequenceLineId());
            params.add(path.margin());
            params.add(path.outcome().severity());
        });
        params.add(incidentId);
        jdbc.sql("""
                        INSERT INTO board_incident_path (incident_id, system_id, threat_line, consequence_line, margin,
                          severity, opened_at)
                        SELECT i.incident_id, i.system_id, p.threat_line, p.consequence_line, p.margin, p.severity,
                          i.opened_at
                        FROM board_incident i, (VALUES %s) AS p (threat_line, consequence_line, margin, severity)
                        WHERE i.incident_id = ?""".formatted(String.join(
                        ", ",
                        Collections.nCopies(
                                assessment.paths().size(),
                                "(CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS INT), CAST(? AS INT))"))))
                .params(params)
                .update();
    }

    /** Starts watching the barriers that promised a period now, or a new one; stops for those that no longer do. */
    private static void watch(BoardCard card, BowTie before, BowTie after, Instant at) {
        card.watchedSince
                .keySet()
                .removeIf(
                        id -> after.barrier(id).map(BarrierSpec::expectedEvery).isEmpty());
        for (String id : after.barrierIds()) {
            java.time.Duration every = after.barrier(id).orElseThrow().expectedEvery();
            java.time.Duration was = before == null
                    ? null
                    : before.barrier(id).map(BarrierSpec::expectedEvery).orElse(null);
            if (every != null && (!every.equals(was) || !card.watchedSince.containsKey(id))) {
                card.watchedSince.put(id, at);
            }
        }
    }

    @QueryHandler
    public Optional<CardView> handle(GetCard query) {
        return card(query.systemId());
    }

    @QueryHandler
    public MayBeDeadList handle(GetMayBeDead query) {
        return new MayBeDeadList(card(query.systemId()).map(CardView::mayBeDead).orElse(List.of()));
    }

    /**
     * Each barrier's last sign of life and its latest crossings (at most as many as the rule reads), of the systems
     * asked for.
     */
    private void readSigns(
            Systems systems, Map<String, Map<String, Instant>> heard, Map<String, Map<String, List<Boolean>>> crossed) {
        jdbc.sql("SELECT system_id, barrier_id, last_heard FROM board_barrier_heard" + systems.where())
                .params(systems.params())
                .query((rs, n) -> heard.computeIfAbsent(rs.getString("system_id"), k -> new HashMap<>())
                        .put(
                                rs.getString("barrier_id"),
                                rs.getObject("last_heard", OffsetDateTime.class).toInstant()))
                .list();
        jdbc.sql("SELECT system_id, barrier_id, silent FROM board_barrier_latest_crossings" + systems.where())
                .params(systems.params())
                .query((rs, n) -> crossed.computeIfAbsent(rs.getString("system_id"), k -> new HashMap<>())
                        .put(rs.getString("barrier_id"), json.read(rs.getString("silent"), BOOLEANS)))
                .list();
    }

    private static final TypeReference<List<Boolean>> BOOLEANS = new TypeReference<>() {};

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM board_barrier_latest_crossings").update();
        jdbc.sql("DELETE FROM board_barrier_crossing").update();
        jdbc.sql("DELETE FROM board_barrier_heard").update();
        jdbc.sql("DELETE FROM board_overdue_action").update();
        jdbc.sql("DELETE FROM board_incident_path").update();
        jdbc.sql("DELETE FROM board_assessment").update();
        jdbc.sql("DELETE FROM board_incident").update();
        jdbc.sql("DELETE FROM board_card").update();
    }

    @QueryHandler
    public Board handle(GetBoard query) {
        Map<String, Object> counts = jdbc.sql(
                        "SELECT COUNT(*) AS total, COUNT(CASE WHEN attention THEN 1 END) AS needing FROM board_card")
                .query()
                .singleRow();
        long total = ((Number) counts.get("total")).longValue();
        long needing = ((Number) counts.get("needing")).longValue();
        if (query.size() == null) {
            return new Board(List.copyOf(cards(Systems.ALL).values()), total, needing);
        }
        int page = query.page() == null ? 0 : query.page();
        List<String> ids = jdbc.sql(
                        "SELECT system_id FROM board_card ORDER BY attention DESC, system_id LIMIT ? OFFSET ?")
                .param(query.size())
                .param((long) page * query.size())
                .query(String.class)
                .list();
        Map<String, CardView> cards = cards(Systems.of(ids));
        // in the page's order; a card whose alert changed since is shown as it is now, where it stood
        return new Board(ids.stream().map(cards::get).filter(Objects::nonNull).toList(), total, needing);
    }

    /**
     * The cards of the systems asked for, by system id in order, read with the same few statements however many there
     * are.
     */
    private Map<String, CardView> cards(Systems systems) {
        List<BoardCard> cards = jdbc
                .sql("SELECT card FROM board_card" + systems.where() + " ORDER BY system_id")
                .params(systems.params())
                .query(String.class)
                .list()
                .stream()
                .map(this::read)
                .toList();
        Map<String, OpenIncidents> incidents =
                openIncidents(cards.stream().map(card -> card.systemId).toList());
        Map<String, List<OverdueAction>> overdue = new HashMap<>();
        jdbc.sql("SELECT * FROM board_overdue_action" + systems.where() + " ORDER BY due_at, action_id")
                .params(systems.params())
                .query((rs, n) -> {
                    overdue.computeIfAbsent(rs.getString("system_id"), k -> new ArrayList<>())
                            .add(overdue(rs));
                    return null;
                })
                .list();
        Map<String, Map<String, Instant>> heard = new HashMap<>();
        Map<String, Map<String, List<Boolean>>> crossed = new HashMap<>();
        readSigns(systems, heard, crossed);
        Instant now = clock.instant();
        Map<String, CardView> views = new LinkedHashMap<>();
        cards.forEach(card -> views.put(
                card.systemId,
                card.view(
                        incidents.getOrDefault(card.systemId, OpenIncidents.NONE),
                        overdue.getOrDefault(card.systemId, List.of()),
                        new Signs(
                                heard.getOrDefault(card.systemId, Map.of()),
                                crossed.getOrDefault(card.systemId, Map.of()),
                                now))));
        return views;
    }

    /** All systems, or these (a few hundred ids to a statement at most: more are read as all and picked from). */
    private record Systems(List<String> ids) {

        static final Systems ALL = new Systems(null);
        static final int MOST_IDS = 500;

        static Systems of(Collection<String> ids) {
            return ids.size() > MOST_IDS ? ALL : new Systems(List.copyOf(ids));
        }

        String where() {
            return ids == null ? "" : " WHERE " + in();
        }

        String in() {
            return "system_id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        }

        List<Object> params() {
            return ids == null ? List.of() : List.copyOf(ids);
        }
    }

    /**
     * The system's card changed: whether it needs attention is judged again once per system as the batch commits (the
     * board is paged in that order), and the card is pushed once the batch has committed.
     */
    private void changed(SystemId systemId, ReplayStatus replay) {
        if (!CurrentUnitOfWork.isStarted()) {
            judge(List.of(systemId.value()));
        } else {
            UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
            batch.getOrComputeResource(JUDGED, key -> {
                        Set<String> changed = new LinkedHashSet<>();
                        batch.onPrepareCommit(u -> judge(changed));
                        return changed;
                    })
                    .add(systemId.value());
        }
        announce(systemId.value(), replay);
    }

    private static final String JUDGED = OperatorBoardProjection.class.getName() + ".judged";

    /**
     * Whether each of these cards raises an alert, kept in {@code board_card.attention} for the board's pages. Only
     * the cards whose answer changed are written; the batch's cards are those it has cached.
     */
    private void judge(Collection<String> systems) {
        BatchWrites.inStatementsOf(Systems.MOST_IDS, systems, chunk -> {
            Map<String, OpenIncidents> open = openIncidents(chunk);
            Map<Boolean, List<String>> byAttention = new HashMap<>();
            for (String id : chunk) {
                BoardCard card = cards.get(id, this::loadCard);
                if (card == null) {
                    continue;
                }
                try {
                    boolean alert = card.view(open.getOrDefault(id, OpenIncidents.NONE), List.of(), Signs.NONE)
                            .alert();
                    byAttention.computeIfAbsent(alert, k -> new ArrayList<>()).add(id);
                } catch (RuntimeException e) {
                    // a card that cannot be drawn fails its reads too, where it shows; here it would stop the read
                    // model (the judgement runs as the batch commits, after the events' savepoints): left as it was
                    log.warn("could not judge whether {}'s card needs attention: {}", id, e.toString());
                }
            }
            byAttention.forEach((attention, ids) -> {
                Systems these = Systems.of(ids);
                jdbc.sql("UPDATE board_card SET attention = ? WHERE attention <> ? AND " + these.in())
                        .param(attention)
                        .param(attention)
                        .params(these.params())
                        .update();
            });
        });
    }

    /**
     * Pushes the system's card once the transaction that changed it has committed (a rolled-back change is never
     * announced); a replay rebuilds the board without pushing history to the screens.
     */
    private void announce(String systemId, ReplayStatus replay) {
        if (replay == ReplayStatus.REPLAY || !stream.hasSubscribers()) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            card(systemId).ifPresent(stream::publish);
            return;
        }
        // once per system per processor batch, after it commits; read and pushed on the announcements' own thread
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.getOrComputeResource(CHANGED, key -> {
                    Set<String> changed = new LinkedHashSet<>();
                    batch.afterCommit(u -> announcements.changed(changed));
                    return changed;
                })
                .add(systemId);
    }

    private static final String CHANGED = OperatorBoardProjection.class.getName() + ".changed";

    private Optional<CardView> card(String systemId) {
        return cardsOf(List.of(systemId)).stream().findFirst();
    }

    /** The current cards of these systems (more than a statement takes are read as the whole board and picked from). */
    private List<CardView> cardsOf(Collection<String> systems) {
        Set<String> asked = Set.copyOf(systems);
        return cards(Systems.of(systems)).values().stream()
                .filter(card -> asked.contains(card.systemId()))
                .toList();
    }

    /**
     * Per system asked for, its open incidents as a card shows them ({@link OpenIncidents}), read without
     * reading every one: the listed ones, the one closest to harm on each path ({@link OpenIncidentRanks}), and the
     * counts.
     */
    private Map<String, OpenIncidents> openIncidents(List<String> systems) {
        Map<String, List<String>> listed = ranks.worst(systems, incidentsPerCard);
        Set<String> wanted = new LinkedHashSet<>();
        listed.values().forEach(wanted::addAll);
        Map<String, Map<String, String>> closest = new HashMap<>();
        for (OpenIncidentRanks.Closest path : ranks.closest(systems)) {
            closest.computeIfAbsent(path.systemId(), k -> new HashMap<>())
                    .put(
                            BoardCard.pathKey(emptyAsNull(path.threatLine()), emptyAsNull(path.consequenceLine())),
                            path.incidentId());
            wanted.add(path.incidentId());
        }
        Map<String, OpenIncident> incidents = incidents(wanted);
        Map<String, OpenIncidents> bySystem = new HashMap<>();
        ranks.counts(systems, Outcome.TOP_EVENT.severity()).forEach((system, counts) -> {
            Map<String, OpenIncident> closestOfSystem = new HashMap<>();
            closest.getOrDefault(system, Map.of()).forEach((path, id) -> closestOfSystem.put(path, incidents.get(id)));
            bySystem.put(
                    system,
                    new OpenIncidents(
                            listed.getOrDefault(system, List.of()).stream()
                                    .map(incidents::get)
                                    .sorted(BoardCard.WORST_FIRST)
                                    .toList(),
                            closestOfSystem,
                            counts.open(),
                            counts.severe()));
        });
        return bySystem;
    }

    /** The open incidents with these ids, with their assessments, a few hundred ids to a statement. */
    private Map<String, OpenIncident> incidents(Collection<String> ids) {
        Map<String, OpenIncident> found = new HashMap<>();
        BatchWrites.inStatementsOf(IDS_PER_STATEMENT, ids, chunk -> {
            jdbc.sql("""
                            SELECT i.incident_id, i.outcome, i.opened_at, a.assessment
                            FROM board_incident i JOIN board_assessment a ON a.incident_id = i.incident_id
                            WHERE i.incident_id IN (%s)""".formatted(String.join(", ", Collections.nCopies(chunk.size(), "?"))))
                    .params(List.copyOf(chunk))
                    .query(rs -> {
                        OpenIncident incident = incident(rs);
                        found.put(incident.id(), incident);
                    });
        });
        return found;
    }

    private static final int IDS_PER_STATEMENT = 500;

    private static String emptyAsNull(String line) {
        return line.isEmpty() ? null : line;
    }

    private static OverdueAction overdue(ResultSet rs) throws SQLException {
        return new OverdueAction(
                rs.getString("action_id"),
                rs.getString("incident_id"),
                rs.getString("title"),
                rs.getString("owner"),
                rs.getObject("due_at", OffsetDateTime.class).toInstant());
    }

    private OpenIncident incident(ResultSet rs) throws SQLException {
        return new OpenIncident(
                rs.getString("incident_id"),
                Outcome.valueOf(rs.getString("outcome")),
                assessments.get(rs.getString("assessment"), text -> json.read(text, Assessment.class)),
                rs.getObject("opened_at", OffsetDateTime.class).toInstant());
    }

    private BoardCard read(String card) {
        return json.read(card, BoardCard.class);
    }

    private void change(SystemId systemId, Instant at, ReplayStatus replay, Consumer<BoardCard> change) {
        BoardCard card = cards.get(systemId.value(), this::loadCard);
        if (card == null) {
            return;
        }
        change.accept(card); // the cached card: written below, or (if that fails) dropped with the batch's caches
        card.updatedAt = at;
        jdbc.sql("UPDATE board_card SET card = ?, updated_at = ? WHERE system_id = ?")
                .param(json.write(card))
                .param(at.atOffset(ZoneOffset.UTC))
                .param(systemId.value())
                .update();
        changed(systemId, replay);
    }

    private BoardCard loadCard(String systemId) {
        return jdbc.sql("SELECT card FROM board_card WHERE system_id = ?")
                .param(systemId)
                .query(String.class)
                .optional()
                .map(this::read)
                .orElse(null);
    }
}
