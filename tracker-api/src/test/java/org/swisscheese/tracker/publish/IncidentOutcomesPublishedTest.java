package org.swisscheese.tracker.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentProgressed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.Outcome;
import org.swisscheese.tracker.ingest.IngestProperties;

/**
 * Every change of an incident's outcome goes out on {@code tracker.incidents} (DESIGN §4 and §7): opened, escalated
 * (a near miss whose stopper failed included), contained, and reassessed with its reason; progress without a change
 * of outcome does not.
 */
class IncidentOutcomesPublishedTest {

    static final SystemId SYSTEM = SystemId.of("agent-1");
    static final IncidentId INCIDENT = IncidentId.of(SYSTEM, 1);

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, byte[]> kafka = mock(KafkaTemplate.class);

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<JsonNode> sent = new ArrayList<>();
    private final AnnotationEventHandlerAdapter publisher;

    IncidentOutcomesPublishedTest() {
        when(kafka.send(eq("tracker.incidents"), anyString(), any(byte[].class)))
                .thenAnswer(call -> {
                    assertThat((String) call.getArgument(1)).as("key").isEqualTo(SYSTEM.value());
                    sent.add(mapper.readTree((byte[]) call.getArgument(2)));
                    return CompletableFuture.completedFuture(null);
                });
        publisher = new AnnotationEventHandlerAdapter(new IncidentPublisher(
                kafka,
                mapper,
                new IngestProperties(
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null)));
    }

    private static Assessment judged(Outcome outcome) {
        return new Assessment(
                outcome,
                "opt",
                "harm",
                List.of("a", "b"),
                1,
                1,
                1,
                null,
                List.of(),
                List.of(),
                List.of(),
                false,
                false,
                List.of());
    }

    /** Handled as the tracking processor does: in a unit of work whose commit waits for the sends. */
    private void publish(Object event) {
        EventMessage<?> message = GenericEventMessage.asEventMessage(event);
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        unitOfWork.execute(() -> {
            try {
                publisher.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void everyChangeOfOutcomeIsPublishedAndProgressAloneIsNot() {
        publish(new IncidentOpened(SYSTEM, INCIDENT, "c", Instant.EPOCH, "r1", judged(Outcome.UNDETERMINED)));
        publish(new IncidentContained(SYSTEM, INCIDENT, "r2", judged(Outcome.NEAR_MISS)));
        publish(new IncidentEscalated(SYSTEM, INCIDENT, "r3", Outcome.NEAR_MISS, judged(Outcome.UNDETERMINED)));
        publish(new IncidentProgressed(SYSTEM, INCIDENT, "r4", judged(Outcome.UNDETERMINED)));
        publish(new IncidentReassessed(
                SYSTEM, INCIDENT, "bow-tie revised", Outcome.UNDETERMINED, judged(Outcome.TOP_EVENT)));

        assertThat(sent)
                .extracting(m -> m.path("type").asText())
                .containsExactly("incident.opened", "incident.contained", "incident.escalated", "incident.reassessed");
        assertThat(sent).allSatisfy(m -> {
            assertThat(m.path("incidentId").asText()).isEqualTo(INCIDENT.value());
            assertThat(m.path("eventId").asText()).isNotBlank();
        });
        JsonNode contained = sent.get(1);
        assertThat(contained.path("outcome").asText()).isEqualTo("NEAR_MISS");
        JsonNode escalated = sent.get(2);
        assertThat(escalated.path("from").asText()).isEqualTo("NEAR_MISS");
        assertThat(escalated.path("outcome").asText()).isEqualTo("UNDETERMINED");
        assertThat(escalated.path("reportId").asText()).isEqualTo("r3");
        JsonNode reassessed = sent.get(3);
        assertThat(reassessed.path("from").asText()).isEqualTo("UNDETERMINED");
        assertThat(reassessed.path("outcome").asText()).isEqualTo("TOP_EVENT");
        assertThat(reassessed.path("reason").asText()).isEqualTo("bow-tie revised");
        assertThat(reassessed.path("assessment").path("outcome").asText()).isEqualTo("TOP_EVENT");
    }
}
