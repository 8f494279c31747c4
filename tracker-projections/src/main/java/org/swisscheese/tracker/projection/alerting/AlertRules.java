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

    /**
     * What has to end for the alert to be over, the notion of "still firing": {@code incident/<id>} for an incident's
     * alerts (it ends when the incident is resolved or marked not an incident), {@code action/<id>} for an overdue
     * follow-up action (done, dropped or given a later due date), {@code serious-report/<incident>} for an overdue
     * serious-incident report (reported, or the incident was no incident), {@code class/<system>/<class>} for a class
     * change (acknowledged, or the class changed again). Null: a one-off that never repeats nor resolves (activity
     * after a shutdown that joined no incident).
     */
    public static String condition(Alert alert) {
        return switch (alert.kind()) {
            case OVERDUE_ACTION -> alert.qualifier() == null ? null : actionCondition(alert.qualifier());
            case SERIOUS_INCIDENT_OVERDUE -> alert.incidentId() == null ? null : reportCondition(alert.incidentId());
            case CLASS_CHANGED -> classCondition(alert.systemId(), alert.qualifier());
            default -> alert.incidentId() == null ? null : incidentCondition(alert.incidentId());
        };
    }

    public static String incidentCondition(String incidentId) {
        return "incident/" + incidentId;
    }

    public static String actionCondition(String actionId) {
        return "action/" + actionId;
    }

    public static String reportCondition(String incidentId) {
        return "serious-report/" + incidentId;
    }

    public static String classCondition(String systemId, String riskClass) {
        return "class/" + systemId + "/" + riskClass;
    }

    /**
     * A still-firing alert last sent at {@code lastSent} goes to its route again once {@code every} has passed
     * (Alertmanager's {@code repeat_interval}); never if it was never sent.
     */
    public static boolean repeatDue(Instant lastSent, Duration every, Instant now) {
        return lastSent != null && !now.isBefore(lastSent.plus(every));
    }

    /** What is owed to a route when an alert it may have been sent has ended. */
    public enum Resolved {
        /** Its firing alert has not been decided or sent yet (pending, held, queued, or a dead letter): later. */
        WAIT,
        /** It was sent, the route wants resolved notifications: one goes out. */
        SEND,
        /** The firing alert never went out (silenced, inhibited, dropped): nothing to resolve. */
        NOT_SENT,
        /** The route does not send resolved notifications ({@code sendResolved: false}). */
        OPTED_OUT,
        /** The route was deleted. */
        DROPPED
    }

    /**
     * {@code status}: what became of the firing alert for the route (alert_notification's status); {@code route}
     * null when the route was deleted.
     */
    public static Resolved resolved(String status, AlertingStore.Route route) {
        return switch (status) {
            case "SENT" -> route == null ? Resolved.DROPPED : route.sendResolved() ? Resolved.SEND : Resolved.OPTED_OUT;
            case "SILENCED", "INHIBITED", "DROPPED" -> Resolved.NOT_SENT;
            default -> Resolved.WAIT;
        };
    }

    /** A silence as the rules see it. */
    public record Silence(String id, AlertMatchers matchers, Instant startsAt, Instant endsAt, String comment) {}
}
