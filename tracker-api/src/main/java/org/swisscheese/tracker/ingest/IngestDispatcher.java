package org.swisscheese.tracker.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.support.TransactionTemplate;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.RecordResult;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.command.SystemLocks;
import org.swisscheese.tracker.domain.ReportType;

/**
 * Applies a batch of reports, grouped by system, as one {@link RecordReports} command per system. Systems are
 * spread over a fixed number of lanes (one thread each); a system always takes the same lane, so its reports are
 * applied in order while different systems proceed in parallel. Each lane applies its commands in one database
 * transaction; if anything in it fails, the lane is rolled back, the cached aggregates are dropped (they would be
 * ahead of the database) and the commands are applied again one transaction each, to isolate the failure.
 */
public class IngestDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IngestDispatcher.class);

    private final CommandGateway commandGateway;
    private final EventBus eventStore;
    private final TransactionTemplate transactions;
    private final Cache aggregateCache;
    private final RecordedReports recordedReports;
    private final SystemLocks systemLocks;
    private final ExecutorService[] lanes;
    private final Counter recorded;
    private final Counter duplicates;
    private final Counter conflicts;

    public IngestDispatcher(
            CommandGateway commandGateway,
            EventBus eventStore,
            TransactionTemplate transactions,
            Cache aggregateCache,
            RecordedReports recordedReports,
            SystemLocks systemLocks,
            int laneCount,
            MeterRegistry meters) {
        this.recordedReports = recordedReports;
        this.systemLocks = systemLocks;
        this.recorded = Counter.builder("tracker.ingest.reports")
                .tag("result", "recorded")
                .description("reports applied to system aggregates, from Kafka or HTTP")
                .register(meters);
        this.duplicates = Counter.builder("tracker.ingest.reports")
                .tag("result", "duplicate")
                .description("redelivered reports that changed nothing")
                .register(meters);
        this.conflicts = Counter.builder("tracker.ingest.conflicts")
                .description("appends that lost a race for a system's next sequence (another server wrote first, "
                        + "e.g. while partitions moved), retried on fresh state")
                .register(meters);
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.aggregateCache = aggregateCache;
        this.lanes = new ExecutorService[laneCount];
        for (int i = 0; i < laneCount; i++) {
            int lane = i;
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "ingest-lane-" + lane);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** A report that was not applied, and why; {@code report} is the very report given, to find its source by. */
    public record Refused(Report report, InvalidBarrierEvent.Kind kind, String reason) {}

    /** What became of a batch: how many reports were recorded, which were redeliveries, which were refused. */
    public record Summary(int recorded, List<String> duplicates, List<Refused> refused) {}

    /** What became of one system's reports. */
    private sealed interface Outcome {}

    private record Applied(RecordResult result) implements Outcome {}

    private record NotRegistered(String reason) implements Outcome {}

    /**
     * Applies every system's reports and says what became of them. Throws if the store could not be reached: then
     * nothing is acknowledged and the whole batch is retried (redelivery is harmless).
     */
    public Summary dispatch(Map<SystemId, List<Report>> reportsBySystem) {
        int recorded = 0;
        List<String> duplicates = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (Map.Entry<SystemId, Outcome> entry : applyAll(reportsBySystem).entrySet()) {
            List<Report> reports = reportsBySystem.get(entry.getKey());
            if (entry.getValue() instanceof NotRegistered notRegistered) {
                reports.forEach(r ->
                        refused.add(new Refused(r, InvalidBarrierEvent.Kind.NOT_REGISTERED, notRegistered.reason())));
            } else if (entry.getValue() instanceof Applied applied) {
                RecordResult result = applied.result();
                recorded += result.recorded();
                duplicates.addAll(result.duplicates());
                for (RecordResult.Rejection rejection : result.rejected()) {
                    Report report = reports.stream()
                            .filter(r -> r.reportId().equals(rejection.reportId()))
                            .findFirst()
                            .orElseThrow();
                    refused.add(new Refused(report, InvalidBarrierEvent.Kind.REJECTED, rejection.reason()));
                }
            }
        }
        this.recorded.increment(recorded);
        this.duplicates.increment(duplicates.size());
        return new Summary(recorded, duplicates, refused);
    }

    private Map<SystemId, Outcome> applyAll(Map<SystemId, List<Report>> reportsBySystem) {
        List<List<SystemId>> systemsByLane = new ArrayList<>();
        for (int i = 0; i < lanes.length; i++) {
            systemsByLane.add(new ArrayList<>());
        }
        reportsBySystem
                .keySet()
                .forEach(s -> systemsByLane
                        .get(Math.floorMod(s.hashCode(), lanes.length))
                        .add(s));
        List<Future<Map<SystemId, Outcome>>> running = new ArrayList<>();
        for (int i = 0; i < lanes.length; i++) {
            List<SystemId> systems = systemsByLane.get(i);
            if (!systems.isEmpty()) {
                running.add(lanes[i].submit(() -> runLane(systems, reportsBySystem)));
            }
        }
        Map<SystemId, Outcome> outcomes = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (Future<Map<SystemId, Outcome>> lane : running) {
            try {
                outcomes.putAll(lane.get());
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while applying reports", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        announceCommittedEvents();
        return outcomes;
    }

    /**
     * The event store wakes its readers when a command's unit of work commits, but a lane commits its database
     * transaction after that, so the readers may look too early and then sleep for their poll delay (a second).
     * Publishing nothing outside a unit of work runs the store's after-commit step again, now that the events are
     * really there: projections and the live board see them at once.
     */
    private void announceCommittedEvents() {
        eventStore.publish(List.of());
    }

    /** Another server appended to the same system first: the unique (aggregate, sequence) index refused ours. */
    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    private Map<SystemId, Outcome> runLane(List<SystemId> systems, Map<SystemId, List<Report>> reports) {
        List<SystemId> locked = new ArrayList<>();
        try {
            // each system stays locked until the lane's transaction ends: until then its cached aggregate is ahead of
            // the store, and a deadline or another command on it must wait
            return transactions.execute(status -> {
                Map<SystemId, Outcome> outcomes = new LinkedHashMap<>();
                for (SystemId system : systems) {
                    systemLocks.lock(system);
                    locked.add(system);
                    outcomes.put(system, new Applied(send(system, reports.get(system))));
                }
                return outcomes;
            });
        } catch (RuntimeException sharedTransactionFailed) {
            // the cached aggregates are ahead of the rolled-back store: drop them before anyone else may load them
            systems.forEach(s -> aggregateCache.remove(s.value()));
            systemLocks.unlockAll(locked);
            locked.clear();
            if (isConflict(sharedTransactionFailed)) {
                conflicts.increment();
            }
            log.debug(
                    "lane transaction failed ({}); applying its {} systems one by one",
                    sharedTransactionFailed.toString(),
                    systems.size());
            Map<SystemId, Outcome> outcomes = new LinkedHashMap<>();
            for (SystemId system : systems) {
                systemLocks.lock(system);
                try {
                    outcomes.put(system, new Applied(transactions.execute(s -> send(system, reports.get(system)))));
                } catch (RuntimeException e) {
                    if (!isNotFound(e)) {
                        aggregateCache.remove(system.value());
                        if (isConflict(e)) {
                            conflicts.increment();
                        }
                        throw e; // the batch is retried by the listener's error handler, on fresh state
                    }
                    outcomes.put(system, new NotRegistered("system '" + system + "' is not registered"));
                } finally {
                    systemLocks.unlock(system);
                }
            }
            return outcomes;
        } finally {
            systemLocks.unlockAll(locked);
        }
    }

    /**
     * Applies a system's reports in the current transaction: those the store already holds are duplicates, whatever
     * offset they were redelivered from; the identities of those recorded now are stored with their events.
     */
    private RecordResult send(SystemId system, List<Report> reports) {
        Set<String> known = recordedReports.known(system, reports);
        List<Report> fresh =
                reports.stream().filter(r -> !known.contains(r.identity())).toList();
        List<String> duplicates = new ArrayList<>(reports.stream()
                .filter(r -> known.contains(r.identity()))
                .map(Report::reportId)
                .toList());
        if (fresh.isEmpty()) {
            return new RecordResult(0, duplicates, List.of());
        }
        RecordResult result = commandGateway.sendAndWait(new RecordReports(system, fresh));
        Set<String> notRecorded = new HashSet<>(result.duplicates());
        result.rejected().forEach(r -> notRecorded.add(r.reportId()));
        Set<String> seen = new HashSet<>();
        recordedReports.remember(
                system,
                fresh.stream()
                        .filter(r -> !notRecorded.contains(r.reportId()))
                        // a heartbeat needs no identity kept forever: one seen again has the occurrence it had, so
                        // the aggregate stores nothing for it (BarrierLiveness); a row per heartbeat would outgrow all
                        .filter(r -> r.type() != ReportType.HEARTBEAT)
                        .filter(r -> seen.add(r.identity()))
                        .toList());
        duplicates.addAll(result.duplicates());
        return new RecordResult(result.recorded(), duplicates, result.rejected());
    }

    private static boolean isNotFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void destroy() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
    }
}
