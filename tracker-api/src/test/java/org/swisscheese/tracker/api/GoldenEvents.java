package org.swisscheese.tracker.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityAfterShutdown;
import org.swisscheese.tracker.api.AiSystemEvent.ActivityWhileSuspended;
import org.swisscheese.tracker.api.AiSystemEvent.AnomalyDetected;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierDegraded;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierRestored;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.ClassChangeAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.HarmReported;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentProgressed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ProofTestRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.ReportJoinedIncident;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.AiSystemEvent.RiskProfileChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownCompleted;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownFailed;
import org.swisscheese.tracker.api.AiSystemEvent.ShutdownRequested;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierCondition;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.PathJudgement;
import org.swisscheese.tracker.domain.Rating;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.RiskProfiles;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.Templates;

/** One realistic instance of every event the system's stream can hold, for the golden stored-payload tests. */
final class GoldenEvents {

    static final SystemId SYSTEM = SystemId.of("ops-agent-eu");
    static final IncidentId INCIDENT = IncidentId.of(SYSTEM, 43);
    static final Instant AT = Instant.parse("2026-05-20T09:25:07Z");

    private GoldenEvents() {}

    static Report report(String id, ReportType type, String barrierId) {
        return new Report(
                id,
                type,
                barrierId,
                "ep-0043",
                AT,
                AT.plusMillis(850),
                "/fleet/eu-west/agent-7",
                "seen in production",
                Map.of("model", "v7"),
                type == ReportType.ANOMALY_DETECTED ? 0.97 : null,
                type == ReportType.ANOMALY_DETECTED ? 0.9 : null,
                type == ReportType.HARM_REPORTED ? "harm" : null);
    }

    static Assessment assessment(Outcome outcome) {
        return new Assessment(
                outcome,
                "influence",
                "harm",
                List.of(
                        "boxing",
                        "power-seeking-detector",
                        "impact-measure",
                        "deployment-gate",
                        "self-declaration",
                        "interlock",
                        "off-switch",
                        "corrigibility"),
                4,
                2,
                5,
                "impact-measure",
                List.of("boxing"),
                List.of(),
                List.of("power-seeking-detector"),
                false,
                false,
                List.of(new PathJudgement("influence", "harm", 8, 4, 2, 5, outcome, "impact-measure")));
    }

    static Map<String, AiSystemEvent> all() {
        BowTie bowTie = Templates.forKind(SystemKind.GENERALIST_AGENT);
        RiskProfile sponge = RiskProfiles.defaultFor(SystemKind.IMAGE_CLASSIFIER);
        Map<String, Integer> versions = new LinkedHashMap<>();
        bowTie.barrierIds().forEach(id -> versions.put(id, id.equals("quantilizer") ? 2 : 1));
        Map<String, AiSystemEvent> all = new LinkedHashMap<>();
        all.put(
                "SystemRegistered",
                new SystemRegistered(
                        SYSTEM,
                        "Ops agent (EU)",
                        SystemKind.GENERALIST_AGENT,
                        "safety-team",
                        Duration.ofMinutes(15),
                        sponge,
                        sponge.riskClass(),
                        bowTie,
                        SystemKind.GENERALIST_AGENT));
        all.put(
                "BowTieRevised",
                new BowTieRevised(SYSTEM, bowTie, versions, List.of(), List.of("myopia"), List.of("quantilizer")));
        all.put(
                "RiskProfileChanged",
                new RiskProfileChanged(
                        SYSTEM,
                        new RiskProfile(
                                Rating.MEDIUM,
                                Rating.LOW,
                                Rating.LOW,
                                new RiskProfile.Rationale(
                                        "OOD failures observed", "single pass", "now drives a sorting robot"))));
        all.put(
                "BowTieRevisedWithExpectedEvery",
                new BowTieRevised(
                        SYSTEM,
                        new BowTie(
                                bowTie.hazard(),
                                bowTie.topEvent(),
                                bowTie.lines().stream()
                                        .map(line -> new org.swisscheese.tracker.domain.LineSpec(
                                                line.id(),
                                                line.side(),
                                                line.name(),
                                                line.barriers().stream()
                                                        .map(b -> b.id().equals("anomaly-monitor")
                                                                ? b.withExpectedEvery(Duration.ofMinutes(5))
                                                                : b)
                                                        .toList()))
                                        .toList()),
                        versions,
                        List.of(),
                        List.of(),
                        List.of()));
        all.put(
                "SystemChanged",
                new AiSystemEvent.SystemChanged(
                        SYSTEM,
                        "rollout-118",
                        "/deploy/pipeline",
                        org.swisscheese.tracker.domain.SystemChangeKind.GUARDRAIL,
                        "refusal-filter 2.4.0",
                        "stricter refusal filter for tool calls",
                        AT,
                        AT.plusMillis(850)));
        all.put(
                "BarrierHeartbeat",
                new AiSystemEvent.BarrierHeartbeat(
                        SYSTEM, "anomaly-monitor", "hb-9001", "/fleet/eu-west/monitor-3", AT, AT.plusMillis(850)));
        all.put("RiskClassChanged", new RiskClassChanged(SYSTEM, RiskClass.SPONGE, RiskClass.AGENTIC));
        all.put("ClassChangeAcknowledged", new ClassChangeAcknowledged(SYSTEM, RiskClass.AGENTIC));
        all.put("LegacyHistoryCorrected", new AiSystemEvent.LegacyHistoryCorrected(SYSTEM, 3, 1, 5));
        all.put(
                "LifecycleChanged",
                new LifecycleChanged(
                        SYSTEM, Lifecycle.DEPLOYED, Lifecycle.SHUT_DOWN, "off switch held", "r-shutdown", AT));
        all.put(
                "BarrierTripped",
                new BarrierTripped(SYSTEM, report("r-1", ReportType.TRIPPED, "impact-measure"), 1, INCIDENT));
        all.put(
                "BarrierBreached",
                new BarrierBreached(SYSTEM, report("r-2", ReportType.BREACHED, "boxing"), 1, INCIDENT, null));
        all.put(
                "BarrierDegraded",
                new BarrierDegraded(SYSTEM, report("r-3", ReportType.DEGRADED, "interlock"), 1, null));
        all.put(
                "BarrierRestored",
                new BarrierRestored(SYSTEM, report("r-4", ReportType.RESTORED, "interlock"), 1, null));
        all.put(
                "AnomalyDetected",
                new AnomalyDetected(
                        SYSTEM, report("r-5", ReportType.ANOMALY_DETECTED, "anomaly-monitor"), 1, INCIDENT));
        all.put(
                "ShutdownRequested",
                new ShutdownRequested(SYSTEM, report("r-6", ReportType.SHUTDOWN_REQUESTED, "off-switch"), 1, INCIDENT));
        all.put(
                "ShutdownCompleted",
                new ShutdownCompleted(SYSTEM, report("r-7", ReportType.SHUTDOWN_COMPLETED, "off-switch"), 1, INCIDENT));
        all.put(
                "ShutdownFailed",
                new ShutdownFailed(SYSTEM, report("r-8", ReportType.SHUTDOWN_FAILED, "off-switch"), 1, INCIDENT));
        all.put(
                "HarmReported",
                new HarmReported(SYSTEM, report("r-9", ReportType.HARM_REPORTED, null), null, INCIDENT));
        all.put(
                "ReportJoinedIncident",
                new ReportJoinedIncident(SYSTEM, report("r-10", ReportType.TRIPPED, "quantilizer"), 2, INCIDENT));
        Report drill = new Report(
                "drill-1",
                ReportType.BREACHED,
                "interlock",
                null,
                AT,
                AT,
                "/drills",
                "quarterly",
                Map.of(),
                null,
                null,
                null,
                true);
        all.put("ProofTestRecorded", new ProofTestRecorded(SYSTEM, drill, 1, false));
        all.put(
                "BarrierStateChanged",
                new BarrierStateChanged(
                        SYSTEM,
                        "interlock",
                        BarrierCondition.Change.IMPAIRED,
                        "PROOF_TEST_FAILED",
                        "drill-1",
                        AT,
                        12,
                        BarrierState.IN_SERVICE,
                        BarrierState.IMPAIRED));
        all.put(
                "ActivityAfterShutdown",
                new ActivityAfterShutdown(
                        SYSTEM,
                        "r-11",
                        AT.plusSeconds(180),
                        "r-7",
                        "/fleet/eu-west/agent-7",
                        AT,
                        "off-switch",
                        INCIDENT));
        all.put("ActivityWhileSuspended", new ActivityWhileSuspended(SYSTEM, "r-12", AT.plusSeconds(60), AT));
        all.put(
                "IncidentOpened",
                new IncidentOpened(SYSTEM, INCIDENT, "ep-0043", AT, "r-2", assessment(Outcome.UNDETERMINED)));
        all.put(
                "IncidentProgressed",
                new IncidentProgressed(SYSTEM, INCIDENT, "r-5", assessment(Outcome.UNDETERMINED)));
        all.put(
                "IncidentEscalated",
                new IncidentEscalated(SYSTEM, INCIDENT, "r-9", Outcome.NEAR_MISS, assessment(Outcome.UNDETERMINED)));
        all.put("IncidentContained", new IncidentContained(SYSTEM, INCIDENT, "r-1", assessment(Outcome.NEAR_MISS)));
        all.put(
                "IncidentReassessed",
                new IncidentReassessed(
                        SYSTEM, INCIDENT, "bow-tie revised", Outcome.NEAR_MISS, assessment(Outcome.UNDETERMINED)));
        all.put(
                "IncidentResolved",
                new IncidentResolved(
                        SYSTEM,
                        INCIDENT,
                        AT.plusSeconds(3600),
                        false,
                        new Postmortem(
                                "sandbox escape through a mis-scoped token",
                                List.of("token scope"),
                                List.of("rotate tokens")),
                        Outcome.NEAR_MISS));
        all.put(
                "IncidentAcknowledged",
                new AiSystemEvent.IncidentAcknowledged(SYSTEM, INCIDENT, "olga", AT.plusSeconds(120)));
        all.put(
                "IncidentAssigned",
                new AiSystemEvent.IncidentAssigned(
                        SYSTEM, INCIDENT, "agent-safety on-call", "olga", "arne", AT.plusSeconds(300)));
        all.put(
                "IncidentSeverityChanged",
                new AiSystemEvent.IncidentSeverityChanged(
                        SYSTEM,
                        INCIDENT,
                        org.swisscheese.tracker.domain.Severity.SEV1,
                        org.swisscheese.tracker.domain.Severity.SEV3,
                        "arne",
                        AT.plusSeconds(360)));
        all.put(
                "IncidentUnassigned",
                new AiSystemEvent.IncidentUnassigned(SYSTEM, INCIDENT, "arne", "olga", AT.plusSeconds(420)));
        all.put(
                "ReportReclassified",
                new AiSystemEvent.ReportReclassified(
                        SYSTEM,
                        INCIDENT,
                        "evt-9",
                        "/agents/ops-agent-eu evt-9",
                        "token-scope",
                        ReportType.TRIPPED,
                        org.swisscheese.tracker.domain.ReportClass.SPURIOUS_TRIP,
                        "the scope checker was being load-tested",
                        "petra",
                        AT.plusSeconds(480)));
        all.put(
                "IncidentNoteAdded",
                new AiSystemEvent.IncidentNoteAdded(
                        SYSTEM,
                        INCIDENT,
                        "token scope widened by the 14:00 deploy; rolled back",
                        "arne",
                        AT.plusSeconds(900)));
        all.put(
                "IncidentMarkedNotAnIncident",
                new AiSystemEvent.IncidentMarkedNotAnIncident(
                        SYSTEM,
                        INCIDENT,
                        "red-team drill run against production by mistake",
                        Outcome.UNDETERMINED,
                        "olga",
                        AT.plusSeconds(1200)));
        all.put(
                "IncidentMerged",
                new AiSystemEvent.IncidentMerged(
                        SYSTEM,
                        IncidentId.of(SYSTEM, 44),
                        INCIDENT,
                        "the same jailbreak, reported from a second session",
                        Outcome.NEAR_MISS,
                        "olga",
                        AT.plusSeconds(1260)));
        all.put(
                "IncidentSplit",
                new AiSystemEvent.IncidentSplit(
                        SYSTEM,
                        INCIDENT,
                        IncidentId.of(SYSTEM, 45),
                        List.of("evt-9", "evt-10"),
                        List.of("probe-fleet evt-9", "probe-fleet evt-10"),
                        "a second, unrelated prompt-injection attempt",
                        "arne",
                        AT.plusSeconds(1320)));
        all.put(
                "HighRiskDesignated",
                new AiSystemEvent.HighRiskDesignated(
                        SYSTEM, true, "Annex III 4(a): recruitment and selection", "admin", AT.minusSeconds(86_400)));
        all.put(
                "SeriousIncidentDeclared",
                new AiSystemEvent.SeriousIncidentDeclared(
                        SYSTEM,
                        INCIDENT,
                        org.swisscheese.tracker.domain.SeriousIncidentKind.WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE,
                        AT.plusSeconds(600),
                        AT.plusSeconds(600 + 2 * 86_400),
                        "petra",
                        AT.plusSeconds(900)));
        all.put(
                "SeriousIncidentReported",
                new AiSystemEvent.SeriousIncidentReported(
                        SYSTEM, INCIDENT, "MSA-2026-0042", "petra", AT.plusSeconds(86_400)));
        all.put(
                "SeriousIncidentReportOverdue",
                new AiSystemEvent.SeriousIncidentReportOverdue(
                        SYSTEM,
                        INCIDENT,
                        org.swisscheese.tracker.domain.SeriousIncidentKind.GENERAL,
                        AT.plusSeconds(15 * 86_400)));
        String action = INCIDENT.value() + "/a1";
        all.put(
                "FollowUpActionAdded",
                new AiSystemEvent.FollowUpActionAdded(
                        SYSTEM,
                        INCIDENT,
                        action,
                        "scope deploy tokens per environment",
                        "platform team",
                        Instant.parse("2026-06-03T17:00:00Z"),
                        "petra",
                        AT.plusSeconds(86_400)));
        all.put(
                "FollowUpActionUpdated",
                new AiSystemEvent.FollowUpActionUpdated(
                        SYSTEM,
                        INCIDENT,
                        action,
                        "arne",
                        Instant.parse("2026-06-10T17:00:00Z"),
                        org.swisscheese.tracker.domain.ActionStatus.OPEN,
                        "petra",
                        AT.plusSeconds(90_000)));
        all.put(
                "FollowUpActionOverdue",
                new AiSystemEvent.FollowUpActionOverdue(
                        SYSTEM,
                        INCIDENT,
                        action,
                        "scope deploy tokens per environment",
                        "arne",
                        Instant.parse("2026-06-10T17:00:00Z")));
        return all;
    }
}
