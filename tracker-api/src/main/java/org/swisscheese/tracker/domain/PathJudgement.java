package org.swisscheese.tracker.domain;

/**
 * How far the hazard got along one path of an incident. {@code position}: how many of the path's barriers it is
 * known to have got past (0..length); {@code margin}: acting, in-service barriers from the position on, the one
 * holding there included; {@code stoppedBy}: the acting barrier holding at the position, if the last evidence
 * there is a hold.
 */
public record PathJudgement(
        String threatLineId,
        String consequenceLineId,
        int length,
        int threatLength,
        int position,
        int margin,
        Outcome outcome,
        String stoppedBy) {

    public boolean topEventReached() {
        return position >= threatLength;
    }

    /** Nothing on this path was passed: a demand held at its first barrier. */
    boolean nothingPassed() {
        return position == 0 && threatLength > 0 && outcome != Outcome.FULL_FAILURE;
    }

    public boolean isOn(Path path) {
        return java.util.Objects.equals(threatLineId, path.threatLineId())
                && java.util.Objects.equals(consequenceLineId, path.consequenceLineId());
    }
}
