package org.swisscheese.tracker.domain;

import org.swisscheese.tracker.domain.RiskProfile.Rationale;

/**
 * Default risk profiles per system kind, after the source post's worked examples. An owner who registers a system
 * without rating it gets these, with the post's reasoning as the rationale, and is expected to revise them.
 */
public final class RiskProfiles {

    private RiskProfiles() {}

    public static RiskProfile defaultFor(SystemKind kind) {
        return switch (kind) {
            // the post: "image classifiers can generally be thought of as a 'sponge AI', until they are used on more
            // powerful and influential systems"
            case IMAGE_CLASSIFIER ->
                new RiskProfile(
                        Rating.MEDIUM,
                        Rating.LOW,
                        Rating.NONE,
                        new Rationale(
                                "Objectives do not generalise out of distribution (stripes for baseballs); robustness can be"
                                        + " measured.",
                                "One feed-forward pass, no search at run time; the post still counts such models as sponges.",
                                "By itself it only labels its input: no influence until it is wired into a system that acts."));
            // the post: language models "seem fairly harmless", but readers act on their output and they may
            // simulate optimizers
            case LANGUAGE_MODEL ->
                new RiskProfile(
                        Rating.MEDIUM,
                        Rating.NONE,
                        Rating.LOW,
                        new Rationale(
                                "Out-of-distribution is hard to even define for a model trained on so much text.",
                                "Predicts the next token; it does not appear to steer the world (the agents it simulates might).",
                                "Outputs only text, but people act on what they read."));
            // the post: Gato "does not yet seem to be an optimizer", but controls a robot arm
            case GENERALIST_AGENT ->
                new RiskProfile(
                        Rating.MEDIUM,
                        Rating.LOW,
                        Rating.HIGH,
                        new Rationale(
                                "Trained offline on many tasks; failures out of distribution are expected.",
                                "Not yet an optimizer, but other architectures or training may make it one.",
                                "Direct control over physical actuators; nothing in principle limits more."));
            case RL_AGENT ->
                new RiskProfile(
                        Rating.MEDIUM,
                        Rating.HIGH,
                        Rating.MEDIUM,
                        new Rationale(
                                "A proxy reward: specification gaming is the expected failure.",
                                "Optimizes its reward by design.",
                                "Acts in its environment; how far that reaches is the question."));
            case OTHER -> RiskProfile.UNKNOWN;
        };
    }
}
