package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

/** Under prod the server will not start on defaults: it names every setting that is missing or unsafe. */
class ProductionSettingsTest {

    @Test
    void everyMissingSettingIsNamedAtOnce() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:x");
        assertThatThrownBy(() -> ProductionSettings.check(env))
                .isInstanceOfSatisfying(
                        ProductionSettings.Missing.class,
                        missing -> assertThat(missing.missing)
                                .hasSize(4)
                                .anySatisfy(m -> assertThat(m)
                                        .startsWith("TRACKER_DB_URL")
                                        .contains("got jdbc:h2:file:x"))
                                .anySatisfy(m -> assertThat(m).startsWith("TRACKER_KAFKA_BOOTSTRAP"))
                                .anySatisfy(m -> assertThat(m).startsWith("TRACKER_JWT_ISSUER"))
                                .anySatisfy(m -> assertThat(m).startsWith("TRACKER_JWT_JWK_SET_URI")));
    }

    @Test
    void builtInAccountsAreRefusedUnlessTheServerListensOnLoopbackOnly() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/tracker")
                .withProperty("spring.kafka.bootstrap-servers", "kafka:9092")
                .withProperty("tracker.security.local-accounts", "true")
                .withProperty("server.address", "0.0.0.0");
        assertThatThrownBy(() -> ProductionSettings.check(env)).hasMessageContaining("refused under prod");
        env.setProperty("server.address", "127.0.0.1");
        assertThatCode(() -> ProductionSettings.check(env)).doesNotThrowAnyException();
    }

    @Test
    void theFailureIsReportedAsAListNotAStackTrace() {
        FailureAnalysis analysis =
                new ProductionSettings.Analyzer().analyze(new ProductionSettings.Missing(java.util.List.of("A", "B")));
        assertThat(analysis.getDescription()).contains("2 setting(s)", "  - A", "  - B");
    }
}
