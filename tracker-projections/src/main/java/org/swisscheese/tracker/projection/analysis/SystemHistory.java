package org.swisscheese.tracker.projection.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierDegraded;
import org.swisscheese.tracker.api.AiSystemEvent.BarrierRestored;
import org.swisscheese.tracker.api.AiSystemEvent.BowTieRevised;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentAssessed;
import org.swisscheese.tracker.api.AiSystemEvent.IncidentResolved;
import org.swisscheese.tracker.api.AiSystemEvent.LifecycleChanged;
import org.swisscheese.tracker.api.AiSystemEvent.ReportRecorded;
import org.swisscheese.tracker.api.AiSystemEvent.RiskProfileChanged;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.Step;

/**
 * A system's stream read straight from the event store (never from a snapshot or a projection) and folded up to
 * an instant: its bow-tie, lifecycle, class, degraded barriers and every incident with its reports. The instant is
 * the tracker's own clock: what it knew then.
 */
final class SystemHistory {

    String systemId;
    BowTie bowTie;
    String lifecycle = "REGISTERED";
    String riskClass;
    final TreeSet<String> degraded = new TreeSet<>();
    final Map<String, IncidentHistory> incidents = new LinkedHashMap<>();

    static final class IncidentHistory {
        final String id;
        final List<Step> steps = new ArrayList<>();
        Assessment assessment;
        boolean resolved;

        IncidentHistory(String id) {
            this.id = id;
        }
    }

    static SystemHistory read(EventStore store, String systemId, Instant asOf) {
        SystemHistory history = new SystemHistory();
        history.systemId = systemId;
        store.readEvents(systemId, 0).asStream()
                .filter(m -> asOf == null || !m.getTimestamp().isAfter(asOf))
                .forEach(m -> history.apply(m));
        return history;
    }

    private void apply(DomainEventMessage<?> message) {
        if (!(message.getPayload() instanceof AiSystemEvent event)) {
            return;
        }
        if (event instanceof SystemRegistered e) {
            bowTie = e.bowTie();
            riskClass = e.riskClass().name();
        } else if (event instanceof BowTieRevised e) {
            bowTie = e.bowTie();
            degraded.retainAll(e.barrierVersions().keySet());
        } else if (event instanceof RiskProfileChanged e) {
            riskClass = e.riskProfile().riskClass().name();
        } else if (event instanceof LifecycleChanged e) {
            lifecycle = e.to().name();
        } else if (event instanceof BarrierDegraded e) {
            degraded.add(e.report().barrierId());
        } else if (event instanceof BarrierRestored e) {
            degraded.remove(e.report().barrierId());
        }
        if (event instanceof ReportRecorded e && e.incidentId() != null) {
            incident(e.incidentId().value()).steps.add(e.report().toStep(message.getSequenceNumber()));
        } else if (event instanceof IncidentAssessed e) {
            incident(e.incidentId().value()).assessment = e.assessment();
        } else if (event instanceof IncidentResolved e) {
            incident(e.incidentId().value()).resolved = true;
        }
    }

    private IncidentHistory incident(String id) {
        return incidents.computeIfAbsent(id, IncidentHistory::new);
    }

    boolean exists() {
        return bowTie != null;
    }
}
