package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.FixedValueParameterResolver;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.api.Commands.ChangeLifecycle;
import org.swisscheese.tracker.api.Commands.RecordReports;
import org.swisscheese.tracker.api.Commands.RegisterSystem;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.command.AiSystem;
import org.swisscheese.tracker.domain.Lifecycle;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.domain.SystemKind;

/**
 * On the assembled server and PostgreSQL: a system's snapshot is taken from the aggregate a command has just changed,
 * each time its events pass a multiple of the threshold (1,000 here), and it is the system its events up to that point
 * make; a system loaded from it goes on from there.
 */
class LiveSnapshotsIT extends RealBrokerAndDatabase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    @Autowired
    @Qualifier("aiSystemCache")
    Cache cache;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.axonframework.config.Configuration axon;

    @Test
    void aSnapshotIsTakenFromTheChangedSystemAtEachThousandEventsAndIsWhatItsEventsMake() throws Exception {
        SystemId id = SystemId.of("snapshot-" + UUID.randomUUID().toString().substring(0, 8));
        commands.sendAndWait(new RegisterSystem(
                id, null, SystemKind.LANGUAGE_MODEL, "tests", null, null, null, SystemKind.LANGUAGE_MODEL));
        Instant start = Instant.now().minusSeconds(10_000);
        int sent = 0;
        List<Long> versions = new ArrayList<>();
        while (versions.isEmpty() || versions.get(versions.size() - 1) < 2_200) {
            List<Report> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++, sent++) {
                Instant at = start.plusSeconds(sent);
                batch.add(new Report(
                        "r-" + sent,
                        sent % 7 == 0 ? ReportType.BREACHED : ReportType.TRIPPED,
                        List.of("adversarial-training", "anomaly-monitor", "deployment-gate")
                                .get(sent % 3),
                        null,
                        at,
                        at,
                        "/tests",
                        null,
                        Map.of(),
                        null,
                        null,
                        null));
            }
            commands.sendAndWait(new RecordReports(id, batch));
            versions.add(lastSequence(id));
        }

        List<Long> snapshots = jdbc.sql(
                        "SELECT sequencenumber FROM snapshotevententry WHERE aggregateidentifier = ? ORDER BY 1")
                .param(id.value())
                .query(Long.class)
                .list();
        // one snapshot kept (the older ones are replaced), at the end of the command that took it past 2,000 events
        long due = versions.stream().filter(v -> v + 1 >= 2_000).findFirst().orElseThrow();
        assertThat(snapshots).containsExactly(due);

        byte[] stored = jdbc.sql("SELECT payload FROM snapshotevententry WHERE aggregateidentifier = ?")
                .param(id.value())
                .query(byte[].class)
                .single();
        assertThat(JSON.readTree(stored)).isEqualTo(replayed(id, due));

        // loaded from it (the cache forgotten), the system goes on where it was
        cache.remove(id.value());
        commands.sendAndWait(new ChangeLifecycle(id, Lifecycle.DEPLOYED, "loaded from its snapshot"));
        assertThat(lastSequence(id)).isEqualTo(versions.get(versions.size() - 1) + 1);
    }

    /** The system its events up to {@code last} make, applied one by one to a new aggregate, as JSON. */
    private JsonNode replayed(SystemId id, long last) throws Exception {
        AggregateModel<AiSystem> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(
                AiSystem.class,
                MultiParameterResolverFactory.ordered(
                        axon.parameterResolverFactory(),
                        // the command handlers' deadline manager: no command is handled here
                        (executable, parameters, index) -> parameters[index].getType() == DeadlineManager.class
                                ? new FixedValueParameterResolver<>(null)
                                : null),
                axon.handlerDefinition(AiSystem.class));
        List<? extends DomainEventMessage<?>> events = eventStore
                .readEvents(id.value(), 0)
                .asStream()
                .filter(event -> event.getSequenceNumber() <= last)
                .toList();
        Constructor<AiSystem> blank = AiSystem.class.getDeclaredConstructor(); // as Axon makes one to source
        blank.setAccessible(true);
        AiSystem system = blank.newInstance();
        events.forEach(event -> model.publish(event, system));
        return JSON.readTree(serializer.serialize(system, byte[].class).getData());
    }

    private long lastSequence(SystemId id) {
        return eventStore
                .readEvents(id.value(), 0)
                .asStream()
                .mapToLong(DomainEventMessage::getSequenceNumber)
                .max()
                .orElseThrow();
    }
}
