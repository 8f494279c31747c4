package org.swisscheese.tracker.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the server where to look once it is ready. */
@Component
class WhereToLook {

    private static final Logger log = LoggerFactory.getLogger(WhereToLook.class);

    @Value("${server.address:127.0.0.1}")
    String address;

    @Value("${tracker.data-dir:}")
    String dataDir;

    @Value("${tracker.security.local-accounts:false}")
    boolean localAccounts;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String base = "http://" + ("0.0.0.0".equals(address) ? "localhost" : address) + ":"
                + web.getWebServer().getPort();
        log.info(
                """

                  Barrier-failure tracker is ready
                    web app        {}/
                    API            {}/api/incidents   (OpenAPI: {}/v3/api-docs)
                    health         {}/actuator/health
                    Kafka          {}   topic tracker.barrier-events
                    accounts       {}
                    data           {}
                """,
                base,
                base,
                base,
                base,
                kafka,
                localAccounts
                        ? "operator, analyst, manager, admin, ingest (password: tracker.security.password, default tracker)"
                        : "none built in: JWT bearer tokens",
                dataDir.isBlank() ? "(external database)" : dataDir);
    }
}
