package org.swisscheese.tracker.api;

import java.util.List;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.Severity;

/**
 * Which alerts a route or a silence takes: each list that is not empty must contain the alert's value (a list left
 * empty matches anything); an alert without a value (e.g. a class change has no outcome) does not match a non-empty
 * list of that value.
 */
public record AlertMatchers(
        List<String> systemIds, List<Outcome> outcomes, List<Severity> severities, List<AlertKind> kinds) {

    public AlertMatchers {
        systemIds = systemIds == null ? List.of() : List.copyOf(systemIds);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        severities = severities == null ? List.of() : List.copyOf(severities);
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }

    public static AlertMatchers any() {
        return new AlertMatchers(List.of(), List.of(), List.of(), List.of());
    }

    public boolean matchesEverything() {
        return systemIds.isEmpty() && outcomes.isEmpty() && severities.isEmpty() && kinds.isEmpty();
    }
}
