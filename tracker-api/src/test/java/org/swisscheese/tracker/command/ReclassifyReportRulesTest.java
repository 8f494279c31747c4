package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.swisscheese.tracker.command.Fixtures.AGENT;
import static org.swisscheese.tracker.command.Fixtures.deployed;
import static org.swisscheese.tracker.command.Fixtures.report;
import static org.swisscheese.tracker.domain.ReportType.BREACHED;
import static org.swisscheese.tracker.domain.ReportType.TRIPPED;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierStateChanged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.AiSystemEvent.ReportReclassified;
import org.swisscheese.tracker.api.Commands.ReclassifyReport;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.ResolveIncident;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportClass;

/**
 * Reclassifying a report: the incident is judged again without a report that was no evidence, the change is
 * recorded as reassessed with the reclassification as its reason, and the report stays in the stream. Incident 1 of
 * {@link Fixtures#AGENT}: myopia breached (r1), then the compute limit held (r2): a near miss.
 */
class ReclassifyReportRulesTest {

    private static final IncidentId FIRST = IncidentId.of(AGENT, 1);

    private AggregateTestFixture<AiSystem> fixture;
    private List<Object> history;

    @BeforeEach
    void aNearMissHeldByTheComputeLimit() {
        fixture = new AggregateTestFixture<>(AiSystem.class);
        fixture.setReportIllegalStateChange(true);
        history = new ArrayList<>(deployed());
        run(new RecordReports(
                AGENT,
                List.of(report("r1", BREACHED, "myopia", 0, "c"), report("r2", TRIPPED, "compute-limit", 1, "c"))));
        assertThat(last(IncidentReassessed.class, AiSystemEvent.IncidentContained.class))
                .isNotNull();
    }

    private List<AiSystemEvent> run(Object command) {
        fixture.given(history).when(command).expectSuccessfulHandlerExecution();
        return Fixtures.appendProduced(fixture, history);
    }

    private Object last(Class<?>... types) {
        for (int i = history.size() - 1; i >= 0; i--) {
            for (Class<?> type : types) {
                if (type.isInstance(history.get(i))) {
                    return history.get(i);
                }
            }
        }
        return null;
    }

    private void refused(Object command, Class<? extends Exception> refusal, String message) {
        fixture.given(history)
                .when(command)
                .expectException(refusal)
                .expectExceptionMessage(containsString(message))
                .expectNoEvents();
    }

    private static ReclassifyReport reclassify(String reportId, ReportClass as) {
        return new ReclassifyReport(AGENT, FIRST, reportId, as, "the limit was being load-tested", "petra");
    }

    @Test
    void aSpuriousTripIsNoEvidenceAndTheNearMissItMadeIsReassessedWithTheReason() {
        List<AiSystemEvent> events = run(reclassify("r2", ReportClass.SPURIOUS_TRIP));
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(ReportReclassified.class, r -> {
            assertThat(r.reportId()).isEqualTo("r2");
            assertThat(r.reportKey()).isEqualTo("test r2");
            assertThat(r.barrierId()).isEqualTo("compute-limit");
            assertThat(r.type()).isEqualTo(TRIPPED);
            assertThat(r.as()).isEqualTo(ReportClass.SPURIOUS_TRIP);
            assertThat(r.by()).isEqualTo("petra");
        });
        assertThat(events.get(1)).isInstanceOfSatisfying(IncidentReassessed.class, r -> {
            assertThat(r.from()).isEqualTo(Outcome.NEAR_MISS);
            assertThat(r.assessment().outcome()).isEqualTo(Outcome.UNDETERMINED);
            assertThat(r.assessment().stoppedBy()).isNull();
            assertThat(r.reason()).isEqualTo("report r2 reclassified as spurious trip");
        });
    }

    /** DESIGN §4: any barrier that failed a proof test is a hole, a preventive one too (here myopia). */
    @Test
    void aBreachFoundToBeADrillImpairsItsBarrierAsAFailedProofTest() {
        List<AiSystemEvent> events = run(reclassify("r1", ReportClass.PROOF_TEST));
        assertThat(events.get(0)).isInstanceOf(ReportReclassified.class);
        assertThat(events.get(1)).isInstanceOfSatisfying(BarrierStateChanged.class, s -> {
            assertThat(s.barrierId()).isEqualTo("myopia");
            assertThat(s.cause()).isEqualTo("PROOF_TEST_FAILED");
            assertThat(s.reportId()).isEqualTo("r1");
            assertThat(s.to()).isEqualTo(BarrierState.IMPAIRED);
        });
        assertThat(events.get(2))
                .isInstanceOfSatisfying(
                        IncidentReassessed.class,
                        r -> assertThat(r.assessment().breachedBarriers()).isEmpty());
    }

    /** The barrier a drill impaired is a hole in every live margin: another open incident counted on it. */
    @Test
    void aBarrierImpairedByAFailedDrillIsTakenOutOfOtherOpenIncidentsMargins() {
        run(new RecordReports(
                AGENT,
                List.of(
                        report("r3", BREACHED, "compute-limit", 2, "c"),
                        // incident 2: past myopia; compute limit, interlock and off switch left
                        report("r4", BREACHED, "myopia", 3, "d"))));
        List<AiSystemEvent> events = run(reclassify("r3", ReportClass.PROOF_TEST));
        assertThat(events)
                .filteredOn(IncidentAssessed.class::isInstance)
                .map(IncidentAssessed.class::cast)
                .filteredOn(a -> a.incidentId().equals(IncidentId.of(AGENT, 2)))
                .singleElement()
                .satisfies(a -> assertThat(a.assessment().margin()).isEqualTo(2));
    }

    @Test
    void aReportIsReclassifiedOnce() {
        run(reclassify("r2", ReportClass.SPURIOUS_TRIP));
        refused(
                reclassify("r2", ReportClass.NOT_APPLICABLE),
                IllegalStateException.class,
                "report r2 was already reclassified as spurious trip");
    }

    @Test
    void aCommonCauseFailureStaysEvidenceAndChangesNoJudgement() {
        assertThat(run(reclassify("r1", ReportClass.COMMON_CAUSE)))
                .singleElement()
                .isInstanceOf(ReportReclassified.class);
    }

    @Test
    void aClassMustFitTheReportAndTheReportMustBeTheIncidents() {
        refused(
                reclassify("r1", ReportClass.SPURIOUS_TRIP),
                IllegalArgumentException.class,
                "a BREACHED report cannot be reclassified as spurious trip");
        refused(
                reclassify("r2", ReportClass.COMMON_CAUSE),
                IllegalArgumentException.class,
                "a TRIPPED report cannot be reclassified as common cause");
        refused(reclassify("r9", ReportClass.NOT_APPLICABLE), NoSuchElementException.class, "has no report r9");
        refused(
                new ReclassifyReport(AGENT, FIRST, "r2", ReportClass.PROOF_TEST, " ", "petra"),
                IllegalArgumentException.class,
                "takes a 'reason'");
    }

    @Test
    void theOnlyEvidenceOfAnIncidentIsNotTakenAwayByAReclassification() {
        run(reclassify("r2", ReportClass.PROOF_TEST));
        refused(
                reclassify("r1", ReportClass.NOT_APPLICABLE),
                IllegalStateException.class,
                "is the only evidence of incident agent-1.1; mark the incident not an incident instead");
    }

    @Test
    void aClosedIncidentsReportsAreNotReclassified() {
        run(new ResolveIncident(AGENT, FIRST, new Postmortem("load test of the limit", null, null)));
        refused(reclassify("r2", ReportClass.SPURIOUS_TRIP), IllegalStateException.class, "is closed");
    }
}
