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
 */
@ConfigurationProperties("tracker.ingest")
public record IngestProperties(String topic, String deadLetterTopic, String incidentsTopic, String integrityTopic,
                               String groupId, Integer partitions, Integer replicas, Integer concurrency, Integer lanes,
                               Integer maxEventBytes, Boolean enabled) {

    public IngestProperties {
        topic = topic == null ? "tracker.barrier-events" : topic;
        deadLetterTopic = deadLetterTopic == null ? "tracker.barrier-events-dlt" : deadLetterTopic;
        incidentsTopic = incidentsTopic == null ? "tracker.incidents" : incidentsTopic;
        integrityTopic = integrityTopic == null ? "tracker.integrity" : integrityTopic;
        groupId = groupId == null ? "tracker-ingest" : groupId;
        partitions = partitions == null ? 4 : partitions;
        replicas = replicas == null ? 1 : replicas;
        concurrency = concurrency == null ? 1 : concurrency;
        lanes = lanes == null ? 4 : lanes;
        maxEventBytes = maxEventBytes == null ? 64 * 1024 : maxEventBytes;
        enabled = enabled == null || enabled;
    }
}
