package org.swisscheese.tracker.integrity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.integrity.ChainHeadPublisher.PublishedHead;
import org.swisscheese.tracker.integrity.ChainVerification.Integrity;

/** Tamper evidence: a system's hash chain verified, and chain heads published for an outside copy to anchor. */
@RestController
@Tag(name = "integrity")
public class IntegrityController {

    private final ChainVerifier verifier;
    private final ChainHeadPublisher publisher;

    public IntegrityController(ChainVerifier verifier, ChainHeadPublisher publisher) {
        this.verifier = verifier;
        this.publisher = publisher;
    }

    /** What was published, and where. */
    public record Publication(String topic, List<PublishedHead> heads) {}

    @Operation(summary = "Verify the system's hash chain from its stored events; names the first broken sequence")
    @GetMapping("/api/systems/{id}/integrity")
    public Integrity verify(@PathVariable String id) {
        return verifier.verify(SystemId.of(id));
    }

    @Operation(
            summary = "Publish the chain heads of the systems that changed since the last publication (all=true:"
                    + " of every system) on the integrity topic now")
    @PostMapping("/api/admin/integrity/publish")
    public Publication publish(@RequestParam(defaultValue = "false") boolean all) {
        return new Publication(publisher.topic(), publisher.publish(all));
    }
}
