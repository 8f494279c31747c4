package org.swisscheese.tracker.reference;

import java.util.ArrayList;
import java.util.List;
import org.swisscheese.tracker.reference.ReferenceModel.Input;
import org.swisscheese.tracker.reference.ReferenceModel.Line;
import org.swisscheese.tracker.reference.ReferenceModel.ReclassifyInput;
import org.swisscheese.tracker.reference.ReferenceModel.ReportInput;
import org.swisscheese.tracker.reference.ReferenceModel.Result;
import org.swisscheese.tracker.reference.ReferenceModel.ReviseInput;
import org.swisscheese.tracker.reference.ReferenceModel.Scenario;

/**
 * A deliberately naive reading of what reclassifying a report means (DESIGN §4 and the classes' statements in
 * {@code ReportClass}), used as a test oracle: the judgement after a reclassification is the judgement of the history
 * the tracker would have had if the report had come in as what it was found to be, judged by {@link NaiveSwissCheese}.
 * Nothing here is incremental and nothing reads the product's judge.
 *
 * <ul>
 *   <li>SPURIOUS_TRIP ("no evidence, and no demand of the barrier") and NOT_APPLICABLE ("does not belong to this
 *       incident or this system: no evidence"): the history without the report.
 *   <li>PROOF_TEST ("a drill nobody flagged as one: a proof test of the barrier, passed or failed, not a demand"): the
 *       history with the report flagged {@code "test": true}; a failed proof test leaves any barrier a hole (§4).
 *   <li>COMMON_CAUSE ("still evidence and a failed demand, marked as such"): the history as it is.
 * </ul>
 *
 * One rule is the product's own, stated on its handler rather than in DESIGN: "barrier states the report caused
 * stay; an operator restores a barrier that was wrongly taken for impaired". A removed report that failed a reactive
 * barrier (which impaired it, §4) is therefore read as a failed proof test of that barrier: a hole with no evidence
 * and no demand. {@link #designReading} leaves that rule out.
 */
public final class NaiveReclassification {

    private NaiveReclassification() {}

    /** The scenario's last input is the reclassification; the reports before it are judged as found to be. */
    public static Result run(Scenario scenario) {
        return NaiveSwissCheese.run(asFound(scenario, true));
    }

    /** As {@link #run}, without the product's rule that barrier states a removed report caused stay. */
    public static Result designReading(Scenario scenario) {
        return NaiveSwissCheese.run(asFound(scenario, false));
    }

    /** The history without its reclassification, each delivery of the reclassified report as what it was found. */
    public static Scenario asFound(Scenario scenario, boolean statesStay) {
        List<Input> inputs = scenario.inputs();
        ReclassifyInput reclassified = (ReclassifyInput) inputs.get(inputs.size() - 1);
        // the report is named by id within its incident; the naive histories give each report its own id
        List<Line> lines = scenario.lines();
        List<Input> asFound = new ArrayList<>();
        for (Input input : inputs.subList(0, inputs.size() - 1)) {
            if (input instanceof ReviseInput revised) {
                lines = revised.lines();
            }
            if (!(input instanceof ReportInput report) || !report.id().equals(reclassified.reportId())) {
                asFound.add(input);
                continue;
            }
            switch (reclassified.as()) {
                case "COMMON_CAUSE" -> asFound.add(report);
                case "PROOF_TEST" -> asFound.add(asTest(report));
                case "SPURIOUS_TRIP", "NOT_APPLICABLE" -> {
                    if (statesStay && failsReactiveBarrier(lines, report)) {
                        asFound.add(asTest(report));
                    }
                }
                default -> throw new IllegalArgumentException("no such class: " + reclassified.as());
            }
        }
        return new Scenario(scenario.lines(), scenario.correlationWindow(), scenario.deployedAt(), asFound);
    }

    private static ReportInput asTest(ReportInput r) {
        return new ReportInput(
                r.source(), r.id(), r.type(), r.barrierId(), r.chainId(), r.occurredAt(), r.consequenceLine(), true);
    }

    /** §4: a breach or a failed shutdown of a barrier on a consequence line (a shutdown names the first off switch). */
    private static boolean failsReactiveBarrier(List<Line> lines, ReportInput r) {
        if (!r.type().equals("ai.barrier.breached") && !r.type().equals("ai.shutdown.failed")) {
            return false;
        }
        for (Line line : lines) {
            for (ReferenceModel.Barrier b : line.barriers()) {
                boolean named = r.barrierId() != null
                        ? b.id().equals(r.barrierId())
                        : r.type().equals("ai.shutdown.failed") && b.category().equals("OFF_SWITCH");
                if (named) {
                    return !line.threat();
                }
            }
        }
        return false;
    }
}
