package org.swisscheese.tracker.projection.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The read models' SQL MERGE needs PostgreSQL 15 or newer: the tracker does not start on an older one. */
class DatabaseRequirementsTest {

    @ParameterizedTest
    @CsvSource({"PostgreSQL, 15", "PostgreSQL, 16", "PostgreSQL, 17", "H2, 2", "H2, 1"})
    void startsOn(String product, int major) {
        assertThatCode(() -> DatabaseRequirements.require(product, major)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({"PostgreSQL, 14", "PostgreSQL, 12", "postgresql, 9"})
    void refusesAnOlderPostgreSql(String product, int major) {
        assertThatThrownBy(() -> DatabaseRequirements.require(product, major))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL 15 or newer");
    }
}
