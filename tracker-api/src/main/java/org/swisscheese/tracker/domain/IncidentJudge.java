package org.swisscheese.tracker.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides how far an incident got through the swiss cheese. Pure: the same bow-tie and reports give the same
 * assessment, whatever order the reports arrived in. The aggregate, the timeline projection and the what-if
 * analysis all judge with this one class.
 */
public final class IncidentJudge {

    private IncidentJudge() {
    }

    /**
     * Judges the incident on each path its reports are consistent with and returns the worst: the path with the
     * worst outcome, then the smallest margin, then the most breaches.
     */
    public static Assessment assess(BowTie bowTie, List<Step> steps) {
        List<Step> ordered = steps.stream().sorted(Step.IN_TIME_ORDER).toList();
        List<Path> candidates = candidatePaths(bowTie, ordered);
        boolean topEvent = ordered.stream()
                .anyMatch(s -> s.type().isDemand() && s.barrierId() != null && bowTie.isReactive(s.barrierId()));
        Assessment worst = null;
        for (Path path : candidates) {
            Assessment a = assessPath(path, ordered, topEvent);
            if (worst == null || WORST_FIRST.compare(a, worst) < 0) {
                worst = a;
            }
        }
        return worst == null ? assessPath(new Path(null, null), ordered, topEvent) : worst;
    }

    private static final Comparator<Assessment> WORST_FIRST = Comparator
            .comparing(Assessment::outcome).reversed()
            .thenComparingInt(Assessment::margin)
            .thenComparing(Comparator.comparingInt(Assessment::breachedCount).reversed());

    /** Paths through the lines the reports touched; a side no report touched leaves all its lines open. */
    static List<Path> candidatePaths(BowTie bowTie, List<Step> steps) {
        Set<String> touchedLines = new HashSet<>();
        for (Step s : steps) {
            if (s.barrierId() != null) {
                bowTie.lineOf(s.barrierId()).ifPresent(l -> touchedLines.add(l.id()));
            }
            if (s.consequenceLine() != null) {
                touchedLines.add(s.consequenceLine());
            }
        }
        List<Path> all = bowTie.paths();
        boolean threatTouched = all.stream().anyMatch(p -> touchedLines.contains(p.threatLineId()));
        boolean consequenceTouched = all.stream().anyMatch(p -> touchedLines.contains(p.consequenceLineId()));
        return all.stream()
                .filter(p -> !threatTouched || touchedLines.contains(p.threatLineId()))
                .filter(p -> !consequenceTouched || touchedLines.contains(p.consequenceLineId()))
                .toList();
    }

    /**
     * Walks the reports in time order along one path. {@code deepest} is the index of the furthest barrier the
     * hazard is known to have passed; everything after it still stands, and that count is the margin.
     */
    static Assessment assessPath(Path path, List<Step> ordered, boolean topEventReached) {
        List<String> ids = path.barrierIds();
        int threatLength = path.threatLength();
        Set<String> breached = new LinkedHashSet<>();
        int deepest = -1;
        boolean anyBreach = false;
        boolean harm = false;
        String stoppedBy = null;
        boolean pastTopEvent = false;
        for (Step step : ordered) {
            if (step.type() == ReportType.HARM_REPORTED) {
                harm = true;
                deepest = ids.size() - 1;
                stoppedBy = null;
                continue;
            }
            int index = step.barrierId() == null ? -1 : ids.indexOf(step.barrierId());
            boolean reactive = index >= threatLength;
            if (step.type().isDemand() && index >= 0 && reactive && !pastTopEvent) {
                pastTopEvent = true;
                deepest = Math.max(deepest, threatLength - 1);
            }
            if (step.type().isFailure()) {
                anyBreach = true;
                if (index >= 0) {
                    breached.add(step.barrierId());
                    deepest = Math.max(deepest, index);
                    if (Objects.equals(stoppedBy, step.barrierId()) || stoppedAtOrBefore(ids, stoppedBy, index)) {
                        stoppedBy = null;
                    }
                }
            } else if (step.type().isHold() && index > deepest && (anyBreach || pastTopEvent) && !harm) {
                stoppedBy = step.barrierId();
            }
        }
        if (topEventReached && !pastTopEvent) {
            // a reactive barrier off this path was demanded: the hazard is past every preventive barrier anyway
            deepest = Math.max(deepest, threatLength - 1);
            pastTopEvent = true;
        }
        int margin = harm ? 0 : Math.max(0, ids.size() - 1 - deepest);
        // the hazard got past the last preventive barrier: the top event happened
        boolean allPreventiveBreached = threatLength > 0 && deepest >= threatLength - 1;
        Outcome outcome;
        if (harm || (!ids.isEmpty() && margin == 0)) {
            outcome = Outcome.FULL_FAILURE;
        } else if (pastTopEvent || allPreventiveBreached) {
            outcome = Outcome.TOP_EVENT;
        } else if (stoppedBy != null) {
            outcome = Outcome.NEAR_MISS;
        } else {
            outcome = Outcome.UNDETERMINED;
        }
        List<String> breachedInPathOrder = new ArrayList<>();
        for (String id : ids) {
            if (breached.contains(id)) {
                breachedInPathOrder.add(id);
            }
        }
        return new Assessment(path.threatLineId(), path.consequenceLineId(), ids, threatLength, breachedInPathOrder,
                margin, outcome, outcome == Outcome.FULL_FAILURE ? null : stoppedBy,
                pastTopEvent || allPreventiveBreached || harm, harm);
    }

    /**
     * Judges reports along one known path, given as barrier ids with the preventive ones first: how a replay shows
     * the incident after each of its reports.
     */
    public static Assessment assessAlong(List<String> path, int threatLength, String threatLineId,
                                         String consequenceLineId, List<Step> steps) {
        List<BarrierSpec> barriers = path.stream().map(id -> BarrierSpec.of(id, id, Category.CUSTOM)).toList();
        Path known = new Path(
                threatLineId == null && threatLength == 0 ? null
                        : new LineSpec(threatLineId == null ? "threat" : threatLineId, Side.THREAT, null,
                        barriers.subList(0, threatLength)),
                threatLength == path.size() ? null
                        : new LineSpec(consequenceLineId == null ? "consequence" : consequenceLineId,
                        Side.CONSEQUENCE, null, barriers.subList(threatLength, path.size())));
        return assessPath(known, steps.stream().sorted(Step.IN_TIME_ORDER).toList(), false);
    }

    private static boolean stoppedAtOrBefore(List<String> ids, String stoppedBy, int breachIndex) {
        return stoppedBy != null && ids.indexOf(stoppedBy) <= breachIndex;
    }
}
