package org.swisscheese.tracker.projection.support;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What a read model has read from its own tables, kept for the length of one processor batch (the root unit of work
 * and its database transaction) so that the batch's events do not read and parse the same row again and again. It
 * never outlives the batch: another server's processor may own the segment by the next one. Outside a unit of work
 * nothing is kept.
 * <p>
 * The read model keeps the cache true: what it changes in a cached row it changes in the cache (or evicts it) in the
 * same handler. When a handler's changes are rolled back alone (its savepoint, so that the event can be parked), the
 * batch's caches are all dropped with them ({@link #forgetAll}); a whole batch rolled back takes its caches along.
 */
public final class BatchCache<K, V> {

    private static final String PREFIX = BatchCache.class.getName() + ".";

    private final String resource;

    /** {@code name}: unique among the caches of one processor, e.g. the read model's and the table's name. */
    public BatchCache(String name) {
        this.resource = PREFIX + name;
    }

    /** The cached value, or {@code load}'s (null is not kept: it is loaded again when asked again). */
    public V get(K key, Function<K, V> load) {
        Map<K, V> values = values();
        if (values == null) {
            return load.apply(key);
        }
        V value = values.get(key);
        if (value == null) {
            value = load.apply(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return value;
    }

    /** The value the handler has just written for {@code key}. */
    public void put(K key, V value) {
        Map<K, V> values = values();
        if (values != null) {
            values.put(key, value);
        }
    }

    public void evict(K key) {
        Map<K, V> values = values();
        if (values != null) {
            values.remove(key);
        }
    }

    private Map<K, V> values() {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(resource, name -> new HashMap<K, V>())
                : null;
    }

    /** Drops every cache of the batch: the database no longer holds what some of them say. */
    public static void forgetAll(UnitOfWork<?> batch) {
        batch.resources().keySet().removeIf(name -> name.startsWith(PREFIX));
    }
}
