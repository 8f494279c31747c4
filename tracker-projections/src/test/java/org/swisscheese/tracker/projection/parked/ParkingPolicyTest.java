package org.swisscheese.tracker.projection.parked;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

/** An event is parked for what is wrong with it, never for what is wrong with the database at that moment. */
class ParkingPolicyTest {

    private final ParkingPolicy policy = new ParkingPolicy("operator-board");
    private final DeadLetter<EventMessage<?>> letter =
            new GenericDeadLetter<>("system-1", new GenericDomainEventMessage<>("AiSystem", "system-1", 3, "payload"));

    static Stream<Arguments> failures() {
        return Stream.of(
                // the event's fault: parked
                Arguments.of(
                        "a value the table refuses", new DataIntegrityViolationException("invalid byte 0x00"), true),
                Arguments.of(
                        "a payload that cannot be read", new IllegalStateException("unexpected end of input"), true),
                Arguments.of(
                        "an uncategorised SQL error",
                        new UncategorizedSQLException("update", "UPDATE", new SQLException("value too long", "22001")),
                        true),
                // the moment's fault: thrown on, the batch is tried again
                Arguments.of("no connection", new CannotGetJdbcConnectionException("pool exhausted"), false),
                Arguments.of(
                        "a lock that timed out", new CannotAcquireLockException("Timeout trying to lock table"), false),
                Arguments.of("a query that timed out", new QueryTimeoutException("canceling statement"), false),
                Arguments.of(
                        "a dropped connection, wrapped",
                        new IllegalStateException(
                                "handler failed", new SQLNonTransientConnectionException("connection closed", "08006")),
                        false),
                Arguments.of(
                        "a JDBC timeout, wrapped", new RuntimeException(new SQLTimeoutException("timeout")), false));
    }

    static Stream<Arguments> alreadyApplied() {
        return Stream.of(
                Arguments.of("its row is there", new DuplicateKeyException("duplicate key stat_demand_pkey")),
                Arguments.of(
                        "its row is there, wrapped",
                        new IllegalStateException("handler failed", new DuplicateKeyException("PRIMARY_KEY_4"))));
    }

    @ParameterizedTest(name = "{0}: skipped, neither parked nor retried")
    @MethodSource("alreadyApplied")
    void skipsAnEventDeliveredAgainAfterItWasApplied(String what, Throwable cause) {
        EnqueueDecision<EventMessage<?>> decision = policy.decide(letter, cause);
        assertThat(decision.shouldEnqueue()).isFalse();
    }

    @ParameterizedTest(name = "{0}: parked = {2}")
    @MethodSource("failures")
    void parksWhatIsWrongWithTheEventAndRetriesWhatIsWrongWithTheMoment(String what, Throwable cause, boolean parked) {
        if (parked) {
            EnqueueDecision<EventMessage<?>> decision = policy.decide(letter, cause);
            assertThat(decision.shouldEnqueue()).isTrue();
            assertThat(decision.enqueueCause()).contains(cause);
        } else {
            assertThatThrownBy(() -> policy.decide(letter, cause))
                    .isInstanceOf(ParkingPolicy.TransientHandlerFailure.class)
                    .hasCause(cause)
                    .hasMessageContaining("operator-board");
        }
    }
}
