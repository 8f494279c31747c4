package org.swisscheese.tracker.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in and with which roles: the web app shows each role what it may do. */
@RestController
@Tag(name = "session")
public class MeController {

    public record Me(String username, List<String> roles) {}

    @Operation(summary = "The signed-in user and their roles")
    @GetMapping("/api/me")
    public Me me(Authentication authentication) {
        return new Me(
                authentication.getName(),
                authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(a -> a.startsWith("ROLE_"))
                        .map(a -> a.substring(5))
                        .sorted()
                        .toList());
    }
}
