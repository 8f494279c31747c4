package org.swisscheese.tracker.projection.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Locale;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.swisscheese.tracker.projection.statistics.ResponseTimes.GetResponseTimes;
import org.swisscheese.tracker.projection.statistics.ResponseTimes.ResponseTimesReport;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.BarrierStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.DependenceReport;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.DepthDistribution;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetBarrierStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetDependence;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetDepthDistribution;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GroupBy;
import org.swisscheese.tracker.projection.support.PageRequest;
import org.swisscheese.tracker.projection.support.SharedAnswers;
import org.swisscheese.tracker.projection.support.SharedAnswers.Answer;

@RestController
@Tag(name = "statistics")
public class StatisticsController {

    private final QueryGateway queries;
    private final SharedAnswers answers;

    public StatisticsController(QueryGateway queries, SharedAnswers answers) {
        this.queries = queries;
        this.answers = answers;
    }

    @Operation(
            summary = "Per barrier, barrier version, category or system kind: demands, failures and silent passes;"
                    + " PFD (Jeffreys: estimate, 95% interval, one-sided 95% upper bound); risk reduction and SIL band from"
                    + " the upper bound; claimed vs demonstrated; availability; time between failures with its 90% lower"
                    + " bound; weekly trend with a trend test; proof tests. With `size`, one page of the groups, the most"
                    + " demanded first; `total` counts them all")
    @GetMapping("/api/statistics/barriers")
    public Answer<BarrierStatistics> barriers(
            @RequestParam(defaultValue = "barrier") String groupBy,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String systemId,
            @Parameter(description = "the page, from 0 (needs a size)") @RequestParam(required = false) Integer page,
            @Parameter(
                            description = "groups a page, 1 to " + PageRequest.MAX_SIZE
                                    + ", the most demanded first; none: every group by key")
                    @RequestParam(required = false)
                    Integer size) {
        GroupBy by;
        try {
            by = GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "groupBy must be barrier, version, category or kind");
        }
        window(from, to);
        PageRequest asked = PageRequest.of(page, size);
        GetBarrierStatistics query = new GetBarrierStatistics(by, from, to, systemId, asked.page(), asked.size());
        return answers.answer(
                query, () -> queries.query(query, BarrierStatistics.class).join());
    }

    private static void window(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from must be before to");
        }
    }

    @Operation(
            summary = "Incidents by how many barriers they got through, fleet-wide (or one system's with "
                    + "`systemId`) and per system")
    @GetMapping("/api/statistics/depth")
    public Answer<DepthDistribution> depth(
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String systemId) {
        window(from, to);
        GetDepthDistribution query = new GetDepthDistribution(from, to, systemId);
        return answers.answer(
                query, () -> queries.query(query, DepthDistribution.class).join());
    }

    @Operation(
            summary = "Do the holes line up? Per path, observed full failures vs what independent barriers"
                    + " predict; per pair of barriers on a path, one-sided Fisher exact p, Benjamini-Hochberg q, lift with its"
                    + " interval and the beta-factor")
    @GetMapping("/api/statistics/dependence")
    public Answer<DependenceReport> dependence(
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String systemId) {
        window(from, to);
        GetDependence query = new GetDependence(from, to, systemId);
        return answers.answer(
                query, () -> queries.query(query, DependenceReport.class).join());
    }

    @Operation(
            summary = "Response times, fleet-wide (or one system's with `systemId`) and per system: to detect (first"
                    + " report to the incident opened), acknowledge, contain (first held by a barrier, NEAR_MISS) and"
                    + " resolve (by an analyst or gone quiet), from the opening; count, median, 90th percentile and"
                    + " maximum as ISO-8601 durations and seconds; how many open incidents still wait for each step and"
                    + " the longest wait. The window takes the incidents that opened in it; incidents marked not an"
                    + " incident are left out and counted")
    @GetMapping("/api/statistics/response-times")
    public ResponseTimesReport responseTimes(
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String systemId) {
        window(from, to);
        return queries.query(new GetResponseTimes(from, to, systemId, Instant.now()), ResponseTimesReport.class)
                .join();
    }
}
