package org.swisscheese.tracker.projection.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.swisscheese.tracker.projection.Events.SYSTEM;
import static org.swisscheese.tracker.projection.Events.T0;
import static org.swisscheese.tracker.projection.Events.report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.springframework.http.MediaType;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierBreached;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierTripped;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.ProofTestRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierSpec;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.LineSpec;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskProfiles;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.reliability.ClaimVerdict;
import org.swisscheese.tracker.domain.reliability.SilBand;
import org.swisscheese.tracker.projection.Events;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.board.BoardStream;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection;
import org.swisscheese.tracker.projection.board.OperatorBoardProjection.GetMayBeDead;
import org.swisscheese.tracker.projection.card.SafetyCardController.BarrierCard;
import org.swisscheese.tracker.projection.card.SafetyCardController.SafetyCard;
import org.swisscheese.tracker.projection.fleet.FleetProjection;
import org.swisscheese.tracker.projection.fleet.FleetProjection.GetSystem;
import org.swisscheese.tracker.projection.incidents.IncidentQueries.FindIncidents;
import org.swisscheese.tracker.projection.incidents.IncidentTimelineProjection;
import org.swisscheese.tracker.projection.statistics.BarrierStatisticsProjection;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetBarrierStatistics;
import org.swisscheese.tracker.projection.statistics.StatisticsQueries.GetDepthDistribution;

/**
 * The safety card of a language model on its template (influence line: deployment-gate, output-filter), put together
 * from the real fleet, statistics and incident read models: the data warnings it adds to the coverage warnings, each
 * barrier's demonstrated figures, and the record, as JSON and as Markdown by content negotiation.
 *
 * <pre>
 * the owner claims a PFD of 0.001 for the output filter
 * output filter: held twice, then breached in incidents 1 and 2 (D 4, F 2), and one proof test passed (no demand)
 * deployment gate: never reported, passed silently by both incidents (D 0, S 2)
 * </pre>
 */
class SafetyCardControllerTest {

    private final JdbcClient jdbc = InMemoryDatabase.fresh();
    private final FleetProjection fleet = new FleetProjection(jdbc, InMemoryDatabase.mapper());
    private final BarrierStatisticsProjection statistics =
            new BarrierStatisticsProjection(jdbc, InMemoryDatabase.mapper());
    private final StatisticsQueries statisticsQueries = new StatisticsQueries(jdbc);
    private final IncidentTimelineProjection timeline = new IncidentTimelineProjection(jdbc, InMemoryDatabase.mapper());
    private final OperatorBoardProjection board =
            new OperatorBoardProjection(jdbc, InMemoryDatabase.mapper(), new BoardStream());

    /** The query bus, answered by the read models above. */
    private final QueryGateway queries = mock(QueryGateway.class, invocation -> {
        for (Object argument : invocation.getArguments()) {
            if (argument instanceof GetSystem q) {
                return CompletableFuture.completedFuture(fleet.handle(q));
            } else if (argument instanceof GetBarrierStatistics q) {
                return CompletableFuture.completedFuture(statisticsQueries.handle(q));
            } else if (argument instanceof GetDepthDistribution q) {
                return CompletableFuture.completedFuture(statisticsQueries.handle(q));
            } else if (argument instanceof FindIncidents q) {
                return CompletableFuture.completedFuture(timeline.handle(q));
            } else if (argument instanceof GetMayBeDead q) {
                return CompletableFuture.completedFuture(board.handle(q));
            }
        }
        return Answers.RETURNS_DEFAULTS.answer(invocation);
    });

    private final SafetyCardController controller = new SafetyCardController(queries);
    private final List<Assessment> assessments = new ArrayList<>();

    private static BowTie withClaimedFilter() {
        List<LineSpec> lines = new ArrayList<>();
        for (LineSpec line : Events.BOWTIE.lines()) {
            lines.add(new LineSpec(
                    line.id(),
                    line.side(),
                    line.name(),
                    line.barriers().stream()
                            .map(b -> b.id().equals("output-filter")
                                    ? new BarrierSpec(b.id(), b.name(), b.category(), b.owner(), b.description(), 0.001)
                                    : b)
                            .toList()));
        }
        return new BowTie(Events.BOWTIE.hazard(), Events.BOWTIE.topEvent(), lines);
    }

    /** Hands an event to a read model as Axon does (its handlers are the package's own), stamped {@code at}. */
    private static void feed(Object readModel, Object event, Instant at) {
        try {
            new AnnotationEventHandlerAdapter(readModel)
                    .handle(new GenericEventMessage<>(UUID.randomUUID().toString(), event, Map.of(), at));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void aLanguageModelWithADeadGateAndAnOverclaimedFilter() {
        SystemRegistered registered = new SystemRegistered(
                SYSTEM,
                "Language model",
                SystemKind.LANGUAGE_MODEL,
                "owner",
                Duration.ofMinutes(15),
                RiskProfiles.defaultFor(SystemKind.LANGUAGE_MODEL),
                RiskProfiles.defaultFor(SystemKind.LANGUAGE_MODEL).riskClass(),
                withClaimedFilter(),
                SystemKind.LANGUAGE_MODEL);
        feed(fleet, registered, T0);
        feed(statistics, registered, T0);
        feed(timeline, registered, T0);
        feed(board, registered, T0);

        for (int i = 0; i < 2; i++) {
            Report held = report("held" + i, ReportType.TRIPPED, "output-filter", i);
            feed(statistics, new BarrierTripped(SYSTEM, held, 1, null), held.occurredAt());
        }
        for (int n = 1; n <= 2; n++) {
            IncidentId incident = IncidentId.of(SYSTEM, n);
            Report breached = report("breach" + n, ReportType.BREACHED, "output-filter", 10 * n);
            Assessment judged = Events.judged(breached);
            assessments.add(judged);
            IncidentOpened opened =
                    new IncidentOpened(SYSTEM, incident, "c", breached.occurredAt(), breached.reportId(), judged);
            feed(statistics, opened, breached.occurredAt());
            feed(timeline, opened, breached.occurredAt());
            feed(board, opened, breached.occurredAt());
            feed(statistics, new BarrierBreached(SYSTEM, breached, 1, incident, null), breached.occurredAt());
        }
        Report drill = new Report(
                "drill",
                ReportType.TRIPPED,
                "output-filter",
                null,
                T0.plusSeconds(3600),
                T0.plusSeconds(3600),
                "/test",
                null,
                null,
                null,
                null,
                null,
                true);
        feed(statistics, new ProofTestRecorded(SYSTEM, drill, 1, true), drill.occurredAt());
    }

    private static BarrierCard barrier(SafetyCard card, String id) {
        return card.barriers().stream()
                .filter(b -> b.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void eachBreachOfTheFilterGotPastTheGateSilently() {
        // the premise: each breach of the filter was judged to have got past the gate with no report about it
        assertThat(assessments).allSatisfy(a -> assertThat(a.silentlyPassed()).containsExactly("deployment-gate"));
    }

    @Test
    void aBarrierThatNeverReportedWhileIncidentsPassedItAndAnOverclaimedPfdAreWarnedBesideTheCoverageGaps() {
        SafetyCard card = controller.card(SYSTEM.value());
        assertThat(card.riskClass()).isEqualTo("DORMANT");
        assertThat(card.riskProfile().rationale().influence())
                .isEqualTo("Outputs only text, but people act on what they read.");
        assertThat(card.warnings())
                .extracting(w -> w.code())
                .containsExactly("DORMANT_WITHOUT_OPTIMIZATION", "SILENT_BARRIER", "CLAIM_NOT_DEMONSTRATED");
        // D 4, F 2: scipy.stats.beta.ppf(0.025, 2.5, 2.5) = 0.12275388, far above the claimed 0.001
        assertThat(card.warnings().get(1).message())
                .isEqualTo("'Deployment gate' never reported while 2 incident(s) got past it: it may be dead.");
        assertThat(card.warnings().get(2).message())
                .isEqualTo("'Output filter' claims a PFD of 0.001; production shows worse (95% interval from 0.123).");
    }

    @Test
    void aThirdIncidentPassingTheGateSilentlyFlagsItAsMaybeDead() {
        assertThat(barrier(controller.card(SYSTEM.value()), "deployment-gate").mayBeDead())
                .isNull();
        Report breached = report("breach3", ReportType.BREACHED, "output-filter", 30);
        feed(
                board,
                new IncidentOpened(
                        SYSTEM,
                        IncidentId.of(SYSTEM, 3),
                        "c",
                        breached.occurredAt(),
                        breached.reportId(),
                        Events.judged(breached)),
                breached.occurredAt());
        SafetyCard card = controller.card(SYSTEM.value());
        assertThat(barrier(card, "deployment-gate").mayBeDead())
                .isEqualTo("this barrier may be dead: 'Deployment gate': the last 3 incidents that got to it passed"
                        + " it without a word from it");
        assertThat(barrier(card, "output-filter").mayBeDead()).isNull();
        assertThat(card.warnings()).extracting(w -> w.code()).contains("MAY_BE_DEAD");
    }

    @Test
    void eachBarrierCarriesItsDemonstratedPfdFromTheUpperBoundItsProofTestsAndItsFailureModes() {
        SafetyCard card = controller.card(SYSTEM.value());
        BarrierCard filter = barrier(card, "output-filter");
        assertThat(filter.demands()).isEqualTo(4); // the proof test is no demand
        assertThat(filter.failures()).isEqualTo(2);
        assertThat(filter.pfd().estimate()).isEqualTo(0.5); // (2 + 0.5) / (4 + 1)
        // scipy.stats.beta.ppf([0.025, 0.975, 0.95], 2.5, 2.5) = 0.12275388, 0.87724612, 0.83471973
        assertThat(filter.pfd().interval95().lower()).isCloseTo(0.12275388, within(1e-8));
        assertThat(filter.pfd().interval95().upper()).isCloseTo(0.87724612, within(1e-8));
        assertThat(filter.pfd().upper95()).isCloseTo(0.83471973, within(1e-8));
        assertThat(filter.pfd().riskReductionFactor())
                .isCloseTo(1.1980068998650066, within(1e-7)); // 1 / upper95: no SIL
        assertThat(filter.pfd().sil()).isEqualTo(SilBand.NONE);
        assertThat(filter.claimedPfd()).isEqualTo(0.001);
        assertThat(filter.claim()).isEqualTo(ClaimVerdict.NOT_DEMONSTRATED);
        assertThat(filter.proofTests().count()).isEqualTo(1);
        assertThat(filter.proofTests().failures()).isZero();
        assertThat(filter.proofTests().last()).isEqualTo(T0.plusSeconds(3600));
        assertThat(filter.failureModes()).isEqualTo("Impact is hard to measure; low-impact harm gets through.");
        assertThat(filter.line()).isEqualTo("influence");
        assertThat(filter.side()).isEqualTo("THREAT");
        assertThat(filter.version()).isEqualTo(1);

        BarrierCard gate = barrier(card, "deployment-gate");
        assertThat(gate.demands()).isZero();
        assertThat(gate.silentPasses()).isEqualTo(2);
        assertThat(gate.pfd().estimate()).isEqualTo(0.5); // nothing demonstrated: Jeffreys on D = 0
        assertThat(gate.pfd().sil()).isEqualTo(SilBand.NONE);
        // every barrier of the bow-tie is on the card, in the bow-tie's order
        assertThat(card.barriers())
                .extracting(BarrierCard::id)
                .isEqualTo(withClaimedFilter().lines().stream()
                        .flatMap(l -> l.barrierIds().stream())
                        .toList());
    }

    @Test
    void theIncidentRecordIsByOutcomeAndByBarriersPassed() {
        SafetyCard card = controller.card(SYSTEM.value());
        Assessment judged = assessments.get(0);
        assertThat(card.incidents().total()).isEqualTo(2);
        assertThat(card.incidents().open()).isEqualTo(2);
        assertThat(card.incidents().byOutcome()).containsEntry(judged.outcome(), 2L);
        assertThat(card.incidents().byOutcome().keySet()).containsExactly(Outcome.values());
        assertThat(card.incidents().byDepth())
                .containsExactlyEntriesOf(Map.of(judged.pathLength() - judged.margin(), 2L));
    }

    @Test
    void theCardIsJsonByDefaultAndMarkdownWhenAsked() throws Exception {
        // the converters as Spring Boot configures them: text in UTF-8 (server.servlet.encoding.charset), JSON by
        // Jackson
        MockMvc mvc = MockMvcBuilders.standaloneSetup(controller)
                .setMessageConverters(
                        new StringHttpMessageConverter(StandardCharsets.UTF_8),
                        new MappingJackson2HttpMessageConverter())
                .build();
        mvc.perform(get("/api/systems/{id}/safety-card", SYSTEM.value()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.riskClass").value("DORMANT"))
                .andExpect(jsonPath("$.warnings[1].code").value("SILENT_BARRIER"));
        String markdown = mvc.perform(get("/api/systems/{id}/safety-card", SYSTEM.value())
                        .accept(MediaType.parseMediaType("text/markdown")))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/markdown;charset=UTF-8"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(markdown)
                .startsWith("# Safety card: Language model (`llm`)")
                .contains("## Risk profile: DORMANT")
                .contains("- **SILENT_BARRIER**: 'Deployment gate' never reported while 2 incident(s)")
                .contains(
                        "| influence | Output filter (`output-filter` v1) | IMPACT_MEASURE | acts | IN_SERVICE | 4 | 2 | 0 "
                                + "| 0.500 (0.123–0.877) | 0.835 | 1.2 | NONE | 0.00100 NOT_DEMONSTRATED | 1 (0 failed, last "
                                + T0.plusSeconds(3600) + ") |")
                .contains("2 incidents, 2 open.");
        mvc.perform(get("/api/systems/{id}/safety-card", "nobody").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound());
    }
}
