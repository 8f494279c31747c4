package org.swisscheese.tracker.projection.card;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.Coverage;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.reliability.ClaimVerdict;
import org.swisscheese.tracker.domain.reliability.PfdEstimate;
import org.swisscheese.tracker.projection.board.BoardCard.MayBeDead;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetMayBeDead;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.MayBeDeadList;
import org.swisscheese.tracker.projection.fleet.FleetProjection.GetSystem;
import org.swisscheese.tracker.projection.fleet.FleetProjection.SystemView;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.FindIncidents;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.IncidentPage;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.BarrierStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.DepthDistribution;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetBarrierStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetDepthDistribution;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GroupBy;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GroupStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.ProofTests;

/**
 * The source post's "document and publish", made concrete: one system's safety card, for an auditor. Not a
 * projection: it asks the fleet, statistics and incident projections through their queries and puts the answers
 * side by side. JSON, or Markdown with {@code Accept: text/markdown}.
 */
@RestController
@Tag(name = "systems")
public class SafetyCardController {

    private final QueryGateway queries;

    public SafetyCardController(QueryGateway queries) {
        this.queries = queries;
    }

    /** One barrier on the card: what it is, how it fails, and what production has demonstrated. */
    public record BarrierCard(
            String id,
            String name,
            String category,
            String line,
            String side,
            boolean acting,
            Integer version,
            BarrierState state,
            String failureModes,
            Double claimedPfd,
            ClaimVerdict claim,
            long demands,
            long failures,
            long silentPasses,
            PfdEstimate pfd,
            Double availability,
            ProofTests proofTests,
            String mayBeDead) {}

    public record IncidentRecord(long total, long open, Map<Outcome, Long> byOutcome, Map<Integer, Long> byDepth) {}

    public record SafetyCard(
            String systemId,
            String name,
            String kind,
            String owner,
            String lifecycle,
            Instant generatedAt,
            RiskProfile riskProfile,
            String riskClass,
            String hazard,
            String topEvent,
            List<BarrierCard> barriers,
            List<Coverage.Warning> warnings,
            IncidentRecord incidents) {}

    @Operation(
            summary =
                    "The system's safety card: bow-tie, risk profile and class, each barrier's demonstrated"
                            + " PFD with its interval and SIL band, proof tests and failure modes, coverage warnings, incident record")
    @GetMapping(path = "/api/systems/{id}/safety-card", produces = "application/json")
    public SafetyCard card(@PathVariable String id) {
        SystemView system = queries.query(new GetSystem(id), ResponseTypes.optionalInstanceOf(SystemView.class))
                .join()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no system '" + id + "'"));
        BarrierStatistics statistics = queries.query(
                        new GetBarrierStatistics(GroupBy.BARRIER, null, null, id), BarrierStatistics.class)
                .join();
        Map<String, GroupStatistics> byBarrier = new LinkedHashMap<>();
        statistics.groups().forEach(g -> byBarrier.put(g.barrierId(), g));
        Map<String, MayBeDead> dead = new LinkedHashMap<>();
        queries.query(new GetMayBeDead(id), MayBeDeadList.class)
                .join()
                .barriers()
                .forEach(d -> dead.put(d.barrierId(), d));
        List<BarrierCard> barriers = new ArrayList<>();
        List<Coverage.Warning> warnings = new ArrayList<>(system.coverageWarnings());
        for (LineSpec line : system.bowtie().lines()) {
            for (BarrierSpec b : line.barriers()) {
                GroupStatistics s = byBarrier.get(b.id());
                barriers.add(new BarrierCard(
                        b.id(),
                        b.name(),
                        b.category().name(),
                        line.id(),
                        line.side().name(),
                        b.acting(),
                        system.barrierVersions().get(b.id()),
                        system.barrierStates().getOrDefault(b.id(), BarrierState.IN_SERVICE),
                        b.description(),
                        b.claimedPfd(),
                        s == null ? null : s.claim(),
                        s == null ? 0 : s.demands(),
                        s == null ? 0 : s.failures(),
                        s == null ? 0 : s.silentPasses(),
                        s == null ? PfdEstimate.jeffreys(0, 0) : s.pfd(),
                        s == null ? null : s.availability(),
                        s == null ? null : s.proofTests(),
                        dead.containsKey(b.id()) ? dead.get(b.id()).message() : null));
                if (dead.containsKey(b.id())) {
                    warnings.add(
                            new Coverage.Warning("MAY_BE_DEAD", dead.get(b.id()).message()));
                }
                if (s != null && s.demands() == 0 && s.silentPasses() > 0) {
                    warnings.add(new Coverage.Warning(
                            "SILENT_BARRIER",
                            "'" + b.name() + "' never reported while " + s.silentPasses()
                                    + " incident(s) got past it: it may be dead."));
                }
                if (s != null && s.claim() == ClaimVerdict.NOT_DEMONSTRATED) {
                    warnings.add(new Coverage.Warning(
                            "CLAIM_NOT_DEMONSTRATED",
                            "'" + b.name() + "' claims a PFD of "
                                    + b.claimedPfd() + "; production shows worse (95% interval from "
                                    + String.format(
                                            Locale.ROOT,
                                            "%.3g",
                                            s.pfd().interval95().lower()) + ")."));
                }
            }
        }
        return new SafetyCard(
                system.id(),
                system.name(),
                system.kind(),
                system.owner(),
                system.lifecycle(),
                Instant.now(),
                system.riskProfile(),
                system.riskClass(),
                system.bowtie().hazard(),
                system.bowtie().topEvent(),
                barriers,
                warnings,
                incidents(id));
    }

    private IncidentRecord incidents(String systemId) {
        Map<Outcome, Long> byOutcome = new LinkedHashMap<>();
        long total = 0;
        for (Outcome outcome : Outcome.values()) {
            // incidents closed as not an incident are none: they are not on the record
            long count =
                    count(new FindIncidents(systemId, null, outcome, null, null, null, null, null, null, false, 0, 1));
            byOutcome.put(outcome, count);
            total += count;
        }
        long open = count(new FindIncidents(systemId, "OPEN", null, null, null, null, 0, 1));
        DepthDistribution depth = queries.query(new GetDepthDistribution(null, null, systemId), DepthDistribution.class)
                .join();
        return new IncidentRecord(total, open, byOutcome, depth.bySystem().getOrDefault(systemId, Map.of()));
    }

    private long count(FindIncidents query) {
        return queries.query(query, IncidentPage.class).join().total();
    }

    @Operation(summary = "The safety card as a Markdown document, to hand to an auditor")
    @GetMapping(path = "/api/systems/{id}/safety-card", produces = "text/markdown")
    public String markdown(@PathVariable String id) {
        return SafetyCardMarkdown.render(card(id));
    }
}
