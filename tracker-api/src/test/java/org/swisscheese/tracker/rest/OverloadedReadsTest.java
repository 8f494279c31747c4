package org.swisscheese.tracker.rest;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.axonframework.messaging.timeout.UnitOfWorkTimeoutInterceptor;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A read that runs past the time Axon gives a query is answered 503 with Retry-After (the server is busy; nothing is
 * wrong with the request), through Axon's own query bus and time limit, as the read endpoints ask.
 */
class OverloadedReadsTest {

    @RestController
    static class SlowReads {

        private final QueryGateway queries;

        SlowReads(QueryGateway queries) {
            this.queries = queries;
        }

        @GetMapping("/slow")
        String slow() {
            return queries.query("slow", "a read", String.class).join();
        }

        @GetMapping("/quick")
        String quick() {
            return queries.query("quick", "a read", String.class).join();
        }
    }

    @Test
    void aReadThatRunsOutOfTimeIsServiceUnavailableWithRetryAfterAndOneInTimeIsAnswered() throws Exception {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        bus.registerHandlerInterceptor(new UnitOfWorkTimeoutInterceptor("queries", 200, -1, 100));
        bus.subscribe("slow", String.class, query -> {
            Thread.sleep(10_000);
            return "too late";
        });
        bus.subscribe("quick", String.class, query -> "in time");
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new SlowReads(
                        DefaultQueryGateway.builder().queryBus(bus).build()))
                .setControllerAdvice(new ApiErrors())
                .build();

        mvc.perform(get("/slow"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("too busy")));
        mvc.perform(get("/quick")).andExpect(status().isOk());
    }
}
