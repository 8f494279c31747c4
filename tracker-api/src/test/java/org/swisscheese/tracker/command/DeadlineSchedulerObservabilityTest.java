package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerState.SettableSchedulerState;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class DeadlineSchedulerObservabilityTest {

    @Test
    void theSchedulerIsDownBeforeItStartsUpWhileItRunsAndOutOfServiceWhileItShutsDown() {
        SettableSchedulerState state = new SettableSchedulerState();
        assertThat(DeadlineSchedulerObservability.health(state).getStatus()).isEqualTo(Status.DOWN);

        state.setStarted();
        assertThat(DeadlineSchedulerObservability.health(state).getStatus()).isEqualTo(Status.UP);
        assertThat(DeadlineSchedulerObservability.health(state).getDetails()).containsEntry("state", "started");

        state.setIsShuttingDown();
        assertThat(DeadlineSchedulerObservability.health(state).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }
}
