package org.swisscheese.tracker.projection.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * A processor batch that holds writes back writes each key once, with the batch's merged value, just before it
 * commits; anywhere else a write goes out at once. A held-back write that fails fails the batch's commit and says so.
 */
class BatchWritesTest {

    /** Each call of the write, as the table would get it. */
    private final List<Map<String, Integer>> statements = new ArrayList<>();

    private final BatchWrites<String, Integer> latest =
            new BatchWrites<>("test.latest", Math::max, rows -> statements.add(new LinkedHashMap<>(rows)));

    private static BatchingUnitOfWork<?> batchOf(int events) {
        List<GenericEventMessage<String>> messages = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            messages.add(new GenericEventMessage<>("event " + i));
        }
        return new BatchingUnitOfWork<>(messages);
    }

    /**
     * Handles each event of the batch with {@code handler}, then commits it (as a processor does); what failed it,
     * thrown.
     */
    private static void run(BatchingUnitOfWork<?> batch, Consumer<Integer> handler) {
        AtomicInteger event = new AtomicInteger();
        ResultMessage<?> result = batch.executeWithResult(() -> {
            handler.accept(event.getAndIncrement());
            return null;
        });
        if (result.isExceptional()) {
            throw new IllegalStateException("the batch failed", result.exceptionResult());
        }
    }

    @Test
    void outsideAUnitOfWorkEachWriteGoesOutAtOnce() {
        latest.write("a", 1);
        latest.write("a", 2);

        assertThat(statements).containsExactly(Map.of("a", 1), Map.of("a", 2));
    }

    @Test
    void aBatchThatDoesNotHoldWritesBackWritesEachAtOnce() {
        BatchingUnitOfWork<?> batch = batchOf(2);
        List<Integer> seenWhileHandling = new ArrayList<>();

        run(batch, event -> {
            latest.write("a", event);
            seenWhileHandling.add(statements.size());
        });

        assertThat(seenWhileHandling).containsExactly(1, 2);
        assertThat(statements).containsExactly(Map.of("a", 0), Map.of("a", 1));
    }

    @Test
    void aBatchThatHoldsWritesBackWritesEachKeyOnceWithItsMergedValueBeforeItCommits() {
        BatchingUnitOfWork<?> batch = batchOf(4);
        List<Integer> seenWhileHandling = new ArrayList<>();
        List<Integer> seenAtCommit = new ArrayList<>();
        batch.onCommit(u -> seenAtCommit.add(statements.size()));

        run(batch, event -> {
            BatchWrites.holdBackIn(batch, () -> {});
            latest.write(event % 2 == 0 ? "even" : "odd", 10 - event);
            seenWhileHandling.add(statements.size());
        });

        assertThat(seenWhileHandling).containsOnly(0);
        assertThat(seenAtCommit).containsExactly(1);
        assertThat(statements).containsExactly(Map.of("even", 10, "odd", 9));
    }

    @Test
    void aBatchRolledBackWritesNothingItHeldBack() {
        BatchingUnitOfWork<?> batch = batchOf(2);

        assertThatThrownBy(() -> run(batch, event -> {
                    BatchWrites.holdBackIn(batch, () -> {});
                    latest.write("a", 1);
                    throw new IllegalArgumentException("a handler failed");
                }))
                .hasRootCauseMessage("a handler failed");

        assertThat(batch.isRolledBack()).isTrue();
        assertThat(statements).isEmpty();
    }

    @Test
    void aHeldBackWriteThatFailsFailsTheBatchsCommitAndTellsTheBatch() {
        BatchWrites<String, Integer> refused = new BatchWrites<>("test.refused", Math::max, rows -> {
            throw new IllegalArgumentException("the database refuses " + rows.keySet());
        });
        BatchingUnitOfWork<?> batch = batchOf(1);
        AtomicInteger told = new AtomicInteger();
        AtomicInteger committed = new AtomicInteger();
        batch.onCommit(u -> committed.incrementAndGet());

        assertThatThrownBy(() -> run(batch, event -> {
                    BatchWrites.holdBackIn(batch, told::incrementAndGet);
                    refused.write("bad", 1);
                }))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("the database refuses [bad]");

        assertThat(told).hasValue(1);
        assertThat(committed).hasValue(0);
        assertThat(batch.isRolledBack()).isTrue();
    }

    @Test
    void writesOfANestedUnitOfWorkAreHeldByItsBatch() {
        BatchingUnitOfWork<?> batch = batchOf(1);

        run(batch, event -> {
            BatchWrites.holdBackIn(batch, () -> {});
            UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(null);
            latest.write("a", 1);
            nested.commit();
            assertThat(statements).isEmpty();
        });

        assertThat(statements).containsExactly(Map.of("a", 1));
    }

    @Test
    void aHandlerThatReadsTheRowsHasWhatTheBatchHeldWrittenFirstAndTheRestFollowsAtTheCommit() {
        BatchingUnitOfWork<?> batch = batchOf(3);
        List<Integer> seenWhileHandling = new ArrayList<>();

        run(batch, event -> {
            BatchWrites.holdBackIn(batch, () -> {});
            if (event == 1) {
                latest.flush();
            }
            latest.write("a", event);
            seenWhileHandling.add(statements.size());
        });

        assertThat(seenWhileHandling).containsExactly(0, 1, 1);
        assertThat(statements).containsExactly(Map.of("a", 0), Map.of("a", 2));
    }

    @Test
    void rowsAreHandedToStatementsSoManyAtATimeInTheirOrder() {
        List<List<Integer>> chunks = new ArrayList<>();

        BatchWrites.inStatementsOf(2, List.of(1, 2, 3, 4, 5), chunks::add);
        BatchWrites.inStatementsOf(2, List.<Integer>of(), chunks::add);

        assertThat(chunks).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    }
}
