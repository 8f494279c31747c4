package org.swisscheese.tracker.command;

import static org.swisscheese.tracker.domain.Category.ANOMALY_MONITORING;
import static org.swisscheese.tracker.domain.Category.BOXING;
import static org.swisscheese.tracker.domain.Category.COMPUTE_LIMIT;
import static org.swisscheese.tracker.domain.Category.DEPLOYMENT_GATE;
import static org.swisscheese.tracker.domain.Category.MYOPIA;
import static org.swisscheese.tracker.domain.Category.OFF_SWITCH;
import static org.swisscheese.tracker.domain.Category.SAFETY_INTERLOCK;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.Rating;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.Side;
import org.swisscheese.tracker.domain.SystemKind;

/**
 * A small agent for the rules: threat line {@code optimization} = myopia, compute-limit, monitor; threat line
 * {@code influence} = boxing, gate; consequence line {@code harm} = interlock, off-switch.
 */
final class Fixtures {

    static final SystemId AGENT = SystemId.of("agent-1");
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final RiskProfile SPONGE = new RiskProfile(Rating.MEDIUM, Rating.HIGH, Rating.NONE);

    static final BowTie BOWTIE = new BowTie(
            null,
            null,
            List.of(
                    new LineSpec(
                            "optimization",
                            Side.THREAT,
                            "Optimization",
                            List.of(
                                    BarrierSpec.of("myopia", "Myopia", MYOPIA),
                                    BarrierSpec.of("compute-limit", "Compute limit", COMPUTE_LIMIT),
                                    BarrierSpec.of("monitor", "Anomaly monitor", ANOMALY_MONITORING))),
                    new LineSpec(
                            "influence",
                            Side.THREAT,
                            "Influence",
                            List.of(
                                    BarrierSpec.of("boxing", "Sandbox", BOXING),
                                    BarrierSpec.of("gate", "Deployment gate", DEPLOYMENT_GATE))),
                    new LineSpec(
                            "harm",
                            Side.CONSEQUENCE,
                            "Harm",
                            List.of(
                                    BarrierSpec.of("interlock", "Interlock", SAFETY_INTERLOCK),
                                    BarrierSpec.of("off-switch", "Off switch", OFF_SWITCH)))));

    static SystemRegistered registered() {
        return new SystemRegistered(
                AGENT,
                "Agent one",
                SystemKind.GENERALIST_AGENT,
                "safety-team",
                WINDOW,
                SPONGE,
                SPONGE.riskClass(),
                BOWTIE,
                null);
    }

    /** Registered, then deployed at T0: the state production reports come from. */
    static List<Object> deployed() {
        return List.of(
                registered(),
                new LifecycleChanged(AGENT, Lifecycle.REGISTERED, Lifecycle.DEPLOYED, "go live", null, T0));
    }

    static Report test(String id, ReportType type, String barrierId, int minutes) {
        Instant at = T0.plus(Duration.ofMinutes(minutes));
        return new Report(id, type, barrierId, null, at, at, "test", null, Map.of(), null, null, null, true);
    }

    static Report harm(String id, String consequenceLine, int minutes) {
        Instant at = T0.plus(Duration.ofMinutes(minutes));
        return new Report(
                id, ReportType.HARM_REPORTED, null, null, at, at, "test", null, Map.of(), null, null, consequenceLine);
    }

    static Report report(String id, ReportType type, String barrierId, int minutes) {
        return report(id, type, barrierId, minutes, null);
    }

    static Report report(String id, ReportType type, String barrierId, int minutes, String chainId) {
        Instant at = T0.plus(Duration.ofMinutes(minutes));
        return new Report(id, type, barrierId, chainId, at, at, "test", null, Map.of(), null, null, null);
    }

    /**
     * The events the fixture's last command caused, after {@code history}: added to it, and returned. A test runs
     * command after command this way, each on the history the ones before it left.
     */
    static List<org.swisscheese.tracker.api.AiSystemEvent> appendProduced(
            org.axonframework.test.aggregate.AggregateTestFixture<AiSystem> fixture, List<Object> history) {
        List<org.swisscheese.tracker.api.AiSystemEvent> produced = fixture.getEventStore()
                .readEvents(AGENT.value())
                .asStream()
                .skip(history.size())
                .map(org.axonframework.eventhandling.EventMessage::getPayload)
                .map(org.swisscheese.tracker.api.AiSystemEvent.class::cast)
                .toList();
        history.addAll(produced);
        return produced;
    }

    private Fixtures() {}
}
