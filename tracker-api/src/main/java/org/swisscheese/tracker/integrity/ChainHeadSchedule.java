package org.swisscheese.tracker.integrity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the changed chain heads every {@code tracker.integrity.publish-interval} (default 5 minutes); off with
 * {@code tracker.integrity.publish-enabled=false} (the tests switch it off; {@code POST /api/admin/integrity/publish}
 * still publishes on demand).
 */
@Component
@ConditionalOnProperty(name = "tracker.integrity.publish-enabled", havingValue = "true", matchIfMissing = true)
class ChainHeadSchedule {

    private static final Logger log = LoggerFactory.getLogger(ChainHeadSchedule.class);

    private final ChainHeadPublisher publisher;

    ChainHeadSchedule(ChainHeadPublisher publisher) {
        this.publisher = publisher;
    }

    @Scheduled(
            fixedDelayString = "${tracker.integrity.publish-interval:PT5M}",
            initialDelayString = "${tracker.integrity.publish-interval:PT5M}")
    void publishChangedHeads() {
        try {
            publisher.publish(false);
        } catch (RuntimeException e) {
            // nothing is lost: what was not published is still unpublished next time
            log.warn("chain heads not published this time: {}", e.toString());
        }
    }
}
