package org.swisscheese.tracker.command;

import static org.hamcrest.Matchers.containsString;
import static org.swisscheese.tracker.command.Fixtures.AGENT;
import static org.swisscheese.tracker.command.Fixtures.T0;
import static org.swisscheese.tracker.command.Fixtures.deployed;
import static org.swisscheese.tracker.command.Fixtures.report;
import static org.swisscheese.tracker.domain.ReportType.BREACHED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent.HighRiskDesignated;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentDeclared;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReportOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReported;
import org.swisscheese.tracker.api.Commands.DeclareSeriousIncident;
import org.swisscheese.tracker.api.Commands.DesignateHighRisk;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.RecordSeriousIncidentReport;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.domain.SeriousIncidentKind;

/**
 * The EU AI Act's Article 73 clock: a serious incident of a high-risk system must be reported within its period from
 * when the provider became aware of it; a report not recorded by then is overdue. Incident 1 of {@link Fixtures#AGENT}
 * opened at T0.
 */
class SeriousIncidentRulesTest {

    private static final IncidentId FIRST = IncidentId.of(AGENT, 1);
    private static final Instant NOW = T0.plus(Duration.ofHours(2));
    private static final Instant AWARE = T0.plus(Duration.ofHours(1));
    private static final Duration TEN_DAYS = Duration.ofDays(10);

    private List<Object> history;

    @BeforeEach
    void anIncident() {
        history = new ArrayList<>(deployed());
        AggregateTestFixture<AiSystem> fixture = new AggregateTestFixture<>(AiSystem.class);
        fixture.given(history)
                .when(new RecordReports(AGENT, List.of(report("r1", BREACHED, "myopia", 0))))
                .expectSuccessfulHandlerExecution();
        Fixtures.appendProduced(fixture, history);
    }

    private TestExecutor<AiSystem> given(boolean highRisk) {
        AggregateTestFixture<AiSystem> fixture = new AggregateTestFixture<>(AiSystem.class);
        fixture.setReportIllegalStateChange(true);
        List<Object> events = new ArrayList<>(history);
        if (highRisk) {
            events.add(new HighRiskDesignated(AGENT, true, "Annex III 5(b): creditworthiness", "admin", T0));
        }
        return fixture.givenCurrentTime(NOW).andGiven(events);
    }

    private static DeclareSeriousIncident declare(SeriousIncidentKind kind, Instant aware) {
        return new DeclareSeriousIncident(AGENT, FIRST, kind, aware, TEN_DAYS, "petra");
    }

    @Test
    void onlyAHighRiskSystemsIncidentsHaveTheClock() {
        given(false)
                .when(declare(SeriousIncidentKind.DEATH, AWARE))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(containsString("is not designated high-risk"))
                .expectNoEvents();
    }

    @Test
    void theReportIsDueThePeriodAfterTheProviderBecameAware() {
        given(true)
                .when(declare(SeriousIncidentKind.DEATH, AWARE))
                .expectEvents(new SeriousIncidentDeclared(
                        AGENT, FIRST, SeriousIncidentKind.DEATH, AWARE, AWARE.plus(TEN_DAYS), "petra", NOW))
                .expectScheduledDeadlineWithName(
                        Duration.between(NOW, AWARE.plus(TEN_DAYS)), AiSystem.SERIOUS_INCIDENT_DEADLINE);
    }

    @Test
    void aReportNotRecordedByItsDueDateIsOverdue() {
        given(true)
                .andGivenCommands(declare(SeriousIncidentKind.DEATH, AWARE))
                .whenTimeAdvancesTo(AWARE.plus(TEN_DAYS).plusSeconds(1))
                .expectEvents(new SeriousIncidentReportOverdue(
                        AGENT, FIRST, SeriousIncidentKind.DEATH, AWARE.plus(TEN_DAYS)));
    }

    @Test
    void aReportRecordedInTimeStopsTheClock() {
        given(true)
                .andGivenCommands(
                        declare(SeriousIncidentKind.GENERAL, AWARE),
                        new RecordSeriousIncidentReport(AGENT, FIRST, "MSA-2026-0042", "petra"))
                .whenTimeAdvancesTo(AWARE.plus(Duration.ofDays(30)))
                .expectNoEvents();
        given(true)
                .andGivenCommands(declare(SeriousIncidentKind.GENERAL, AWARE))
                .when(new RecordSeriousIncidentReport(AGENT, FIRST, "MSA-2026-0042", "petra"))
                .expectEvents(new SeriousIncidentReported(AGENT, FIRST, "MSA-2026-0042", "petra", NOW));
    }

    @Test
    void refusalsSayWhy() {
        given(true)
                .andGivenCommands(declare(SeriousIncidentKind.GENERAL, AWARE))
                .when(declare(SeriousIncidentKind.DEATH, AWARE))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(containsString("was already declared a serious incident (general"));
        given(true)
                .when(new RecordSeriousIncidentReport(AGENT, FIRST, "MSA-1", "petra"))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(containsString("was not declared a serious incident"));
        given(true)
                .when(declare(SeriousIncidentKind.GENERAL, NOW.plusSeconds(60)))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage(containsString("'awareAt' is in the future"));
        given(false)
                .when(new DesignateHighRisk(AGENT, true, " ", "admin"))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage(containsString("takes a 'basis'"));
    }
}
