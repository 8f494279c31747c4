package org.swisscheese.tracker.projection.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.swisscheese.tracker.api.AlertKind;
import org.swisscheese.tracker.api.AlertMatchers;
import org.swisscheese.tracker.domain.Outcome;

/**
 * What happens to an alert, decided without a database: whether a route or a silence matches it, whether it is
 * inhibited, whether it flaps. Hand-worked cases in {@code AlertRulesTest}.
 */
public final class AlertRules {

    private AlertRules() {}

    /** Each non-empty list must hold the alert's value; an alert without that value does not match it. */
    public static boolean matches(AlertMatchers matchers, Alert alert) {
        return (matchers.systemIds().isEmpty() || matchers.systemIds().contains(alert.systemId()))
                && (matchers.outcomes().isEmpty()
                        || (alert.outcome() != null && matchers.outcomes().contains(alert.outcome())))
                && (matchers.severities().isEmpty()
                        || (alert.severity() != null && matchers.severities().contains(alert.severity())))
                && (matchers.kinds().isEmpty() || matchers.kinds().contains(alert.kind()));
    }

    /** A silence in force at {@code now} ({@code startsAt <= now < endsAt}) that matches the alert. */
    public static boolean silences(Silence silence, Alert alert, Instant now) {
        return !now.isBefore(silence.startsAt())
                && now.isBefore(silence.endsAt())
                && !silence.matchers().matchesEverything()
                && matches(silence.matchers(), alert);
    }

    /**
     * A TOP_EVENT alert is inhibited by a FULL_FAILURE of the same incident: the receiver needs to hear the worse
     * news, once. {@code incidentOutcome} is the incident's outcome as known when the alert is about to go out.
     */
    public static boolean inhibited(Alert alert, Outcome incidentOutcome) {
        return alert.kind() == AlertKind.TOP_EVENT && incidentOutcome == Outcome.FULL_FAILURE;
    }

    /** The alert's subject changed state more than {@code threshold} times in {@code (now - window, now]}. */
    public static boolean flapping(Collection<Instant> flips, Instant now, Duration window, int threshold) {
        return flipsInWindow(flips, now, window) > threshold;
    }

    static long flipsInWindow(Collection<Instant> flips, Instant now, Duration window) {
        Instant from = now.minus(window);
        return flips.stream().filter(at -> at.isAfter(from) && !at.isAfter(now)).count();
    }

    /**
     * When a held alert is looked at again: when enough of the flips in the window will have left it for the alert
     * to be calm, if nothing flips meanwhile.
     */
    public static Instant calmAt(Collection<Instant> flips, Instant now, Duration window, int threshold) {
        Instant from = now.minus(window);
        var inWindow = flips.stream()
                .filter(at -> at.isAfter(from) && !at.isAfter(now))
                .sorted()
                .toList();
        int mustLeave = inWindow.size() - threshold;
        if (mustLeave <= 0) {
            return now;
        }
        return inWindow.get(mustLeave - 1).plus(window);
    }

    /** A silence as the rules see it. */
    public record Silence(String id, AlertMatchers matchers, Instant startsAt, Instant endsAt, String comment) {}
}
