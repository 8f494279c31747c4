package org.swisscheese.tracker.projection.support;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Rows a read model writes for many events of one processor batch, gathered by key and written together just before
 * the batch commits (in its transaction), instead of one statement per event. For rows handlers do not read back
 * while the batch runs: a value written here is in the table only once the batch is about to commit, or once a
 * handler that does read them has called {@link #flush()}.
 * <p>
 * Writes are held back only where the batch allows it ({@link #holdBackIn}: a processor's batch run without a savepoint
 * per event). Everywhere else (outside a unit of work, an event under its own savepoint so that it alone can be
 * parked) each write goes to the table at once, so a write that fails fails its own event's handler. A held-back write
 * that fails fails the whole batch's commit: the batch is rolled back, the batch's {@code onFailure} is told (the read
 * model then runs its events under savepoints, writing at once), and the processor tries the batch again.
 */
public final class BatchWrites<K, V> {

    private static final String HOLD_BACK = BatchWrites.class.getName() + ".holdBack";

    private final String resource;
    private final BinaryOperator<V> merge;
    private final Consumer<Map<K, V>> write;

    /**
     * {@code name}: unique among the writes of one processor; {@code merge}: two values written for one key in a batch
     * as the one to write; {@code write}: writes the rows (one or many) in the current transaction.
     */
    public BatchWrites(String name, BinaryOperator<V> merge, Consumer<Map<K, V>> write) {
        this.resource = BatchWrites.class.getName() + "." + name;
        this.merge = merge;
        this.write = write;
    }

    /** Writes {@code value} for {@code key}: before the batch commits if it holds writes back, otherwise at once. */
    public void write(K key, V value) {
        UnitOfWork<?> batch = currentBatch();
        Runnable onFailure = batch == null ? null : batch.<Runnable>getResource(HOLD_BACK);
        if (onFailure == null) {
            write.accept(Map.of(key, value));
            return;
        }
        batch.getOrComputeResource(resource, name -> {
                    Map<K, V> held = new LinkedHashMap<>();
                    batch.onPrepareCommit(u -> flush(held, onFailure));
                    return held;
                })
                .merge(key, value, merge);
    }

    /**
     * Writes what the batch holds back now: for a handler about to read or rewrite these rows. Like the write at the
     * batch's commit, a failure fails the batch whole (the handler's own savepoint could not take it back alone).
     */
    public void flush() {
        UnitOfWork<?> batch = currentBatch();
        Map<K, V> held = batch == null ? null : batch.getResource(resource);
        if (held != null) {
            flush(held, batch.getResource(HOLD_BACK));
        }
    }

    /** The processor batch (root unit of work) the current handler runs in, or null outside one. */
    private static UnitOfWork<?> currentBatch() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root() : null;
    }

    private void flush(Map<K, V> held, Runnable onFailure) {
        if (held.isEmpty()) {
            return;
        }
        Map<K, V> rows = new LinkedHashMap<>(held);
        held.clear();
        try {
            write.accept(rows);
        } catch (RuntimeException | Error e) {
            onFailure.run();
            throw e;
        }
    }

    /** Whether the batch holds writes back ({@link #holdBackIn}). */
    public static boolean holdsBack(UnitOfWork<?> batch) {
        return batch.resources().containsKey(HOLD_BACK);
    }

    /** Hands {@code rows} to {@code statement} {@code most} at a time: a statement takes only so many parameters. */
    public static <T> void inStatementsOf(int most, Collection<T> rows, Consumer<List<T>> statement) {
        List<T> all = List.copyOf(rows);
        for (int from = 0; from < all.size(); from += most) {
            statement.accept(all.subList(from, Math.min(all.size(), from + most)));
        }
    }

    /**
     * Lets the batch hold its writes back until it commits; {@code onFailure} runs if they then fail (before the batch
     * is rolled back). The first call of a batch counts.
     */
    public static void holdBackIn(UnitOfWork<?> batch, Runnable onFailure) {
        batch.resources().putIfAbsent(HOLD_BACK, onFailure);
    }
}
