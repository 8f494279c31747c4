package org.swisscheese.tracker.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A route's repeat interval as people type it: ISO-8601 or a number and a unit. */
class RepeatIntervalTextTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"PT4H, PT4H", "pt30m, PT30M", "30s, PT30S", "15m, PT15M", "4h, PT4H", "1d, PT24H", "' 2 h ', PT2H"})
    void readsIsoAndShortForms(String given, String expected) {
        assertThat(AlertingCommandController.duration(given)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4 hours", "h", "-5m", "P"})
    void refusesOtherTextInWords(String given) {
        assertThatThrownBy(() -> AlertingCommandController.duration(given))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeatInterval must be a duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blankIsTheDefault(String given) {
        assertThat(AlertingCommandController.duration(given)).isNull();
    }
}
