package org.swisscheese.tracker.domain;

import static org.swisscheese.tracker.domain.Category.*;

import java.util.List;
import java.util.Map;

/**
 * Default bow-ties per system kind, after the source post's worked examples: an image classifier has no
 * optimization line and abstains when uncertain; a language model influences the world through the people who
 * read it; a generalist agent has every line and a physical off switch.
 */
public final class Templates {

    private Templates() {}

    public static BowTie forKind(SystemKind kind) {
        return switch (kind) {
            case IMAGE_CLASSIFIER ->
                new BowTie(
                        null,
                        null,
                        List.of(
                                threat(
                                        "ood",
                                        "Out-of-distribution input",
                                        b("adversarial-training", "Adversarial training", ADVERSARIAL_ROBUSTNESS),
                                        b("ood-monitor", "OOD detector", ANOMALY_MONITORING),
                                        b("abstain", "Abstains when uncertain", CUSTOM)),
                                threat(
                                        "influence",
                                        "Influence through decisions",
                                        b("deployment-gate", "Deployment review", DEPLOYMENT_GATE),
                                        b("impact-limit", "Impact measure on decisions", IMPACT_MEASURE)),
                                consequence(
                                        "harm",
                                        "Wrong decisions acted on",
                                        b("human-review", "Human review of low-confidence labels", SAFETY_INTERLOCK),
                                        b("off-switch", "Model rollback", OFF_SWITCH))));
            case LANGUAGE_MODEL ->
                new BowTie(
                        null,
                        null,
                        List.of(
                                threat(
                                        "misaligned-objective",
                                        "Misaligned objective",
                                        b("adversarial-training", "Adversarial training", ADVERSARIAL_ROBUSTNESS),
                                        b("anomaly-monitor", "Anomaly monitoring", ANOMALY_MONITORING),
                                        b("interpretability", "Interpretability probes", INTERPRETABILITY)),
                                threat(
                                        "influence",
                                        "Influence through readers",
                                        b("deployment-gate", "Deployment gate", DEPLOYMENT_GATE),
                                        b("output-filter", "Output filter", IMPACT_MEASURE)),
                                consequence(
                                        "harm",
                                        "Harm to users",
                                        b("ai-disclosure", "Says it is an AI", SELF_DECLARATION),
                                        b("interlock", "Conversation interlock", SAFETY_INTERLOCK),
                                        b("off-switch", "Service kill switch", OFF_SWITCH))));
            case GENERALIST_AGENT, RL_AGENT ->
                new BowTie(
                        null,
                        null,
                        List.of(
                                threat(
                                        "optimization",
                                        "Optimization",
                                        b("satisficer", "Satisficing objective", SATISFICER),
                                        b("quantilizer", "Quantilizer", QUANTILIZER),
                                        b("myopia", "Myopic horizon", MYOPIA),
                                        b("compute-limit", "Compute limit", COMPUTE_LIMIT)),
                                threat(
                                        "influence",
                                        "Influence",
                                        b("boxing", "Sandbox", BOXING),
                                        b("power-seeking-detector", "Power-seeking detection", POWER_SEEKING_DETECTION),
                                        b("impact-measure", "Impact measure", IMPACT_MEASURE),
                                        b("deployment-gate", "Deployment gate", DEPLOYMENT_GATE)),
                                threat(
                                        "ood",
                                        "OOD / misaligned objective",
                                        b("adversarial-robustness", "Adversarial robustness", ADVERSARIAL_ROBUSTNESS),
                                        b("anomaly-monitor", "Anomaly monitoring", ANOMALY_MONITORING),
                                        b("interpretability", "Interpretability", INTERPRETABILITY)),
                                consequence(
                                        "harm",
                                        "Harm in the world",
                                        b("self-declaration", "Self-declaration", SELF_DECLARATION),
                                        b("interlock", "Safety interlock", SAFETY_INTERLOCK),
                                        b("off-switch", "Physical off switch", OFF_SWITCH),
                                        b("corrigibility", "Corrigibility", CORRIGIBILITY))));
            case OTHER ->
                new BowTie(
                        null,
                        null,
                        List.of(
                                threat(
                                        "threat",
                                        "Threat",
                                        b("anomaly-monitor", "Anomaly monitoring", ANOMALY_MONITORING)),
                                consequence("harm", "Harm", b("off-switch", "Off switch", OFF_SWITCH))));
        };
    }

    public static Map<SystemKind, BowTie> all() {
        Map<SystemKind, BowTie> all = new java.util.EnumMap<>(SystemKind.class);
        for (SystemKind kind : SystemKind.values()) {
            all.put(kind, forKind(kind));
        }
        return all;
    }

    private static LineSpec threat(String id, String name, BarrierSpec... barriers) {
        return new LineSpec(id, Side.THREAT, name, List.of(barriers));
    }

    private static LineSpec consequence(String id, String name, BarrierSpec... barriers) {
        return new LineSpec(id, Side.CONSEQUENCE, name, List.of(barriers));
    }

    private static BarrierSpec b(String id, String name, Category category) {
        return BarrierSpec.of(id, name, category);
    }
}
