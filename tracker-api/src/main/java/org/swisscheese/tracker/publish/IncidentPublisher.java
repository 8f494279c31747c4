package org.swisscheese.tracker.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionAdded;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.FollowUpActionUpdated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAcknowledged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssigned;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentContained;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEscalated;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentEvent;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMarkedNotAnIncident;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentMerged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentOpened;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentReassessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResponse;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSeverityChanged;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentSplit;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentUnassigned;
import org.swisscheese.tracker.api.AiSystemEvent.ReportReclassified;
import org.swisscheese.tracker.api.AiSystemEvent.RiskClassChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentDeclared;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReportOverdue;
import org.swisscheese.tracker.api.AiSystemEvent.SeriousIncidentReported;
import org.swisscheese.tracker.ingest.IngestProperties;

/**
 * Publishes incident openings, escalations, containments, reassessments and resolutions on {@code tracker.incidents} for alerting
 * and downstream tools (key = system id), and what responders did that such tools act on: acknowledged (stop paging),
 * assigned, severity changed, closed as not an incident. Notes stay in the tracker. A tracking processor, so only committed events go out, at least once;
 * consumers deduplicate by {@code eventId}. Not replayed: a rebuild must not alert twice.
 */
@Component
@ProcessingGroup("incident-publisher")
@DisallowReplay
public class IncidentPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper mapper;
    private final String topic;

    public IncidentPublisher(
            KafkaTemplate<String, byte[]> rawKafkaTemplate, ObjectMapper mapper, IngestProperties properties) {
        this.kafka = rawKafkaTemplate;
        this.mapper = mapper;
        this.topic = properties.incidentsTopic();
    }

    /** A system whose class changed (a sponge that gained influence is now agentic) is worth an alert too. */
    @EventHandler
    void on(RiskClassChanged event, @org.axonframework.messaging.annotation.MessageIdentifier String eventId)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectNode json = mapper.createObjectNode()
                .put("eventId", eventId)
                .put("type", "system.class-changed")
                .put("systemId", event.systemId().value())
                .put("from", event.from().name())
                .put("to", event.to().name());
        send(event.systemId().value(), mapper.writeValueAsBytes(json));
    }

    @EventHandler
    void on(IncidentEvent event, @org.axonframework.messaging.annotation.MessageIdentifier String eventId)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        String type = typeOf(event);
        if (type == null) {
            return; // progress without a change of outcome is not worth an alert
        }
        ObjectNode json = mapper.createObjectNode()
                .put("eventId", eventId)
                .put("type", type)
                .put("systemId", event.systemId().value())
                .put("incidentId", event.incidentId().value());
        if (event instanceof IncidentAssessed assessed) {
            json.put("outcome", assessed.assessment().outcome().name());
            json.set("assessment", mapper.valueToTree(assessed.assessment()));
            json.put("reportId", assessed.reportId());
            if (event instanceof IncidentEscalated escalated) {
                json.put("from", escalated.from().name());
            } else if (event instanceof IncidentReassessed reassessed) {
                json.put("from", reassessed.from().name()).put("reason", reassessed.reason());
            }
        } else if (event instanceof IncidentResolved resolved) {
            json.put("outcome", resolved.outcome().name())
                    .put("quiet", resolved.quiet())
                    .put("resolvedAt", resolved.resolvedAt().toString());
        } else if (event instanceof IncidentResponse act) {
            json.put("by", act.by()).put("at", act.at().toString());
            if (act instanceof IncidentAssigned assigned) {
                json.put("assignee", assigned.assignee()).put("previousAssignee", assigned.previousAssignee());
            } else if (act instanceof SeriousIncidentDeclared declared) {
                json.put("kind", declared.kind().name())
                        .put("awareAt", declared.awareAt().toString())
                        .put("due", declared.due().toString());
            } else if (act instanceof SeriousIncidentReported reported) {
                json.put("reference", reported.reference());
            } else if (act instanceof ReportReclassified reclassified) {
                json.put("reportId", reclassified.reportId())
                        .put("as", reclassified.as().name())
                        .put("reason", reclassified.reason());
            } else if (act instanceof IncidentUnassigned unassigned) {
                json.put("previousAssignee", unassigned.previousAssignee());
            } else if (act instanceof IncidentSeverityChanged severity) {
                json.put("severity", severity.severity().name())
                        .put(
                                "previous",
                                severity.previous() == null
                                        ? null
                                        : severity.previous().name());
            } else if (act instanceof IncidentMarkedNotAnIncident none) {
                json.put("outcome", none.outcome().name()).put("reason", none.reason());
            } else if (act instanceof IncidentMerged merged) {
                json.put("into", merged.into().value())
                        .put("outcome", merged.outcome().name())
                        .put("reason", merged.reason());
            } else if (act instanceof IncidentSplit split) {
                json.put("newIncidentId", split.newIncidentId().value()).put("reason", split.reason());
                ArrayNode moved = json.putArray("reportIds");
                split.reportIds().forEach(moved::add);
            } else if (act instanceof FollowUpActionAdded added) {
                json.put("actionId", added.actionId())
                        .put("title", added.title())
                        .put("owner", added.owner())
                        .put("due", added.due().toString());
            } else if (act instanceof FollowUpActionUpdated updated) {
                json.put("actionId", updated.actionId())
                        .put("owner", updated.owner())
                        .put("due", updated.due().toString())
                        .put("status", updated.status().name());
            }
        } else if (event instanceof SeriousIncidentReportOverdue late) {
            json.put("kind", late.kind().name()).put("due", late.due().toString());
        } else if (event instanceof FollowUpActionOverdue overdue) {
            json.put("actionId", overdue.actionId())
                    .put("title", overdue.title())
                    .put("owner", overdue.owner())
                    .put("due", overdue.due().toString());
        }
        send(event.systemId().value(), mapper.writeValueAsBytes(json));
    }

    /** The message type on the topic; null for what is not worth a message (progress, notes). */
    private static String typeOf(IncidentEvent event) {
        if (event instanceof IncidentOpened) {
            return "incident.opened";
        } else if (event instanceof IncidentEscalated) {
            return "incident.escalated";
        } else if (event instanceof IncidentContained) {
            return "incident.contained";
        } else if (event instanceof IncidentReassessed) {
            return "incident.reassessed";
        } else if (event instanceof IncidentResolved) {
            return "incident.resolved";
        } else if (event instanceof IncidentAcknowledged) {
            return "incident.acknowledged";
        } else if (event instanceof IncidentAssigned) {
            return "incident.assigned";
        } else if (event instanceof IncidentUnassigned) {
            return "incident.unassigned";
        } else if (event instanceof ReportReclassified) {
            return "incident.report-reclassified";
        } else if (event instanceof SeriousIncidentDeclared) {
            return "incident.serious-incident-declared";
        } else if (event instanceof SeriousIncidentReported) {
            return "incident.serious-incident-reported";
        } else if (event instanceof SeriousIncidentReportOverdue) {
            return "incident.serious-incident-overdue";
        } else if (event instanceof IncidentSeverityChanged) {
            return "incident.severity-changed";
        } else if (event instanceof IncidentMarkedNotAnIncident) {
            return "incident.not-an-incident";
        } else if (event instanceof IncidentMerged) {
            return "incident.merged";
        } else if (event instanceof IncidentSplit) {
            return "incident.split";
        } else if (event instanceof FollowUpActionAdded) {
            return "incident.action-added";
        } else if (event instanceof FollowUpActionUpdated) {
            return "incident.action-updated";
        } else if (event instanceof FollowUpActionOverdue) {
            return "incident.action-overdue";
        }
        return null;
    }

    /**
     * A send that fails at once (no broker metadata in time, a full buffer) fails the batch like one that fails later,
     * so the batch is tried again: it is not the event's fault, and an event is parked only when it cannot be read.
     */
    private void send(String key, byte[] message) {
        CompletableFuture<?> sent;
        try {
            sent = kafka.send(topic, key, message);
        } catch (RuntimeException notSent) {
            sent = CompletableFuture.failedFuture(notSent);
        }
        pendingSendsOfThisBatch().add(sent);
    }

    /**
     * Sends are collected per unit of work (one processor batch) and awaited before its token is stored: a batch
     * is acknowledged only once the broker has all of it, without waiting for each send in turn.
     */
    private List<CompletableFuture<?>> pendingSendsOfThisBatch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.root().getOrComputeResource(PENDING, key -> {
            List<CompletableFuture<?>> pending = new ArrayList<>();
            unitOfWork.root().onPrepareCommit(u -> {
                try {
                    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                            .get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while publishing incidents", e);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("incidents could not be published to " + topic, e);
                }
            });
            return pending;
        });
    }

    private static final String PENDING = IncidentPublisher.class.getName() + ".pending";
}
