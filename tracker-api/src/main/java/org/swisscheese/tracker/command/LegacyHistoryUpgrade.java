package org.swisscheese.tracker.command;

import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.api.AiSystemEvent;
import org.swisscheese.tracker.api.AiSystemEvent.LegacyHistoryCorrected;
import org.swisscheese.tracker.api.LegacyUpcasters;
import org.swisscheese.tracker.api.SystemId;

/**
 * On start, finds the systems whose history the first release judged (incident events of revision 1, and no
 * {@link LegacyHistoryCorrected} yet) and has each aggregate append what today's model makes of it. Harmless to run
 * again: a corrected system is skipped, and the aggregate refuses a second correction. Off with
 * {@code tracker.legacy-upgrade.enabled=false}.
 */
@Component
public class LegacyHistoryUpgrade {

    private static final Logger log = LoggerFactory.getLogger(LegacyHistoryUpgrade.class);

    private final JdbcClient jdbc;
    private final EventStore eventStore;
    private final CommandGateway commands;
    private final boolean enabled;

    public LegacyHistoryUpgrade(
            JdbcClient jdbc,
            EventStore eventStore,
            CommandGateway commands,
            @Value("${tracker.legacy-upgrade.enabled:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.commands = commands;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        if (enabled) {
            upgradeAll();
        }
    }

    /**
     * Corrects every legacy system it can. A system whose stored history cannot be read or corrected (a damaged
     * payload, a refused command) is logged and left as stored; the others are corrected all the same, and the server
     * starts. It is tried again on the next start.
     *
     * @return how many systems were corrected
     */
    public int upgradeAll() {
        int corrected = 0;
        for (String systemId : legacySystems()) {
            try {
                List<AiSystemEvent> stream = eventStore
                        .readEvents(systemId)
                        .asStream()
                        .map(EventMessage::getPayload)
                        .filter(AiSystemEvent.class::isInstance)
                        .map(AiSystemEvent.class::cast)
                        .toList();
                var correction = LegacyCorrections.of(SystemId.of(systemId), stream);
                commands.sendAndWait(correction);
                corrected++;
                log.info(
                        "first-release history of {} brought up to today's model: {} barrier facts, {} defeated"
                                + " shutdowns, {} incidents judged again",
                        systemId,
                        correction.facts().size(),
                        correction.defeats().size(),
                        correction.reassessments().size());
            } catch (RuntimeException e) {
                log.error(
                        "first-release history of {} could not be brought up to today's model and is left as"
                                + " stored (tried again on the next start): {}",
                        systemId,
                        e.toString());
            }
        }
        return corrected;
    }

    List<String> legacySystems() {
        List<String> v1 =
                LegacyUpcasters.ASSESSED_V1.stream().map(Class::getName).toList();
        return jdbc.sql("SELECT DISTINCT aggregateidentifier FROM domainevententry WHERE payloadrevision = '1'"
                        + " AND payloadtype IN (:types) AND aggregateidentifier NOT IN (SELECT aggregateidentifier"
                        + " FROM domainevententry WHERE payloadtype = :corrected) ORDER BY aggregateidentifier")
                .param("types", v1)
                .param("corrected", LegacyHistoryCorrected.class.getName())
                .query(String.class)
                .list();
    }
}
