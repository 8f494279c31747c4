package org.swisscheese.tracker.projection.statistics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.DemandResult;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSplit;
import org.swisscheese.tracker.api.AiSystemEvent.ProofTestRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.ReportJoinedIncident;
import org.swisscheese.tracker.api.AiSystemEvent.ReportReclassified;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.SystemChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.projection.support.BarrierFacts;
import org.swisscheese.tracker.projection.support.BatchCache;
import org.swisscheese.tracker.projection.support.BatchWrites;
import org.swisscheese.tracker.projection.support.JsonColumns;

/**
 * The facts behind barrier-effectiveness statistics: every version of every barrier and when it was in force, each
 * demand on a barrier and whether it was met (as the event says: {@code ReportRecorded.demand()}), proof tests, what
 * was learnt about barriers' service, and how far each incident got. History is never rewritten: a removed or
 * re-categorised barrier keeps its past under the version in force then. And the instants each incident's response is
 * measured between ({@code stat_response}), and each system's kind ({@code stat_system}). The arithmetic is done when
 * asked ({@link StatisticsQueries}, {@link ResponseTimes}).
 */
@Component
@ProcessingGroup(BarrierStatisticsProjection.NAME)
public class BarrierStatisticsProjection {

    public static final String NAME = "barrier-statistics";

    static final String NOT_AN_INCIDENT = "NOT_AN_INCIDENT";

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final BarrierFacts facts;
    /** Per system, its barriers' versions, as read by the batch (a demand counts for the version in force). */
    private final BatchCache<String, List<BarrierVersion>> versions = new BatchCache<>(NAME + ".versions");
    /**
     * Per incident, an instant its first report is known to be no later than, as read or written by the batch (only
     * ever moved earlier, by a merge too): a report no earlier changes nothing.
     */
    private final BatchCache<String, Instant> firstReports = new BatchCache<>(NAME + ".first-reports");
    /** Each week's demands and failures, added once per batch as it commits (nothing reads them while it runs). */
    private final BatchWrites<WeekOfBarrier, Counts> weekCounts =
            new BatchWrites<>(NAME + ".week-counts", Counts::plus, this::addToWeeks);
    /**
     * The batch's demands, inserted as it commits, a few hundred rows to a statement; the handlers that read or change
     * stored demands (a report joining an incident, activity after a shutdown, a reclassification, a merge, a split)
     * have them written first ({@link #demandsWritten}).
     */
    private final BatchWrites<DemandKey, List<Object>> demands =
            new BatchWrites<>(NAME + ".demands", BarrierStatisticsProjection::sameDemandTwice, this::insertDemands);

    public BarrierStatisticsProjection(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.json = new JsonColumns(mapper);
        this.facts = new BarrierFacts(jdbc, "stat_fact");
    }

    @EventHandler
    void on(SystemRegistered e, @Timestamp Instant at) {
        String systemId = e.systemId().value();
        jdbc.sql("INSERT INTO stat_system (system_id, kind) VALUES (?, ?)")
                .param(systemId)
                .param(e.kind().name())
                .update();
        e.bowTie().barrierIds().forEach(id -> saveVersion(systemId, e.kind().name(), e.bowTie(), id, 1, at));
        versions.evict(systemId);
        revisions.write(true, true);
    }

    /**
     * A changed or removed barrier's version goes out of force; new versions come into force, under the kind the
     * system was registered as (kept apart from its barriers: it may have had none until now).
     */
    @EventHandler
    void on(BowTieRevised e, @Timestamp Instant at) {
        String systemId = e.systemId().value();
        String kind = jdbc.sql("SELECT kind FROM stat_system WHERE system_id = ?")
                .param(systemId)
                .query(String.class)
                .optional()
                .orElse("OTHER");
        for (Map.Entry<String, Integer> current : Map.copyOf(inForce(systemId)).entrySet()) {
            if (!current.getValue().equals(e.barrierVersions().get(current.getKey()))) {
                jdbc.sql("UPDATE stat_barrier SET until = ? WHERE system_id = ? AND barrier_id = ? AND version = ?")
                        .param(utc(at))
                        .param(systemId)
                        .param(current.getKey())
                        .param(current.getValue())
                        .update();
            }
        }
        Map<String, Integer> before = inForce(systemId);
        e.barrierVersions().forEach((id, version) -> {
            if (!version.equals(before.get(id))) {
                saveVersion(systemId, kind, e.bowTie(), id, version, at);
            }
        });
        versions.evict(systemId);
        revisions.write(true, true);
    }

    private Map<String, Integer> inForce(String systemId) {
        Map<String, Integer> versions = new java.util.HashMap<>();
        jdbc.sql("SELECT barrier_id, version FROM stat_barrier WHERE system_id = ? AND until IS NULL")
                .param(systemId)
                .query(rs -> {
                    versions.put(rs.getString(1), rs.getInt(2));
                });
        return versions;
    }

    private void saveVersion(String systemId, String kind, BowTie bowTie, String barrierId, int version, Instant at) {
        LineSpec line = bowTie.lineOf(barrierId).orElseThrow();
        BarrierSpec b = bowTie.barrier(barrierId).orElseThrow();
        jdbc.sql("""
                        INSERT INTO stat_barrier (system_id, barrier_id, version, name, category, acting, system_kind,
                          line_id, side, position, claimed_pfd, since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .param(systemId)
                .param(barrierId)
                .param(version)
                .param(b.name())
                .param(b.category().name())
                .param(b.acting())
                .param(kind)
                .param(line.id())
                .param(line.side().name())
                .param(line.barrierIds().indexOf(barrierId))
                .param(new SqlParameterValue(Types.DOUBLE, b.claimedPfd()))
                .param(utc(at))
                .update();
    }

    @EventHandler
    void on(ReportRecorded e) {
        if (e.incidentId() != null) {
            earlierReport(e.incidentId().value(), e.report().occurredAt());
        }
        e.demand()
                .ifPresent(result -> saveDemand(
                        e.systemId().value(),
                        e.report(),
                        e.barrierVersion(),
                        e.incidentId() == null ? null : e.incidentId().value(),
                        result));
    }

    private void saveDemand(String systemId, Report report, Integer version, String incidentId, DemandResult result) {
        int inForce = versionAt(systemId, report, version);
        boolean failed = result == DemandResult.FAILED;
        demands.write(
                new DemandKey(systemId, report.identity()),
                Arrays.asList(
                        systemId,
                        report.identity(),
                        report.barrierId(),
                        inForce,
                        new SqlParameterValue(Types.VARCHAR, incidentId),
                        utc(report.occurredAt()),
                        failed));
        count(new CountedDemand(systemId, report.barrierId(), inForce, asStored(report.occurredAt()), failed), 1);
    }

    /** A demand's row: one per report (its key). */
    private record DemandKey(String systemId, String reportKey) {}

    private void insertDemands(Map<DemandKey, List<Object>> rows) {
        BatchWrites.inStatementsOf(DEMANDS_PER_STATEMENT, rows.values(), some -> {
            List<Object> params = new ArrayList<>();
            some.forEach(params::addAll);
            jdbc.sql("""
                            INSERT INTO stat_demand (system_id, report_key, barrier_id, barrier_version, incident_id,
                              occurred_at, failed) VALUES %s""".formatted(String.join(", ", Collections.nCopies(some.size(), "(?, ?, ?, ?, ?, ?, ?)"))))
                    .params(params)
                    .update();
        });
    }

    private static final int DEMANDS_PER_STATEMENT = 500;

    /**
     * One report's demand twice in a batch: refused as the table's key refuses it written at once (the parking policy
     * takes that for an event already applied).
     */
    private static List<Object> sameDemandTwice(List<Object> first, List<Object> second) {
        throw new DuplicateKeyException("demand of report " + second.get(1) + " of " + second.get(0) + " twice");
    }

    /** The batch's demands, written before a handler reads or changes stored demands. */
    private void demandsWritten() {
        demands.flush();
    }

    /** A stored demand, as its week's counts ({@code stat_demand_week}) take it in. */
    private record CountedDemand(String systemId, String barrierId, int version, Instant occurredAt, boolean failed) {}

    private Optional<CountedDemand> demand(String systemId, String reportKey) {
        return jdbc.sql("SELECT barrier_id, barrier_version, occurred_at, failed FROM stat_demand"
                        + " WHERE system_id = ? AND report_key = ?")
                .param(systemId)
                .param(reportKey)
                .query((rs, n) -> new CountedDemand(
                        systemId,
                        rs.getString("barrier_id"),
                        rs.getInt("barrier_version"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getBoolean("failed")))
                .optional();
    }

    /** Adds ({@code sign} 1) or takes away (-1) a demand in its week's counts. */
    private void count(CountedDemand d, int sign) {
        countFailure(d, sign, d.failed() ? sign : 0);
    }

    private void countFailure(CountedDemand d, int demands, int failures) {
        weekCounts.write(
                new WeekOfBarrier(d.systemId(), d.barrierId(), d.version(), StatisticsQueries.weekOf(d.occurredAt())),
                new Counts(demands, failures));
    }

    /** A row of {@code stat_demand_week}: one version of one barrier in one week. */
    private record WeekOfBarrier(String systemId, String barrierId, int version, LocalDate week) {}

    /** Demands and failures to add to a week's counts. */
    private record Counts(int demands, int failures) {
        Counts plus(Counts other) {
            return new Counts(demands + other.demands, failures + other.failures);
        }
    }

    /** Adds the counts to their weeks' rows (a row starts at zero): one statement per {@value #WEEKS_PER_STATEMENT}. */
    private void addToWeeks(Map<WeekOfBarrier, Counts> counts) {
        BatchWrites.inStatementsOf(WEEKS_PER_STATEMENT, counts.entrySet(), some -> {
            List<Object> params = new ArrayList<>();
            some.forEach(row -> {
                params.add(row.getKey().systemId());
                params.add(row.getKey().barrierId());
                params.add(row.getKey().version());
                params.add(row.getKey().week());
                params.add(row.getValue().demands());
                params.add(row.getValue().failures());
            });
            jdbc.sql("""
                            MERGE INTO stat_demand_week w
                            USING (VALUES %s) AS s (system_id, barrier_id, barrier_version, week_start, demands,
                              failures)
                            ON w.system_id = s.system_id AND w.barrier_id = s.barrier_id
                              AND w.barrier_version = s.barrier_version AND w.week_start = s.week_start
                            WHEN MATCHED THEN UPDATE SET demands = w.demands + s.demands,
                              failures = w.failures + s.failures
                            WHEN NOT MATCHED THEN INSERT (system_id, barrier_id, barrier_version, week_start, demands,
                              failures) VALUES (s.system_id, s.barrier_id, s.barrier_version, s.week_start, s.demands,
                              s.failures)""".formatted(String.join(
                            ", ",
                            Collections.nCopies(
                                    some.size(),
                                    "(CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS INT), CAST(? AS DATE),"
                                            + " CAST(? AS INT), CAST(? AS INT))"))))
                    .params(params)
                    .update();
        });
    }

    private static final int WEEKS_PER_STATEMENT = 1_000;

    /**
     * The version of the reported barrier in force when the report occurred (DESIGN §5: a demand counts for the
     * version, and so the category, in force when it occurred). The event carries the version in force when the
     * tracker recorded it, which differs for a report delivered after a revision it preceded; that version stands
     * when no version of the barrier stood in the bow-tie at the occurrence (a source clock ahead of the tracker's,
     * or a barrier removed and added again later), and version 1 for events recorded without one.
     */
    private int versionAt(String systemId, Report report, Integer recorded) {
        Instant occurred = asStored(report.occurredAt());
        return versions.get(systemId, this::loadVersions).stream()
                .filter(v -> v.barrierId().equals(report.barrierId()) && v.inForceAt(occurred))
                .mapToInt(BarrierVersion::version)
                .max()
                .orElse(recorded == null ? 1 : recorded);
    }

    /** A version of a barrier and when it was in force ({@code until} null: it still is). */
    private record BarrierVersion(String barrierId, int version, Instant since, Instant until) {
        boolean inForceAt(Instant t) {
            return !since.isAfter(t) && (until == null || until.isAfter(t));
        }
    }

    private List<BarrierVersion> loadVersions(String systemId) {
        return jdbc.sql("SELECT barrier_id, version, since, until FROM stat_barrier WHERE system_id = ?")
                .param(systemId)
                .query((rs, n) -> new BarrierVersion(
                        rs.getString("barrier_id"),
                        rs.getInt("version"),
                        rs.getObject("since", OffsetDateTime.class).toInstant(),
                        ResponseTimes.instant(rs.getObject("until", OffsetDateTime.class))))
                .list();
    }

    /** An instant as the database keeps it (to the microsecond, rounded), to compare with one read back. */
    private static Instant asStored(Instant t) {
        return t.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    /** A held demand that turned out to belong to an incident opened later. */
    @EventHandler
    void on(ReportJoinedIncident e) {
        demandsWritten();
        earlierReport(e.incidentId().value(), e.report().occurredAt());
        jdbc.sql("UPDATE stat_demand SET incident_id = ? WHERE system_id = ? AND report_key = ?")
                .param(e.incidentId().value())
                .param(e.systemId().value())
                .param(e.report().identity())
                .update();
    }

    /** One shutdown is one demand: activity after it turns its success into a failure. */
    @EventHandler
    void on(ActivityAfterShutdown e) {
        demandsWritten();
        if (e.shutdownReportId() != null && e.offSwitchId() != null) {
            String key = Report.identity(e.shutdownSource(), e.shutdownReportId());
            demand(e.systemId().value(), key).filter(d -> !d.failed()).ifPresent(succeeded -> {
                jdbc.sql("UPDATE stat_demand SET failed = TRUE WHERE system_id = ? AND report_key = ?")
                        .param(e.systemId().value())
                        .param(key)
                        .update();
                countFailure(succeeded, 0, 1);
            });
        }
    }

    /**
     * A report seen again: a spurious trip or a report that does not apply was no demand of its barrier; a drill is a
     * proof test (passed if the barrier held) and no demand; a common-cause failure stays a failed demand, marked.
     */
    @EventHandler
    void on(ReportReclassified e) {
        demandsWritten();
        String system = e.systemId().value();
        switch (e.as()) {
            case PROOF_TEST -> {
                jdbc.sql("""
                                INSERT INTO stat_proof_test (system_id, report_key, barrier_id, barrier_version,
                                  occurred_at, passed)
                                SELECT system_id, report_key, barrier_id, barrier_version, occurred_at, NOT failed
                                FROM stat_demand WHERE system_id = ? AND report_key = ?""").param(system).param(e.reportKey()).update();
                noDemand(system, e.reportKey());
            }
            case SPURIOUS_TRIP, NOT_APPLICABLE -> noDemand(system, e.reportKey());
            case COMMON_CAUSE ->
                jdbc.sql("UPDATE stat_demand SET common_cause = TRUE WHERE system_id = ? AND report_key = ?")
                        .param(system)
                        .param(e.reportKey())
                        .update();
        }
    }

    /** The report was no demand after all: gone, and out of its week's counts. */
    private void noDemand(String systemId, String reportKey) {
        demand(systemId, reportKey).ifPresent(d -> {
            jdbc.sql("DELETE FROM stat_demand WHERE system_id = ? AND report_key = ?")
                    .param(systemId)
                    .param(reportKey)
                    .update();
            count(d, -1);
        });
    }

    @EventHandler
    void on(ProofTestRecorded e) {
        if (e.passed() == null || e.report().barrierId() == null) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO stat_proof_test (system_id, report_key, barrier_id, barrier_version, occurred_at,
                          passed) VALUES (?, ?, ?, ?, ?, ?)""")
                .param(e.systemId().value())
                .param(e.report().identity())
                .param(e.report().barrierId())
                .param(versionAt(e.systemId().value(), e.report(), e.barrierVersion()))
                .param(utc(e.report().occurredAt()))
                .param(e.passed())
                .update();
    }

    @EventHandler
    void on(BarrierStateChanged e) {
        facts.record(e);
    }

    /**
     * Also the response times' instants. {@code at}: when the tracker judged it so (the event's timestamp, the
     * tracker's clock). An incident is contained the first time its outcome is NEAR_MISS (held by a barrier),
     * whichever event says so first, its opening included; a later escalation does not undo that.
     */
    @EventHandler
    void on(IncidentAssessed e, @Timestamp Instant at) {
        Assessment a = e.assessment();
        String id = e.incidentId().value();
        SqlParameterValue heldAt =
                new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, a.outcome() == Outcome.NEAR_MISS ? utc(at) : null);
        if (e instanceof IncidentOpened opened) {
            jdbc.sql("""
                            INSERT INTO stat_response (incident_id, system_id, occurred_at, first_report_at, opened_at,
                              contained_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .param(id)
                    .param(e.systemId().value())
                    .param(utc(opened.openedAt()))
                    .param(utc(opened.openedAt()))
                    .param(utc(at))
                    .param(heldAt)
                    .param(a.outcome().name())
                    .update();
            firstReports.put(id, asStored(opened.openedAt()));
            jdbc.sql("""
                            INSERT INTO stat_incident (incident_id, system_id, threat_line, consequence_line, path_length,
                              margin, outcome, silently_passed, paths, opened_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .param(id)
                    .param(e.systemId().value())
                    .param(text(a.threatLineId()))
                    .param(text(a.consequenceLineId()))
                    .param(a.pathLength())
                    .param(a.margin())
                    .param(a.outcome().name())
                    .param(json.write(a.silentlyPassed()))
                    .param(json.write(a.paths()))
                    .param(utc(opened.openedAt()))
                    .update();
            silentPasses(e.systemId().value(), id, a.silentlyPassed(), false);
        } else {
            jdbc.sql("""
                            UPDATE stat_incident SET threat_line = ?, consequence_line = ?, path_length = ?, margin = ?,
                              outcome = ?, silently_passed = ?, paths = ? WHERE incident_id = ?""")
                    .param(text(a.threatLineId()))
                    .param(text(a.consequenceLineId()))
                    .param(a.pathLength())
                    .param(a.margin())
                    .param(a.outcome().name())
                    .param(json.write(a.silentlyPassed()))
                    .param(json.write(a.paths()))
                    .param(id)
                    .update();
            silentPasses(e.systemId().value(), id, a.silentlyPassed(), true);
            jdbc.sql(
                            "UPDATE stat_response SET outcome = ?, contained_at = COALESCE(contained_at, ?) WHERE incident_id = ?")
                    .param(a.outcome().name())
                    .param(heldAt)
                    .param(id)
                    .update();
        }
    }

    /**
     * The barriers the incident got past with no report about it, one row each with the incident's opening (which
     * says the barrier version it counts for), replacing an earlier judgement's: counted per barrier version by
     * {@code StatisticsQueries}. The incident's own row is written first.
     */
    private void silentPasses(String systemId, String incidentId, List<String> barriers, boolean judgedBefore) {
        if (judgedBefore) {
            forgetSilentPasses(incidentId);
        }
        if (barriers.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(barriers);
        params.add(incidentId);
        jdbc.sql("""
                        INSERT INTO stat_silent_pass (incident_id, barrier_id, system_id, opened_at)
                        SELECT i.incident_id, b.barrier_id, i.system_id, i.opened_at
                        FROM stat_incident i CROSS JOIN (VALUES %s) AS b (barrier_id)
                        WHERE i.incident_id = ?""".formatted(String.join(", ", Collections.nCopies(barriers.size(), "(CAST(? AS VARCHAR(100)))"))))
                .params(params)
                .update();
    }

    private void forgetSilentPasses(String incidentId) {
        jdbc.sql("DELETE FROM stat_silent_pass WHERE incident_id = ?")
                .param(incidentId)
                .update();
    }

    /** A report of the incident that occurred before every one known so far moves its first report back. */
    private void earlierReport(String incidentId, Instant occurredAt) {
        Instant first = firstReports.get(incidentId, this::loadFirstReport);
        if (first != null && !asStored(occurredAt).isBefore(first)) {
            return; // not earlier than the first known
        }
        jdbc.sql("UPDATE stat_response SET first_report_at = ? WHERE incident_id = ? AND first_report_at > ?")
                .param(utc(occurredAt))
                .param(incidentId)
                .param(utc(occurredAt))
                .update();
        if (first != null) {
            firstReports.put(incidentId, asStored(occurredAt));
        }
    }

    private Instant loadFirstReport(String incidentId) {
        return jdbc.sql("SELECT first_report_at FROM stat_response WHERE incident_id = ?")
                .param(incidentId)
                .query((rs, n) -> ResponseTimes.instant(rs.getObject(1, OffsetDateTime.class)))
                .optional()
                .orElse(null);
    }

    /** The first acknowledgement (there is only one; one delivered again changes nothing). */
    @EventHandler
    void on(IncidentAcknowledged e) {
        jdbc.sql("UPDATE stat_response SET acknowledged_at = COALESCE(acknowledged_at, ?) WHERE incident_id = ?")
                .param(utc(e.at()))
                .param(e.incidentId().value())
                .update();
    }

    /** Resolved by an analyst ({@code RESOLVED}), or by going quiet past the correlation window ({@code QUIET}). */
    @EventHandler
    void on(IncidentResolved e) {
        jdbc.sql("UPDATE stat_response SET closed_at = ?, closed_as = ? WHERE incident_id = ?")
                .param(utc(e.resolvedAt()))
                .param(e.quiet() ? "QUIET" : "RESOLVED")
                .param(e.incidentId().value())
                .update();
    }

    /**
     * An incident that was none counts in no incident figure (depth, observed full failures, silent passes). Its
     * demands stay: the reports were real, and a barrier that failed a demand failed it whatever the incident was.
     */
    @EventHandler
    void on(IncidentMarkedNotAnIncident e) {
        forgetSilentPasses(e.incidentId().value());
        jdbc.sql("DELETE FROM stat_incident WHERE incident_id = ?")
                .param(e.incidentId().value())
                .update();
        // kept and marked: left out of the response times, counted as left out
        jdbc.sql("UPDATE stat_response SET closed_at = ?, closed_as = ? WHERE incident_id = ?")
                .param(utc(e.at()))
                .param(NOT_AN_INCIDENT)
                .param(e.incidentId().value())
                .update();
    }

    /**
     * A merged incident's reports count for the one it joined: its demands move there and it counts in no incident
     * figure of its own, nor in the response times (the one it joined was detected by its earliest report of either).
     */
    @EventHandler
    void on(IncidentMerged e) {
        demandsWritten();
        String merged = e.incidentId().value();
        String into = e.into().value();
        jdbc.sql("UPDATE stat_demand SET incident_id = ? WHERE incident_id = ?")
                .param(into)
                .param(merged)
                .update();
        jdbc.sql("""
                        UPDATE stat_incident SET opened_at = LEAST(opened_at,
                          COALESCE((SELECT m.opened_at FROM stat_incident m WHERE m.incident_id = ?), opened_at))
                        WHERE incident_id = ?""").param(merged).param(into).update();
        jdbc.sql("UPDATE stat_silent_pass SET opened_at = (SELECT i.opened_at FROM stat_incident i"
                        + " WHERE i.incident_id = ?) WHERE incident_id = ?")
                .param(into)
                .param(into)
                .update();
        forgetSilentPasses(merged);
        jdbc.sql("DELETE FROM stat_incident WHERE incident_id = ?")
                .param(merged)
                .update();
        // each instant of the survivor's response is the earlier of the two: it was noticed, seen to and held as soon
        // as either was (LEAST, with NULL meaning "not yet" on both databases)
        List<String> earliest = Stream.of(
                        "occurred_at", "first_report_at", "opened_at", "acknowledged_at", "contained_at")
                .map(c -> c + " = COALESCE(LEAST(" + c + ", (SELECT m." + c
                        + " FROM stat_response m WHERE m.incident_id"
                        + " = :merged)), " + c + ", (SELECT m." + c + " FROM stat_response m WHERE m.incident_id"
                        + " = :merged))")
                .toList();
        jdbc.sql("UPDATE stat_response SET " + String.join(", ", earliest) + " WHERE incident_id = :into")
                .param("merged", merged)
                .param("into", into)
                .update();
        jdbc.sql("DELETE FROM stat_response WHERE incident_id = ?")
                .param(merged)
                .update();
    }

    /**
     * Reports split off take their demands to the new incident. It was detected with the one it was split off: its
     * response times run from that one's opening, not from the split. It is acknowledged on its own, like any other.
     */
    @EventHandler
    void on(IncidentSplit e) {
        demandsWritten();
        String from = e.incidentId().value();
        String to = e.newIncidentId().value();
        for (String key : e.reportKeys()) {
            jdbc.sql("UPDATE stat_demand SET incident_id = ? WHERE system_id = ? AND report_key = ?")
                    .param(to)
                    .param(e.systemId().value())
                    .param(key)
                    .update();
        }
        jdbc.sql("""
                        UPDATE stat_response SET
                          opened_at = COALESCE((SELECT o.opened_at FROM stat_response o WHERE o.incident_id = ?), opened_at)
                        WHERE incident_id = ?""").param(from).param(to).update();
    }

    /** A rollout: marked on the weekly trend of the system's barriers; never a demand. */
    @EventHandler
    void on(SystemChanged e, @SequenceNumber long sequence) {
        jdbc.sql("""
                        INSERT INTO stat_system_change (system_id, event_sequence, report_id, kind, version, description,
                            occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .param(e.systemId().value())
                .param(sequence)
                .param(e.reportId())
                .param(e.kind().name())
                .param(text(e.version()))
                .param(text(
                        e.description() == null || e.description().length() <= 4000
                                ? e.description()
                                : e.description().substring(0, 4000)))
                .param(e.occurredAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * The barrier versions changed: a read of the fleet's versions kept by {@link StatisticsQueries} is out of date.
     * Every handler that writes {@code stat_barrier} says so; the revision is counted up once per batch, as it commits,
     * so that two segments' batches hold its one row only for their commits (a replay's first batches are nearly all
     * registrations).
     */
    private void revised() {
        jdbc.sql("UPDATE stat_barrier_revision SET revision = revision + 1 WHERE id = 1")
                .update();
    }

    private final BatchWrites<Boolean, Boolean> revisions =
            new BatchWrites<>(NAME + ".revision", (one, other) -> one, changed -> revised());

    @ResetHandler
    void reset() {
        facts.reset();
        for (String table : new String[] {
            "stat_system",
            "stat_barrier",
            "stat_demand",
            "stat_demand_week",
            "stat_proof_test",
            "stat_incident",
            "stat_silent_pass",
            "stat_response",
            "stat_system_change"
        }) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        revised(); // counted on, not started again: a read kept at revision 0 would otherwise be taken as current
    }

    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
