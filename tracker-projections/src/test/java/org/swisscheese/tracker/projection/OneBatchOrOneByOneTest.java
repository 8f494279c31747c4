package org.swisscheese.tracker.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.Events.BOWTIE;
import static org.swisscheese.tracker.projection.Events.SYSTEM;
import static org.swisscheese.tracker.projection.Events.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentProgressed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.ReportJoinedIncident;
import org.swisscheese.tracker.api.AiSystemEvent.ReportReclassified;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.BarrierCondition;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.ReportClass;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.projection.board.BoardStream;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection;
import org.swisscheese.tracker.projection.incidents.IncidentTimelineProjection;
import org.swisscheese.tracker.projection.statistics.BarrierStatisticsProjection;
import org.swisscheese.tracker.projection.support.BatchWrites;

/**
 * A read model handles a processor's batch of events in one unit of work, keeps what it has read from its tables for
 * the batch (support.BatchCache) and writes some rows once per batch as it commits (support.BatchWrites). Whatever the events, the tables it builds from one batch are the very rows it
 * builds from the same events handled one by one, each on its own.
 */
class OneBatchOrOneByOneTest {

    @Property(tries = 80)
    void aBatchBuildsTheRowsThatEventsOneByOneBuild(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 9999) Integer> steps) {
        List<EventMessage<?>> events = new Stream().of(steps);
        assertThat(tables(events, true)).isEqualTo(tables(events, false));
    }

    /** Hand-picked: reports earlier than the incident's first, a bow-tie revised between demands, a card changed. */
    @Test
    void earlierReportsARevisionBetweenDemandsAndAChangedCardInOneBatch() {
        List<EventMessage<?>> events = new Stream()
                .of(List.of(2 + 8 * 30, 0 + 8 * 5, 4 + 8 * 1, 1 + 8 * 2, 5 + 8 * 3, 3 + 8 * 4, 0 + 8 * 50, 7 + 8 * 9));
        assertThat(events).hasSizeGreaterThan(8);
        assertThat(tables(events, true)).isEqualTo(tables(events, false));
    }

    /** Every row of every table, after the three read models that keep batch caches handled the events. */
    private static Map<String, List<Map<String, Object>>> tables(List<EventMessage<?>> events, boolean oneBatch) {
        JdbcClient jdbc = InMemoryDatabase.fresh();
        List<AnnotationEventHandlerAdapter> readModels = List.of(
                new AnnotationEventHandlerAdapter(
                        new OperatorBoardProjection(jdbc, InMemoryDatabase.mapper(), new BoardStream())),
                new AnnotationEventHandlerAdapter(new BarrierStatisticsProjection(jdbc, InMemoryDatabase.mapper())),
                new AnnotationEventHandlerAdapter(new IncidentTimelineProjection(jdbc, InMemoryDatabase.mapper())));
        if (oneBatch) {
            UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
            // as a processor's batch without savepoints: rows written per batch are held back to its commit
            BatchWrites.holdBackIn(batch, () -> {});
            events.forEach(event -> handle(readModels, event));
            batch.commit();
        } else {
            events.forEach(event -> handle(readModels, event));
        }
        Map<String, List<Map<String, Object>>> rows = new TreeMap<>();
        jdbc
                .sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'")
                .query(String.class)
                .list()
                .stream()
                .filter(table -> !table.startsWith("flyway"))
                // a stamp counted up once per batch that changes barrier versions, not what the read model holds
                .filter(table -> !table.equalsIgnoreCase("stat_barrier_revision"))
                .forEach(table -> rows.put(
                        table,
                        jdbc.sql("SELECT * FROM \"" + table + "\"").query().listOfRows().stream()
                                .map(TreeMap::new)
                                .map(row -> (Map<String, Object>) row)
                                .sorted((a, b) -> a.toString().compareTo(b.toString()))
                                .toList()));
        return rows;
    }

    private static void handle(List<AnnotationEventHandlerAdapter> readModels, EventMessage<?> event) {
        for (AnnotationEventHandlerAdapter readModel : readModels) {
            try {
                if (readModel.canHandle(event)) {
                    readModel.handle(event);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A system's events as the aggregate would order them, from a list of numbers: each number picks what happens next
     * (its remainder by 8) and where or when (the rest).
     */
    private static final class Stream {

        private final List<EventMessage<?>> events = new ArrayList<>();
        private final List<String> barriers = BOWTIE.barrierIds();
        private final Map<String, Integer> versions = new LinkedHashMap<>();
        private final Map<String, BarrierState> states = new HashMap<>();
        /** Open incidents and their reports, in order of arrival. */
        private final Map<IncidentId, List<Report>> open = new LinkedHashMap<>();

        private int incidents;
        private int reports;

        List<EventMessage<?>> of(List<Integer> steps) {
            barriers.forEach(b -> versions.put(b, 1));
            add(Events.registered());
            for (int step : steps) {
                int what = step % 8;
                int n = step / 8;
                String barrier = barriers.get(n % barriers.size());
                IncidentId incident = open.isEmpty() ? null : new ArrayList<>(open.keySet()).get(n % open.size());
                switch (what) {
                    case 0, 1 -> {
                        Report r = report(what == 0 ? ReportType.TRIPPED : ReportType.BREACHED, barrier, n);
                        IncidentId in = n % 3 == 0 ? null : incident;
                        if (in != null) {
                            open.get(in).add(r);
                        }
                        add(
                                what == 0
                                        ? new BarrierTripped(SYSTEM, r, versions.get(barrier), in)
                                        : new BarrierBreached(SYSTEM, r, versions.get(barrier), in, null));
                    }
                    case 2 -> {
                        Report r = report(ReportType.BREACHED, barrier, n);
                        IncidentId id = IncidentId.of(SYSTEM, ++incidents);
                        open.put(id, new ArrayList<>(List.of(r)));
                        add(new IncidentOpened(
                                SYSTEM, id, null, r.occurredAt(), r.reportId(), Events.judged(states, r)));
                        add(new BarrierBreached(SYSTEM, r, versions.get(barrier), id, null));
                    }
                    case 3 -> {
                        if (incident != null) {
                            add(new IncidentProgressed(
                                    SYSTEM,
                                    incident,
                                    null,
                                    Events.judged(states, open.get(incident).toArray(Report[]::new))));
                        }
                    }
                    case 4 -> {
                        versions.merge(barrier, 1, Integer::sum);
                        add(new BowTieRevised(
                                SYSTEM, BOWTIE, Map.copyOf(versions), List.of(), List.of(), List.of(barrier)));
                    }
                    case 5 -> {
                        BarrierState from = states.getOrDefault(barrier, BarrierState.IN_SERVICE);
                        BarrierState to = BarrierState.values()[n % BarrierState.values().length];
                        states.put(barrier, to);
                        add(new BarrierStateChanged(
                                SYSTEM,
                                barrier,
                                to == BarrierState.IN_SERVICE
                                        ? BarrierCondition.Change.RESTORED
                                        : to == BarrierState.DEGRADED
                                                ? BarrierCondition.Change.OUT_OF_SERVICE
                                                : BarrierCondition.Change.IMPAIRED,
                                "test",
                                "r" + reports,
                                minute(n),
                                events.size(),
                                from,
                                to));
                    }
                    case 6 -> {
                        if (incident != null) {
                            open.remove(incident);
                            add(new IncidentResolved(
                                    SYSTEM,
                                    incident,
                                    minute(n),
                                    true,
                                    null,
                                    Events.judged(states, Events.report("x", ReportType.TRIPPED, barrier, 0))
                                            .outcome()));
                        }
                    }
                    default -> {
                        if (incident != null && n % 4 == 3 && open.size() > 1) {
                            // merged into the next open incident: the responses read and move the batch's reports
                            List<IncidentId> ids = new ArrayList<>(open.keySet());
                            IncidentId into = ids.get((ids.indexOf(incident) + 1) % ids.size());
                            open.get(into).addAll(open.remove(incident));
                            add(new IncidentMerged(
                                    SYSTEM,
                                    incident,
                                    into,
                                    "the same hazard",
                                    Events.judged(states, open.get(into).toArray(Report[]::new))
                                            .outcome(),
                                    "analyst",
                                    minute(n)));
                        } else if (incident != null && n % 4 == 2) {
                            Report r = open.get(incident).get(0);
                            add(new ReportReclassified(
                                    SYSTEM,
                                    incident,
                                    r.reportId(),
                                    r.identity(),
                                    r.barrierId(),
                                    r.type(),
                                    ReportClass.PROOF_TEST,
                                    "a drill",
                                    "analyst",
                                    minute(n)));
                        } else if (incident != null) {
                            Report r = report(ReportType.ANOMALY_DETECTED, barrier, n);
                            open.get(incident).add(r);
                            add(new ReportJoinedIncident(SYSTEM, r, versions.get(barrier), incident));
                        }
                    }
                }
            }
            return events;
        }

        private Report report(ReportType type, String barrier, int n) {
            return Events.report("r" + ++reports, type, barrier, (n * 7) % 180 - 60);
        }

        private static Instant minute(int n) {
            return T0.plus(Duration.ofMinutes(n % 180));
        }

        private void add(Object payload) {
            int sequence = events.size();
            events.add(new GenericDomainEventMessage<>(
                    "AiSystem",
                    SYSTEM.value(),
                    sequence,
                    payload,
                    MetaData.with("user", "analyst"),
                    UUID.nameUUIDFromBytes(("e" + sequence).getBytes()).toString(),
                    T0.plusSeconds(sequence)));
        }
    }
}
