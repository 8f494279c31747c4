package org.swisscheese.tracker.command;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerState;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.Task;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deadline scheduler (db-scheduler) in /actuator/health ({@code dbScheduler}) and in the metrics
 * ({@code dbscheduler_task_*}). db-scheduler's Spring Boot starter registers both only on Boot 3's actuator classes, so
 * on Boot 4 they are declared here.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineSchedulerObservability {

    /** Each task's completions and durations, as db-scheduler's own metrics configuration records them. */
    @Bean
    StatsRegistry dbSchedulerStatsRegistry(MeterRegistry meters, List<Task<?>> tasks) {
        return new MicrometerStatsRegistry(meters, tasks);
    }

    @Bean
    HealthIndicator dbSchedulerHealthIndicator(ObjectProvider<Scheduler> scheduler) {
        return () -> {
            Scheduler running = scheduler.getIfAvailable();
            return running == null
                    ? Health.down().withDetail("state", "no scheduler").build()
                    : health(running.getSchedulerState());
        };
    }

    /** UP while it runs; OUT_OF_SERVICE while it shuts down; DOWN before it has started. */
    static Health health(SchedulerState state) {
        if (state.isStarted() && !state.isShuttingDown()) {
            return Health.up().withDetail("state", "started").build();
        }
        if (state.isStarted()) {
            return Health.outOfService().withDetail("state", "shutting_down").build();
        }
        return Health.down().withDetail("state", "not_started").build();
    }
}
