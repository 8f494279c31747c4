package org.swisscheese.tracker.projection.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.projection.InMemoryDatabase;
import org.swisscheese.tracker.projection.support.SharedAnswers.Answer;

/**
 * The heavy reads are worked out once for everyone who asks: an answer is given as it is for a second, the previous one
 * while the next is worked out if it is young enough, and never one older than {@code stale-for}.
 */
class SharedAnswersTest {

    private static final Duration FRESH_FOR = Duration.ofSeconds(1);
    private static final Duration STALE_FOR = Duration.ofSeconds(3);

    private final AtomicLong now = new AtomicLong();
    private final ObjectMapper mapper = InMemoryDatabase.mapper();
    private final SharedAnswers answers = new SharedAnswers(mapper, FRESH_FOR, STALE_FOR, 1 << 20, now::get);
    private final AtomicInteger workedOut = new AtomicInteger();

    record Question(String systemId) {}

    record Board(int version, Instant at) {}

    private Board next() {
        return new Board(workedOut.incrementAndGet(), Instant.parse("2026-11-30T12:00:00Z"));
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void anAnswerIsGivenAsItIsUntilItIsASecondOldThenWorkedOutAnew() {
        Answer<Board> first = answers.answer(new Question("a"), this::next);
        advance(Duration.ofMillis(999));
        assertThat(answers.answer(new Question("a"), this::next)).isSameAs(first);
        advance(Duration.ofMillis(1));
        Answer<Board> second = answers.answer(new Question("a"), this::next);
        assertThat(second.value().version()).isEqualTo(2);
        assertThat(workedOut).hasValue(2);
    }

    @Test
    void differentQuestionsHaveTheirOwnAnswers() {
        assertThat(answers.answer(new Question("a"), this::next).value().version())
                .isEqualTo(1);
        assertThat(answers.answer(new Question("b"), this::next).value().version())
                .isEqualTo(2);
        assertThat(answers.answer(new Question("a"), this::next).value().version())
                .isEqualTo(1);
    }

    @Test
    void aReaderWhoAsksNowAndThenGetsAnAnswerWorkedOutForItNotAnOldOne() {
        answers.answer(new Question("a"), this::next);
        advance(Duration.ofSeconds(2)); // past fresh-for, within stale-for: nobody is working one out, so it does
        assertThat(answers.answer(new Question("a"), this::next).value().version())
                .isEqualTo(2);
        advance(Duration.ofSeconds(30));
        assertThat(answers.answer(new Question("a"), this::next).value().version())
                .isEqualTo(3);
    }

    @Test
    void whileTheNextAnswerIsWorkedOutOthersGetThePreviousOneIfItIsYoungEnough() throws Exception {
        answers.answer(new Question("a"), this::next);
        advance(Duration.ofMillis(1500));
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Answer<Board>> slow = askHeldUntil(finish, this::next);

        // 1.5 s old: given while the next is worked out, and nobody works out a third
        assertThat(answers.answer(new Question("a"), this::next).value().version())
                .isEqualTo(1);
        assertThat(workedOut).hasValue(1);

        // 3 s old: too old to give out; this reader waits for the answer being worked out
        advance(Duration.ofMillis(1500));
        CompletableFuture<Answer<Board>> waiting =
                CompletableFuture.supplyAsync(() -> answers.answer(new Question("a"), this::next));
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        finish.countDown();
        assertThat(waiting.get(5, TimeUnit.SECONDS).value().version()).isEqualTo(2);
        assertThat(slow.get(5, TimeUnit.SECONDS)).isSameAs(waiting.get());
        assertThat(workedOut).hasValue(2);
    }

    @Test
    void readersWhoAskAtOnceWithNoAnswerYetShareOneWorkingOut() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Answer<Board>> first = askHeldUntil(finish, this::next);
        List<CompletableFuture<Answer<Board>>> others = List.of(
                CompletableFuture.supplyAsync(() -> answers.answer(new Question("a"), this::next)),
                CompletableFuture.supplyAsync(() -> answers.answer(new Question("a"), this::next)));
        finish.countDown();
        for (CompletableFuture<Answer<Board>> other : others) {
            assertThat(other.get(5, TimeUnit.SECONDS)).isSameAs(first.get(5, TimeUnit.SECONDS));
        }
        assertThat(workedOut).hasValue(1);
    }

    @Test
    void anAnswerIsAsOldAsWhenItBeganToBeWorkedOut() {
        answers.answer(new Question("a"), () -> {
            advance(Duration.ofMillis(800)); // a slow read model: the rows it read are 800 ms older than the answer
            return next();
        });
        advance(Duration.ofMillis(200));
        assertThat(answers.answer(new Question("a"), this::next).value().version())
                .isEqualTo(2);
    }

    @Test
    void aFailureGoesToTheReadersWaitingForItAndIsNotKept() throws Exception {
        CountDownLatch fail = new CountDownLatch(1);
        CompletableFuture<Answer<Board>> failing = askHeldUntil(fail, () -> {
            throw new IllegalStateException("the database is away");
        });
        CompletableFuture<Answer<Board>> waiting =
                CompletableFuture.supplyAsync(() -> answers.answer(new Question("a"), this::next));
        Thread.sleep(100);
        fail.countDown();
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("the database is away");
        assertThatThrownBy(() -> failing.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("the database is away");

        assertThat(answers.answer(new Question("a"), this::next).value().version())
                .isEqualTo(1);
    }

    /**
     * A read model's failure reaches the web layer as the query gateway's join() threw it (ApiErrors answers a
     * CompletionException by its cause: 503 for a query past its time limit). A reader who waited gets that very one.
     */
    @Test
    void aReaderWhoWaitedGetsTheFailureTheReaderWhoWorkedItOutGot() throws Exception {
        CompletionException timedOut = new CompletionException(new IllegalStateException("past the query time limit"));
        CountDownLatch fail = new CountDownLatch(1);
        CompletableFuture<Throwable> workedOut = thrownBy(() -> answers.answer(new Question("a"), () -> {
            await(fail);
            throw timedOut;
        }));
        Thread.sleep(100);
        CompletableFuture<Throwable> waited = thrownBy(() -> answers.answer(new Question("a"), this::next));
        Thread.sleep(100);
        fail.countDown();
        assertThat(workedOut.get(5, TimeUnit.SECONDS)).isSameAs(timedOut);
        assertThat(waited.get(5, TimeUnit.SECONDS)).isSameAs(timedOut);
    }

    @Test
    void anAnswerWorkedOutForLongerThanStaleForIsNotWorkedOutTwice() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Answer<Board>> slow = askHeldUntil(finish, this::next);
        advance(Duration.ofSeconds(20)); // a fleet of 10,000 systems: the board takes seconds
        CompletableFuture<Answer<Board>> later =
                CompletableFuture.supplyAsync(() -> answers.answer(new Question("a"), this::next));
        Thread.sleep(100);
        finish.countDown();
        assertThat(later.get(5, TimeUnit.SECONDS)).isSameAs(slow.get(5, TimeUnit.SECONDS));
        assertThat(workedOut).hasValue(1);
        // it began 20 s ago: the next reader works out a new one
        assertThat(answers.answer(new Question("a"), this::next).value().version())
                .isEqualTo(2);
    }

    private static CompletableFuture<Throwable> thrownBy(Runnable read) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                read.run();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    @Test
    void aFailureIsThrownToTheReaderAsItWasThrown() {
        IllegalStateException away = new IllegalStateException("the database is away");
        assertThatThrownBy(() -> answers.answer(new Question("a"), () -> {
                    throw away;
                }))
                .isSameAs(away);
    }

    @Test
    void withFreshForZeroEveryReadIsWorkedOut() {
        SharedAnswers never = new SharedAnswers(mapper, Duration.ZERO, Duration.ZERO, 1 << 20, now::get);
        never.answer(new Question("a"), this::next);
        never.answer(new Question("a"), this::next);
        assertThat(workedOut).hasValue(2);
    }

    @Test
    void staleForShorterThanFreshForIsRefused() {
        assertThatThrownBy(() -> new SharedAnswers(mapper, STALE_FOR, FRESH_FOR, 1 << 20, now::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stale-for");
    }

    @Test
    void theAnswerIsWrittenAsTheJsonOfItsValueByTheSameMapper() throws Exception {
        Answer<Board> answer = answers.answer(new Question("a"), this::next);
        String expected = mapper.writeValueAsString(new Board(1, Instant.parse("2026-11-30T12:00:00Z")));
        assertThat(new String(answer.json(), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(mapper.writeValueAsString(answer)).isEqualTo(expected);
        assertThat(mapper.writeValueAsString(Map.of("board", answer))).isEqualTo("{\"board\":" + expected + "}");
    }

    /** Asks on another thread, with a working-out held until {@code finish}; returns once it is under way. */
    private CompletableFuture<Answer<Board>> askHeldUntil(CountDownLatch finish, Supplier<Board> then)
            throws InterruptedException {
        CountDownLatch working = new CountDownLatch(1);
        CompletableFuture<Answer<Board>> asked =
                CompletableFuture.supplyAsync(() -> answers.answer(new Question("a"), () -> {
                    working.countDown();
                    await(finish);
                    return then.get();
                }));
        assertThat(working.await(5, TimeUnit.SECONDS)).isTrue();
        return asked;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not let go");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
