package org.swisscheese.tracker.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.Commands.ChangeLifecycle;
import org.swisscheese.tracker.api.Commands.RegisterSystem;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemChange;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Category;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.RiskProfiles;
import org.swisscheese.tracker.domain.Side;
import org.swisscheese.tracker.domain.SystemChangeKind;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.Templates;
import org.swisscheese.tracker.ingest.BarrierEventFormat;
import org.swisscheese.tracker.ingest.IngestProperties;

/**
 * A simulated fleet for the local run, after the source post's three examples: an image classifier, a language
 * model and a generalist agent. It streams realistic reports (mostly demands that held, some near misses, rarer
 * top events, the odd full failure, degraded barriers, and a shutdown of the agent) through the real Kafka topic,
 * exactly as production would.
 */
@Component
@ConditionalOnProperty(name = "tracker.simulator.enabled", havingValue = "true")
public class FleetSimulator {

    private static final Logger log = LoggerFactory.getLogger(FleetSimulator.class);

    record Simulated(SystemId id, String name, SystemKind kind, RiskProfile profile, BowTie bowTie) {}

    /**
     * Each on its kind's template bow-tie and default risk profile, the post's examples with the post's reasoning as
     * the rationale: the classifier a sponge, the language model dormant, the agent agentic.
     */
    static final List<Simulated> FLEET = List.of(
            simulated("vision-classifier", "Defect classifier (factory line 3)", SystemKind.IMAGE_CLASSIFIER),
            simulated("support-llm-eu", "Support assistant (EU)", SystemKind.LANGUAGE_MODEL),
            simulated("generalist-agent", "Warehouse generalist agent", SystemKind.GENERALIST_AGENT));

    private static Simulated simulated(String id, String name, SystemKind kind) {
        return new Simulated(SystemId.of(id), name, kind, RiskProfiles.defaultFor(kind), Templates.forKind(kind));
    }

    private final CommandGateway commands;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper mapper;
    private final String topic;
    private final Random random = new Random();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicLong ticks = new AtomicLong();
    private volatile long agentBackAt = -1;

    public FleetSimulator(
            CommandGateway commands,
            KafkaTemplate<String, byte[]> rawKafkaTemplate,
            ObjectMapper mapper,
            IngestProperties properties) {
        this.commands = commands;
        this.kafka = rawKafkaTemplate;
        this.mapper = mapper;
        this.topic = properties.topic();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void registerFleet() {
        for (Simulated s : FLEET) {
            try {
                commands.sendAndWait(new RegisterSystem(
                        s.id(),
                        s.name(),
                        s.kind(),
                        "simulated-fleet",
                        Duration.ofMinutes(15),
                        s.profile(),
                        s.bowTie(),
                        s.kind()));
                commands.sendAndWait(new ChangeLifecycle(s.id(), Lifecycle.DEPLOYED, "simulated deployment"));
            } catch (RuntimeException alreadyRegistered) {
                log.debug("{} already registered", s.id());
            }
        }
        ready.set(true);
        log.info(
                "simulated fleet streaming to {}: {}",
                topic,
                FLEET.stream().map(s -> s.id().value()).toList());
    }

    @Scheduled(fixedDelayString = "${tracker.simulator.interval:PT1.5S}", initialDelayString = "PT2S")
    public void tick() {
        if (!ready.get()) {
            return;
        }
        long tick = ticks.incrementAndGet();
        Simulated system = FLEET.get(random.nextInt(FLEET.size()));
        Simulated agent = FLEET.get(2);
        if (agentBackAt >= 0 && tick >= agentBackAt) {
            agentBackAt = -1;
            commands.sendAndWait(new ChangeLifecycle(agent.id(), Lifecycle.DEPLOYED, "redeployed after shutdown"));
        }
        if (agentBackAt >= 0 && system == agent) {
            if (random.nextInt(10) == 0) {
                send(
                        system,
                        List.of(step(
                                ReportType.ANOMALY_DETECTED,
                                anyOf(system, Category.ANOMALY_MONITORING),
                                null,
                                0))); // activity after shutdown: the off switch did not really hold
            }
            return;
        }
        List<Report> reports = tick == 1 ? nearMiss(system) : scenario(system, agent);
        send(system, reports);
        notices(tick, system);
    }

    /**
     * Now and then a rollout of the system (to show on its incidents' timelines and its trend), and its monitor's
     * heartbeat (thinned by the tracker: at most one stored per hour for a barrier that promised no period).
     */
    private void notices(long tick, Simulated system) {
        if (tick % ROLLOUT_EVERY_TICKS == 0) {
            SystemChangeKind kind = SystemChangeKind.values()[(int) (tick / ROLLOUT_EVERY_TICKS) % 3];
            Instant at = Instant.now().minusSeconds(5);
            send(
                    system,
                    List.of(new Report(
                            UUID.randomUUID().toString(),
                            ReportType.SYSTEM_CHANGED,
                            null,
                            null,
                            at,
                            at,
                            "/simulator/deploy",
                            "simulated " + kind.name().toLowerCase(java.util.Locale.ROOT) + " rollout",
                            Map.of(),
                            null,
                            null,
                            null,
                            false,
                            new SystemChange(kind, "sim-" + tick / ROLLOUT_EVERY_TICKS))));
        }
        String monitor = anyOf(system, Category.ANOMALY_MONITORING);
        if (monitor != null && tick % HEARTBEAT_EVERY_TICKS == 0) {
            send(system, List.of(step(ReportType.HEARTBEAT, monitor, null, 10)));
        }
    }

    /** About every five minutes at the default interval. */
    private static final long ROLLOUT_EVERY_TICKS = 200;

    private static final long HEARTBEAT_EVERY_TICKS = 20;

    private List<Report> scenario(Simulated system, Simulated agent) {
        int roll = random.nextInt(100);
        if (roll < 55) {
            LineSpec line = randomThreatLine(system);
            return List.of(step(ReportType.TRIPPED, line.barriers().get(0).id(), null, 0));
        } else if (roll < 75) {
            return nearMiss(system);
        } else if (roll < 83) {
            String monitor = anyOf(system, Category.ANOMALY_MONITORING);
            return monitor == null ? nearMiss(system) : List.of(step(ReportType.ANOMALY_DETECTED, monitor, chain(), 0));
        } else if (roll < 90) {
            return topEvent(system);
        } else if (roll < 96) {
            List<String> all = system.bowTie().barrierIds();
            String barrier = all.get(random.nextInt(all.size()));
            return List.of(step(random.nextBoolean() ? ReportType.DEGRADED : ReportType.RESTORED, barrier, null, 0));
        } else if (roll < 98 && system == agent) {
            String chain = chain();
            agentBackAt = ticks.get() + 20;
            return List.of(
                    step(ReportType.SHUTDOWN_REQUESTED, null, chain, 0),
                    step(ReportType.SHUTDOWN_COMPLETED, null, chain, 1));
        } else {
            return fullFailure(system);
        }
    }

    private List<Report> nearMiss(Simulated system) {
        LineSpec line = randomThreatLine(system);
        int breaches = 1 + random.nextInt(Math.max(1, line.barriers().size() - 1));
        String chain = chain();
        List<Report> reports = new ArrayList<>();
        for (int i = 0; i < breaches && i < line.barriers().size() - 1; i++) {
            reports.add(step(ReportType.BREACHED, line.barriers().get(i).id(), chain, i));
        }
        reports.add(step(ReportType.TRIPPED, line.barriers().get(reports.size()).id(), chain, reports.size()));
        return reports;
    }

    private List<Report> topEvent(Simulated system) {
        LineSpec line = randomThreatLine(system);
        String chain = chain();
        List<Report> reports = new ArrayList<>();
        for (BarrierSpec barrier : line.barriers()) {
            reports.add(step(ReportType.BREACHED, barrier.id(), chain, reports.size()));
        }
        LineSpec consequence = system.bowTie().lines(Side.CONSEQUENCE).get(0);
        reports.add(step(ReportType.TRIPPED, consequence.barriers().get(0).id(), chain, reports.size()));
        return reports;
    }

    private List<Report> fullFailure(Simulated system) {
        List<Report> reports = new ArrayList<>(topEvent(system));
        Report last = reports.remove(reports.size() - 1);
        LineSpec consequence = system.bowTie().lines(Side.CONSEQUENCE).get(0);
        for (BarrierSpec barrier : consequence.barriers()) {
            reports.add(step(
                    barrier.category() == Category.OFF_SWITCH ? ReportType.SHUTDOWN_FAILED : ReportType.BREACHED,
                    barrier.id(),
                    last.chainId(),
                    reports.size()));
        }
        reports.add(step(ReportType.HARM_REPORTED, null, last.chainId(), reports.size()));
        return reports;
    }

    private LineSpec randomThreatLine(Simulated system) {
        List<LineSpec> lines = system.bowTie().lines(Side.THREAT);
        return lines.get(random.nextInt(lines.size()));
    }

    private static String anyOf(Simulated system, Category category) {
        return system.bowTie().lines().stream()
                .flatMap(l -> l.barriers().stream())
                .filter(b -> b.category() == category)
                .map(BarrierSpec::id)
                .findFirst()
                .orElse(null);
    }

    private String chain() {
        return "req-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Report step(ReportType type, String barrierId, String chainId, int offsetSeconds) {
        Instant at = Instant.now().minusSeconds(10).plusSeconds(offsetSeconds);
        Double score = type == ReportType.ANOMALY_DETECTED ? 0.9 + random.nextDouble() / 10 : null;
        Double threshold = type == ReportType.ANOMALY_DETECTED ? 0.85 : null;
        return new Report(
                UUID.randomUUID().toString(),
                type,
                barrierId,
                chainId,
                at,
                at,
                "/simulator",
                "simulated " + type.wireType(),
                Map.of(),
                score,
                threshold,
                null);
    }

    private void send(Simulated system, List<Report> reports) {
        for (Report report : reports) {
            kafka.send(topic, system.id().value(), BarrierEventFormat.toBytes(mapper, system.id(), report));
        }
    }
}
