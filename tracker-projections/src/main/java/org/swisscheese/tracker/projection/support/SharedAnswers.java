package org.swisscheese.tracker.projection.support;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The answers to reads that many people make at once and that take a read model a while to work out: the board, the
 * incident list, the statistics. An answer is worked out once for everyone who asks the same question, written as JSON
 * once, and given as it is to every reader for {@code fresh-for} (default 1 s). The first reader to ask after that
 * works out the next answer; readers who ask meanwhile get the previous one if it is at most {@code stale-for} old
 * (default 3 s), and otherwise wait for the new one with it.
 * <p>
 * So a reader gets an answer that began to be worked out at most {@code stale-for} before it asked, or the one that
 * was being worked out when it asked; a reader who asks now and then (nobody asked in the last {@code fresh-for})
 * always gets an answer worked out for it; and however many ask at once, each question is worked out at most about
 * once per {@code fresh-for} and never twice at the same time. An answer's age counts from when it began to be worked
 * out. Each server keeps its own answers. The age bound is what a reader may see of a read model that is
 * itself a moment behind the store; the board's stream of changes does not go through here.
 */
public class SharedAnswers {

    private static final Duration KEPT_FOR = Duration.ofMinutes(1);

    private final ObjectMapper mapper;
    private final long freshFor;
    private final long staleFor;
    private final Ticker ticker;
    private final Cache<Object, Slot> slots;

    public SharedAnswers(ObjectMapper mapper, Duration freshFor, Duration staleFor, long maxJsonBytes, Ticker ticker) {
        if (staleFor.compareTo(freshFor) < 0) {
            throw new IllegalArgumentException(
                    "stale-for (" + staleFor + ") must be at least fresh-for (" + freshFor + ")");
        }
        this.mapper = mapper;
        this.freshFor = freshFor.toNanos();
        this.staleFor = staleFor.toNanos();
        this.ticker = ticker;
        this.slots = Caffeine.newBuilder()
                .ticker(ticker)
                // not asked for in a minute: gone (an answer is never given out that old, and one being worked out
                // is not dropped while its readers wait, which they do without asking the cache again)
                .expireAfterAccess(staleFor.compareTo(KEPT_FOR) > 0 ? staleFor : KEPT_FOR)
                .maximumWeight(maxJsonBytes)
                .<Object, Slot>weigher((question, slot) -> slot.weight())
                .build();
    }

    /**
     * The answer to {@code question} (a value object: equal questions share their answers), worked out by
     * {@code compute} when there is none recent enough. What {@code compute} throws, the readers waiting for it get.
     */
    public <T> Answer<T> answer(Object question, Supplier<T> compute) {
        if (freshFor == 0) {
            return render(compute.get());
        }
        Slot slot = slots.get(question, q -> new Slot());
        long now = ticker.read();
        Answer<?> last;
        long lastAt;
        CompletableFuture<Answer<?>> next;
        boolean mine = false;
        synchronized (slot) {
            last = slot.last;
            lastAt = slot.lastAt;
            if (last != null && now - lastAt < freshFor) {
                return cast(last);
            }
            if (slot.next == null) {
                slot.next = new CompletableFuture<>();
                mine = true;
            }
            next = slot.next;
        }
        if (mine) {
            return workOut(question, slot, next, compute);
        }
        if (last != null && now - lastAt < staleFor) {
            return cast(last);
        }
        try {
            return cast(next.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw e;
        }
    }

    private <T> Answer<T> workOut(Object question, Slot slot, CompletableFuture<Answer<?>> next, Supplier<T> compute) {
        long began = ticker.read();
        Answer<T> answer;
        try {
            answer = render(compute.get());
        } catch (Throwable e) {
            synchronized (slot) {
                slot.next = null;
            }
            // wrapped, so that the readers waiting for it get e itself, as this reader does (join() would hand a
            // CompletionException over as it is, and they would throw its cause)
            next.completeExceptionally(new CompletionException(e));
            throw e;
        }
        synchronized (slot) {
            slot.last = answer;
            slot.lastAt = began;
            slot.next = null;
        }
        next.complete(answer);
        slots.asMap().replace(question, slot, slot); // weighed again, now with its JSON
        return answer;
    }

    private <T> Answer<T> render(T value) {
        try {
            return new Answer<>(value, mapper.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Answer<T> cast(Answer<?> answer) {
        return (Answer<T>) answer;
    }

    /** One question's last answer, and the next one while it is being worked out. */
    private static final class Slot {
        private Answer<?> last;
        private long lastAt;
        private CompletableFuture<Answer<?>> next;

        synchronized int weight() {
            return last == null ? 1 : Math.max(1, last.json.length);
        }
    }

    /**
     * An answer and its JSON (UTF-8, written by the mapper the web layer uses), which the web layer writes to every
     * reader as it is ({@link SharedAnswersConfiguration}). The API documents the value's type.
     */
    public static final class Answer<T> implements JsonSerializable {

        private final T value;
        private final byte[] json;

        Answer(T value, byte[] json) {
            this.value = value;
            this.json = json;
        }

        public T value() {
            return value;
        }

        /** The JSON, not to be changed: it is shared. */
        byte[] json() {
            return json;
        }

        /**
         * Written by a mapper (inside a larger value, or as another format such as YAML): its value, as that mapper
         * writes it. The web layer's JSON responses do not come here.
         */
        @Override
        public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
            serializers.defaultSerializeValue(value, generator);
        }

        @Override
        public void serializeWithType(JsonGenerator generator, SerializerProvider serializers, TypeSerializer types)
                throws IOException {
            serialize(generator, serializers);
        }
    }
}
