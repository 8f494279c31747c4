package org.swisscheese.tracker.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Under the {@code prod} profile, refuses to start without what production needs, and says what is missing, all at
 * once: the PostgreSQL event store, the Kafka cluster, and either a token issuer or built-in accounts that listen on
 * loopback only.
 */
@Component
@Profile("prod")
public class ProductionSettings implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "localhost", "0:0:0:0:0:0:0:1");

    private Environment env;

    @Override
    public void setEnvironment(Environment environment) {
        this.env = environment;
    }

    /** Before any bean is made: a missing setting is reported as such, not as the failure of some bean it breaks. */
    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(env);
    }

    static void check(Environment env) {
        List<String> missing = new ArrayList<>();
        String db = env.getProperty("spring.datasource.url", "");
        if (!db.startsWith("jdbc:postgresql:")) {
            missing.add("TRACKER_DB_URL (spring.datasource.url): the PostgreSQL event store, e.g."
                    + " jdbc:postgresql://db:5432/tracker" + (db.isBlank() ? "" : "; got " + db));
        }
        if (env.getProperty("spring.kafka.bootstrap-servers", "").isBlank()) {
            missing.add("TRACKER_KAFKA_BOOTSTRAP (spring.kafka.bootstrap-servers): the Kafka cluster");
        }
        if (env.getProperty("tracker.security.local-accounts", Boolean.class, false)) {
            String address = env.getProperty("server.address", "");
            boolean exposed = env.getProperty("tracker.security.local-accounts-exposed", Boolean.class, false);
            if (!LOOPBACK.contains(address) && !exposed) {
                missing.add("built-in accounts (tracker.security.local-accounts=true) are refused under prod unless"
                        + " the server listens on loopback only (server.address=127.0.0.1; it is '" + address + "'):"
                        + " use tokens from an identity provider instead");
            }
        } else {
            if (env.getProperty("tracker.security.jwt.issuer", "").isBlank()) {
                missing.add("TRACKER_JWT_ISSUER (tracker.security.jwt.issuer): the issuer whose tokens are accepted");
            }
            if (env.getProperty("tracker.security.jwt.jwk-set-uri", "").isBlank()) {
                missing.add("TRACKER_JWT_JWK_SET_URI (tracker.security.jwt.jwk-set-uri): where the issuer publishes"
                        + " its signing keys");
            }
        }
        if (!missing.isEmpty()) {
            throw new Missing(missing);
        }
    }

    /** The settings production cannot do without, not set. */
    static final class Missing extends IllegalStateException {
        final List<String> missing;

        Missing(List<String> missing) {
            super("production settings missing: " + String.join("; ", missing));
            this.missing = missing;
        }
    }

    /** Prints the missing settings as a list, instead of a stack trace. */
    public static final class Analyzer extends AbstractFailureAnalyzer<Missing> {
        @Override
        protected FailureAnalysis analyze(Throwable root, Missing cause) {
            return new FailureAnalysis(
                    "The tracker was started with the prod profile, and "
                            + cause.missing.size() + " setting(s) production needs are missing or unsafe:\n  - "
                            + String.join("\n  - ", cause.missing),
                    "Set them (see the README, \"Running it at scale\") or"
                            + " start without the prod profile for the local run.",
                    cause);
        }
    }
}
