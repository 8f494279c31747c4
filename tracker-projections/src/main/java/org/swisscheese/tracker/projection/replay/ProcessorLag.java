package org.swisscheese.tracker.projection.replay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tracker_processor_lag_events{processor}}: how many events each streaming processor is behind the head of the
 * event store ({@link ProcessorProgress}). The scrape reads the value last computed by {@link #refresh()}, which runs
 * on a thread of its own every {@code tracker.metrics.lag-refresh-every} from {@link #start()} on: a scrape never
 * waits on the database, and while the database is away the gauge keeps its last value. A processor gets its gauge at
 * the first refresh that finds it.
 */
public class ProcessorLag {

    private static final Logger log = LoggerFactory.getLogger(ProcessorLag.class);

    private final ProcessorProgress progress;
    private final MeterRegistry meters;
    private final Duration every;
    private final Map<String, AtomicLong> lastKnown = new ConcurrentHashMap<>();
    private ScheduledExecutorService refresher;

    /** {@code every}: how often the lags are computed; zero or less: never (no gauges). */
    public ProcessorLag(ProcessorProgress progress, MeterRegistry meters, Duration every) {
        this.progress = progress;
        this.meters = meters;
        this.every = every;
    }

    /**
     * Starts the refresh in the background. Called once the application is ready: by then every processor has been
     * built and started (asking Axon for its processors while it still builds them could build one twice).
     */
    public synchronized void start() {
        if (refresher != null || every.isZero() || every.isNegative()) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "processor-lag");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    /** Computes each processor's lag anew; one that cannot be computed now keeps its last value. */
    public void refresh() {
        try {
            for (String processor : progress.processors()) {
                try {
                    long lag = progress.of(processor).lag();
                    lastKnown.computeIfAbsent(processor, this::gauge).set(lag);
                } catch (RuntimeException unavailable) {
                    log.debug("lag of {} not computed now: {}", processor, unavailable.toString());
                }
            }
        } catch (RuntimeException unavailable) {
            log.debug("processor lag not computed now: {}", unavailable.toString());
        }
    }

    private AtomicLong gauge(String processor) {
        AtomicLong lag = new AtomicLong();
        Gauge.builder("tracker.processor.lag.events", lag, AtomicLong::get)
                .description("events between the head of the event store and the slowest segment of the processor")
                .tag("processor", processor)
                .register(meters);
        return lag;
    }
}
