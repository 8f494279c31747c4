package org.swisscheese.tracker.projection.alerting;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.ClassChangeAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionUpdated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEvent;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSeverityChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReportOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReported;
import org.swisscheese.tracker.api.AlertKind;
import org.swisscheese.tracker.domain.ActionStatus;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Severity;
import org.swisscheese.tracker.projection.alerting.AlertingStore.Route;

/**
 * Turns incident and system events into alerts and queues one notification per matching route in
 * {@code alert_notification}, in the processor's transaction (its token is stored with them, so a crash loses none
 * and queues none twice; an event handled again finds its notifications there). The first alert of a route's group
 * sets when the group goes out ({@code tracker.alerting.group-wait} later); later ones join it. Silences, inhibition
 * and flapping are decided by the {@link AlertSender} when the group is due, with what is known then.
 * <p>
 * A tracking processor that starts at the head of the store and is never replayed: a rebuild, or the first start on a
 * store with history, must not page anyone about the past.
 */
@Component
@ProcessingGroup(AlertDispatcher.NAME)
@DisallowReplay
public class AlertDispatcher {

    public static final String NAME = "alert-dispatcher";

    private final JdbcClient jdbc;
    private final AlertingStore store;
    private final AlertingProperties properties;
    private final Clock clock;

    @Autowired
    public AlertDispatcher(JdbcClient jdbc, AlertingStore store, AlertingProperties properties) {
        this(jdbc, store, properties, Clock.systemUTC());
    }

    AlertDispatcher(JdbcClient jdbc, AlertingStore store, AlertingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @EventHandler
    void on(IncidentEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        String system = event.systemId().value();
        String incident = event.incidentId().value();
        if (event instanceof IncidentSeverityChanged rated) {
            remember(system, incident, null, rated.severity());
            Incident known = incident(incident);
            String key = Alert.key(
                    system,
                    incident,
                    AlertKind.SEVERITY_CHANGED,
                    rated.severity().name());
            // the rating before is over: it is not repeated, and a receiver told of it is told it ended
            jdbc.sql("UPDATE alert_notification SET resolved_at = ?, resolution = ? WHERE incident_id = ? AND kind = ?"
                            + " AND alert_key <> ? AND ends_with IS NOT NULL AND resolved_at IS NULL")
                    .params(
                            at.atOffset(ZoneOffset.UTC),
                            "incident " + incident + " rated " + rated.severity() + " since, by " + rated.by(),
                            incident,
                            AlertKind.SEVERITY_CHANGED.name(),
                            key)
                    .update();
            enqueue(new Alert(
                    key,
                    system,
                    incident,
                    AlertKind.SEVERITY_CHANGED,
                    rated.severity().name(),
                    known.outcome(),
                    rated.severity(),
                    at,
                    eventId,
                    "incident " + incident + " rated " + rated.severity() + " by " + rated.by()));
            return;
        }
        if (event instanceof SeriousIncidentReportOverdue late) {
            Incident known = incident(incident);
            enqueue(new Alert(
                    Alert.key(system, incident, AlertKind.SERIOUS_INCIDENT_OVERDUE, null),
                    system,
                    incident,
                    AlertKind.SERIOUS_INCIDENT_OVERDUE,
                    late.kind().name(),
                    known.outcome(),
                    known.severity(),
                    at,
                    eventId,
                    "serious incident " + incident + " (" + late.kind().words()
                            + "): its report to the authority was due " + late.due() + " (EU AI Act Art. 73)"));
            return;
        }
        if (event instanceof FollowUpActionOverdue late) {
            Incident known = incident(incident);
            enqueue(new Alert(
                    Alert.key(system, incident, AlertKind.OVERDUE_ACTION, late.actionId()),
                    system,
                    incident,
                    AlertKind.OVERDUE_ACTION,
                    late.actionId(),
                    known.outcome(),
                    known.severity(),
                    at,
                    eventId,
                    "follow-up action " + late.actionId() + " (" + late.title() + ", owner " + late.owner()
                            + ") is past its due date " + late.due()));
            return;
        }
        if (event instanceof IncidentResolved resolved) {
            end(
                    system,
                    AlertRules.incidentCondition(incident),
                    at,
                    eventId,
                    "incident " + incident + " resolved"
                            + (resolved.quiet() ? ": quiet past the correlation window" : " with a postmortem"),
                    true);
            return;
        }
        if (event instanceof IncidentMarkedNotAnIncident none) {
            String why = "incident " + incident + " marked not an incident by " + none.by() + ": " + none.reason();
            end(system, AlertRules.incidentCondition(incident), at, eventId, why, true);
            end(system, AlertRules.reportCondition(incident), at, eventId, why, true);
            return;
        }
        if (event instanceof IncidentMerged merged) {
            // its alerts end: the incident it joined stands for both and alerts as that one does
            String why = "incident " + incident + " merged into " + merged.into() + " by " + merged.by() + ": "
                    + merged.reason();
            end(system, AlertRules.incidentCondition(incident), at, eventId, why, true);
            return;
        }
        if (event instanceof SeriousIncidentReported reported) {
            end(
                    system,
                    AlertRules.reportCondition(incident),
                    at,
                    eventId,
                    "serious incident " + incident + " reported to the authority (" + reported.reference() + ") by "
                            + reported.by(),
                    true);
            return;
        }
        if (event instanceof FollowUpActionUpdated action) {
            // an action can be late again (reopened, or its new due date passes): its end is not for good
            if (action.status() != ActionStatus.OPEN) {
                end(
                        system,
                        AlertRules.actionCondition(action.actionId()),
                        at,
                        eventId,
                        "follow-up action " + action.actionId() + " "
                                + (action.status() == ActionStatus.DONE ? "done" : "dropped") + " by " + action.by(),
                        false);
            } else if (action.due() != null && action.due().isAfter(at)) {
                end(
                        system,
                        AlertRules.actionCondition(action.actionId()),
                        at,
                        eventId,
                        "follow-up action " + action.actionId() + " is due " + action.due() + " now (by " + action.by()
                                + ")",
                        false);
            }
            return;
        }
        if (!(event instanceof IncidentAssessed assessed)) {
            return;
        }
        Outcome outcome = assessed.assessment().outcome();
        remember(system, incident, outcome, null);
        if (event instanceof IncidentEscalated
                || event instanceof IncidentContained
                || event instanceof IncidentReassessed) {
            flipped(incident, at, eventId);
        }
        Severity severity = incident(incident).severity();
        List<AlertKind> kinds = new ArrayList<>();
        if (event instanceof IncidentOpened) {
            kinds.add(AlertKind.INCIDENT_OPENED);
        } else if (event instanceof IncidentEscalated) {
            kinds.add(AlertKind.INCIDENT_ESCALATED);
        } else if (!(event instanceof IncidentReassessed)) {
            return; // progress and containment: better news, or no news
        }
        if (outcome == Outcome.TOP_EVENT || outcome == Outcome.FULL_FAILURE) {
            kinds.add(AlertKind.TOP_EVENT); // a full failure got past the top event too (and inhibits this alert)
        }
        if (outcome == Outcome.FULL_FAILURE) {
            kinds.add(AlertKind.FULL_FAILURE);
        }
        for (AlertKind kind : kinds) {
            enqueue(new Alert(
                    Alert.key(system, incident, kind, null),
                    system,
                    incident,
                    kind,
                    null,
                    outcome,
                    severity,
                    at,
                    eventId,
                    summary(kind, incident, outcome)));
        }
    }

    @EventHandler
    void on(RiskClassChanged event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        String system = event.systemId().value();
        flipped(system + "/class", at, eventId);
        // an earlier class change nobody acknowledged is over: the system has another class now
        jdbc.sql("UPDATE alert_notification SET resolved_at = ?, resolution = ? WHERE system_id = ? AND kind = ? AND"
                        + " ends_with IS NOT NULL AND ends_with <> ? AND resolved_at IS NULL")
                .params(
                        at.atOffset(ZoneOffset.UTC),
                        "system " + system + " changed class again, to " + event.to(),
                        system,
                        AlertKind.CLASS_CHANGED.name(),
                        AlertRules.classCondition(system, event.to().name()))
                .update();
        enqueue(new Alert(
                Alert.key(system, null, AlertKind.CLASS_CHANGED, event.to().name()),
                system,
                null,
                AlertKind.CLASS_CHANGED,
                event.to().name(),
                null,
                null,
                at,
                eventId,
                "system " + system + " changed class: " + event.from() + " → " + event.to()));
    }

    @EventHandler
    void on(ClassChangeAcknowledged event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        String system = event.systemId().value();
        end(
                system,
                AlertRules.classCondition(system, event.riskClass().name()),
                at,
                eventId,
                "the class change of " + system + " to " + event.riskClass() + " was acknowledged",
                false);
    }

    @EventHandler
    void on(ActivityAfterShutdown event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        String system = event.systemId().value();
        String incident = event.incidentId() == null ? null : event.incidentId().value();
        Incident known = incident == null ? new Incident(null, null) : incident(incident);
        enqueue(new Alert(
                Alert.key(system, incident, AlertKind.ACTIVITY_AFTER_SHUTDOWN, null),
                system,
                incident,
                AlertKind.ACTIVITY_AFTER_SHUTDOWN,
                null,
                known.outcome(),
                known.severity(),
                at,
                eventId,
                "system " + system + " was active at " + event.occurredAt() + ", after its shutdown at "
                        + event.shutdownAt()));
    }

    private static String summary(AlertKind kind, String incident, Outcome outcome) {
        return switch (kind) {
            case INCIDENT_OPENED -> "incident " + incident + " opened: " + outcome;
            case INCIDENT_ESCALATED -> "incident " + incident + " escalated to " + outcome;
            case TOP_EVENT -> "incident " + incident + " reached the top event";
            case FULL_FAILURE -> "incident " + incident + " is a full failure";
            default -> "incident " + incident + ": " + kind.wire();
        };
    }

    /**
     * What the alert was about ended: every alert waiting for that end is resolved (once: an event handled again finds
     * them resolved). {@code forGood}: it cannot start again (a closed incident), so an alert raised about it later is
     * a one-off.
     */
    private void end(String system, String condition, Instant at, String eventId, String resolution, boolean forGood) {
        String text = resolution.length() > 400 ? resolution.substring(0, 397) + "..." : resolution;
        jdbc.sql("UPDATE alert_notification SET resolved_at = ?, resolution = ? WHERE ends_with = ? AND resolved_at IS"
                        + " NULL")
                .params(at.atOffset(ZoneOffset.UTC), text, condition)
                .update();
        if (forGood && !ended(condition)) {
            jdbc.sql("INSERT INTO alert_condition (condition_key, system_id, ended_at, resolution, event_id) VALUES"
                            + " (?, ?, ?, ?, ?)")
                    .params(condition, system, at.atOffset(ZoneOffset.UTC), text, eventId)
                    .update();
        }
    }

    private boolean ended(String condition) {
        return jdbc.sql("SELECT COUNT(*) FROM alert_condition WHERE condition_key = ?")
                        .param(condition)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Queues the alert for every route that takes it, once per route and key. */
    void enqueue(Alert alert) {
        Instant now = clock.instant();
        String condition = AlertRules.condition(alert);
        if (condition != null && ended(condition)) {
            condition = null; // about something already over (e.g. a closed incident): sent once, never resolved
        }
        for (Route route : store.routes()) {
            if (!AlertRules.matches(route.matchers(), alert)) {
                continue;
            }
            boolean queued = jdbc.sql("SELECT COUNT(*) FROM alert_notification WHERE route_id = ? AND alert_key = ?")
                            .params(route.id(), alert.key())
                            .query(Long.class)
                            .single()
                    > 0;
            if (queued) {
                continue; // the same alert is never sent twice to a route (and an event handled again adds nothing)
            }
            Instant due = jdbc
                    .sql("SELECT MIN(due_at) AS due FROM alert_notification WHERE route_id = ? AND"
                            + " group_key = ? AND status = 'PENDING'")
                    .params(route.id(), alert.groupKey())
                    .query((rs, i) -> Optional.ofNullable(AlertingStore.instant(rs, "due")))
                    .list()
                    .stream()
                    .flatMap(Optional::stream)
                    .findFirst()
                    .orElse(null);
            if (due == null) {
                due = now.plus(properties.groupWait());
            }
            jdbc.sql("INSERT INTO alert_notification (route_id, alert_key, group_key, system_id, incident_id, kind,"
                            + " outcome, severity, alert, status, created_at, due_at, ends_with)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)")
                    .params(
                            route.id(),
                            alert.key(),
                            alert.groupKey(),
                            alert.systemId(),
                            alert.incidentId(),
                            alert.kind().name(),
                            alert.outcome() == null ? null : alert.outcome().name(),
                            alert.severity() == null ? null : alert.severity().name(),
                            store.json(alert),
                            now.atOffset(ZoneOffset.UTC),
                            due.atOffset(ZoneOffset.UTC),
                            condition)
                    .update();
        }
    }

    record Incident(Outcome outcome, Severity severity) {}

    private Incident incident(String incident) {
        return jdbc.sql("SELECT outcome, severity FROM alert_incident WHERE incident_id = ?")
                .param(incident)
                .query((rs, i) -> new Incident(
                        rs.getString("outcome") == null ? null : Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("severity") == null ? null : Severity.valueOf(rs.getString("severity"))))
                .optional()
                .orElse(new Incident(null, null));
    }

    private void remember(String system, String incident, Outcome outcome, Severity severity) {
        int updated = jdbc.sql("UPDATE alert_incident SET outcome = COALESCE(?, outcome), severity = COALESCE(?,"
                        + " severity) WHERE incident_id = ?")
                .params(outcome == null ? null : outcome.name(), severity == null ? null : severity.name(), incident)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO alert_incident (incident_id, system_id, outcome, severity) VALUES (?, ?, ?, ?)")
                    .params(
                            incident,
                            system,
                            outcome == null ? null : outcome.name(),
                            severity == null ? null : severity.name())
                    .update();
        }
    }

    private void flipped(String subject, Instant at, String eventId) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM alert_flip WHERE event_id = ?")
                        .param(eventId)
                        .query(Long.class)
                        .single()
                > 0;
        if (!known) {
            jdbc.sql("INSERT INTO alert_flip (subject, flipped_at, event_id) VALUES (?, ?, ?)")
                    .params(subject, at.atOffset(ZoneOffset.UTC), eventId)
                    .update();
        }
    }
}
