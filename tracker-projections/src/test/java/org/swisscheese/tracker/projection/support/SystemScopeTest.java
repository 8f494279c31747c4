package org.swisscheese.tracker.projection.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.swisscheese.tracker.projection.InMemoryDatabase;

/** A read's systems as a condition on {@code system_id}: the fleet, one system, some, or none. */
class SystemScopeTest {

    private final JdbcClient jdbc = InMemoryDatabase.fresh();

    private List<String> read(SystemScope scope) {
        jdbc.sql("CREATE TABLE IF NOT EXISTS scoped (system_id VARCHAR(50))").update();
        jdbc.sql("DELETE FROM scoped").update();
        for (String id : List.of("a", "b", "c")) {
            jdbc.sql("INSERT INTO scoped (system_id) VALUES (?)").param(id).update();
        }
        return jdbc.sql("SELECT system_id FROM scoped WHERE " + scope.condition() + " ORDER BY system_id")
                .params(scope.params())
                .query(String.class)
                .list();
    }

    @Test
    void theFleetTakesInEverySystemAndNamedSystemsOnlyThose() {
        assertThat(read(SystemScope.FLEET)).containsExactly("a", "b", "c");
        assertThat(read(SystemScope.of((String) null))).containsExactly("a", "b", "c");
        assertThat(read(SystemScope.of("b"))).containsExactly("b");
        assertThat(read(SystemScope.of(List.of("c", "a", "x", "a")))).containsExactly("a", "c");
        assertThat(read(SystemScope.of(List.of()))).isEmpty();
    }

    @Test
    void saysHowManySystemsItNames() {
        assertThat(SystemScope.FLEET.isFleet()).isTrue();
        assertThat(SystemScope.of(List.of("c", "a", "a")).size()).isEqualTo(2);
        assertThat(SystemScope.of(List.of("c", "a")).params()).containsExactly("a", "c");
    }
}
