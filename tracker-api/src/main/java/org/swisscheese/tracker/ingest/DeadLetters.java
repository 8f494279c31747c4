package org.swisscheese.tracker.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends a record that cannot become a report to the dead-letter topic, with its original key and value and, in
 * headers, the reason, the reason's kind, the exception class and the original topic, partition and offset
 * (spring-kafka's {@code kafka_dlt-*} headers). Waits for the broker's acknowledgement, so the offset of the
 * original is only committed once the dead letter is safe.
 */
public class DeadLetters {

    public static final String REASON_HEADER = "tracker-dlt-reason";
    public static final String KIND_HEADER = "tracker-dlt-kind";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterPublishingRecoverer recoverer;
    private final MeterRegistry meters;

    public DeadLetters(KafkaOperations<?, ?> template, String deadLetterTopic, MeterRegistry meters) {
        this.meters = meters;
        this.recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(deadLetterTopic, -1));
        this.recoverer.setHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, exception.getMessage().getBytes(StandardCharsets.UTF_8));
            Throwable cause = exception.getCause() == null ? exception : exception.getCause();
            if (cause instanceof InvalidBarrierEvent invalid) {
                headers.add(KIND_HEADER, invalid.kind().name().getBytes(StandardCharsets.UTF_8));
            }
            return headers;
        });
    }

    public void send(ConsumerRecord<?, ?> record, InvalidBarrierEvent reason) {
        log.warn("dead-lettering {}-{}@{}: {} ({})", record.topic(), record.partition(), record.offset(),
                reason.getMessage(), reason.kind());
        recoverer.accept(record, reason);
        counter(reason.kind()).increment();
    }

    private Counter counter(InvalidBarrierEvent.Kind kind) {
        return Counter.builder("tracker.ingest.dead.letters")
                .description("records sent to the dead-letter topic, by reason")
                .tag("reason", kind.name().toLowerCase())
                .register(meters);
    }
}
