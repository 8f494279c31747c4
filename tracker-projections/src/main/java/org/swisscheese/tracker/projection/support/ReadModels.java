package org.swisscheese.tracker.projection.support;

import java.util.List;

/** The four read models: rebuilt from the event store at will (the incident publisher and alert dispatcher send). */
public final class ReadModels {

    public static final List<String> ALL =
            List.of("incident-timeline", "fleet", "operator-board", "barrier-statistics");

    private ReadModels() {}
}
