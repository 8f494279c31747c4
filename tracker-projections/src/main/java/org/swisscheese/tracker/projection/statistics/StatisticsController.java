package org.swisscheese.tracker.projection.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Locale;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.BarrierStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.Dependence;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.DepthDistribution;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetBarrierStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetDependence;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetDepthDistribution;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GroupBy;

@RestController
@Tag(name = "statistics")
public class StatisticsController {

    private final QueryGateway queries;

    public StatisticsController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "Demands, failures, PFD (Jeffreys, 95% interval), risk reduction, availability, trend")
    @GetMapping("/api/statistics/barriers")
    public BarrierStatistics barriers(@RequestParam(defaultValue = "barrier") String groupBy,
                                      @RequestParam(required = false) Instant from,
                                      @RequestParam(required = false) Instant to) {
        GroupBy by;
        try {
            by = GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "groupBy must be barrier, category or kind");
        }
        return queries.query(new GetBarrierStatistics(by, from, to), BarrierStatistics.class).join();
    }

    @Operation(summary = "Incidents by how many barriers they got through, fleet-wide and per system")
    @GetMapping("/api/statistics/depth")
    public DepthDistribution depth(@RequestParam(required = false) Instant from,
                                   @RequestParam(required = false) Instant to) {
        return queries.query(new GetDepthDistribution(from, to), DepthDistribution.class).join();
    }

    @Operation(summary = "Do the holes line up? Observed vs independence-predicted full failures; pair lifts")
    @GetMapping("/api/statistics/dependence")
    public Dependence dependence(@RequestParam(required = false) Instant from,
                                 @RequestParam(required = false) Instant to) {
        return queries.query(new GetDependence(from, to), Dependence.class).join();
    }
}
