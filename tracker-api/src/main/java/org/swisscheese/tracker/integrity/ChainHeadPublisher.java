package org.swisscheese.tracker.integrity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.swisscheese.tracker.ingest.IngestProperties;

/**
 * Publishes the chain head (last sequence and its hash) of every system whose stream changed since the last time on
 * {@code tracker.integrity} (key = system id), so that a copy outside the tracker can anchor the chain: whoever
 * rewrites a stream and computes its hashes anew cannot make it pass through the heads published before. The first
 * time after start, every system's head goes out. Changes are found by global index: an event whose transaction
 * committed so late that a publication had already passed its index goes out with its system's next change.
 */
@Component
public class ChainHeadPublisher {

    private static final Logger log = LoggerFactory.getLogger(ChainHeadPublisher.class);

    /** One message on the topic. */
    public record PublishedHead(String systemId, long sequence, String hash, Instant publishedAt) {}

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper json;
    private final String topic;
    private long publishedUpTo = -1;

    public ChainHeadPublisher(
            JdbcClient jdbc,
            KafkaTemplate<String, byte[]> rawKafkaTemplate,
            ObjectMapper json,
            IngestProperties properties) {
        this.jdbc = jdbc;
        this.kafka = rawKafkaTemplate;
        this.json = json;
        this.topic = properties.integrityTopic();
    }

    public String topic() {
        return topic;
    }

    /**
     * Publishes the heads of the systems that changed since the last publication ({@code all}: of every system), and
     * returns once the broker has them all.
     */
    public synchronized List<PublishedHead> publish(boolean all) {
        long upTo = jdbc.sql("SELECT COALESCE(MAX(globalindex), -1) FROM domainevententry")
                .query(Long.class)
                .single();
        long from = all ? -1 : publishedUpTo;
        if (upTo <= from) {
            return List.of();
        }
        Instant now = Instant.now();
        // only the rows appended since the last publication are scanned: each changed stream's newest among them
        // is its head as of upTo
        List<PublishedHead> heads = jdbc
                .sql("SELECT e.aggregateidentifier, e.sequencenumber, e.metadata"
                        + " FROM domainevententry e JOIN (SELECT aggregateidentifier, MAX(sequencenumber) AS newest"
                        + "   FROM domainevententry WHERE globalindex > :from AND globalindex <= :upTo"
                        + "   GROUP BY aggregateidentifier) h"
                        + " ON e.aggregateidentifier = h.aggregateidentifier AND e.sequencenumber = h.newest"
                        + " ORDER BY e.aggregateidentifier")
                .param("from", from)
                .param("upTo", upTo)
                .query((rs, n) -> {
                    String hash = hashIn(rs.getBytes(3));
                    return hash == null ? null : new PublishedHead(rs.getString(1), rs.getLong(2), hash, now);
                })
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (PublishedHead head : heads) {
            sends.add(kafka.send(topic, head.systemId(), bytes(head)));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing chain heads", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("chain heads could not be published to " + topic, e);
        }
        publishedUpTo = Math.max(publishedUpTo, upTo);
        if (!heads.isEmpty()) {
            log.info("published the chain heads of {} systems on {}", heads.size(), topic);
        }
        return heads;
    }

    private String hashIn(byte[] metaData) {
        try {
            return metaData == null
                    ? null
                    : json.readTree(metaData).path(ChainHash.HASH).textValue();
        } catch (IOException unreadable) {
            return null;
        }
    }

    private byte[] bytes(PublishedHead head) {
        try {
            return json.writeValueAsBytes(head);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
