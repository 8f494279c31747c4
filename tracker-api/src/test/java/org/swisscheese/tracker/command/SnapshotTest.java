package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.command.Fixtures.AGENT;
import static org.swisscheese.tracker.command.Fixtures.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.domain.ReportType;

/** A snapshot is the aggregate written by the event serializer; read back, it must be the same system. */
class SnapshotTest {

    private final Serializer serializer = new WriteSideConfiguration().eventSerializer();

    @Test
    void aSnapshotReadBackHoldsTheSameStateAsTheSystemItWasTakenOf() {
        List<Object> history = new ArrayList<>(List.of(Fixtures.registered()));
        AggregateTestFixture<AiSystem> fixture = new AggregateTestFixture<>(AiSystem.class);
        fixture.given(history)
                .when(new RecordReports(
                        AGENT,
                        List.of(
                                report("r1", ReportType.BREACHED, "myopia", 0, "ep-1"),
                                report("r2", ReportType.TRIPPED, "compute-limit", 1, "ep-1"),
                                report("r3", ReportType.DEGRADED, "gate", 2),
                                report("r4", ReportType.BREACHED, "interlock", 3))));
        fixture.getEventStore()
                .readEvents(AGENT.value())
                .asStream()
                .skip(1)
                .map(EventMessage::getPayload)
                .forEach(history::add);
        // incident response on the open incident: kept in the snapshot too
        org.swisscheese.tracker.api.IncidentId first = org.swisscheese.tracker.api.IncidentId.of(AGENT, 1);
        history.add(
                new org.swisscheese.tracker.api.AiSystemEvent.IncidentAcknowledged(AGENT, first, "olga", Fixtures.T0));
        history.add(new org.swisscheese.tracker.api.AiSystemEvent.IncidentAssigned(
                AGENT, first, "on-call team", null, "olga", Fixtures.T0));
        history.add(new org.swisscheese.tracker.api.AiSystemEvent.IncidentSeverityChanged(
                AGENT, first, org.swisscheese.tracker.domain.Severity.SEV2, null, "olga", Fixtures.T0));
        history.add(new org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionAdded(
                AGENT, first, "agent-1.1/a1", "retrain the probe", "safety team", Fixtures.T0, "olga", Fixtures.T0));

        AggregateModel<AiSystem> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(AiSystem.class);
        AiSystem system = new AiSystem();
        history.forEach(event -> model.publish(GenericEventMessage.asEventMessage(event), system));

        SerializedObject<byte[]> snapshot = serializer.serialize(system, byte[].class);
        AiSystem restored = serializer.deserialize(snapshot);
        String original = new String(snapshot.getData(), StandardCharsets.UTF_8);
        String again = new String(serializer.serialize(restored, byte[].class).getData(), StandardCharsets.UTF_8);

        assertThat(again).isEqualTo(original);
        assertThat(original)
                .contains(
                        "\"ep-1\"",
                        "\"gate\"",
                        "\"r4\"",
                        "TOP_EVENT",
                        "\"olga\"",
                        "\"on-call team\"",
                        "\"SEV2\"",
                        "\"retrain the probe\"");
    }
}
