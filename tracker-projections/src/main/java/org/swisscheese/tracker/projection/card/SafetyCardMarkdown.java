package org.swisscheese.tracker.projection.card;

import java.util.Locale;
import java.util.Map;
import org.swisscheese.tracker.domain.Coverage;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.projection.card.SafetyCardController.BarrierCard;
import org.swisscheese.tracker.projection.card.SafetyCardController.SafetyCard;

/** The safety card as a document a person reads: headings, a table per part, numbers with their uncertainty. */
final class SafetyCardMarkdown {

    private SafetyCardMarkdown() {}

    static String render(SafetyCard card) {
        StringBuilder md = new StringBuilder();
        md.append("# Safety card: ")
                .append(escape(card.name()))
                .append(" (`")
                .append(card.systemId())
                .append("`)\n\n");
        md.append("Kind ").append(card.kind());
        // a system registered without an owner has none to name
        if (card.owner() != null && !card.owner().isBlank()) {
            md.append(", owner ").append(escape(card.owner()));
        }
        md.append(", lifecycle ")
                .append(card.lifecycle())
                .append(". Generated ")
                .append(card.generatedAt())
                .append(" by the barrier-failure tracker.\n\n");
        md.append("Hazard: ")
                .append(orDash(card.hazard()))
                .append(". Top event: ")
                .append(orDash(card.topEvent()))
                .append(".\n\n");

        RiskProfile p = card.riskProfile();
        md.append("## Risk profile: ").append(card.riskClass()).append("\n\n");
        md.append("| ingredient | rating | why |\n|---|---|---|\n");
        row(md, "misalignment", p.misalignment().name(), p.rationale().misalignment());
        row(md, "optimization", p.optimization().name(), p.rationale().optimization());
        row(md, "influence", p.influence().name(), p.rationale().influence());
        md.append('\n');

        md.append("## Coverage warnings\n\n");
        if (card.warnings().isEmpty()) {
            md.append("None: the bow-tie has what its class depends on.\n\n");
        } else {
            for (Coverage.Warning w : card.warnings()) {
                md.append("- **")
                        .append(w.code())
                        .append("**: ")
                        .append(escape(w.message()))
                        .append('\n');
            }
            md.append('\n');
        }

        md.append("## Barriers\n\n");
        md.append("PFD: probability of failure on demand, Jeffreys estimate with its 95% interval; the risk-reduction"
                + " factor (RRF) and the IEC 61508 low-demand SIL band come from the one-sided 95% upper bound."
                + " D demands, F failures, S incidents that got past the barrier with no report about it.\n\n");
        md.append("| line | barrier | category | acts | state | D | F | S | PFD (95% interval) | upper 95% | RRF "
                + "| SIL | claim | proof tests | availability |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BarrierCard b : card.barriers()) {
            md.append("| ")
                    .append(b.line())
                    .append(" | ")
                    .append(escape(b.name()))
                    .append(" (`")
                    .append(b.id())
                    .append('`')
                    .append(version(b))
                    .append(") | ")
                    .append(b.category())
                    .append(" | ")
                    .append(b.acting() ? "acts" : "detects")
                    .append(" | ")
                    .append(b.state())
                    .append(" | ")
                    .append(b.demands())
                    .append(" | ")
                    .append(b.failures())
                    .append(" | ")
                    .append(b.silentPasses())
                    .append(" | ")
                    .append(num(b.pfd().estimate()))
                    .append(" (")
                    .append(num(b.pfd().interval95().lower()))
                    .append("–")
                    .append(num(b.pfd().interval95().upper()))
                    .append(") | ")
                    .append(num(b.pfd().upper95()))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", b.pfd().riskReductionFactor()))
                    .append(" | ")
                    .append(b.pfd().sil())
                    .append(" | ")
                    .append(b.claimedPfd() == null ? "–" : num(b.claimedPfd()) + " " + b.claim())
                    .append(" | ")
                    .append(
                            b.proofTests() == null
                                    ? "–"
                                    : b.proofTests().count() + " ("
                                            + b.proofTests().failures()
                                            + " failed"
                                            + (b.proofTests().last() == null
                                                    ? ""
                                                    : ", last " + b.proofTests().last())
                                            + ")")
                    .append(" | ")
                    .append(b.availability() == null ? "–" : String.format(Locale.ROOT, "%.4f", b.availability()))
                    .append(" |\n");
        }
        md.append("\nKnown failure modes:\n\n");
        for (BarrierCard b : card.barriers()) {
            md.append("- ")
                    .append(escape(b.name()))
                    .append(": ")
                    .append(orDash(b.failureModes()))
                    .append('\n');
        }

        md.append("\n## Incident record\n\n");
        md.append(card.incidents().total())
                .append(" incidents, ")
                .append(card.incidents().open())
                .append(" open.\n\n| outcome | incidents |\n|---|---|\n");
        for (Map.Entry<Outcome, Long> e : card.incidents().byOutcome().entrySet()) {
            md.append("| ")
                    .append(e.getKey())
                    .append(" | ")
                    .append(e.getValue())
                    .append(" |\n");
        }
        md.append("\n| barriers passed | incidents |\n|---|---|\n");
        card.incidents()
                .byDepth()
                .forEach((depth, n) ->
                        md.append("| ").append(depth).append(" | ").append(n).append(" |\n"));
        return md.toString();
    }

    private static void row(StringBuilder md, String ingredient, String rating, String why) {
        md.append("| ")
                .append(ingredient)
                .append(" | ")
                .append(rating)
                .append(" | ")
                .append(orDash(why))
                .append(" |\n");
    }

    /** A barrier whose version the fleet read model does not know: no version is printed, rather than "vnull". */
    private static String version(BarrierCard b) {
        return b.version() == null ? "" : " v" + b.version();
    }

    /** What was never given reads as a dash, never as "null" or an empty cell. */
    private static String orDash(String text) {
        return text == null || text.isBlank() ? "–" : escape(text);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }

    /** Table cells cannot hold a pipe or a line break. */
    private static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
