package org.swisscheese.tracker.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.Templates;

/** Events as the aggregate would emit them, for feeding projections directly. System: OTHER template. */
public final class Events {

    public static final SystemId SYSTEM = SystemId.of("sys");
    public static final IncidentId INCIDENT = IncidentId.of(SYSTEM, 1);
    public static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    public static final List<String> PATH = List.of("anomaly-monitor", "off-switch");

    private Events() {
    }

    public static SystemRegistered registered() {
        return new SystemRegistered(SYSTEM, "System", SystemKind.OTHER, "owner", Duration.ofMinutes(15),
                RiskProfile.UNKNOWN, RiskProfile.UNKNOWN.riskClass(), Templates.forKind(SystemKind.OTHER),
                SystemKind.OTHER);
    }

    public static Report report(String id, ReportType type, String barrier, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        return new Report(id, type, barrier, "c", at, at, "/test", null, Map.of(), null, null, null);
    }

    public static Assessment assessment(Outcome outcome, List<String> breached, int margin, String stoppedBy) {
        return new Assessment("threat", "harm", PATH, 1, breached, margin, outcome, stoppedBy,
                outcome.compareTo(Outcome.TOP_EVENT) >= 0, false);
    }
}
