package org.swisscheese.tracker.projection.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.Events.BOWTIE;
import static org.swisscheese.tracker.projection.Events.SYSTEM;
import static org.swisscheese.tracker.projection.Events.T0;
import static org.swisscheese.tracker.projection.Events.judged;
import static org.swisscheese.tracker.projection.Events.report;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.HarmReported;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Category;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.WhatIf;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.analysis.AnalysisController.WhatIfAnswer;
import org.swisscheese.tracker.projection.analysis.AnalysisController.WhatIfRequest;

/**
 * Time travel and what-if read the event store with the domain's rules (DESIGN §4): each past incident is judged under
 * the bow-tie in force when it was judged, not today's, and the first release's off-switch breach inferred by arrival
 * is no evidence. The language model of {@link Events}: influence = deployment-gate, output-filter | harm =
 * ai-disclosure, interlock, off-switch.
 */
class AnalysisControllerTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final AnalysisController analysis = new AnalysisController(store);
    private long sequence;

    @AfterEach
    void close() {
        store.shutDown();
    }

    private static Instant minute(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    private void stored(AiSystemEvent event, Instant at) {
        store.publish(new GenericDomainEventMessage<>(
                "AiSystem",
                SYSTEM.value(),
                sequence++,
                event,
                Map.of(),
                UUID.randomUUID().toString(),
                at));
    }

    /** Incident 1 walked the influence line past both its preventive barriers: the top event. Then resolved. */
    private void aTopEventResolvedBeforeTheBowTieWasRevised() {
        stored(Events.registered(), minute(0));
        stored(new LifecycleChanged(SYSTEM, Lifecycle.REGISTERED, Lifecycle.DEPLOYED, "t", null, minute(0)), minute(0));
        IncidentId first = IncidentId.of(SYSTEM, 1);
        Report gate = report("r1", ReportType.BREACHED, "deployment-gate", 1);
        Report filter = report("r2", ReportType.BREACHED, "output-filter", 2);
        stored(new IncidentOpened(SYSTEM, first, "c", gate.occurredAt(), "r1", judged(gate)), minute(1));
        stored(new BarrierBreached(SYSTEM, gate, 1, first, null), minute(1));
        stored(new BarrierBreached(SYSTEM, filter, 1, first, null), minute(2));
        stored(new IncidentEscalated(SYSTEM, first, "r2", Outcome.UNDETERMINED, judged(gate, filter)), minute(2));
        assertThat(judged(gate, filter).outcome()).isEqualTo(Outcome.TOP_EVENT);
        stored(
                new IncidentResolved(
                        SYSTEM,
                        first,
                        minute(20),
                        false,
                        new Postmortem("filter bypassed", null, null),
                        Outcome.TOP_EVENT),
                minute(20));
        // today's bow-tie has a third preventive barrier on the influence line: under it, the same two breaches
        // would leave the hazard short of the top event (position 2 of T = 3)
        BowTie revised = WhatIf.insert(
                BOWTIE,
                BOWTIE.line("influence").orElseThrow(),
                2,
                BarrierSpec.of("human-review", "Human review", Category.DEPLOYMENT_GATE));
        Map<String, Integer> versions = new HashMap<>();
        revised.barrierIds().forEach(id -> versions.put(id, 1));
        stored(new BowTieRevised(SYSTEM, revised, versions, List.of("human-review"), List.of(), List.of()), minute(30));
    }

    @Test
    void whatIfJudgesEachPastIncidentUnderTheBowTieInForceThenAndCountsTheOutcomesBeforeAndAfter() {
        aTopEventResolvedBeforeTheBowTieWasRevised();
        WhatIfAnswer answer = analysis.whatIf(SYSTEM.value(), new WhatIfRequest("output-filter", null, null));
        assertThat(answer.incidentsJudged()).isEqualTo(1);
        WhatIf.Answer first = answer.answer().incidents().get(0);
        // as judged then: the top event (under today's bow-tie it would be UNDETERMINED)
        assertThat(first.before()).isEqualTo(Outcome.TOP_EVENT);
        // had the filter held: stopped at the filter after the gate's breach
        assertThat(first.after())
                .singleElement()
                .satisfies(p -> assertThat(p.outcome()).isEqualTo(Outcome.NEAR_MISS));
        assertThat(answer.answer().expectedBefore())
                .containsEntry(Outcome.TOP_EVENT, 1.0)
                .containsEntry(Outcome.UNDETERMINED, 0.0)
                .containsEntry(Outcome.NEAR_MISS, 0.0);
        assertThat(answer.answer().expectedAfter())
                .containsEntry(Outcome.TOP_EVENT, 0.0)
                .containsEntry(Outcome.NEAR_MISS, 1.0);
        assertThat(answer.outcomesChanged()).isEqualTo(1);
    }

    @Test
    void theFirstReleasesOffSwitchBreachInferredFromALateReportIsNoEvidenceInTimeTravelOrWhatIf() {
        aTopEventResolvedBeforeTheBowTieWasRevised();
        // first release: harm that occurred at minute 40 arrived after the shutdown at minute 42, and an off-switch
        // breach dated minute 40 was inferred from it by arrival
        stored(
                new LifecycleChanged(SYSTEM, Lifecycle.DEPLOYED, Lifecycle.SHUT_DOWN, "t", null, minute(42)),
                minute(42));
        IncidentId second = IncidentId.of(SYSTEM, 2);
        Report harm = report("late-harm", ReportType.HARM_REPORTED, null, 40);
        stored(new IncidentOpened(SYSTEM, second, "c", harm.occurredAt(), "late-harm", judged(harm)), minute(43));
        stored(new HarmReported(SYSTEM, harm, null, second), minute(43));
        Report inferred = new Report(
                "late-harm/activity-after-shutdown",
                ReportType.BREACHED,
                "off-switch",
                null,
                harm.occurredAt(),
                minute(43),
                "tracker",
                null,
                null,
                null,
                null,
                null);
        stored(new BarrierBreached(SYSTEM, inferred, 1, second, "late-harm"), minute(43));

        AnalysisController.BowTieAsOf now = analysis.bowTieAsOf(SYSTEM.value(), minute(50));
        assertThat(now.openIncidents()).singleElement().satisfies(open -> {
            assertThat(open.id()).isEqualTo(second.value());
            assertThat(open.outcome()).isEqualTo("FULL_FAILURE"); // the harm itself
            assertThat(open.breachedBarriers()).isEmpty(); // no invented off-switch breach
        });
        // what-if removing the off switch: the harm incident was a full failure anyway, and no off-switch report of
        // its own is dropped
        WhatIfAnswer removed = analysis.whatIf(SYSTEM.value(), new WhatIfRequest(null, List.of("off-switch"), null));
        assertThat(removed.answer().incidents())
                .extracting(WhatIf.Answer::before)
                .containsExactly(Outcome.TOP_EVENT, Outcome.FULL_FAILURE);
        assertThat(removed.outcomesChanged()).isZero();
    }
}
