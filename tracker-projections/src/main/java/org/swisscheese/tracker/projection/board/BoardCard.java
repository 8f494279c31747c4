package org.swisscheese.tracker.projection.board;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierLiveness;
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

    /**
     * Since when each barrier that promised {@code expectedEvery} is watched: it made that promise (registered, or a
     * revision that set or changed it). Its silence is never counted from before.
     */
    public TreeMap<String, Instant> watchedSince = new TreeMap<>();

    /** When the system was last deployed: barriers are watched for silence only while it is, and from then on. */
    public Instant deployedAt;

    /**
     * What the board knows of the barriers' signs of life, read with the card: each barrier's last stored sign of life,
     * whether each of the latest incidents that got to it passed it silently (newest first), and the reader's now.
     */
    public record Signs(Map<String, Instant> lastHeard, Map<String, List<Boolean>> crossings, Instant now) {
        public static final Signs NONE = new Signs(Map.of(), Map.of(), null);
    }

    /**
     * A barrier that may be dead ({@link BarrierLiveness}): why ({@code reasons}), what it promised, when it was last
     * heard from (null: never since it was watched), and the same said in words.
     */
    public record MayBeDead(
            String barrierId,
            String name,
            List<BarrierLiveness.Reason> reasons,
            Duration expectedEvery,
            Instant lastHeard,
            String message) {}

    /** An open incident as the board needs it: the aggregate's latest judgement. */
    public record OpenIncident(String id, Outcome outcome, Assessment assessment, Instant openedAt) {}

    /** The order a card lists its open incidents in: the worst outcome first, then the smallest margin, the newest. */
    public static final Comparator<OpenIncident> WORST_FIRST = Comparator.comparing(
                    OpenIncident::outcome, Outcome.WORST_FIRST)
            .thenComparingInt(i -> i.assessment().margin())
            .thenComparing(OpenIncident::openedAt, Comparator.reverseOrder())
            .thenComparing(OpenIncident::id);

    /**
     * The open incidents a card is drawn from: the few it lists ({@link #WORST_FIRST}); on each path (by
     * {@link #pathKey}) the one that sets its live margin, the smallest margin there, then the worst outcome there, then
     * the oldest; and how many are open, and wait for a postmortem, in all. The board reads these from the database
     * ({@code OperatorBoardProjection}) without reading every open incident; {@link #of} works them out from all of
     * them. (Two incidents alike in all of that and opened at the same instant are ordered by id: in the database, by
     * its collation.)
     */
    public record OpenIncidents(
            List<OpenIncident> listed, Map<String, OpenIncident> closest, int count, int waitingForPostmortem) {

        public static final OpenIncidents NONE = new OpenIncidents(List.of(), Map.of(), 0, 0);

        public static OpenIncidents of(List<OpenIncident> open, BowTie bowTie, int limit) {
            Map<String, OpenIncident> closest = new TreeMap<>();
            for (Path path : bowTie.paths()) {
                open.stream()
                        .filter(i -> i.assessment().on(path).isPresent())
                        .min(Comparator.comparingInt((OpenIncident i) ->
                                        i.assessment().on(path).orElseThrow().margin())
                                .thenComparing(
                                        i -> i.assessment()
                                                .on(path)
                                                .orElseThrow()
                                                .outcome(),
                                        Outcome.WORST_FIRST)
                                .thenComparing(OpenIncident::openedAt)
                                .thenComparing(OpenIncident::id))
                        .ifPresent(i -> closest.put(pathKey(path.threatLineId(), path.consequenceLineId()), i));
            }
            return new OpenIncidents(
                    open.stream().sorted(WORST_FIRST).limit(limit).toList(), closest, open.size(), (int) open.stream()
                            .filter(i -> i.outcome().needsPostmortem())
                            .count());
        }
    }

    /** A path by its lines, either of which may be missing. */
    public static String pathKey(String threatLineId, String consequenceLineId) {
        return (threatLineId == null ? "" : threatLineId) + " → "
                + (consequenceLineId == null ? "" : consequenceLineId);
    }

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
            int openIncidentCount,
            List<PathView> paths,
            Integer lowestMargin,
            boolean alert,
            List<String> alerts,
            List<OverdueAction> overdueActions,
            Instant updatedAt,
            List<MayBeDead> mayBeDead,
            Instant livenessRecheckAt) {}

    /**
     * A follow-up action of one of the system's incidents, open past its due date. Shown on the card, apart from the
     * alerts: it says the review's work is late, not that the system is in danger.
     */
    public record OverdueAction(String actionId, String incidentId, String title, String owner, Instant due) {}

    /** A path's margin at or below this raises the alert. */
    public static final int ALERT_MARGIN = 1;

    /** The card with every open incident listed. */
    public CardView view(List<OpenIncident> open) {
        return view(open, List.of());
    }

    public CardView view(List<OpenIncident> open, List<OverdueAction> overdueActions) {
        return view(open, overdueActions, Signs.NONE);
    }

    public CardView view(List<OpenIncident> open, List<OverdueAction> overdueActions, Signs signs) {
        return view(OpenIncidents.of(open, bowTie, Integer.MAX_VALUE), overdueActions, signs);
    }

    /**
     * {@code signs}: see {@link Signs}; {@code livenessRecheckAt} is the next instant a barrier watched for silence
     * would turn silent if nothing is heard from it: a reader showing the card asks again then (nothing on the server
     * runs a timer).
     */
    public CardView view(OpenIncidents open, List<OverdueAction> overdueActions, Signs signs) {
        List<PathView> paths = new ArrayList<>();
        List<String> alerts = new ArrayList<>();
        Integer lowest = null;
        for (Path path : bowTie.paths()) {
            OpenIncident closest = open.closest().get(pathKey(path.threatLineId(), path.consequenceLineId()));
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
        int waiting = open.waitingForPostmortem();
        for (OpenIncident incident : open.listed()) {
            if (incident.outcome().needsPostmortem()) {
                alerts.add(alert(incident));
                waiting--;
            }
        }
        if (waiting > 0) {
            alerts.add(
                    waiting == 1
                            ? "1 more open incident reached the top event or is a full failure"
                            : waiting + " more open incidents reached the top event or are full failures");
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
        List<OpenIncidentView> incidents = open.listed().stream()
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
                open.count(),
                paths,
                lowest,
                !alerts.isEmpty(),
                alerts,
                List.copyOf(overdueActions),
                updatedAt,
                mayBeDead(signs),
                recheckAt(signs));
    }

    /** Barriers believed in service that may be dead: one out of service is a known hole already. */
    private List<MayBeDead> mayBeDead(Signs signs) {
        List<MayBeDead> dead = new ArrayList<>();
        for (String id : bowTie.barrierIds()) {
            if (states.containsKey(id)) {
                continue;
            }
            BarrierSpec spec = bowTie.barrier(id).orElseThrow();
            Instant heard = signs.lastHeard().get(id);
            List<BarrierLiveness.Reason> reasons = new ArrayList<>();
            List<String> words = new ArrayList<>();
            if (signs.now() != null
                    && BarrierLiveness.silent(spec.expectedEvery(), heard, watchedFrom(id), signs.now())) {
                reasons.add(BarrierLiveness.Reason.SILENT);
                words.add(
                        (heard == null ? "nothing heard from it since it was watched" : "nothing heard since " + heard)
                                + ", though it promised a report every " + spec.expectedEvery());
            }
            if (BarrierLiveness.passedSilently(signs.crossings().getOrDefault(id, List.of()))) {
                reasons.add(BarrierLiveness.Reason.PASSED_SILENTLY);
                words.add("the last " + BarrierLiveness.SILENT_CROSSINGS
                        + " incidents that got to it passed it without a word from it");
            }
            if (!reasons.isEmpty()) {
                dead.add(new MayBeDead(
                        id,
                        spec.name(),
                        reasons,
                        spec.expectedEvery(),
                        heard,
                        "this barrier may be dead: '" + spec.name() + "': " + String.join("; ", words)));
            }
        }
        return dead;
    }

    /**
     * Silence counts from the later of the barrier's promise and the system's deployment; never while not deployed. A
     * card stored before it kept {@code deployedAt} has none: the promise alone counts then.
     */
    private Instant watchedFrom(String barrierId) {
        Instant since = watchedSince.get(barrierId);
        if (since == null || !"DEPLOYED".equals(lifecycle)) {
            return null;
        }
        return deployedAt == null || since.isAfter(deployedAt) ? since : deployedAt;
    }

    private Instant recheckAt(Signs signs) {
        if (signs.now() == null) {
            return null;
        }
        Instant next = null;
        for (String id : bowTie.barrierIds()) {
            Duration every = bowTie.barrier(id).orElseThrow().expectedEvery();
            Instant from = watchedFrom(id);
            if (every == null || from == null || states.containsKey(id)) {
                continue;
            }
            Instant heard = signs.lastHeard().get(id);
            Instant since = heard != null && heard.isAfter(from) ? heard : from;
            Instant silentAt = since.plus(BarrierLiveness.allowedSilence(every)).plusSeconds(1);
            if (silentAt.isAfter(signs.now()) && (next == null || silentAt.isBefore(next))) {
                next = silentAt;
            }
        }
        return next;
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
