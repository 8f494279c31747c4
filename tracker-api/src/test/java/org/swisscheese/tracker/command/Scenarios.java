package org.swisscheese.tracker.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.swisscheese.tracker.reference.ReferenceModel.Barrier;
import org.swisscheese.tracker.reference.ReferenceModel.Input;
import org.swisscheese.tracker.reference.ReferenceModel.LifecycleInput;
import org.swisscheese.tracker.reference.ReferenceModel.Line;
import org.swisscheese.tracker.reference.ReferenceModel.ReportInput;
import org.swisscheese.tracker.reference.ReferenceModel.RestoreInput;
import org.swisscheese.tracker.reference.ReferenceModel.ReviseInput;
import org.swisscheese.tracker.reference.ReferenceModel.Scenario;

/**
 * Random but plausible histories of one system: a random bow-tie (several lines each side, detection and acting
 * barriers, sometimes two off switches or none), causal chains walking random paths, late and redelivered reports,
 * reports whose id clashes with another source's, proof tests, outages, operator actions and bow-tie revisions.
 */
final class Scenarios {

    static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    private static final String[] THREAT = {
        "ADVERSARIAL_ROBUSTNESS",
        "ANOMALY_MONITORING",
        "INTERPRETABILITY",
        "SATISFICER",
        "QUANTILIZER",
        "MYOPIA",
        "COMPUTE_LIMIT",
        "BOXING",
        "POWER_SEEKING_DETECTION",
        "IMPACT_MEASURE",
        "DEPLOYMENT_GATE",
        "CUSTOM"
    };
    private static final String[] CONSEQUENCE = {
        "SELF_DECLARATION", "SAFETY_INTERLOCK", "OFF_SWITCH", "CORRIGIBILITY", "CUSTOM", "OFF_SWITCH"
    };

    /** What a generated history may contain. */
    record Options(boolean operatorActions, boolean unchained, boolean duplicates, boolean shutdowns) {
        static final Options EVERYTHING = new Options(true, true, true, true);
        /**
         * Chained reports only, some delivered twice, some with an id that clashes with another source's; no operator
         * action, no shutdown: arrival order must not matter. (Shutdowns are left out: with two completed shutdowns,
         * which one is in force depends on which arrived first; and with one, only the activity after it that arrives
         * first opens an incident for defeating it: a still earlier one arriving later is an ordinary report.)
         */
        static final Options CHAINS_REDELIVERED = new Options(false, false, true, false);
    }

    static Scenario generate(long seed, Options options) {
        Random random = new Random(seed);
        List<Line> lines = bowTie(random);
        List<ReportInput> reports = new ArrayList<>();
        int chains = 1 + random.nextInt(4);
        int next = 0;
        for (int c = 0; c < chains; c++) {
            Line threat = pick(random, lines.stream().filter(Line::threat).toList());
            Line consequence =
                    pick(random, lines.stream().filter(l -> !l.threat()).toList());
            List<Barrier> path = new ArrayList<>();
            if (threat != null) {
                path.addAll(threat.barriers());
            }
            if (consequence != null) {
                path.addAll(consequence.barriers());
            }
            String chainId = !options.unchained() || random.nextDouble() < 0.6 ? "chain-" + c : null;
            Instant at = T0.plus(Duration.ofMinutes(random.nextInt(120)));
            int index = random.nextInt(Math.max(1, path.size() / 2 + 1));
            int count = 1 + random.nextInt(6);
            for (int r = 0; r < count && index < path.size(); r++) {
                Barrier barrier = path.get(index);
                String type = type(random, barrier, options);
                String barrierId = barrier.id();
                String consequenceLine = null;
                if (type.equals("ai.harm.reported")) {
                    barrierId = null;
                    consequenceLine = consequence != null && random.nextBoolean() ? consequence.id() : null;
                } else if (type.startsWith("ai.shutdown") && random.nextDouble() < 0.3) {
                    barrierId = null; // the first off switch
                }
                boolean test = !type.equals("ai.harm.reported")
                        && !type.startsWith("ai.barrier.degraded")
                        && !type.startsWith("ai.barrier.restored")
                        && random.nextDouble() < 0.08;
                reports.add(new ReportInput("/sim", "r" + next++, type, barrierId, chainId, at, consequenceLine, test));
                at = at.plus(Duration.ofSeconds(random.nextInt(300)));
                if (random.nextDouble() < 0.7) {
                    index += random.nextDouble() < 0.8 ? 1 : 2;
                }
            }
        }
        // arrival: mostly in order of occurrence, some reports late
        reports.sort(Comparator.comparing(ReportInput::occurredAt));
        for (int i = 0; i < reports.size() / 3; i++) {
            int a = random.nextInt(reports.size());
            int b = random.nextInt(reports.size());
            ReportInput swap = reports.get(a);
            reports.set(a, reports.get(b));
            reports.set(b, swap);
        }
        List<Input> inputs = new ArrayList<>(reports);
        if (options.duplicates() && !reports.isEmpty()) {
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                ReportInput again = reports.get(random.nextInt(reports.size()));
                if (random.nextBoolean()) {
                    inputs.add(random.nextInt(inputs.size() + 1), again); // redelivered
                } else { // the same id from another source: another report
                    inputs.add(
                            random.nextInt(inputs.size() + 1),
                            new ReportInput(
                                    "/other",
                                    again.id(),
                                    again.type(),
                                    again.barrierId(),
                                    again.chainId(),
                                    again.occurredAt().plusSeconds(7),
                                    again.consequenceLine(),
                                    again.test()));
                }
            }
        }
        if (options.operatorActions()) {
            for (int i = 0; i < random.nextInt(3); i++) {
                Instant at = T0.plus(Duration.ofMinutes(random.nextInt(150)));
                Input action = switch (random.nextInt(5)) {
                    case 0 -> new LifecycleInput("SUSPENDED", at);
                    case 1 -> new LifecycleInput("SHUT_DOWN", at);
                    case 2 -> new LifecycleInput("DEPLOYED", at);
                    case 3 -> new RestoreInput(pick(random, allBarriers(lines)).id(), at);
                    default -> new ReviseInput(revise(random, lines));
                };
                inputs.add(random.nextInt(inputs.size() + 1), action);
            }
        }
        return new Scenario(lines, Duration.ofMinutes(15), T0, inputs);
    }

    private static String type(Random random, Barrier barrier, Options options) {
        boolean offSwitch = barrier.category().equals("OFF_SWITCH");
        double roll = random.nextDouble();
        if (offSwitch && options.shutdowns() && roll < 0.6) {
            double s = random.nextDouble();
            return s < 0.25 ? "ai.shutdown.requested" : s < 0.75 ? "ai.shutdown.completed" : "ai.shutdown.failed";
        }
        if (roll < 0.35) {
            return "ai.barrier.breached";
        } else if (roll < 0.62) {
            return "ai.barrier.tripped";
        } else if (roll < 0.74) {
            return "ai.anomaly.detected";
        } else if (roll < 0.8) {
            return "ai.harm.reported";
        } else if (roll < 0.9) {
            return "ai.barrier.degraded";
        }
        return "ai.barrier.restored";
    }

    static List<Line> bowTie(Random random) {
        int threats = random.nextDouble() < 0.08 ? 0 : 1 + random.nextInt(3);
        int consequences = threats > 0 && random.nextDouble() < 0.08 ? 0 : 1 + random.nextInt(2);
        List<Line> lines = new ArrayList<>();
        int id = 0;
        for (int t = 0; t < threats; t++) {
            lines.add(line(random, "t" + t, true, THREAT, id));
            id += 10;
        }
        for (int c = 0; c < consequences; c++) {
            lines.add(line(random, "c" + c, false, CONSEQUENCE, id));
            id += 10;
        }
        return lines;
    }

    private static Line line(Random random, String id, boolean threat, String[] categories, int firstId) {
        List<Barrier> barriers = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            Boolean acts = random.nextDouble() < 0.1 ? random.nextBoolean() : null;
            barriers.add(new Barrier("b" + (firstId + i), categories[random.nextInt(categories.length)], acts));
        }
        return new Line(id, threat, barriers);
    }

    /** Drops a barrier (never a line's last) or flips one between acting and detecting. */
    private static List<Line> revise(Random random, List<Line> lines) {
        List<Line> revised = new ArrayList<>();
        int target = random.nextInt(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            List<Barrier> barriers = new ArrayList<>(line.barriers());
            if (i == target) {
                int k = random.nextInt(barriers.size());
                if (barriers.size() > 1 && random.nextBoolean()) {
                    barriers.remove(k);
                } else {
                    Barrier b = barriers.get(k);
                    boolean detects = List.of("ANOMALY_MONITORING", "INTERPRETABILITY", "POWER_SEEKING_DETECTION")
                            .contains(b.category());
                    boolean acting = b.acts() != null ? b.acts() : !detects;
                    barriers.set(k, new Barrier(b.id(), b.category(), !acting));
                }
            }
            revised.add(new Line(line.id(), line.threat(), barriers));
        }
        return revised;
    }

    private static List<Barrier> allBarriers(List<Line> lines) {
        return lines.stream().flatMap(l -> l.barriers().stream()).toList();
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.isEmpty() ? null : items.get(random.nextInt(items.size()));
    }

    private Scenarios() {}
}
