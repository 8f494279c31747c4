package org.swisscheese.tracker.projection.support;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The systems a read takes in: the whole fleet, or some systems by id (one system's page, or the systems behind a
 * page of statistics), as a condition on a table's {@code system_id}.
 */
public final class SystemScope {

    /** Every system. */
    public static final SystemScope FLEET = new SystemScope(null);

    private final Set<String> systems;

    private SystemScope(Set<String> systems) {
        this.systems = systems;
    }

    /** One system, or the fleet when {@code systemId} is null (a query's optional system). */
    public static SystemScope of(String systemId) {
        return systemId == null ? FLEET : new SystemScope(Set.of(systemId));
    }

    /** These systems (none: nothing matches). */
    public static SystemScope of(Collection<String> systemIds) {
        return new SystemScope(Collections.unmodifiableSet(new TreeSet<>(systemIds)));
    }

    public boolean isFleet() {
        return systems == null;
    }

    /** How many systems, the fleet's count not known here. */
    public int size() {
        return systems == null ? Integer.MAX_VALUE : systems.size();
    }

    /** A condition on {@code system_id} for a WHERE clause; true of every row for the fleet. */
    public String condition() {
        return condition("system_id");
    }

    /** A condition on {@code column} (a system id, qualified as the query needs) for a WHERE clause. */
    public String condition(String column) {
        if (systems == null) {
            return "1 = 1";
        }
        if (systems.isEmpty()) {
            return "1 = 0";
        }
        return column + " IN (" + String.join(", ", Collections.nCopies(systems.size(), "?")) + ")";
    }

    /** The parameters of {@link #condition()}, in its order. */
    public List<Object> params() {
        return systems == null ? List.of() : List.copyOf(systems);
    }

    @Override
    public String toString() {
        return systems == null ? "the fleet" : systems.toString();
    }
}
