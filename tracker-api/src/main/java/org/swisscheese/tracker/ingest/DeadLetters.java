package org.swisscheese.tracker.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaHeaders;

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
    private final KafkaOperations<String, byte[]> template;
    private final String deadLetterTopic;

    public DeadLetters(KafkaOperations<String, byte[]> template, String deadLetterTopic, MeterRegistry meters) {
        this.meters = meters;
        this.template = template;
        this.deadLetterTopic = deadLetterTopic;
        this.recoverer = new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(deadLetterTopic, -1));
        this.recoverer.setHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, exception.getMessage().getBytes(StandardCharsets.UTF_8));
            Throwable cause = exception.getCause() == null ? exception : exception.getCause();
            if (cause instanceof InvalidBarrierEvent invalid) {
                headers.add(KIND_HEADER, invalid.kind().name().getBytes(StandardCharsets.UTF_8));
            }
            return headers;
        });
        // every reason is exported from the start, at 0: a dashboard or an alert on a reason sees a series before
        // the first record of that kind is refused
        for (InvalidBarrierEvent.Kind kind : InvalidBarrierEvent.Kind.values()) {
            counter(kind);
        }
    }

    public static final String ORIGIN_HEADER = "tracker-dlt-origin";

    /**
     * An event refused over HTTP is kept like one refused on Kafka: on the dead-letter topic, with its reason, so it
     * is listed and can be re-driven (to the ingest topic) once the cause is fixed.
     */
    public void sendRefusedOverHttp(String key, byte[] value, String user, InvalidBarrierEvent reason) {
        log.warn(
                "dead-lettering an event refused over HTTP (from {}): {} ({})",
                user,
                reason.getMessage(),
                reason.kind());
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(deadLetterTopic, key, value);
        letter.headers().add(REASON_HEADER, reason.getMessage().getBytes(StandardCharsets.UTF_8));
        letter.headers().add(KIND_HEADER, reason.kind().name().getBytes(StandardCharsets.UTF_8));
        letter.headers().add(ORIGIN_HEADER, ("http:" + user).getBytes(StandardCharsets.UTF_8));
        letter.headers()
                .add(
                        KafkaHeaders.DLT_EXCEPTION_FQCN,
                        InvalidBarrierEvent.class.getName().getBytes(StandardCharsets.UTF_8));
        try {
            template.send(letter).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keeping a refused event", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a refused event could not be kept on " + deadLetterTopic, e);
        }
        counter(reason.kind()).increment();
    }

    public void send(ConsumerRecord<?, ?> record, InvalidBarrierEvent reason) {
        log.warn(
                "dead-lettering {}-{}@{}: {} ({})",
                record.topic(),
                record.partition(),
                record.offset(),
                reason.getMessage(),
                reason.kind());
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
