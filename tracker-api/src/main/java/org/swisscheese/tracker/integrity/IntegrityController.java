package org.swisscheese.tracker.integrity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.integrity.ChainVerification.Integrity;

/** Tamper evidence: a system's hash chain verified. */
@RestController
@Tag(name = "integrity")
public class IntegrityController {

    private final ChainVerifier verifier;

    public IntegrityController(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @Operation(summary = "Verify the system's hash chain from its stored events; names the first broken sequence")
    @GetMapping("/api/systems/{id}/integrity")
    public Integrity verify(@PathVariable String id) {
        return verifier.verify(SystemId.of(id));
    }
}
