package org.swisscheese.tracker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN §2: a bow-tie that lacks what its system's class depends on is a gap worth a warning. */
class CoverageTest {

    private static List<String> codes(BowTie bowTie, RiskClass riskClass) {
        return Coverage.of(bowTie, riskClass).stream()
                .map(Coverage.Warning::code)
                .toList();
    }

    @Test
    void theTemplatesCoverWhatTheirKindsDefaultClassDependsOnExceptTheLanguageModelsOptimization() {
        for (SystemKind kind : SystemKind.values()) {
            RiskClass riskClass = RiskProfiles.defaultFor(kind).riskClass();
            List<String> codes = codes(Templates.forKind(kind), riskClass);
            if (kind == SystemKind.LANGUAGE_MODEL) {
                // DORMANT by default (no optimization of its own): the template has no optimization line, and the
                // post warns that the agents a language model simulates may optimize
                assertThat(codes).containsExactly("DORMANT_WITHOUT_OPTIMIZATION");
            } else if (kind == SystemKind.OTHER) {
                // unrated, so assumed AGENTIC: the minimal template lacks almost everything
                assertThat(codes).contains("AGENTIC_WITHOUT_OPTIMIZATION", "AGENTIC_WITHOUT_CORRIGIBILITY");
            } else {
                assertThat(codes).as(kind.name()).isEmpty();
            }
        }
    }

    @Test
    void theDefaultProfilesGiveThePostsClasses() {
        assertThat(RiskProfiles.defaultFor(SystemKind.IMAGE_CLASSIFIER).riskClass())
                .isEqualTo(RiskClass.SPONGE);
        assertThat(RiskProfiles.defaultFor(SystemKind.LANGUAGE_MODEL).riskClass())
                .isEqualTo(RiskClass.DORMANT);
        assertThat(RiskProfiles.defaultFor(SystemKind.GENERALIST_AGENT).riskClass())
                .isEqualTo(RiskClass.AGENTIC);
        assertThat(RiskProfiles.defaultFor(SystemKind.RL_AGENT).riskClass()).isEqualTo(RiskClass.AGENTIC);
        for (SystemKind kind : SystemKind.values()) {
            RiskProfile.Rationale why = RiskProfiles.defaultFor(kind).rationale();
            assertThat(List.of(why.misalignment(), why.optimization(), why.influence()))
                    .as(kind.name())
                    .allSatisfy(reason -> assertThat(reason).isNotBlank());
        }
    }

    @Test
    void aSpongeWithNoInfluenceLineIsWarned() {
        BowTie noInfluence = new BowTie(
                null,
                null,
                List.of(
                        new LineSpec(
                                "ood",
                                Side.THREAT,
                                "OOD",
                                List.of(BarrierSpec.of("adv", "Adv", Category.ADVERSARIAL_ROBUSTNESS))),
                        new LineSpec(
                                "harm",
                                Side.CONSEQUENCE,
                                "Harm",
                                List.of(BarrierSpec.of("off", "Off", Category.OFF_SWITCH)))));
        assertThat(codes(noInfluence, RiskClass.SPONGE)).containsExactly("SPONGE_WITHOUT_INFLUENCE");
    }

    @Test
    void influenceBarriersThatOnlyDetectCannotStopASponge() {
        BowTie detectorOnly = new BowTie(
                null,
                null,
                List.of(
                        new LineSpec(
                                "influence",
                                Side.THREAT,
                                "Influence",
                                List.of(BarrierSpec.of(
                                        "psd", "Power-seeking detector", Category.POWER_SEEKING_DETECTION))),
                        new LineSpec(
                                "harm",
                                Side.CONSEQUENCE,
                                "Harm",
                                List.of(BarrierSpec.of("off", "Off", Category.OFF_SWITCH)))));
        assertThat(codes(detectorOnly, RiskClass.SPONGE)).containsExactly("SPONGE_INFLUENCE_ONLY_DETECTED");
    }

    @Test
    void anAgenticSystemWithoutAnOffSwitchOrCorrigibilityIsWarned() {
        BowTie agent = Templates.forKind(SystemKind.GENERALIST_AGENT);
        BowTie noOffSwitch = new BowTie(
                null,
                null,
                agent.lines().stream()
                        .map(l -> new LineSpec(
                                l.id(),
                                l.side(),
                                l.name(),
                                l.barriers().stream()
                                        .filter(b -> b.category() != Category.OFF_SWITCH
                                                && b.category() != Category.CORRIGIBILITY)
                                        .toList()))
                        .toList());
        assertThat(codes(noOffSwitch, RiskClass.AGENTIC))
                .containsExactly("AGENTIC_WITHOUT_OFF_SWITCH", "AGENTIC_WITHOUT_CORRIGIBILITY");
        assertThat(codes(noOffSwitch, RiskClass.ALIGNED)).isEmpty();
    }
}
