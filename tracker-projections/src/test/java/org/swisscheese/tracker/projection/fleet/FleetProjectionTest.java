package org.swisscheese.tracker.projection.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.Events.SYSTEM;
import static org.swisscheese.tracker.projection.Events.T0;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent.ClassChangeAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.fleet.FleetProjection.GetSystem;
import org.swisscheese.tracker.projection.fleet.FleetProjection.SystemView;

/**
 * What one system's page needs from the fleet alone: whether a class change waits for someone, and which lifecycle
 * actions the system would accept now.
 */
class FleetProjectionTest {

    private final FleetProjection fleet = new FleetProjection(InMemoryDatabase.fresh(), InMemoryDatabase.mapper());

    @BeforeEach
    void registered() {
        fleet.on(Events.registered(), T0);
    }

    private SystemView system() {
        return fleet.handle(new GetSystem(SYSTEM.value())).orElseThrow();
    }

    private static Instant minute(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    private void move(Lifecycle from, Lifecycle to, int minute) {
        fleet.on(new LifecycleChanged(SYSTEM, from, to, "test", null, minute(minute)), minute(minute));
    }

    @Test
    void aClassChangeWaitsUntilSomeoneAcknowledgesIt() {
        assertThat(system().classChange()).isNull();
        fleet.on(new RiskClassChanged(SYSTEM, RiskClass.SPONGE, RiskClass.AGENTIC), minute(1));
        assertThat(system().classChange()).isEqualTo("SPONGE → AGENTIC");
        // a second change before anyone looked: the latest is the one to acknowledge, as on the board
        fleet.on(new RiskClassChanged(SYSTEM, RiskClass.AGENTIC, RiskClass.DORMANT), minute(2));
        assertThat(system().classChange()).isEqualTo("AGENTIC → DORMANT");
        fleet.on(new ClassChangeAcknowledged(SYSTEM, RiskClass.DORMANT), minute(3));
        assertThat(system().classChange()).isNull();
        assertThat(system().updatedAt()).isEqualTo(minute(3));
    }

    @Test
    void onlyTheLifecycleActionsTheSystemWouldAcceptAreOffered() {
        assertThat(system().allowedActions()).containsExactly("deploy", "decommission");
        move(Lifecycle.REGISTERED, Lifecycle.DEPLOYED, 1);
        assertThat(system().allowedActions()).containsExactly("suspend", "shutdown", "decommission");
        move(Lifecycle.DEPLOYED, Lifecycle.SUSPENDED, 2);
        assertThat(system().allowedActions()).containsExactly("resume", "shutdown", "decommission");
        move(Lifecycle.SUSPENDED, Lifecycle.SHUT_DOWN, 3);
        assertThat(system().allowedActions()).containsExactly("deploy", "decommission");
        move(Lifecycle.SHUT_DOWN, Lifecycle.DECOMMISSIONED, 4);
        assertThat(system().allowedActions()).isEmpty();
    }
}
