package org.swisscheese.tracker.domain;

import java.util.List;

/**
 * The judge's view of one incident. The worst path's figures come first ({@code outcome}, its lines, {@code path}:
 * its barrier ids in the order a hazard meets them, {@code position}, {@code margin}, {@code stoppedBy}); then what
 * holds across every line: {@code breachedBarriers} (every failure, in order of occurrence), {@code silentlyPassed}
 * (barriers the hazard got past with no report about them: never counted as breaches), {@code detectedBy}
 * (detection barriers that saw it pass); and {@code paths}, every path the incident touched.
 */
public record Assessment(
        Outcome outcome,
        String threatLineId,
        String consequenceLineId,
        List<String> path,
        int threatLength,
        int position,
        int margin,
        String stoppedBy,
        List<String> breachedBarriers,
        List<String> silentlyPassed,
        List<String> detectedBy,
        boolean topEventReached,
        boolean harmReported,
        List<PathJudgement> paths) {

    public Assessment {
        path = path == null ? List.of() : List.copyOf(path);
        breachedBarriers = breachedBarriers == null ? List.of() : List.copyOf(breachedBarriers);
        silentlyPassed = silentlyPassed == null ? List.of() : List.copyOf(silentlyPassed);
        detectedBy = detectedBy == null ? List.of() : List.copyOf(detectedBy);
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    public int pathLength() {
        return path.size();
    }

    public int breachedCount() {
        return breachedBarriers.size();
    }

    /** How many of the worst path's barriers no longer stand between the hazard and harm: its depth. */
    public int barriersPassed() {
        return pathLength() - margin;
    }

    /** The judgement of one path, if the incident touched it. */
    public java.util.Optional<PathJudgement> on(Path path) {
        return paths.stream().filter(p -> p.isOn(path)).findFirst();
    }
}
