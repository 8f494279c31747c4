package org.swisscheese.tracker.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The tracker in one process: ingest, write side, projections, API and web app. With {@code --tracker.mode=broker}
 * the jar runs a standalone Kafka broker instead ({@link StandaloneBroker}).
 */
@SpringBootApplication(scanBasePackages = "org.swisscheese.tracker")
@EnableScheduling
public class TrackerServer {

    public static void main(String[] args) {
        if (StandaloneBroker.requested(args)) {
            StandaloneBroker.run(args);
            return;
        }
        SpringApplication.run(TrackerServer.class, args);
    }
}
