package org.swisscheese.tracker.domain;

import java.util.ArrayList;
import java.util.List;
import org.swisscheese.tracker.domain.Category.Ingredient;

/**
 * What a bow-tie lacks for its system's class (DESIGN §2): a SPONGE (optimization, no influence) relies on its
 * influence barriers, a DORMANT system (influence, no optimization) on its optimization barriers, an AGENTIC one on
 * all of them and on the reactive side, its off switch and corrigibility above all. A gap is worth a warning.
 */
public final class Coverage {

    private Coverage() {}

    /** One gap, in words an owner can act on. */
    public record Warning(String code, String message) {}

    public static List<Warning> of(BowTie bowTie, RiskClass riskClass) {
        List<Warning> warnings = new ArrayList<>();
        switch (riskClass) {
            case SPONGE -> needs(bowTie, Ingredient.INFLUENCE, "SPONGE", "influence", warnings);
            case DORMANT -> needs(bowTie, Ingredient.OPTIMIZATION, "DORMANT", "optimization", warnings);
            case AGENTIC -> {
                needs(bowTie, Ingredient.OPTIMIZATION, "AGENTIC", "optimization", warnings);
                needs(bowTie, Ingredient.INFLUENCE, "AGENTIC", "influence", warnings);
                for (Category category : List.of(Category.OFF_SWITCH, Category.CORRIGIBILITY)) {
                    if (barriers(bowTie).stream().noneMatch(b -> b.category() == category)) {
                        warnings.add(new Warning(
                                "AGENTIC_WITHOUT_" + category.name(),
                                "An AGENTIC system has no "
                                        + name(category) + " barrier: nothing on the reactive side answers "
                                        + category.failureModes().toLowerCase().replaceAll("\\.$", "") + "."));
                    }
                }
            }
            default -> {}
        }
        if (riskClass != RiskClass.ALIGNED
                && bowTie.lines(Side.CONSEQUENCE).stream()
                        .allMatch(l -> l.barriers().isEmpty())) {
            warnings.add(new Warning(
                    "NO_REACTIVE_BARRIER",
                    "Nothing stands between the top event and harm: the" + " bow-tie has no reactive barrier."));
        }
        return warnings;
    }

    private static void needs(
            BowTie bowTie, Ingredient ingredient, String riskClass, String word, List<Warning> warnings) {
        List<BarrierSpec> guarding = barriers(bowTie).stream()
                .filter(b -> b.category().ingredient() == ingredient)
                .toList();
        if (guarding.isEmpty()) {
            warnings.add(new Warning(
                    riskClass + "_WITHOUT_" + ingredient.name(),
                    "A " + riskClass + " system relies" + " on its " + word + " barriers, and this bow-tie has none."));
        } else if (guarding.stream().noneMatch(BarrierSpec::acting)) {
            warnings.add(new Warning(
                    riskClass + "_" + ingredient.name() + "_ONLY_DETECTED",
                    "A " + riskClass + " system relies on its " + word
                            + " barriers, and those it has only detect: none can stop it."));
        }
    }

    private static List<BarrierSpec> barriers(BowTie bowTie) {
        return bowTie.lines().stream().flatMap(l -> l.barriers().stream()).toList();
    }

    private static String name(Category category) {
        return category.name().toLowerCase().replace('_', ' ');
    }
}
