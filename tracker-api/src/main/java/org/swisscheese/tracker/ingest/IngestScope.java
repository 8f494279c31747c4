package org.swisscheese.tracker.ingest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.swisscheese.tracker.api.SystemId;

/**
 * Which systems a producer may report for: authorities {@code SYSTEM_<id>}, or {@code SYSTEM_*} for all. An ADMIN may
 * report for any. Principals come from the local accounts' configuration or a token's {@code systems} claim.
 */
public final class IngestScope {

    private static final String PREFIX = "SYSTEM_";

    private IngestScope() {}

    public static GrantedAuthority authority(String systemId) {
        return new SimpleGrantedAuthority(PREFIX + systemId);
    }

    public static boolean permits(Authentication who, SystemId system) {
        if (who == null) {
            return false;
        }
        for (GrantedAuthority authority : who.getAuthorities()) {
            String a = authority.getAuthority();
            if (a.equals("ROLE_ADMIN") || a.equals(PREFIX + "*") || a.equals(PREFIX + system.value())) {
                return true;
            }
        }
        return false;
    }
}
