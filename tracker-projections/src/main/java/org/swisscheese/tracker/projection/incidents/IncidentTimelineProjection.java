package org.swisscheese.tracker.projection.incidents;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionAdded;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionUpdated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssigned;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentNoteAdded;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResponse;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSeverityChanged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSplit;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentUnassigned;
import org.swisscheese.tracker.api.AiSystemEvent.ReportJoinedIncident;
import org.swisscheese.tracker.api.AiSystemEvent.ReportReclassified;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentDeclared;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReportOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReported;
import org.swisscheese.tracker.api.AiSystemEvent.SystemChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierCondition.Fact;
import org.swisscheese.tracker.domain.BarrierMark;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.IncidentJudge;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Path;
import org.swisscheese.tracker.domain.PathJudgement;
import org.swisscheese.tracker.domain.ReportClass;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.Severity;
import org.swisscheese.tracker.domain.Shutdowns;
import org.swisscheese.tracker.domain.Step;
import org.swisscheese.tracker.domain.SystemChanges;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.BarrierOnPath;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.FindIncidents;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.GetIncident;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.GetIncidentTimeline;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.IncidentPage;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.IncidentView;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.PathState;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.ReportView;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.ResponseAct;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.SeriousIncident;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.SystemChangeView;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.Timeline;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.TimelineEntry;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.TimelineStep;
import org.swisscheese.tracker.projection.support.BarrierFacts;
import org.swisscheese.tracker.projection.support.BatchCache;
import org.swisscheese.tracker.projection.support.BatchWrites;
import org.swisscheese.tracker.projection.support.JsonColumns;

/**
 * Incidents as the aggregate judged them, with every report in order, so an analyst can replay them step by step:
 * each step is judged again by the domain's {@link IncidentJudge}, under the bow-tie the incident was judged with and
 * the barrier states of that moment. Its own tables, its own processing group: reset and replayed on its own. Rows
 * are inserted without checking for an earlier copy: the processor stores its position in the same transaction, so
 * each event is applied once, and a replay starts from empty tables.
 */
@Component
@ProcessingGroup(IncidentTimelineProjection.NAME)
public class IncidentTimelineProjection {

    public static final String NAME = "incident-timeline";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<PathJudgement>> PATHS = new TypeReference<>() {};
    /** Where the off-switch failure inferred from activity after shutdown comes from. */
    static final String TRACKER = "tracker";

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final BarrierFacts facts;
    /** Per system, the revision of its bow-tie, as read or written by the batch. */
    private final BatchCache<String, Integer> revisions = new BatchCache<>(NAME + ".revisions");
    /**
     * The reports' rows and the incidents' counts, written once per batch as it commits; the responses that read, move
     * or recount reports (reclassify, merge, split) have them written first ({@link #reportsWritten}).
     */
    private final BatchWrites<ReportKey, List<Object>> reports =
            new BatchWrites<>(NAME + ".reports", IncidentTimelineProjection::sameReportTwice, this::insertReports);

    private final BatchWrites<String, Tally> tallies =
            new BatchWrites<>(NAME + ".tallies", Tally::plus, this::countReports);

    public IncidentTimelineProjection(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.json = new JsonColumns(mapper);
        this.facts = new BarrierFacts(jdbc, "timeline_barrier_fact");
    }

    // --- events ----------------------------------------------------------------------------------------------

    @EventHandler
    void on(SystemRegistered e) {
        saveBowTie(e.systemId().value(), 1, e.bowTie());
    }

    @EventHandler
    void on(BowTieRevised e) {
        saveBowTie(e.systemId().value(), currentRevision(e.systemId().value()) + 1, e.bowTie());
    }

    private void saveBowTie(String systemId, int revision, BowTie bowTie) {
        jdbc.sql("INSERT INTO timeline_bowtie (system_id, revision, bowtie) VALUES (?, ?, ?)")
                .param(systemId)
                .param(revision)
                .param(json.write(bowTie))
                .update();
        revisions.put(systemId, revision);
    }

    private int currentRevision(String systemId) {
        return revisions.get(
                systemId,
                id -> jdbc.sql("SELECT COALESCE(MAX(revision), 0) FROM timeline_bowtie WHERE system_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single());
    }

    @EventHandler
    void on(IncidentOpened event) {
        String id = event.incidentId().value();
        List<Object> params = new ArrayList<>(List.of(
                id,
                event.systemId().value(),
                Long.parseLong(id.substring(id.lastIndexOf('.') + 1)),
                nullable(event.chainId())));
        params.addAll(assessmentColumns(event.assessment()));
        params.add(currentRevision(event.systemId().value()));
        params.add(timestamp(event.openedAt()));
        params.add(timestamp(event.openedAt()));
        jdbc.sql("""
                        INSERT INTO incident (incident_id, system_id, incident_no, chain_id, status, outcome, threat_line,
                          consequence_line, path, threat_length, position, path_length, margin, stopped_by,
                          breached_barriers, breached_count, silently_passed, detected_by, paths, top_event_reached,
                          harm_reported, activity_after_shutdown, bowtie_revision, report_count, opened_at, last_report_at)
                        VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, 0, ?, ?)""").params(params).update();
    }

    @EventHandler
    void on(IncidentAssessed event) {
        if (event instanceof IncidentOpened) {
            return;
        }
        List<Object> params = new ArrayList<>(assessmentColumns(event.assessment()));
        params.add(currentRevision(event.systemId().value()));
        params.add(nullable(event instanceof IncidentReassessed r ? r.reason() : null));
        params.add(event.incidentId().value());
        jdbc.sql("""
                        UPDATE incident SET outcome = ?, threat_line = ?, consequence_line = ?, path = ?, threat_length = ?,
                          position = ?, path_length = ?, margin = ?, stopped_by = ?, breached_barriers = ?,
                          breached_count = ?, silently_passed = ?, detected_by = ?, paths = ?, top_event_reached = ?,
                          harm_reported = ?, bowtie_revision = ?, reassessed_reason = COALESCE(?, reassessed_reason)
                        WHERE incident_id = ?""").params(params).update();
    }

    /**
     * A report of an incident takes its place on the timeline. Not the off-switch breach the first release inferred
     * from activity that arrived after a shutdown (even activity that had occurred before it): it is no evidence, and
     * the replay would judge each step with an invented failure. Where activity really defeated the shutdown, the
     * history's correction appends {@link ActivityAfterShutdown}, shown below.
     */
    @EventHandler
    void on(ReportRecorded event, @SequenceNumber long sequence) {
        if (event instanceof BarrierBreached b && b.inferredFrom() != null) {
            return;
        }
        if (event.incidentId() != null) {
            saveReport(event.incidentId(), event.report(), event.barrierVersion(), sequence, null);
        }
    }

    @EventHandler
    void on(ReportJoinedIncident event, @SequenceNumber long sequence) {
        saveReport(event.incidentId(), event.report(), event.barrierVersion(), sequence, null);
    }

    /** The off switch did not really work: its failure shows on the incident's timeline where the activity was. */
    @EventHandler
    void on(ActivityAfterShutdown event, @SequenceNumber long sequence) {
        if (event.incidentId() == null) {
            return;
        }
        jdbc.sql("UPDATE incident SET activity_after_shutdown = TRUE WHERE incident_id = ?")
                .param(event.incidentId().value())
                .update();
        if (event.offSwitchId() != null) {
            Report failure = new Report(
                    Shutdowns.inferredFailureId(event.activityReportId()),
                    ReportType.SHUTDOWN_FAILED,
                    event.offSwitchId(),
                    null,
                    event.occurredAt(),
                    event.occurredAt(),
                    TRACKER,
                    "activity after the shutdown of " + event.shutdownAt() + ": the off switch did not hold",
                    null,
                    null,
                    null,
                    null);
            saveReport(event.incidentId(), failure, null, sequence, event.activityReportId());
        }
    }

    private void saveReport(
            IncidentId incidentId, Report r, Integer barrierVersion, long arrival, String inferredFrom) {
        String source = r.source() == null ? "" : r.source();
        reports.write(
                new ReportKey(incidentId.value(), source, r.reportId()),
                Arrays.asList(
                        incidentId.value(),
                        r.reportId(),
                        source,
                        arrival,
                        r.type().name(),
                        nullable(r.barrierId()),
                        new SqlParameterValue(Types.INTEGER, barrierVersion),
                        nullable(r.chainId()),
                        timestamp(r.occurredAt()),
                        timestamp(r.receivedAt()),
                        nullable(truncate(r.detail(), 4000)),
                        nullable(r.consequenceLine()),
                        nullable(inferredFrom)));
        tallies.write(incidentId.value(), new Tally(1, r.occurredAt()));
    }

    /** A row of {@code incident_report}: its key. */
    private record ReportKey(String incidentId, String source, String reportId) {}

    /** Reports to add to an incident's count, and the latest of them. */
    private record Tally(int reports, Instant latest) {
        Tally plus(Tally other) {
            return new Tally(reports + other.reports, latest.isAfter(other.latest) ? latest : other.latest);
        }
    }

    /** The reports' rows, {@value #ROWS_PER_STATEMENT} to a statement. */
    private void insertReports(Map<ReportKey, List<Object>> rows) {
        BatchWrites.inStatementsOf(ROWS_PER_STATEMENT, rows.values(), some -> {
            jdbc.sql("""
                            INSERT INTO incident_report (incident_id, report_id, source, arrival, type, barrier_id,
                              barrier_version, chain_id, occurred_at, received_at, detail, consequence_line, inferred_from)
                            VALUES %s""".formatted(String.join(
                            ", ", Collections.nCopies(some.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))))
                    .params(some.stream().flatMap(List::stream).toList())
                    .update();
        });
    }

    /** The incidents' report counts and latest reports, moved on by what the batch added. */
    private void countReports(Map<String, Tally> tallies) {
        BatchWrites.inStatementsOf(ROWS_PER_STATEMENT, tallies.entrySet(), some -> {
            List<Object> params = new ArrayList<>();
            some.forEach(tally -> {
                params.add(tally.getKey());
                params.add(tally.getValue().reports());
                params.add(timestamp(tally.getValue().latest()));
            });
            jdbc.sql("""
                            MERGE INTO incident i
                            USING (VALUES %s) AS t (incident_id, reports, latest)
                            ON i.incident_id = t.incident_id
                            WHEN MATCHED THEN UPDATE SET report_count = i.report_count + t.reports,
                              last_report_at = CASE WHEN i.last_report_at < t.latest THEN t.latest
                                ELSE i.last_report_at END""".formatted(String.join(
                            ", ",
                            Collections.nCopies(
                                    some.size(),
                                    "(CAST(? AS VARCHAR), CAST(? AS INT), CAST(? AS TIMESTAMP WITH TIME ZONE))"))))
                    .params(params)
                    .update();
        });
    }

    private static final int ROWS_PER_STATEMENT = 500;

    @EventHandler
    void on(BarrierStateChanged event) {
        facts.record(event);
    }

    @EventHandler
    void on(IncidentResolved event, @MetaDataValue("user") String user) {
        jdbc.sql("""
                        UPDATE incident SET status = 'RESOLVED', outcome = ?, resolved_at = ?, resolved_quietly = ?,
                          resolved_by = ?, postmortem = ?
                        WHERE incident_id = ?""")
                .param(event.outcome().name())
                .param(timestamp(event.resolvedAt()))
                .param(event.quiet())
                .param(nullable(event.quiet() ? null : user))
                .param(nullable(json.write(event.postmortem())))
                .param(event.incidentId().value())
                .update();
    }

    /**
     * What a person did about an incident: the incident shows where response stands, and the act takes its place on
     * the timeline. Closing as not an incident closes it like a resolution (when, by whom), with its reason.
     */
    @EventHandler
    void on(IncidentResponse event, @SequenceNumber long sequence) {
        String id = event.incidentId().value();
        String kind;
        String value = null;
        String previous = null;
        if (event instanceof IncidentAcknowledged) {
            kind = "ACKNOWLEDGED";
            jdbc.sql("UPDATE incident SET acknowledged_at = ?, acknowledged_by = ? WHERE incident_id = ?")
                    .param(timestamp(event.at()))
                    .param(event.by())
                    .param(id)
                    .update();
        } else if (event instanceof IncidentAssigned assigned) {
            kind = "ASSIGNED";
            value = assigned.assignee();
            previous = assigned.previousAssignee();
            jdbc.sql("UPDATE incident SET assignee = ? WHERE incident_id = ?")
                    .param(value)
                    .param(id)
                    .update();
        } else if (event instanceof SeriousIncidentDeclared declared) {
            kind = "SERIOUS_INCIDENT_DECLARED";
            value = declared.kind().name() + ", aware since " + declared.awareAt() + ", report due " + declared.due();
            jdbc.sql("""
                            UPDATE incident SET serious_kind = ?, serious_aware_at = ?, serious_due = ?
                            WHERE incident_id = ?""")
                    .param(declared.kind().name())
                    .param(timestamp(declared.awareAt()))
                    .param(timestamp(declared.due()))
                    .param(id)
                    .update();
        } else if (event instanceof SeriousIncidentReported reported) {
            kind = "SERIOUS_INCIDENT_REPORTED";
            value = reported.reference();
            jdbc.sql("""
                            UPDATE incident SET serious_reported_at = ?, serious_reference = ?, serious_overdue = FALSE
                            WHERE incident_id = ?""")
                    .param(timestamp(reported.at()))
                    .param(reported.reference())
                    .param(id)
                    .update();
        } else if (event instanceof ReportReclassified reclassified) {
            reportsWritten();
            kind = "REPORT_RECLASSIFIED";
            value = reclassified.reportId() + " as " + reclassified.as().words() + ": " + reclassified.reason();
            String source = sourceOf(reclassified.reportKey(), reclassified.reportId());
            jdbc.sql("""
                            UPDATE incident_report SET reclassified_as = ?, reclassified_reason = ?
                            WHERE incident_id = ? AND report_id = ? AND source = ?""")
                    .param(reclassified.as().name())
                    .param(nullable(truncate(reclassified.reason(), 4000)))
                    .param(id)
                    .param(reclassified.reportId())
                    .param(source)
                    .update();
        } else if (event instanceof IncidentUnassigned unassigned) {
            kind = "UNASSIGNED";
            previous = unassigned.previousAssignee();
            jdbc.sql("UPDATE incident SET assignee = NULL WHERE incident_id = ?")
                    .param(id)
                    .update();
        } else if (event instanceof IncidentSeverityChanged changed) {
            kind = "SEVERITY_CHANGED";
            value = changed.severity().name();
            previous = changed.previous() == null ? null : changed.previous().name();
            jdbc.sql("UPDATE incident SET severity = ? WHERE incident_id = ?")
                    .param(value)
                    .param(id)
                    .update();
        } else if (event instanceof IncidentNoteAdded note) {
            kind = "NOTE_ADDED";
            value = note.text();
        } else if (event instanceof IncidentMarkedNotAnIncident none) {
            kind = "MARKED_NOT_AN_INCIDENT";
            value = none.reason();
            jdbc.sql("""
                            UPDATE incident SET status = 'NOT_AN_INCIDENT', outcome = ?, resolved_at = ?,
                              resolved_quietly = FALSE, resolved_by = ?, not_an_incident_reason = ?
                            WHERE incident_id = ?""")
                    .param(none.outcome().name())
                    .param(timestamp(none.at()))
                    .param(none.by())
                    .param(nullable(truncate(none.reason(), 4000)))
                    .param(id)
                    .update();
        } else if (event instanceof IncidentMerged merged) {
            reportsWritten();
            kind = "MERGED_INTO";
            value = merged.into().value() + ": " + merged.reason();
            merge(merged);
            act(
                    merged.into().value(),
                    sequence,
                    "MERGED_WITH",
                    event.by(),
                    event.at(),
                    id + ": " + merged.reason(),
                    null);
        } else if (event instanceof IncidentSplit split) {
            reportsWritten();
            kind = "SPLIT_OFF";
            value = String.join(", ", split.reportIds()) + " to "
                    + split.newIncidentId().value() + ": " + split.reason();
            split(split);
            act(
                    split.newIncidentId().value(),
                    sequence,
                    "SPLIT_FROM",
                    event.by(),
                    event.at(),
                    id + ": " + split.reason(),
                    null);
        } else if (event instanceof FollowUpActionAdded added) {
            kind = "ACTION_ADDED";
            value = added.actionId() + ": " + added.title() + " (owner " + added.owner() + ", due " + added.due() + ")";
        } else if (event instanceof FollowUpActionUpdated updated) {
            kind = "ACTION_UPDATED";
            value = updated.actionId() + ": " + updated.status() + ", owner " + updated.owner() + ", due "
                    + updated.due();
        } else {
            return;
        }
        act(id, sequence, kind, event.by(), event.at(), value, previous);
    }

    /**
     * Merged into another incident: closed as MERGED, naming the one it joined, with its own reports kept (its page
     * shows what it was); the one it joined shows them too, in their place in time.
     */
    private void merge(IncidentMerged merged) {
        String id = merged.incidentId().value();
        String into = merged.into().value();
        jdbc.sql("""
                        UPDATE incident SET status = 'MERGED', merged_into = ?, outcome = ?, resolved_at = ?,
                          resolved_quietly = FALSE, resolved_by = ?
                        WHERE incident_id = ?""")
                .param(into)
                .param(merged.outcome().name())
                .param(timestamp(merged.at()))
                .param(merged.by())
                .param(id)
                .update();
        jdbc.sql("""
                        INSERT INTO incident_report (incident_id, report_id, source, arrival, type, barrier_id,
                          barrier_version, chain_id, occurred_at, received_at, detail, consequence_line, inferred_from,
                          reclassified_as, reclassified_reason)
                        SELECT ?, report_id, source, arrival, type, barrier_id, barrier_version, chain_id, occurred_at,
                          received_at, detail, consequence_line, inferred_from, reclassified_as, reclassified_reason
                        FROM incident_report WHERE incident_id = ?""").param(into).param(id).update();
        // the survivor opened with the earlier of the two, and saw activity after a shutdown if either did
        jdbc.sql("""
                        UPDATE incident SET
                          opened_at = LEAST(opened_at, (SELECT m.opened_at FROM incident m WHERE m.incident_id = ?)),
                          activity_after_shutdown = activity_after_shutdown
                            OR (SELECT m.activity_after_shutdown FROM incident m WHERE m.incident_id = ?)
                        WHERE incident_id = ?""").param(id).param(id).param(into).update();
        recount(into);
    }

    /** Reports split off move to the new incident (opened just before), which names the one it came from. */
    private void split(IncidentSplit split) {
        String from = split.incidentId().value();
        String to = split.newIncidentId().value();
        for (int i = 0; i < split.reportIds().size(); i++) {
            String reportId = split.reportIds().get(i);
            String key = split.reportKeys().get(i);
            jdbc.sql(
                            "UPDATE incident_report SET incident_id = ? WHERE incident_id = ? AND report_id = ? AND source = ?")
                    .param(to)
                    .param(from)
                    .param(reportId)
                    .param(sourceOf(key, reportId))
                    .update();
            // the off switch's failure inferred from it goes with it
            jdbc.sql("UPDATE incident_report SET incident_id = ? WHERE incident_id = ? AND inferred_from = ?")
                    .param(to)
                    .param(from)
                    .param(reportId)
                    .update();
        }
        jdbc.sql("""
                        UPDATE incident SET split_from = ?, activity_after_shutdown = EXISTS (SELECT 1 FROM incident_report r
                          WHERE r.incident_id = ? AND r.inferred_from IS NOT NULL)
                        WHERE incident_id = ?""").param(from).param(to).param(to).update();
        recount(from);
        recount(to);
    }

    /** The source part of a report's identity ({@code source id}); empty for a report without a source. */
    private static String sourceOf(String key, String reportId) {
        return key == null ? "" : key.substring(0, Math.max(0, key.length() - reportId.length() - 1));
    }

    private void recount(String incidentId) {
        jdbc.sql("""
                        UPDATE incident SET
                          report_count = (SELECT COUNT(*) FROM incident_report r WHERE r.incident_id = ?),
                          last_report_at = COALESCE(
                            (SELECT MAX(r.occurred_at) FROM incident_report r WHERE r.incident_id = ?), last_report_at)
                        WHERE incident_id = ?""").param(incidentId).param(incidentId).param(incidentId).update();
    }

    /** A serious incident's report past its due date: on the timeline as the tracker's doing, at that date. */
    @EventHandler
    void on(SeriousIncidentReportOverdue event, @SequenceNumber long sequence) {
        jdbc.sql("UPDATE incident SET serious_overdue = TRUE WHERE incident_id = ?")
                .param(event.incidentId().value())
                .update();
        act(
                event.incidentId().value(),
                sequence,
                "SERIOUS_INCIDENT_OVERDUE",
                TRACKER,
                event.due(),
                event.kind().name() + ", report due " + event.due(),
                null);
    }

    /** An action past its due date: on the timeline as the tracker's doing, at the due date it missed. */
    @EventHandler
    void on(FollowUpActionOverdue event, @SequenceNumber long sequence) {
        act(
                event.incidentId().value(),
                sequence,
                "ACTION_OVERDUE",
                TRACKER,
                event.due(),
                event.actionId() + ": " + event.title() + " (owner " + event.owner() + ")",
                null);
    }

    private void act(String id, long sequence, String kind, String by, Instant at, String value, String previous) {
        jdbc.sql("""
                        INSERT INTO incident_act (incident_id, event_sequence, kind, acted_by, acted_at, act_value,
                          previous_value) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .param(id)
                .param(sequence)
                .param(kind)
                .param(by)
                .param(timestamp(at))
                .param(nullable(truncate(value, 4000)))
                .param(nullable(previous))
                .update();
    }

    /** Kept per system: which incidents show it is decided when a timeline is read ({@link SystemChanges}). */
    @EventHandler
    void on(SystemChanged event, @SequenceNumber long sequence) {
        jdbc.sql("""
                        INSERT INTO timeline_system_change (system_id, event_sequence, report_id, source, kind, version,
                            description, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .param(event.systemId().value())
                .param(sequence)
                .param(event.reportId())
                .param(nullable(event.source()))
                .param(event.kind().name())
                .param(nullable(event.version()))
                .param(nullable(truncate(event.description(), 4000)))
                .param(timestamp(event.occurredAt()))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM timeline_system_change").update();
        facts.reset();
        jdbc.sql("DELETE FROM incident_act").update();
        jdbc.sql("DELETE FROM timeline_bowtie").update();
        jdbc.sql("DELETE FROM incident_report").update();
        jdbc.sql("DELETE FROM incident").update();
    }

    private List<Object> assessmentColumns(Assessment a) {
        return List.of(
                a.outcome().name(),
                nullable(a.threatLineId()),
                nullable(a.consequenceLineId()),
                json.write(a.path()),
                a.threatLength(),
                a.position(),
                a.pathLength(),
                a.margin(),
                nullable(a.stoppedBy()),
                json.write(a.breachedBarriers()),
                a.breachedCount(),
                json.write(a.silentlyPassed()),
                json.write(a.detectedBy()),
                json.write(a.paths()),
                a.topEventReached(),
                a.harmReported());
    }

    /** The batch's report rows and counts, written before a response reads, moves or recounts them. */
    private void reportsWritten() {
        reports.flush();
        tallies.flush();
    }

    /**
     * One report twice in one incident: refused as the table's key refuses it written at once (the parking policy
     * takes that for an event already applied).
     */
    private static List<Object> sameReportTwice(List<Object> first, List<Object> second) {
        throw new DuplicateKeyException(
                "report " + second.get(2) + " " + second.get(1) + " twice in incident " + second.get(0));
    }

    /** JdbcClient's positional params accept nulls only through an explicit typed value. */
    private static Object nullable(String value) {
        return value == null ? new SqlParameterValue(Types.VARCHAR, null) : value;
    }

    // --- queries ---------------------------------------------------------------------------------------------

    @QueryHandler
    public IncidentPage handle(FindIncidents query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.systemId() != null) {
            where.append(" AND system_id = ?");
            params.add(query.systemId());
        }
        if (query.status() != null) {
            where.append(" AND status = ?");
            params.add(query.status());
        }
        if (query.outcome() != null) {
            where.append(" AND outcome = ?");
            params.add(query.outcome().name());
        }
        if (query.from() != null) {
            where.append(" AND opened_at >= ?");
            params.add(timestamp(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND opened_at < ?");
            params.add(timestamp(query.to()));
        }
        if (query.barrierId() != null) {
            where.append(" AND breached_barriers LIKE ?");
            params.add("%\"" + query.barrierId().replace("%", "").replace("_", "\\_") + "\"%");
        }
        if (query.acknowledged() != null) {
            where.append(query.acknowledged() ? " AND acknowledged_at IS NOT NULL" : " AND acknowledged_at IS NULL");
        }
        if (query.assignee() != null) {
            where.append(" AND assignee = ?");
            params.add(query.assignee());
        }
        if (query.severity() != null) {
            where.append(" AND severity = ?");
            params.add(query.severity().name());
        }
        if (query.notAnIncident() != null) {
            where.append(
                    query.notAnIncident()
                            ? " AND status = 'NOT_AN_INCIDENT'"
                            : " AND status NOT IN ('NOT_AN_INCIDENT', 'MERGED')");
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM incident" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.size());
        pageParams.add((long) query.page() * query.size());
        List<IncidentView> items = jdbc.sql("SELECT * FROM incident" + where
                        + " ORDER BY opened_at DESC, incident_id DESC LIMIT ? OFFSET ?")
                .params(pageParams)
                .query(this::incident)
                .list();
        return new IncidentPage(items, query.page(), query.size(), total);
    }

    @QueryHandler
    public Optional<IncidentView> handle(GetIncident query) {
        return row(query.incidentId()).map(Row::view);
    }

    /**
     * Every report in order of occurrence (ties by arrival), each with the incident as it stood after it: judged
     * again by the domain, under the bow-tie the incident was judged with and the barrier states of that moment.
     */
    @QueryHandler
    public Optional<Timeline> handle(GetIncidentTimeline query) {
        Optional<Row> found = row(query.incidentId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IncidentView incident = found.get().view();
        BowTie bowTie = jdbc.sql("SELECT bowtie FROM timeline_bowtie WHERE system_id = ? AND revision = ?")
                .param(incident.systemId())
                .param(found.get().bowTieRevision())
                .query(String.class)
                .optional()
                .map(b -> json.read(b, BowTie.class))
                .orElseThrow();
        List<ReportView> reports = jdbc.sql(
                        "SELECT * FROM incident_report WHERE incident_id = ?" + " ORDER BY occurred_at, arrival")
                .param(query.incidentId())
                .query(IncidentTimelineProjection::report)
                .list();
        Map<String, List<Fact>> known = facts.of(incident.systemId());
        List<Step> steps = new ArrayList<>();
        List<TimelineStep> timeline = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            ReportView r = reports.get(i);
            if (r.reclassifiedAs() == null
                    || !ReportClass.valueOf(r.reclassifiedAs()).removesEvidence()) {
                steps.add(new Step(
                        r.reportId(),
                        ReportType.valueOf(r.type()),
                        r.barrierId(),
                        r.occurredAt(),
                        i,
                        r.consequenceLine()));
            } // a report found to be no evidence is listed where it occurred, and judged as if it never came
            Map<String, org.swisscheese.tracker.domain.BarrierState> states =
                    BarrierFacts.statesAt(known, r.occurredAt());
            Assessment after = IncidentJudge.assess(bowTie, steps, states);
            timeline.add(new TimelineStep(i, r, pathState(bowTie, after, states)));
        }
        List<ResponseAct> acts = jdbc.sql(
                        "SELECT * FROM incident_act WHERE incident_id = ?" + " ORDER BY acted_at, event_sequence")
                .param(query.incidentId())
                .query(IncidentTimelineProjection::act)
                .list();
        List<SystemChangeView> changes = changes(incident);
        return Optional.of(
                new Timeline(incident, timeline, acts, withChanges(entries(reports, acts), reports, changes), changes));
    }

    /** The system's rollouts that belong on this incident's timeline, by when they went out. */
    private List<SystemChangeView> changes(IncidentView incident) {
        return jdbc
                .sql("""
                        SELECT * FROM timeline_system_change WHERE system_id = ? AND occurred_at >= ?
                          AND occurred_at <= ? ORDER BY occurred_at, event_sequence""")
                .param(incident.systemId())
                .param(timestamp(incident.openedAt().minus(SystemChanges.LOOKBACK)))
                .param(timestamp(
                        incident.resolvedAt() == null ? Instant.parse("9999-12-31T00:00:00Z") : incident.resolvedAt()))
                .query((rs, n) -> new SystemChangeView(
                        rs.getString("report_id"),
                        rs.getString("source"),
                        rs.getString("kind"),
                        rs.getString("version"),
                        rs.getString("description"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
                .list()
                .stream()
                .filter(c -> SystemChanges.onTimeline(c.occurredAt(), incident.openedAt(), incident.resolvedAt()))
                .toList();
    }

    /**
     * Rollouts merged into the entries by time, after the reports and acts of the same instant; each points at the
     * step whose judgement stood then.
     */
    static List<TimelineEntry> withChanges(
            List<TimelineEntry> entries, List<ReportView> reports, List<SystemChangeView> changes) {
        List<TimelineEntry> merged = new ArrayList<>();
        int e = 0;
        for (SystemChangeView change : changes) {
            while (e < entries.size() && !entries.get(e).at().isAfter(change.occurredAt())) {
                merged.add(entries.get(e++));
            }
            int step = -1;
            while (step + 1 < reports.size()
                    && !reports.get(step + 1).occurredAt().isAfter(change.occurredAt())) {
                step++;
            }
            merged.add(
                    new TimelineEntry(TimelineEntry.CHANGE, change.occurredAt(), step < 0 ? null : step, null, change));
        }
        merged.addAll(entries.subList(e, entries.size()));
        return merged;
    }

    /**
     * Reports (by occurrence) and acts (by when they were done) merged in time; at the same instant the report comes
     * first. An act points at the step whose judgement stood then.
     */
    static List<TimelineEntry> entries(List<ReportView> reports, List<ResponseAct> acts) {
        List<TimelineEntry> entries = new ArrayList<>();
        int r = 0;
        for (ResponseAct act : acts) {
            while (r < reports.size() && !reports.get(r).occurredAt().isAfter(act.at())) {
                entries.add(
                        new TimelineEntry(TimelineEntry.REPORT, reports.get(r).occurredAt(), r, null));
                r++;
            }
            entries.add(new TimelineEntry(TimelineEntry.ACT, act.at(), r == 0 ? null : r - 1, act));
        }
        for (; r < reports.size(); r++) {
            entries.add(new TimelineEntry(TimelineEntry.REPORT, reports.get(r).occurredAt(), r, null));
        }
        return entries;
    }

    /** The worst path of an assessment, each barrier drawn by the domain's marks. */
    static PathState pathState(
            BowTie bowTie, Assessment after, Map<String, org.swisscheese.tracker.domain.BarrierState> states) {
        Path worst = bowTie.paths().stream()
                .filter(p -> after.on(p).isPresent()
                        && java.util.Objects.equals(p.threatLineId(), after.threatLineId())
                        && java.util.Objects.equals(p.consequenceLineId(), after.consequenceLineId()))
                .findFirst()
                .orElse(null);
        List<BarrierOnPath> barriers = new ArrayList<>();
        if (worst != null) {
            for (BarrierMark mark : IncidentJudge.marks(bowTie, worst, after, states)) {
                BarrierSpec spec = bowTie.barrier(mark.barrierId()).orElseThrow();
                barriers.add(new BarrierOnPath(
                        spec.id(),
                        spec.name(),
                        spec.category().name(),
                        mark.mark().name()));
            }
        }
        return new PathState(
                after.threatLineId(),
                after.consequenceLineId(),
                barriers,
                after.position(),
                after.pathLength(),
                after.threatLength(),
                after.margin(),
                after.outcome(),
                after.stoppedBy(),
                after.breachedBarriers(),
                after.silentlyPassed(),
                after.detectedBy());
    }

    // --- rows ------------------------------------------------------------------------------------------------

    private record Row(IncidentView view, int bowTieRevision) {}

    private Optional<Row> row(String incidentId) {
        return jdbc.sql("SELECT * FROM incident WHERE incident_id = ?")
                .param(incidentId)
                .query((rs, n) -> new Row(incident(rs, n), rs.getInt("bowtie_revision")))
                .optional();
    }

    private IncidentView incident(ResultSet rs, int row) throws SQLException {
        Object quietly = rs.getObject("resolved_quietly");
        String postmortem = rs.getString("postmortem");
        int pathLength = rs.getInt("path_length");
        int margin = rs.getInt("margin");
        return new IncidentView(
                rs.getString("incident_id"),
                rs.getString("system_id"),
                rs.getString("chain_id"),
                rs.getString("status"),
                Outcome.valueOf(rs.getString("outcome")),
                json.read(rs.getString("breached_barriers"), STRINGS),
                rs.getString("stopped_by"),
                rs.getInt("breached_count"),
                pathLength,
                rs.getInt("position"),
                margin,
                pathLength - margin,
                rs.getBoolean("top_event_reached"),
                rs.getBoolean("harm_reported"),
                rs.getString("threat_line"),
                rs.getString("consequence_line"),
                json.read(rs.getString("path"), STRINGS),
                rs.getInt("threat_length"),
                json.read(rs.getString("silently_passed"), STRINGS),
                json.read(rs.getString("detected_by"), STRINGS),
                json.read(rs.getString("paths"), PATHS),
                rs.getBoolean("activity_after_shutdown"),
                rs.getString("reassessed_reason"),
                rs.getInt("report_count"),
                instant(rs, "opened_at"),
                instant(rs, "last_report_at"),
                instant(rs, "resolved_at"),
                quietly == null ? null : rs.getBoolean("resolved_quietly"),
                rs.getString("resolved_by"),
                postmortem == null ? null : json.read(postmortem, Postmortem.class),
                instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                rs.getString("assignee"),
                rs.getString("severity") == null ? null : Severity.valueOf(rs.getString("severity")),
                "NOT_AN_INCIDENT".equals(rs.getString("status")),
                rs.getString("not_an_incident_reason"),
                rs.getString("merged_into"),
                rs.getString("split_from"),
                rs.getString("serious_kind") == null
                        ? null
                        : new SeriousIncident(
                                rs.getString("serious_kind"),
                                instant(rs, "serious_aware_at"),
                                instant(rs, "serious_due"),
                                instant(rs, "serious_reported_at"),
                                rs.getString("serious_reference"),
                                rs.getBoolean("serious_overdue")));
    }

    private static ResponseAct act(ResultSet rs, int row) throws SQLException {
        return new ResponseAct(
                rs.getString("kind"),
                rs.getString("acted_by"),
                instant(rs, "acted_at"),
                rs.getString("act_value"),
                rs.getString("previous_value"));
    }

    private static ReportView report(ResultSet rs, int row) throws SQLException {
        Object version = rs.getObject("barrier_version");
        return new ReportView(
                rs.getString("report_id"),
                rs.getString("source"),
                rs.getString("type"),
                rs.getString("barrier_id"),
                version == null ? null : rs.getInt("barrier_version"),
                rs.getString("chain_id"),
                instant(rs, "occurred_at"),
                instant(rs, "received_at"),
                rs.getString("detail"),
                rs.getString("consequence_line"),
                rs.getString("inferred_from"),
                rs.getString("reclassified_as"),
                rs.getString("reclassified_reason"));
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
