package org.swisscheese.tracker.server;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param localAccounts        built-in accounts operator/analyst/manager/admin/ingest (the local run only)
 * @param password             their password
 * @param ingestSystems        the systems the built-in {@code ingest} account may report for ({@code *}: all)
 * @param localAccountsExposed let the built-in accounts listen beyond loopback under the {@code prod} profile: only
 *                             for a demo stack whose port is published on the host's loopback (docker-compose)
 * @param jwt                  where production tokens come from
 */
@ConfigurationProperties("tracker.security")
public record TrackerSecurityProperties(
        Boolean localAccounts, String password, List<String> ingestSystems, Boolean localAccountsExposed, Jwt jwt) {

    public TrackerSecurityProperties {
        localAccounts = localAccounts != null && localAccounts;
        password = password == null ? "tracker" : password;
        ingestSystems = ingestSystems == null || ingestSystems.isEmpty() ? List.of("*") : List.copyOf(ingestSystems);
        localAccountsExposed = localAccountsExposed != null && localAccountsExposed;
        jwt = jwt == null ? new Jwt(null, null, null) : jwt;
    }

    /**
     * @param issuer    the token issuer ({@code iss}) to accept
     * @param audience  the audience ({@code aud}) tokens must be for
     * @param jwkSetUri the issuer's signing keys
     */
    public record Jwt(String issuer, String audience, String jwkSetUri) {
        public Jwt {
            audience = audience == null || audience.isBlank() ? "barrier-tracker" : audience;
        }
    }
}
