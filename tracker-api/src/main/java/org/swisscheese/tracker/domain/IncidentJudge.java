package org.swisscheese.tracker.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides how far an incident got through the swiss cheese (DESIGN §4). Pure: the same bow-tie, reports and barrier
 * states give the same assessment, whatever order the reports arrived in. The aggregate judges with it, and the
 * timeline, the board, time travel and what-if read with it.
 *
 * <p>The hazard moves along a path (a threat line, then a consequence line; {@code n} barriers, the first {@code T}
 * preventive). Each report is evidence of how far it got: a failure, or a trip of a detection barrier, means it got
 * past the barrier; a trip of an acting barrier or a completed shutdown, that it reached the barrier and was held
 * there; a shutdown request, that it reached the off switch; harm, that it got past everything. Its position is the
 * furthest the evidence puts it, and only grows. Barriers before the position with no report were passed silently.
 */
public final class IncidentJudge {

    private IncidentJudge() {}

    /** What one report says about the barrier at one index of a path. */
    enum Evidence {
        /** It got past the barrier: a breach, a failed shutdown. */
        FAILED,
        /** A detection barrier saw it and could not stop it: it got past. */
        DETECTED,
        /** An acting barrier stopped it there. */
        HELD,
        /** It reached the barrier; nothing said yet whether it held (a shutdown was requested). */
        REACHED;

        int position(int index) {
            return this == FAILED || this == DETECTED ? index + 1 : index;
        }
    }

    /** What a report of this type on this barrier says, or null if it is no evidence of the hazard's progress. */
    static Evidence evidence(ReportType type, BarrierSpec barrier) {
        return switch (type) {
            case BREACHED, SHUTDOWN_FAILED -> Evidence.FAILED;
            case TRIPPED, ANOMALY_DETECTED -> barrier.acting() ? Evidence.HELD : Evidence.DETECTED;
            case SHUTDOWN_COMPLETED -> Evidence.HELD;
            case SHUTDOWN_REQUESTED -> Evidence.REACHED;
            case DEGRADED, RESTORED, HARM_REPORTED, HEARTBEAT, SYSTEM_CHANGED -> null;
        };
    }

    /**
     * Judges the incident on every path its reports touch and returns the worst, with what holds across all lines.
     * {@code states}: each barrier's service state now (barriers missing from it are in service).
     */
    public static Assessment assess(BowTie bowTie, List<Step> steps, Map<String, BarrierState> states) {
        return assess(bowTie, steps, states, Counterfactual.NONE);
    }

    /** The same judgement of a counterfactual past: a barrier held, or barriers removed. */
    public static Assessment assess(
            BowTie bowTie, List<Step> steps, Map<String, BarrierState> states, Counterfactual what) {
        List<Step> ordered = steps.stream()
                .filter(s -> s.barrierId() == null || bowTie.has(s.barrierId()))
                .sorted(Step.IN_TIME_ORDER)
                .toList();
        Predicate<String> inService =
                id -> states.getOrDefault(id, BarrierState.IN_SERVICE).inService();

        Set<String> breached = new LinkedHashSet<>();
        Set<String> detected = new LinkedHashSet<>();
        Set<String> reported = new LinkedHashSet<>();
        Set<String> traversedLines = new HashSet<>();
        boolean harm = false;
        for (Step step : ordered) {
            if (step.type() == ReportType.HARM_REPORTED) {
                harm = true;
                if (step.consequenceLine() != null) {
                    traversedLines.add(step.consequenceLine());
                }
                continue;
            }
            Evidence evidence =
                    evidence(step.type(), bowTie.barrier(step.barrierId()).orElseThrow());
            if (evidence == null) {
                continue;
            }
            reported.add(step.barrierId());
            bowTie.lineOf(step.barrierId()).ifPresent(line -> traversedLines.add(line.id()));
            if (evidence == Evidence.FAILED
                    && !step.barrierId().equals(what.hold())
                    && !what.remove().contains(step.barrierId())) {
                breached.add(step.barrierId());
            } else if (evidence == Evidence.DETECTED) {
                detected.add(step.barrierId());
            }
        }

        List<Judged> touched = new ArrayList<>();
        Side heldSide = what.hold() == null
                ? null
                : bowTie.lineOf(what.hold()).map(LineSpec::side).orElse(null);
        for (Path path : bowTie.paths()) {
            if (heldSide != null
                    && !path.barrierIds().contains(what.hold())
                    && !traversed(path, heldSide, traversedLines)) {
                // the held barrier stops the hazard: a line no report of its own puts it on is not its route
                continue;
            }
            PathJudgement judgement = judge(bowTie, path, ordered, inService, what);
            if (judgement != null) {
                int evidenced = (int)
                        path.barrierIds().stream().filter(reported::contains).count();
                touched.add(new Judged(path, judgement, evidenced));
            }
        }
        List<Judged> candidates =
                touched.stream().filter(j -> !j.judgement().nothingPassed()).toList();
        Judged worst = (candidates.isEmpty() ? touched : candidates)
                .stream().min(WORST_PATH_FIRST).orElse(null);

        // silent passes only on lines the hazard is known to have taken: never invented for a route nobody reported
        Set<String> silent = new LinkedHashSet<>();
        List<Judged> worstFirst = new ArrayList<>(touched);
        if (worst != null) {
            worstFirst.remove(worst);
            worstFirst.add(0, worst);
        }
        for (Judged judged : worstFirst) {
            List<String> ids = judged.path().barrierIds();
            int threatLength = judged.path().threatLength();
            boolean threatKnown = judged.path().threat() == null
                    || traversedLines.contains(judged.path().threatLineId());
            boolean consequenceKnown = judged.path().consequence() == null
                    || traversedLines.contains(judged.path().consequenceLineId());
            for (int k = 0; k < judged.judgement().position() && k < ids.size(); k++) {
                boolean known = k < threatLength ? threatKnown : consequenceKnown;
                if (known && !reported.contains(ids.get(k))) {
                    silent.add(ids.get(k));
                }
            }
        }
        // a failure or a detection counts where the hazard is still behind it: in a counterfactual, one past a held
        // barrier (or of a removed barrier) does not
        Set<String> behind = new HashSet<>();
        for (Judged judged : touched) {
            List<String> ids = judged.path().barrierIds().stream()
                    .filter(id -> !what.remove().contains(id))
                    .toList();
            behind.addAll(ids.subList(0, Math.min(judged.judgement().position(), ids.size())));
        }
        breached.retainAll(behind);
        detected.retainAll(behind);
        List<PathJudgement> paths = touched.stream().map(Judged::judgement).toList();
        boolean topEvent = paths.stream().anyMatch(PathJudgement::topEventReached);
        if (worst == null) {
            return new Assessment(
                    harm ? Outcome.FULL_FAILURE : Outcome.UNDETERMINED,
                    null,
                    null,
                    List.of(),
                    0,
                    0,
                    0,
                    null,
                    List.copyOf(breached),
                    List.of(),
                    List.copyOf(detected),
                    false,
                    harm,
                    List.of());
        }
        PathJudgement w = worst.judgement();
        return new Assessment(
                w.outcome(),
                w.threatLineId(),
                w.consequenceLineId(),
                worst.path().barrierIds(),
                w.threatLength(),
                w.position(),
                w.margin(),
                w.stoppedBy(),
                List.copyOf(breached),
                List.copyOf(silent),
                List.copyOf(detected),
                topEvent,
                harm,
                paths);
    }

    /** Whether the incident's own reports put the hazard on this path's line of the given side. */
    private static boolean traversed(Path path, Side side, Set<String> traversedLines) {
        String line = side == Side.THREAT ? path.threatLineId() : path.consequenceLineId();
        return line != null && traversedLines.contains(line);
    }

    /** A touched path, its judgement, and how many of its barriers the incident has evidence about. */
    private record Judged(Path path, PathJudgement judgement, int evidenced) {}

    /**
     * Worst first: by outcome (FULL_FAILURE, TOP_EVENT, UNDETERMINED, NEAR_MISS), then the smaller margin, then the
     * path the incident says most about; a stable choice keeps the bow-tie's path order for the rest.
     */
    private static final Comparator<Judged> WORST_PATH_FIRST = Comparator.comparing(
                    (Judged j) -> j.judgement().outcome(), Outcome.WORST_FIRST)
            .thenComparingInt(j -> j.judgement().margin())
            .thenComparing(Comparator.comparingInt(Judged::evidenced).reversed());

    /**
     * A question about the past (DESIGN §4, what-if): {@code hold} the hazard stops at that barrier (its failure
     * becomes a hold, the evidence past it on its paths is dropped); {@code remove} those barriers' reports are dropped
     * and the hazard is taken to pass them wherever it reached them.
     */
    public record Counterfactual(String hold, Set<String> remove) {
        public static final Counterfactual NONE = new Counterfactual(null, Set.of());

        public Counterfactual {
            remove = remove == null ? Set.of() : Set.copyOf(remove);
        }
    }

    /** One path, or null if no report touches it. */
    static PathJudgement judge(
            BowTie bowTie, Path path, List<Step> ordered, Predicate<String> inService, Counterfactual what) {
        List<String> ids = path.barrierIds();
        int n = ids.size();
        int threatLength = path.threatLength();
        int held = what.hold() == null ? -1 : ids.indexOf(what.hold());
        boolean touched = false;
        boolean harm = false;
        boolean pastHeld = false; // the hazard got to (or past) the held barrier
        int position = 0;
        Evidence[] last = new Evidence[n];
        for (Step step : ordered) {
            if (step.type() == ReportType.HARM_REPORTED) {
                if (step.consequenceLine() == null || step.consequenceLine().equals(path.consequenceLineId())) {
                    touched = true;
                    if (held >= 0) {
                        pastHeld = true;
                    } else {
                        harm = true;
                        position = n;
                    }
                }
                continue;
            }
            int index = ids.indexOf(step.barrierId());
            if (index < 0) {
                continue;
            }
            Evidence evidence =
                    evidence(step.type(), bowTie.barrier(step.barrierId()).orElseThrow());
            if (evidence == null) {
                continue;
            }
            touched = true;
            if (what.remove().contains(step.barrierId())) {
                evidence = Evidence.REACHED; // its report is dropped; that the hazard got there is not
            }
            if (held >= 0 && evidence.position(index) > held) {
                pastHeld = true; // dropped: the hazard stops at the held barrier
                continue;
            }
            if (held >= 0 && evidence.position(index) == held) {
                pastHeld = true; // it got to the held barrier, which holds
            }
            last[index] = evidence;
            position = Math.max(position, evidence.position(index));
        }
        if (!touched) {
            return null;
        }
        if (pastHeld) {
            position = held;
            last[held] = Evidence.HELD;
        }
        int removedBefore = 0;
        int removedThreats = 0;
        for (int k = 0; k < n; k++) {
            if (what.remove().contains(ids.get(k))) {
                if (position >= k) {
                    position = Math.max(position, k + 1); // reached a removed barrier: taken to pass it
                    removedBefore++;
                }
                if (k < threatLength) {
                    removedThreats++;
                }
            }
        }
        Predicate<Integer> acts = k -> !what.remove().contains(ids.get(k))
                && (k == held || bowTie.barrier(ids.get(k)).orElseThrow().acting());
        String stoppedBy = null;
        if (!harm && position < n && last[position] == Evidence.HELD && acts.test(position)) {
            stoppedBy = ids.get(position);
        }
        int margin = 0;
        if (!harm) {
            for (int k = position; k < n; k++) {
                if (acts.test(k) && (k == held || inService.test(ids.get(k)))) {
                    margin++;
                }
            }
        }
        Outcome outcome;
        if (harm || position == n) {
            outcome = Outcome.FULL_FAILURE;
        } else if (position >= threatLength) {
            outcome = Outcome.TOP_EVENT;
        } else if (stoppedBy != null) {
            outcome = Outcome.NEAR_MISS;
        } else {
            outcome = Outcome.UNDETERMINED;
        }
        int removed = (int) ids.stream().filter(what.remove()::contains).count();
        return new PathJudgement(
                path.threatLineId(),
                path.consequenceLineId(),
                n - removed,
                threatLength - removedThreats,
                position - removedBefore,
                margin,
                outcome,
                stoppedBy);
    }

    /** Acting, in-service barriers of a path no incident is on: its margin at rest. */
    public static int standing(BowTie bowTie, Path path, Map<String, BarrierState> states) {
        return (int) path.barrierIds().stream()
                .filter(id -> bowTie.barrier(id).orElseThrow().acting())
                .filter(id -> states.getOrDefault(id, BarrierState.IN_SERVICE).inService())
                .count();
    }

    /**
     * How each barrier of a path looks after an incident (or at rest, {@code judged} null): the ones the hazard
     * got past (breached, seen by a detector, passed silently, or passed after a report that did not stop it), the one
     * holding it, and the rest by their service state.
     */
    public static List<BarrierMark> marks(
            BowTie bowTie, Path path, Assessment assessment, Map<String, BarrierState> states) {
        PathJudgement judged = assessment == null ? null : assessment.on(path).orElse(null);
        List<BarrierMark> marks = new ArrayList<>();
        List<String> ids = path.barrierIds();
        for (int k = 0; k < ids.size(); k++) {
            String id = ids.get(k);
            BarrierState state = states.getOrDefault(id, BarrierState.IN_SERVICE);
            BarrierMark.Mark mark;
            if (judged != null && k < judged.position()) {
                mark = assessment.breachedBarriers().contains(id)
                        ? BarrierMark.Mark.BREACHED
                        : assessment.detectedBy().contains(id)
                                ? BarrierMark.Mark.DETECTED
                                : assessment.silentlyPassed().contains(id)
                                        ? BarrierMark.Mark.PASSED_SILENTLY
                                        : BarrierMark.Mark.PASSED;
            } else if (judged != null && k == judged.position() && id.equals(judged.stoppedBy())) {
                mark = BarrierMark.Mark.HOLDING;
            } else if (state != BarrierState.IN_SERVICE) {
                mark = state == BarrierState.DEGRADED ? BarrierMark.Mark.DEGRADED : BarrierMark.Mark.IMPAIRED;
            } else {
                mark = bowTie.barrier(id).orElseThrow().acting()
                        ? BarrierMark.Mark.STANDING
                        : BarrierMark.Mark.WATCHING;
            }
            marks.add(new BarrierMark(id, mark));
        }
        return marks;
    }

    /** Whether a report on this barrier is past the top event: reactive barriers and harm. */
    public static boolean pastTopEvent(BowTie bowTie, Step step) {
        return step.type() == ReportType.HARM_REPORTED || bowTie.isReactive(step.barrierId());
    }
}
