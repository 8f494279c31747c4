package org.swisscheese.tracker.projection.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierMark;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.IncidentJudge;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Path;
import org.swisscheese.tracker.domain.PathJudgement;

/**
 * One system on the operators' board as stored: what is needed to say, right now, how many barriers stand between
 * it and harm on each path (DESIGN §4, the live board). Mutable, kept as one JSON document per system; its open
 * incidents are rows of their own, filled in when the card is shown.
 */
public class BoardCard {

    public String systemId;
    public String name;
    public String kind;
    public String lifecycle;
    public String riskClass;
    public boolean activityAfterShutdown;
    public boolean activityWhileSuspended;
    /** A change of class nobody has acknowledged yet, e.g. "SPONGE → AGENTIC". */
    public String classChange;

    public BowTie bowTie;
    /** Serious incidents (EU AI Act Art. 73) whose report is overdue: incident id to the date it was due. */
    public TreeMap<String, Instant> seriousReportsOverdue = new TreeMap<>();

    /** Barriers not in service, with their state; a barrier missing here is in service. */
    public TreeMap<String, BarrierState> states = new TreeMap<>();

    public Instant updatedAt;

    /** An open incident as the board needs it: the aggregate's latest judgement. */
    public record OpenIncident(String id, Outcome outcome, Assessment assessment, Instant openedAt) {}

    /** A barrier as the board draws it (see {@code BarrierMark.Mark}). */
    public record BarrierOnPath(String id, String name, String category, String mark) {}

    /**
     * One path: its live margin (the smallest over the open incidents on it, else its acting barriers in service),
     * which incident sets it, and its barriers drawn as that incident left them. {@code threatLength}: how many of
     * the barriers are preventive, so the top event sits after that many (as in the incident timeline).
     */
    public record PathView(
            String threatLine,
            String consequenceLine,
            List<BarrierOnPath> barriers,
            int threatLength,
            int liveMargin,
            String incidentId) {}

    public record OpenIncidentView(
            String id,
            Outcome outcome,
            int margin,
            int position,
            int pathLength,
            String stoppedBy,
            List<String> breachedBarriers,
            Instant openedAt) {}

    public record CardView(
            String systemId,
            String name,
            String kind,
            String lifecycle,
            String riskClass,
            boolean activityAfterShutdown,
            boolean activityWhileSuspended,
            String classChange,
            Map<String, BarrierState> barrierStates,
            List<OpenIncidentView> openIncidents,
            List<PathView> paths,
            Integer lowestMargin,
            boolean alert,
            List<String> alerts,
            List<OverdueAction> overdueActions,
            Instant updatedAt) {}

    /**
     * A follow-up action of one of the system's incidents, open past its due date. Shown on the card, apart from the
     * alerts: it says the review's work is late, not that the system is in danger.
     */
    public record OverdueAction(String actionId, String incidentId, String title, String owner, Instant due) {}

    /** A path's margin at or below this raises the alert. */
    public static final int ALERT_MARGIN = 1;

    public CardView view(List<OpenIncident> open) {
        return view(open, List.of());
    }

    public CardView view(List<OpenIncident> open, List<OverdueAction> overdueActions) {
        List<PathView> paths = new ArrayList<>();
        List<String> alerts = new ArrayList<>();
        Integer lowest = null;
        for (Path path : bowTie.paths()) {
            OpenIncident closest = open.stream()
                    .filter(i -> i.assessment().on(path).isPresent())
                    .min(Comparator.comparingInt((OpenIncident i) ->
                                    i.assessment().on(path).orElseThrow().margin())
                            .thenComparing(
                                    i -> i.assessment().on(path).orElseThrow().outcome(), Outcome.WORST_FIRST))
                    .orElse(null);
            Assessment assessment = closest == null ? null : closest.assessment();
            int margin = closest == null
                    ? IncidentJudge.standing(bowTie, path, states)
                    : assessment.on(path).map(PathJudgement::margin).orElseThrow();
            List<BarrierOnPath> barriers = new ArrayList<>();
            for (BarrierMark mark : IncidentJudge.marks(bowTie, path, assessment, states)) {
                BarrierSpec spec = bowTie.barrier(mark.barrierId()).orElseThrow();
                barriers.add(new BarrierOnPath(
                        spec.id(),
                        spec.name(),
                        spec.category().name(),
                        mark.mark().name()));
            }
            paths.add(new PathView(
                    path.threatLineId(),
                    path.consequenceLineId(),
                    barriers,
                    path.threatLength(),
                    margin,
                    closest == null ? null : closest.id()));
            lowest = lowest == null ? margin : Math.min(lowest, margin);
            if (margin <= ALERT_MARGIN) {
                alerts.add(margin + (margin == 1 ? " barrier" : " barriers") + " left on " + describe(path)
                        + (closest == null ? "" : " (incident " + closest.id() + ")"));
            }
        }
        for (OpenIncident incident : open) {
            if (incident.outcome().needsPostmortem()) {
                alerts.add(alert(incident));
            }
        }
        if (activityAfterShutdown) {
            alerts.add("activity after shutdown: the off switch did not hold");
        }
        if (activityWhileSuspended) {
            alerts.add("activity while suspended");
        }
        if (classChange != null) {
            alerts.add("class changed: " + classChange);
        }
        seriousReportsOverdue.forEach((incident, due) -> alerts.add("serious incident " + incident
                + ": its report to the authority was due " + due + " (EU AI Act Art. 73)"));
        List<OpenIncidentView> incidents = open.stream()
                .map(i -> new OpenIncidentView(
                        i.id(),
                        i.outcome(),
                        i.assessment().margin(),
                        i.assessment().position(),
                        i.assessment().pathLength(),
                        i.assessment().stoppedBy(),
                        i.assessment().breachedBarriers(),
                        i.openedAt()))
                .toList();
        return new CardView(
                systemId,
                name,
                kind,
                lifecycle,
                riskClass,
                activityAfterShutdown,
                activityWhileSuspended,
                classChange,
                Map.copyOf(states),
                incidents,
                paths,
                lowest,
                !alerts.isEmpty(),
                alerts,
                List.copyOf(overdueActions),
                updatedAt);
    }

    /** An incident that waits for a postmortem, said as an operator would say it, not as the enum is named. */
    static String alert(OpenIncident incident) {
        String what = switch (incident.outcome()) {
            case TOP_EVENT -> "reached the top event";
            case FULL_FAILURE -> "is a full failure: past every barrier of a path, or harm reported";
            case NEAR_MISS -> "is a near miss";
            case UNDETERMINED -> "is not held by any barrier yet";
        };
        return "incident " + incident.id() + " " + what;
    }

    private static String describe(Path path) {
        return (path.threatLineId() == null ? "" : path.threatLineId())
                + (path.threatLineId() != null && path.consequenceLineId() != null ? " → " : "")
                + (path.consequenceLineId() == null ? "" : path.consequenceLineId());
    }
}
