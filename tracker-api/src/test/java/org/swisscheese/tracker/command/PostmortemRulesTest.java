package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.swisscheese.tracker.command.Fixtures.AGENT;
import static org.swisscheese.tracker.command.Fixtures.deployed;
import static org.swisscheese.tracker.command.Fixtures.report;
import static org.swisscheese.tracker.domain.ReportType.BREACHED;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.ResolveIncident;
import org.swisscheese.tracker.api.HarmClassification;
import org.swisscheese.tracker.api.HarmClassification.HarmSeverity;
import org.swisscheese.tracker.api.HarmClassification.HarmType;
import org.swisscheese.tracker.api.HarmClassification.Stakeholder;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Postmortem;
import org.swisscheese.tracker.domain.FailureMode;
import org.swisscheese.tracker.domain.Outcome;

/**
 * A postmortem for the wider world: how each breached barrier failed (BSCAT: missing, failed, inadequate) and what
 * harm the incident did (OECD: kinds, severity, who). Incident 1: myopia and the compute limit breached.
 */
class PostmortemRulesTest {

    private static final IncidentId FIRST = IncidentId.of(AGENT, 1);
    private static final HarmClassification HARM = new HarmClassification(
            List.of(HarmType.ECONOMIC_OR_PROPERTY), HarmSeverity.INCIDENT, List.of(Stakeholder.BUSINESSES));

    private AggregateTestFixture<AiSystem> fixture;
    private List<Object> history;

    @BeforeEach
    void anIncidentPastTwoBarriers() {
        fixture = new AggregateTestFixture<>(AiSystem.class);
        fixture.setReportIllegalStateChange(true);
        history = new ArrayList<>(deployed());
        fixture.given(history)
                .when(new RecordReports(
                        AGENT,
                        List.of(
                                report("r1", BREACHED, "myopia", 0, "c"),
                                report("r2", BREACHED, "compute-limit", 1, "c"))))
                .expectSuccessfulHandlerExecution();
        Fixtures.appendProduced(fixture, history);
    }

    private static Postmortem postmortem(Map<String, FailureMode> modes) {
        return new Postmortem("the limit was set for the old model", List.of(), List.of(), modes, HARM);
    }

    @Test
    void aPostmortemSaysHowEachBreachedBarrierFailedAndWhatHarmWasDone() {
        Map<String, FailureMode> modes = Map.of("myopia", FailureMode.INADEQUATE, "compute-limit", FailureMode.MISSING);
        fixture.given(history)
                .when(new ResolveIncident(AGENT, FIRST, postmortem(modes)))
                .expectSuccessfulHandlerExecution();
        IncidentResolved resolved =
                (IncidentResolved) Fixtures.appendProduced(fixture, history).get(0);
        assertThat(resolved.postmortem().failureModes()).isEqualTo(modes);
        assertThat(resolved.postmortem().harm()).isEqualTo(HARM);
        assertThat(resolved.outcome()).isEqualTo(Outcome.UNDETERMINED);
    }

    @Test
    void aFailureModeIsForABarrierTheIncidentBreached() {
        fixture.given(history)
                .when(new ResolveIncident(AGENT, FIRST, postmortem(Map.of("monitor", FailureMode.FAILED))))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage(containsString("monitor was not breached"))
                .expectNoEvents();
    }

    @Test
    void storedAPostmortemReadsBackAndOneWithoutTheNewFieldsIsStoredAsBefore() {
        Serializer serializer = new WriteSideConfiguration().eventSerializer();
        AiSystemEvent full = new IncidentResolved(
                AGENT,
                FIRST,
                Instant.parse("2026-11-02T10:00:00Z"),
                false,
                postmortem(Map.of("myopia", FailureMode.FAILED)),
                Outcome.UNDETERMINED);
        SerializedObject<byte[]> stored = serializer.serialize(full, byte[].class);
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(full);
        String plain = new String(
                serializer
                        .serialize(
                                new IncidentResolved(
                                        AGENT,
                                        FIRST,
                                        Instant.parse("2026-11-02T10:00:00Z"),
                                        false,
                                        new Postmortem("s", List.of(), List.of()),
                                        Outcome.UNDETERMINED),
                                byte[].class)
                        .getData(),
                StandardCharsets.UTF_8);
        assertThat(plain).doesNotContain("failureModes", "harm");
    }
}
