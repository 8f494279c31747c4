package org.swisscheese.tracker.projection.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.domain.BarrierCondition;
import org.swisscheese.tracker.domain.BarrierCondition.Change;
import org.swisscheese.tracker.domain.BarrierCondition.Fact;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.Moment;

/**
 * What was learnt about barriers' service, kept by a projection in a table of its own (one per projection, so each
 * can be replayed alone) and folded with the domain's {@link BarrierCondition}: never a second reading of the rule.
 */
public final class BarrierFacts {

    private final JdbcClient jdbc;
    private final String table;

    public BarrierFacts(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    public void record(BarrierStateChanged e) {
        jdbc.sql("INSERT INTO " + table + " (system_id, barrier_id, change_kind, occurred_at, arrival)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .param(e.systemId().value())
                .param(e.barrierId())
                .param(e.change().name())
                .param(e.occurredAt().atOffset(ZoneOffset.UTC))
                .param(e.arrival())
                .update();
    }

    /** Every fact of one system's barriers, by barrier. */
    public Map<String, List<Fact>> of(String systemId) {
        return bySystem(SystemScope.of(systemId)).getOrDefault(systemId, new HashMap<>());
    }

    /**
     * Every fact of the barriers of the systems in scope, by system and barrier, in one query: fleet-wide statistics
     * asked once per system, 20,000 queries for a fleet of 20,000 systems.
     */
    public Map<String, Map<String, List<Fact>>> bySystem(SystemScope systems) {
        Map<String, Map<String, List<Fact>>> facts = new HashMap<>();
        jdbc.sql("SELECT system_id, barrier_id, change_kind, occurred_at, arrival FROM " + table + " WHERE "
                        + systems.condition())
                .params(systems.params())
                .query(rs -> {
                    facts.computeIfAbsent(rs.getString("system_id"), s -> new HashMap<>())
                            .computeIfAbsent(rs.getString("barrier_id"), b -> new ArrayList<>())
                            .add(new Fact(
                                    Change.valueOf(rs.getString("change_kind")),
                                    new Moment(
                                            rs.getObject("occurred_at", OffsetDateTime.class)
                                                    .toInstant(),
                                            rs.getLong("arrival"))));
                });
        return facts;
    }

    /** Each barrier's state at an instant, from its facts that had occurred by then. */
    public static Map<String, BarrierState> statesAt(Map<String, List<Fact>> facts, Instant at) {
        Map<String, BarrierState> states = new HashMap<>();
        facts.forEach((barrier, known) -> states.put(barrier, BarrierCondition.stateAt(known, at)));
        return states;
    }

    public void reset() {
        jdbc.sql("DELETE FROM " + table).update();
    }
}
