package org.swisscheese.tracker.projection.board;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param incidentsPerCard how many of a system's open incidents its card lists, the worst first; the card counts the
 *                         rest, and every path's live margin still takes all of them in. A system flooded with
 *                         breaches keeps a card (and a board) of bounded size.
 */
@ConfigurationProperties("tracker.board")
public record BoardProperties(Integer incidentsPerCard) {

    public static final int DEFAULT_INCIDENTS_PER_CARD = 10;

    public BoardProperties {
        incidentsPerCard = incidentsPerCard == null ? DEFAULT_INCIDENTS_PER_CARD : incidentsPerCard;
        if (incidentsPerCard < 1) {
            throw new IllegalArgumentException("tracker.board.incidents-per-card must be at least 1");
        }
    }

    public static BoardProperties defaults() {
        return new BoardProperties(null);
    }
}
