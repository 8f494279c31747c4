package org.swisscheese.tracker.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaTemplate;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.RiskClass;
import org.swisscheese.tracker.ingest.IngestProperties;

/** What downstream alerting reads on {@code tracker.incidents} when a system's class changes (DESIGN §2). */
class IncidentPublisherTest {

    @Test
    @SuppressWarnings("unchecked")
    void aSpongeThatGainedInfluenceIsPublishedAsAClassChangeKeyedByTheSystem() throws Exception {
        KafkaTemplate<String, byte[]> kafka = mock(KafkaTemplate.class);
        when(kafka.send(anyString(), anyString(), any(byte[].class)))
                .thenReturn(CompletableFuture.completedFuture(null));
        ObjectMapper mapper = new ObjectMapper();
        IncidentPublisher publisher = new IncidentPublisher(
                kafka,
                mapper,
                new IngestProperties(
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null));
        RiskClassChanged changed = new RiskClassChanged(SystemId.of("vision"), RiskClass.SPONGE, RiskClass.AGENTIC);

        // as the tracking processor calls it: inside a unit of work, whose commit waits for the broker
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(changed))
                .execute(() -> {
                    try {
                        publisher.on(changed, "event-1");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        ArgumentCaptor<byte[]> message = ArgumentCaptor.forClass(byte[].class);
        verify(kafka).send(eq("tracker.incidents"), eq("vision"), message.capture());
        JsonNode json = mapper.readTree(message.getValue());
        assertThat(json.path("type").asText()).isEqualTo("system.class-changed");
        assertThat(json.path("eventId").asText()).isEqualTo("event-1");
        assertThat(json.path("systemId").asText()).isEqualTo("vision");
        assertThat(json.path("from").asText()).isEqualTo("SPONGE");
        assertThat(json.path("to").asText()).isEqualTo("AGENTIC");
    }
}
