package org.swisscheese.tracker.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.swisscheese.tracker.api.AiSystemEvent.SystemRegistered;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.Assessment;
import org.swisscheese.tracker.domain.BarrierState;
import org.swisscheese.tracker.domain.BowTie;
import org.swisscheese.tracker.domain.IncidentJudge;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.RiskProfile;
import org.swisscheese.tracker.domain.Step;
import org.swisscheese.tracker.domain.SystemKind;
import org.swisscheese.tracker.domain.Templates;

/**
 * Events as the aggregate would emit them, for feeding projections directly, with assessments made by the domain's
 * own judge. The system is a language model on its template bow-tie:
 *
 * <pre>
 * misaligned-objective: adversarial-training, anomaly-monitor (detects), interpretability (detects) | harm: ai-disclosure, interlock, off-switch
 * influence:            deployment-gate, output-filter                                             | harm: ai-disclosure, interlock, off-switch
 * </pre>
 */
public final class Events {

    public static final SystemId SYSTEM = SystemId.of("llm");
    public static final IncidentId INCIDENT = IncidentId.of(SYSTEM, 1);
    public static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    public static final BowTie BOWTIE = Templates.forKind(SystemKind.LANGUAGE_MODEL);

    private Events() {}

    public static SystemRegistered registered() {
        return registered(SYSTEM.value());
    }

    /** System {@code id}, registered as {@link #SYSTEM} is. */
    public static SystemRegistered registered(String id) {
        return new SystemRegistered(
                SystemId.of(id),
                "Language model",
                SystemKind.LANGUAGE_MODEL,
                "owner",
                Duration.ofMinutes(15),
                RiskProfile.UNKNOWN,
                RiskProfile.UNKNOWN.riskClass(),
                BOWTIE,
                SystemKind.LANGUAGE_MODEL);
    }

    public static Report report(String id, ReportType type, String barrier, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        return new Report(id, type, barrier, "c", at, at, "/test", null, Map.of(), null, null, null);
    }

    /** What the judge makes of these reports, in this order of arrival. */
    public static Assessment judged(Map<String, BarrierState> states, Report... reports) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < reports.length; i++) {
            steps.add(reports[i].toStep(i));
        }
        return IncidentJudge.assess(BOWTIE, steps, states);
    }

    public static Assessment judged(Report... reports) {
        return judged(Map.of(), reports);
    }

    /** Hands the event to the read model's handlers as Axon would, stamped {@code at}. */
    public static void apply(AnnotationEventHandlerAdapter handlers, Object event, Instant at) {
        try {
            handlers.handle(new GenericEventMessage<>(UUID.randomUUID().toString(), event, Map.of(), at));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
