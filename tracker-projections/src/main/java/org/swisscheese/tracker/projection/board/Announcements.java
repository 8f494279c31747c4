package org.swisscheese.tracker.projection.board;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swisscheese.tracker.projection.board.BoardCard.CardView;

/**
 * The cards to push to the board's stream. The processor says which systems' cards a batch changed once it has
 * committed, and goes on; one thread of their own reads those cards together and pushes each, then the ones that
 * changed meanwhile, and so on. So a card pushed is never older than the commit that changed it, a card that changed in
 * several batches while the last read ran is read and pushed once, and the processor never waits for the reads the
 * subscribers need (on the benchmark they were the board's largest wait: its open incidents read after every batch).
 * The thread starts with the first change announced.
 */
final class Announcements implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Announcements.class);

    private final Function<Collection<String>, Collection<CardView>> read;
    private final Consumer<CardView> push;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile ExecutorService thread;

    /** {@code read}: the current cards of these systems; {@code push}: to every subscriber. */
    Announcements(Function<Collection<String>, Collection<CardView>> read, Consumer<CardView> push) {
        this.read = read;
        this.push = push;
    }

    /** These systems' cards changed, and the change is committed. */
    void changed(Collection<String> systems) {
        pending.addAll(systems);
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread().execute(this::pushPending);
            } catch (RejectedExecutionException stopping) {
                scheduled.set(false); // the server is stopping: nobody is left to push to
            }
        }
    }

    private void pushPending() {
        scheduled.set(false); // a change announced from here on schedules another round
        List<String> systems = new ArrayList<>();
        for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
            systems.add(it.next());
            it.remove();
        }
        if (systems.isEmpty()) {
            return;
        }
        try {
            read.apply(systems).forEach(push);
        } catch (RuntimeException e) {
            // the subscribers miss these changes until the systems change again; a reload shows them
            log.warn("could not read {} changed cards for the board's stream: {}", systems.size(), e.toString());
        }
    }

    private ExecutorService thread() {
        ExecutorService current = thread;
        if (current == null) {
            synchronized (this) {
                if (thread == null) {
                    thread = Executors.newSingleThreadExecutor(task -> {
                        Thread t = new Thread(task, "board-announcements");
                        t.setDaemon(true);
                        return t;
                    });
                }
                current = thread;
            }
        }
        return current;
    }

    @Override
    public void close() {
        ExecutorService current = thread;
        if (current != null) {
            current.shutdownNow();
        }
    }
}
