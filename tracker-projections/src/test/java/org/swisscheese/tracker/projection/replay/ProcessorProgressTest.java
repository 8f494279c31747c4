package org.swisscheese.tracker.projection.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.projection.replay.ProcessorProgress.Progress;

/** The lag and the replay progress: the slowest segment against the head, every segment counted once. */
class ProcessorProgressTest {

    private static final Map<Integer, OptionalLong> NONE = Map.of();
    /** The store's first event is 11: a segment without a token is at 10, with every event ahead of it. */
    private static final LongSupplier TAIL = () -> 10;

    private static OptionalLong at(long position) {
        return OptionalLong.of(position);
    }

    @Test
    void theSlowestStoredSegmentIsThePositionAndTheLagIsWhatLiesBetweenItAndTheHead() {
        Progress progress =
                ProcessorProgress.progress("fleet", 100, Map.of(0, at(100), 1, at(93), 2, at(98)), NONE, TAIL);
        assertThat(progress.position()).isEqualTo(93);
        assertThat(progress.lag()).isEqualTo(7);
        assertThat(progress.segments()).isEqualTo(3);
        assertThat(progress.progress()).isEqualTo(0.93);
    }

    @Test
    void caughtUpIsZeroEvenWhenTheTokensMovedPastTheHeadReadJustBeforeThem() {
        assertThat(ProcessorProgress.progress("fleet", 100, Map.of(0, at(100), 1, at(100)), NONE, TAIL)
                        .lag())
                .isZero();
        Progress past = ProcessorProgress.progress("fleet", 100, Map.of(0, at(104), 1, at(102)), NONE, TAIL);
        assertThat(past.lag()).isZero();
        assertThat(past.progress()).isEqualTo(1.0);
    }

    @Test
    void aSegmentThisServerHoldsCountsWhereItIsInMemoryNotWhereItsTokenWasLastStored() {
        Progress progress =
                ProcessorProgress.progress("fleet", 100, Map.of(0, at(60), 1, at(90)), Map.of(0, at(100)), TAIL);
        assertThat(progress.position()).isEqualTo(90);
        assertThat(progress.lag()).isEqualTo(10);
        assertThat(progress.segments()).isEqualTo(2);
    }

    @Test
    void aSegmentWithoutATokenIsAtTheTailSoTheWholeSpanOfTheStoreIsAheadOfIt() {
        Progress progress =
                ProcessorProgress.progress("fleet", 100, Map.of(0, at(100), 1, OptionalLong.empty()), NONE, TAIL);
        assertThat(progress.position()).isEqualTo(10);
        assertThat(progress.lag()).isEqualTo(90);
    }

    @Test
    void aProcessorWithNoSegmentsYetHasTheWholeSpanAheadOfIt() {
        assertThat(ProcessorProgress.progress("fleet", 100, NONE, NONE, TAIL).lag())
                .isEqualTo(90);
        assertThat(ProcessorProgress.progress("fleet", 100, NONE, NONE, TAIL).progress())
                .isEqualTo(0.1);
    }

    @Test
    void theTailIsOnlyAskedForWhenSomeSegmentHasNoToken() {
        AtomicInteger asked = new AtomicInteger();
        LongSupplier tail = () -> {
            asked.incrementAndGet();
            return 0;
        };
        ProcessorProgress.progress("fleet", 100, Map.of(0, at(99)), NONE, tail);
        assertThat(asked).hasValue(0);
        ProcessorProgress.progress("fleet", 100, Map.of(0, at(99)), Map.of(1, OptionalLong.empty()), tail);
        assertThat(asked).hasValue(1);
    }

    @Test
    void anEmptyStoreIsCaughtUp() {
        Progress empty = ProcessorProgress.progress("fleet", 0, Map.of(0, OptionalLong.empty()), NONE, () -> 0);
        assertThat(empty.lag()).isZero();
        assertThat(empty.progress()).isEqualTo(1.0);
    }
}
