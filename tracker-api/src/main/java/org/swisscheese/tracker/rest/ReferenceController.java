package org.swisscheese.tracker.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.swisscheese.tracker.domain.Category;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.RiskProfiles;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.Templates;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * What a client needs to know before it sends anything: the default bow-ties and risk profiles per kind, the barrier
 * categories, and the wire format's schema. Fixed for a server's life; no command behind any of it.
 */
@RestController
@Tag(name = "reference")
public class ReferenceController {

    public record CategoryInfo(Category category, String side, String failureModes) {}

    @Operation(summary = "Default bow-ties per system kind, and the barrier categories")
    @GetMapping("/api/templates")
    public Map<String, Object> templates() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("templates", Templates.all());
        Map<SystemKind, RiskProfile> profiles = new LinkedHashMap<>();
        Arrays.stream(SystemKind.values()).forEach(k -> profiles.put(k, RiskProfiles.defaultFor(k)));
        body.put("riskProfiles", profiles);
        List<CategoryInfo> categories = Arrays.stream(Category.values())
                .map(c -> new CategoryInfo(
                        c, c.side() == null ? "EITHER" : c.side().name(), c.failureModes()))
                .toList();
        body.put("categories", categories);
        body.put(
                "detectionCategories",
                Arrays.stream(Category.values()).filter(Category::detects).toList());
        return body;
    }

    @Operation(summary = "The JSON Schema of the barrier-event wire format (a public contract)")
    @GetMapping(path = "/api/schema/barrier-event", produces = "application/schema+json")
    public byte[] barrierEventSchema() throws IOException {
        try (InputStream in = BarrierEventFormat.class.getResourceAsStream(BarrierEventFormat.SCHEMA_RESOURCE)) {
            return in.readAllBytes();
        }
    }
}
