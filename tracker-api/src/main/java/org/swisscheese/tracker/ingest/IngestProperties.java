package org.swisscheese.tracker.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param topic          where barrier events arrive (key = system id)
 * @param deadLetterTopic where records that cannot be parsed, validated or applied go, with the reason in headers
 * @param incidentsTopic where incident openings, escalations, containments and resolutions are published
 * @param integrityTopic where the head of each system's hash chain is published, for an outside copy to anchor it
 * @param groupId        the consumer group: several servers in one group share the partitions
 * @param partitions     partitions of the topics when the tracker creates them
 * @param replicas       replication factor of the topics when the tracker creates them
 * @param concurrency    consumer threads per server
 * @param lanes          parallel command lanes per consumer; one system always goes down the same lane
 * @param maxEventBytes  larger events are dead-lettered as oversize
 * @param enabled        whether this server consumes the topic at all
 * @param maxClockSkew   how far ahead of the tracker's clock a report's time may be; later ones are dead-lettered
 * @param maxReportAge   how old a report may be when it arrives; older ones are dead-lettered
 * @param maxBatch       events in one HTTP ingest request
 * @param instanceId     this server's stable name in the consumer groups (Kafka static membership): a server that
 *                       restarts, even after {@code kill -9}, takes its partitions back at once instead of waiting for
 *                       its dead self to time out; unique per server, stable across its restarts. Unset: dynamic
 *                       membership, and a dead server's partitions move after {@code sessionTimeout}
 * @param sessionTimeout how long the group waits for a silent consumer before giving its partitions to the others
 */
@ConfigurationProperties("tracker.ingest")
public record IngestProperties(
        String topic,
        String deadLetterTopic,
        String incidentsTopic,
        String integrityTopic,
        String groupId,
        Integer partitions,
        Integer replicas,
        Integer concurrency,
        Integer lanes,
        Integer maxEventBytes,
        Boolean enabled,
        java.time.Duration maxClockSkew,
        java.time.Duration maxReportAge,
        Integer maxBatch,
        String instanceId,
        java.time.Duration sessionTimeout) {

    public IngestProperties {
        topic = topic == null ? "tracker.barrier-events" : topic;
        deadLetterTopic = deadLetterTopic == null ? "tracker.barrier-events-dlt" : deadLetterTopic;
        incidentsTopic = incidentsTopic == null ? "tracker.incidents" : incidentsTopic;
        integrityTopic = integrityTopic == null ? "tracker.integrity" : integrityTopic;
        groupId = groupId == null ? "barrier-events-ingest" : groupId;
        partitions = partitions == null ? 4 : partitions;
        replicas = replicas == null ? 1 : replicas;
        concurrency = concurrency == null ? 1 : concurrency;
        lanes = lanes == null ? 4 : lanes;
        maxEventBytes = maxEventBytes == null ? 64 * 1024 : maxEventBytes;
        enabled = enabled == null || enabled;
        maxClockSkew = maxClockSkew == null ? java.time.Duration.ofMinutes(5) : maxClockSkew;
        maxReportAge = maxReportAge == null ? java.time.Duration.ofDays(90) : maxReportAge;
        maxBatch = maxBatch == null ? 1000 : maxBatch;
        instanceId = instanceId == null || instanceId.isBlank() ? null : instanceId;
        sessionTimeout = sessionTimeout == null ? java.time.Duration.ofSeconds(15) : sessionTimeout;
    }
}
