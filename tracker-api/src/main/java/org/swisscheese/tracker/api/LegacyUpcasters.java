package org.swisscheese.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads the incident events the first release stored (revision 1) as revision 2. Their assessment named only the
 * worst path and counted breaches, not positions: the position on that path is recovered from its margin (the first
 * release counted every barrier after the deepest breach as standing), and the path becomes the only judged path.
 * What the first release judged wrong stays as it was stored; a re-judgement appends {@code IncidentReassessed}.
 */
public final class LegacyUpcasters {

    private LegacyUpcasters() {}

    public static final List<Class<?>> ASSESSED_V1 = List.of(
            AiSystemEvent.IncidentOpened.class,
            AiSystemEvent.IncidentProgressed.class,
            AiSystemEvent.IncidentEscalated.class,
            AiSystemEvent.IncidentContained.class);

    public static SingleEventUpcaster assessmentV1ToV2() {
        return new AssessmentV1ToV2();
    }

    static final class AssessmentV1ToV2 extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return "1".equals(representation.getType().getRevision())
                    && ASSESSED_V1.stream()
                            .anyMatch(type -> type.getName()
                                    .equals(representation.getType().getName()));
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(
                    new SimpleSerializedType(representation.getType().getName(), "2"), JsonNode.class, event -> {
                        if (event.get("assessment") instanceof ObjectNode assessment) {
                            upcast(assessment);
                        }
                        return event;
                    });
        }

        static void upcast(ObjectNode a) {
            int length = a.path("path").size();
            int threatLength = a.path("threatLength").asInt();
            int margin = a.path("margin").asInt();
            int position = a.path("harmReported").asBoolean() ? length : Math.max(0, length - margin);
            a.put("position", position);
            a.putArray("silentlyPassed");
            a.putArray("detectedBy");
            ArrayNode paths = a.putArray("paths");
            if (length > 0 || a.hasNonNull("threatLineId") || a.hasNonNull("consequenceLineId")) {
                ObjectNode only = paths.addObject();
                only.set("threatLineId", a.get("threatLineId"));
                only.set("consequenceLineId", a.get("consequenceLineId"));
                only.put("length", length);
                only.put("threatLength", threatLength);
                only.put("position", position);
                only.put("margin", margin);
                only.set("outcome", a.get("outcome"));
                only.set("stoppedBy", a.get("stoppedBy"));
            }
        }
    }
}
