package org.swisscheese.tracker.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;

/**
 * Consumes {@code tracker.barrier-events} a poll at a time: parses and validates each record, applies the reports
 * of each system in one command, and dead-letters what cannot be parsed, validated or applied. The container
 * commits the batch's offsets only when this method returns, i.e. after every report is stored or dead-lettered;
 * if the store cannot be reached it throws, and the batch is redelivered (harmless: reports are idempotent).
 */
public class KafkaIngestListener {

    private final BarrierEventFormat format;
    private final IngestDispatcher dispatcher;
    private final DeadLetters deadLetters;
    private final Clock clock;

    public KafkaIngestListener(
            BarrierEventFormat format, IngestDispatcher dispatcher, DeadLetters deadLetters, Clock clock) {
        this.format = format;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    // the group is named explicitly: the listener id would otherwise silently become the group and the
    // tracker.ingest.group-id setting would do nothing (as it did up to 0.1: every server used this default)
    @KafkaListener(
            id = "${tracker.ingest.listener-id:barrier-events-ingest}",
            groupId = "${tracker.ingest.group-id:barrier-events-ingest}",
            topics = "${tracker.ingest.topic:tracker.barrier-events}",
            containerFactory = "barrierEventsContainerFactory",
            batch = "true",
            autoStartup = "${tracker.ingest.enabled:true}")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        Instant receivedAt = clock.instant();
        Map<SystemId, List<Report>> reportsBySystem = new LinkedHashMap<>();
        Map<Report, ConsumerRecord<String, byte[]>> recordOf = new IdentityHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                BarrierEventFormat.Parsed parsed =
                        format.fromKafka(record.key(), record.headers(), record.value(), receivedAt);
                reportsBySystem
                        .computeIfAbsent(parsed.systemId(), s -> new ArrayList<>())
                        .add(parsed.report());
                recordOf.put(parsed.report(), record);
            } catch (InvalidBarrierEvent invalid) {
                deadLetters.send(record, invalid);
            }
        }
        if (reportsBySystem.isEmpty()) {
            return;
        }
        IngestDispatcher.Summary summary = dispatcher.dispatch(reportsBySystem);
        for (IngestDispatcher.Refused refused : summary.refused()) {
            deadLetters.send(recordOf.get(refused.report()), new InvalidBarrierEvent(refused.kind(), refused.reason()));
        }
    }
}
