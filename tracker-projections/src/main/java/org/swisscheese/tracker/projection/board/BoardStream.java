package org.swisscheese.tracker.projection.board;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;
import org.swisscheese.tracker.projection.parked.ParkedEvents.Summary;

/**
 * The subscribers of the live board. A card is pushed as soon as the projection has applied the event that
 * changed it; a {@code parked} event whenever the count of events the read models parked changes. Emitters are completed when the server stops, so a shutdown does not wait for them.
 */
@Component
public class BoardStream {

    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();

    public SseEmitter subscribe(List<CardView> initial, Summary parked) throws IOException {
        SseEmitter emitter = new SseEmitter(0L);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(e -> subscribers.remove(emitter));
        emitter.send(SseEmitter.event().name("board").data(initial));
        emitter.send(SseEmitter.event().name("parked").data(parked));
        subscribers.add(emitter);
        return emitter;
    }

    boolean hasSubscribers() {
        return !subscribers.isEmpty();
    }

    void publish(CardView card) {
        send(SseEmitter.event().name("card").id(card.systemId()).data(card));
    }

    void publish(Summary parked) {
        send(SseEmitter.event().name("parked").data(parked));
    }

    private void send(SseEmitter.SseEventBuilder event) {
        for (SseEmitter emitter : subscribers) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException gone) {
                subscribers.remove(emitter);
            }
        }
    }

    @EventListener(ContextClosedEvent.class)
    public void completeAll() {
        subscribers.forEach(SseEmitter::complete);
        subscribers.clear();
    }
}
