package org.swisscheese.tracker.command;

import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.swisscheese.tracker.api.AiSystemEvent;

/**
 * Rules tests that run command after command on one system, each on the history the ones before it left: what a
 * command caused, or that it was refused with no event.
 */
abstract class ScriptedRulesTest {

    protected AggregateTestFixture<AiSystem> fixture;
    protected List<Object> history;

    protected void start(List<Object> given) {
        fixture = new AggregateTestFixture<>(AiSystem.class);
        fixture.setReportIllegalStateChange(true);
        history = new ArrayList<>(given);
    }

    /** Runs one command after the history so far and adds what it caused to it; returns the new events. */
    protected List<AiSystemEvent> run(Object command) {
        fixture.given(history).when(command).expectSuccessfulHandlerExecution();
        return Fixtures.appendProduced(fixture, history);
    }

    protected static <T> List<T> only(List<?> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    protected void refused(Object command, Class<? extends Exception> refusal, String message) {
        fixture.given(history)
                .when(command)
                .expectException(refusal)
                .expectExceptionMessage(containsString(message))
                .expectNoEvents();
    }
}
