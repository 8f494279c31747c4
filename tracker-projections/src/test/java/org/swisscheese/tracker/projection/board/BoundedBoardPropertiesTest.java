package org.swisscheese.tracker.projection.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.projection.Events.BOWTIE;
import static org.swisscheese.tracker.projection.Events.SYSTEM;
import static org.swisscheese.tracker.projection.Events.T0;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;
import org.swisscheese.tracker.projection.board.BoardCard.OpenIncident;
import org.swisscheese.tracker.projection.board.BoardCard.OpenIncidents;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetBoard;

/**
 * The board reads a card's open incidents from the database without reading every one of them: the few it lists, the
 * one that sets each path's live margin, the counts. Whatever opens, deepens and closes, and whatever the limit, the
 * card is the one worked out from every open incident in memory ({@link OpenIncidents#of}).
 */
class BoundedBoardPropertiesTest {

    /** A report on incident {@code incident} (opening it if it is not open), or ({@code type} null) its resolution. */
    record Step(int incident, ReportType type, String barrier) {}

    @Provide
    Arbitrary<Step> steps() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.of(
                                        ReportType.BREACHED,
                                        ReportType.TRIPPED,
                                        ReportType.ANOMALY_DETECTED,
                                        ReportType.HARM_REPORTED)
                                .injectNull(0.15),
                        Arbitraries.of(BOWTIE.barrierIds()))
                .as(Step::new);
    }

    @Property(tries = 80)
    void theCardReadFromTheDatabaseIsTheCardWorkedOutFromEveryOpenIncident(
            @ForAll @Size(min = 1, max = 40) List<@From("steps") Step> steps,
            @ForAll @IntRange(min = 1, max = 4) int limit) {
        OperatorBoardProjection board = new OperatorBoardProjection(
                InMemoryDatabase.fresh(),
                InMemoryDatabase.mapper(),
                new BoardStream(),
                Clock.fixed(T0, ZoneOffset.UTC),
                new BoardProperties(limit));
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(board);
        apply(handlers, Events.registered(), T0);

        Map<Integer, IncidentId> open = new LinkedHashMap<>();
        Map<IncidentId, List<Report>> reports = new LinkedHashMap<>();
        Map<IncidentId, OpenIncident> judged = new LinkedHashMap<>();
        int opened = 0;
        for (int minute = 1; minute <= steps.size(); minute++) {
            Step step = steps.get(minute - 1);
            Instant at = T0.plus(Duration.ofMinutes(minute));
            IncidentId id = open.get(step.incident());
            if (step.type() == null) {
                if (id != null) {
                    apply(
                            handlers,
                            new IncidentResolved(
                                    SYSTEM, id, at, true, null, judged.get(id).outcome()),
                            at);
                    open.remove(step.incident());
                    judged.remove(id);
                }
                continue;
            }
            Report report = Events.report("r" + minute, step.type(), step.barrier(), minute);
            if (id == null) {
                id = IncidentId.of(SYSTEM, ++opened);
                open.put(step.incident(), id);
                reports.put(id, new ArrayList<>(List.of(report)));
                Assessment a = Events.judged(report);
                apply(handlers, new IncidentOpened(SYSTEM, id, null, at, "r" + minute, a), at);
                judged.put(id, new OpenIncident(id.value(), a.outcome(), a, at));
            } else {
                reports.get(id).add(report);
                Assessment a = Events.judged(reports.get(id).toArray(Report[]::new));
                apply(
                        handlers,
                        new IncidentReassessed(
                                SYSTEM, id, "test", judged.get(id).outcome(), a),
                        at);
                judged.put(
                        id,
                        new OpenIncident(
                                id.value(), a.outcome(), a, judged.get(id).openedAt()));
            }
        }

        CardView read = board.handle(new GetBoard()).systems().get(0);
        BoardCard card = new BoardCard();
        card.bowTie = BOWTIE;
        CardView expected = card.view(
                OpenIncidents.of(List.copyOf(judged.values()), BOWTIE, limit), List.of(), BoardCard.Signs.NONE);
        assertThat(read.openIncidentCount()).isEqualTo(judged.size());
        assertThat(read.openIncidents()).hasSizeLessThanOrEqualTo(limit).isEqualTo(expected.openIncidents());
        assertThat(read.paths()).isEqualTo(expected.paths());
        assertThat(read.lowestMargin()).isEqualTo(expected.lowestMargin());
        assertThat(read.alerts()).isEqualTo(expected.alerts());
    }

    /**
     * Two incidents equally close on the influence path: the one held there (a NEAR_MISS, opened first) and the one
     * nothing holds yet (UNDETERMINED, the worse outcome), which sets the path's margin.
     */
    @Example
    void onATieOfMarginsTheWorseOutcomeOnThePathSetsIt() {
        theCardReadFromTheDatabaseIsTheCardWorkedOutFromEveryOpenIncident(
                List.of(
                        new Step(1, ReportType.BREACHED, "deployment-gate"),
                        new Step(1, ReportType.TRIPPED, "output-filter"),
                        new Step(2, ReportType.BREACHED, "deployment-gate")),
                1);
    }

    private static void apply(AnnotationEventHandlerAdapter handlers, Object event, Instant at) {
        Events.apply(handlers, event, at);
    }
}
