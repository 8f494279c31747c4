package org.swisscheese.tracker.projection.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.Events.SYSTEM;
import static org.swisscheese.tracker.projection.Events.T0;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityWhileSuspended;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.ClassChangeAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.ReportType;
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
    void aHighRiskDesignationShowsWithItsBasisUntilItIsTakenBack() {
        assertThat(system().highRisk()).isFalse();
        fleet.on(
                new org.swisscheese.tracker.api.AiSystemEvent.HighRiskDesignated(
                        SYSTEM, true, "Annex III 5(b): creditworthiness", "admin", minute(1)),
                minute(1));
        assertThat(system().highRisk()).isTrue();
        assertThat(system().highRiskBasis()).isEqualTo("Annex III 5(b): creditworthiness");
        fleet.on(
                new org.swisscheese.tracker.api.AiSystemEvent.HighRiskDesignated(
                        SYSTEM, false, "no longer used for credit decisions", "admin", minute(2)),
                minute(2));
        assertThat(system().highRisk()).isFalse();
        assertThat(system().highRiskBasis()).isEqualTo("no longer used for credit decisions");
        assertThat(system().updatedAt()).isEqualTo(minute(2));
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

    @Test
    void activityAfterShutdownComesFromItsEventNotFromTheFirstReleasesOffSwitchBreachInferredByArrival() {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(fleet);
        move(Lifecycle.REGISTERED, Lifecycle.DEPLOYED, 1);
        move(Lifecycle.DEPLOYED, Lifecycle.SHUT_DOWN, 12);
        // the first release inferred an off-switch breach from a report that arrived after the shutdown, even one
        // that had occurred before it: no evidence
        Report inferred = new Report(
                "late/activity-after-shutdown",
                ReportType.BREACHED,
                "off-switch",
                null,
                minute(10),
                minute(13),
                "tracker",
                null,
                null,
                null,
                null,
                null);
        handle(handlers, new BarrierBreached(SYSTEM, inferred, 1, IncidentId.of(SYSTEM, 1), "late"), minute(13));
        assertThat(system().activityAfterShutdown()).isFalse();
        handle(
                handlers,
                new ActivityAfterShutdown(SYSTEM, "r9", minute(14), "sd", "/test", minute(12), "off-switch", null),
                minute(14));
        assertThat(system().activityAfterShutdown()).isTrue();
        move(Lifecycle.SHUT_DOWN, Lifecycle.DEPLOYED, 20);
        assertThat(system().activityAfterShutdown()).isFalse();
        move(Lifecycle.DEPLOYED, Lifecycle.SUSPENDED, 21);
        handle(handlers, new ActivityWhileSuspended(SYSTEM, "r10", minute(22), minute(21)), minute(22));
        assertThat(system().activityWhileSuspended()).isTrue();
        assertThat(system().activityAfterShutdown()).isFalse();
    }

    private static void handle(AnnotationEventHandlerAdapter handlers, Object event, Instant at) {
        Events.apply(handlers, event, at);
    }
}
