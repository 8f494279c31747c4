package org.swisscheese.tracker.projection.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.Events.INCIDENT;
import static org.swisscheese.tracker.projection.Events.SYSTEM;
import static org.swisscheese.tracker.projection.Events.assessment;
import static org.swisscheese.tracker.projection.Events.report;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierDegraded;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.FindIncidents;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.GetIncidentTimeline;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.IncidentView;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.Timeline;

class IncidentTimelineProjectionTest {

    private final IncidentTimelineProjection projection =
            new IncidentTimelineProjection(InMemoryDatabase.fresh(), InMemoryDatabase.mapper());

    private void givenABreachedMonitorThenAFailedOffSwitchDeliveredLate() {
        projection.on(new BarrierDegraded(SYSTEM, report("d", ReportType.DEGRADED, "off-switch", -5), 1, null));
        projection.on(new IncidentOpened(SYSTEM, INCIDENT, "c", Events.T0, "r1",
                assessment(Outcome.TOP_EVENT, List.of("anomaly-monitor"), 1, null)));
        projection.on(new BarrierBreached(SYSTEM, report("r1", ReportType.BREACHED, "anomaly-monitor", 0), 1,
                INCIDENT, null), 1);
        // the off switch held at minute 2, but its report arrives after the harm-side breach at minute 3
        projection.on(new BarrierBreached(SYSTEM, report("r3", ReportType.SHUTDOWN_FAILED, "off-switch", 3), 1,
                INCIDENT, null), 2);
        projection.on(new IncidentEscalated(SYSTEM, INCIDENT, "r3", Outcome.TOP_EVENT,
                assessment(Outcome.FULL_FAILURE, List.of("anomaly-monitor", "off-switch"), 0, null)));
        projection.on(new BarrierTripped(SYSTEM, report("r2", ReportType.TRIPPED, "off-switch", 2), 1, INCIDENT), 3);
    }

    @Test
    void anIncidentShowsItsLatestJudgement() {
        givenABreachedMonitorThenAFailedOffSwitchDeliveredLate();
        IncidentView incident = projection.handle(new FindIncidents(null, null, null, null, null, null, 0, 10))
                .items().get(0);
        assertThat(incident.outcome()).isEqualTo(Outcome.FULL_FAILURE);
        assertThat(incident.breachedBarriers()).containsExactly("anomaly-monitor", "off-switch");
        assertThat(incident.margin()).isZero();
        assertThat(incident.reportCount()).isEqualTo(3);
        assertThat(incident.lastReportAt()).isEqualTo(Events.T0.plusSeconds(180));
    }

    @Test
    void theTimelinePutsLateReportsInTheirPlaceAndShowsThePathAfterEachStep() {
        givenABreachedMonitorThenAFailedOffSwitchDeliveredLate();
        Timeline timeline = projection.handle(new GetIncidentTimeline(INCIDENT.value())).orElseThrow();
        assertThat(timeline.steps()).extracting(s -> s.report().reportId()).containsExactly("r1", "r2", "r3");
        assertThat(timeline.steps().get(0).after().barriers()).extracting(IncidentQueries.BarrierState::state)
                .containsExactly("BREACHED", "DEGRADED");
        assertThat(timeline.steps().get(1).after().barriers()).extracting(IncidentQueries.BarrierState::state)
                .containsExactly("BREACHED", "HELD");
        assertThat(timeline.steps().get(1).after().stoppedBy()).isEqualTo("off-switch");
        assertThat(timeline.steps().get(2).after().outcome()).isEqualTo(Outcome.FULL_FAILURE);
        assertThat(timeline.steps().get(2).after().margin()).isZero();
    }

    @Test
    void filtersFindIncidentsByStatusOutcomeAndBarrier() {
        givenABreachedMonitorThenAFailedOffSwitchDeliveredLate();
        projection.on(new IncidentResolved(SYSTEM, INCIDENT, Events.T0.plusSeconds(600), false,
                new Postmortem("done", null, null), Outcome.FULL_FAILURE), "analyst");
        assertThat(projection.handle(new FindIncidents(null, "OPEN", null, null, null, null, 0, 10)).total())
                .isZero();
        assertThat(projection.handle(new FindIncidents("sys", "RESOLVED", Outcome.FULL_FAILURE, null, null,
                "off-switch", 0, 10)).total()).isEqualTo(1);
        assertThat(projection.handle(new FindIncidents(null, null, null, null, null, "interlock", 0, 10)).total())
                .isZero();
        assertThat(projection.handle(new FindIncidents(null, null, null, Events.T0.plusSeconds(1), null, null, 0,
                10)).total()).isZero();
        IncidentView resolved = projection.handle(new IncidentQueries.GetIncident(INCIDENT.value())).orElseThrow();
        assertThat(resolved.resolvedBy()).isEqualTo("analyst");
        assertThat(resolved.postmortem().summary()).isEqualTo("done");
    }

    @Test
    void aResetEmptiesItsTables() {
        givenABreachedMonitorThenAFailedOffSwitchDeliveredLate();
        projection.reset();
        assertThat(projection.handle(new FindIncidents(null, null, null, null, null, null, 0, 10)).total()).isZero();
    }
}
