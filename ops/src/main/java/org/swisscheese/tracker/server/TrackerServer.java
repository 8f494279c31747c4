package org.swisscheese.tracker.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The tracker in one process: ingest, write side, projections, API and web app. */
@SpringBootApplication(scanBasePackages = "org.swisscheese.tracker")
@EnableScheduling
public class TrackerServer {

    public static void main(String[] args) {
        SpringApplication.run(TrackerServer.class, args);
    }
}
