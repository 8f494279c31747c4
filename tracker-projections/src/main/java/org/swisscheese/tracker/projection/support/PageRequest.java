package org.swisscheese.tracker.projection.support;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A page of a list asked for over HTTP: {@code size} items (1 to {@link #MAX_SIZE}) from the {@code page}-th page
 * (from 0, the first when not given), or no page at all (both null: the whole list, where a list offers that).
 */
public record PageRequest(Integer page, Integer size) {

    /** The most items one page holds. */
    public static final int MAX_SIZE = 500;

    private static final PageRequest WHOLE = new PageRequest(null, null);

    /** The page asked for; a page without a size, or either out of bounds, is a 400 with a message. */
    public static PageRequest of(Integer page, Integer size) {
        if (size == null) {
            if (page != null) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page needs a size");
            }
            return WHOLE;
        }
        if (size < 1 || size > MAX_SIZE || (page != null && page < 0)) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "page must be 0 or more and size between 1 and " + MAX_SIZE);
        }
        return new PageRequest(page == null ? 0 : page, size);
    }
}
