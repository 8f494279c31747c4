package org.swisscheese.tracker.projection.fleet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.swisscheese.tracker.projection.fleet.FleetProjection.GetSystem;
import org.swisscheese.tracker.projection.fleet.FleetProjection.ListSystems;
import org.swisscheese.tracker.projection.fleet.FleetProjection.SystemList;
import org.swisscheese.tracker.projection.fleet.FleetProjection.SystemView;

@RestController
@Tag(name = "systems")
public class FleetQueryController {

    private final QueryGateway queries;

    public FleetQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "Every registered system")
    @GetMapping("/api/systems")
    public SystemList list() {
        return queries.query(new ListSystems(), SystemList.class).join();
    }

    @Operation(summary = "One system with its bow-tie, class and lifecycle")
    @GetMapping("/api/systems/{id}")
    public SystemView get(@PathVariable String id) {
        return queries.query(new GetSystem(id), ResponseTypes.optionalInstanceOf(SystemView.class))
                .join()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no system '" + id + "'"));
    }
}
