package org.swisscheese.tracker.projection.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The pages the board, the incidents and the statistics take over HTTP, and the ones they refuse. */
class PageRequestTest {

    @ParameterizedTest(name = "page={0} size={1} -> page {2}, size {3}")
    @CsvSource(
            nullValues = "none",
            value = {"none, none, none, none", "none, 20, 0, 20", "3, 20, 3, 20", "0, 1, 0, 1", "0, 500, 0, 500"})
    void aPageWithinBoundsIsTakenTheFirstWhenNoneIsSaid(
            Integer page, Integer size, Integer expectedPage, Integer expectedSize) {
        PageRequest asked = PageRequest.of(page, size);
        assertThat(asked.page()).isEqualTo(expectedPage);
        assertThat(asked.size()).isEqualTo(expectedSize);
    }

    @ParameterizedTest(name = "page={0} size={1}: {2}")
    @CsvSource(
            nullValues = "none",
            value = {
                "1, none, page needs a size",
                "none, 0, size between 1 and 500",
                "none, 501, size between 1 and 500",
                "-1, 5, page must be 0 or more"
            })
    void anythingElseIsABadRequestThatSaysWhy(Integer page, Integer size, String why) {
        assertThatThrownBy(() -> PageRequest.of(page, size))
                .isInstanceOfSatisfying(ResponseStatusException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getReason()).contains(why);
                });
    }
}
