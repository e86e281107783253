package dev.workbench.core.workspace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link StoreWatcher} listener for tests: keeps every batch and lets a test wait until what was seen satisfies
 * a condition, or a generous timeout passes (the machine is shared and slow at times; no test depends on speed).
 */
public final class ChangeRecorder implements Consumer<StoreWatcher.Changes> {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final List<StoreWatcher.Changes> batches = new ArrayList<>();

    @Override
    public synchronized void accept(StoreWatcher.Changes changes) {
        batches.add(changes);
        notifyAll();
    }

    /** Every batch so far, oldest first. */
    public synchronized List<StoreWatcher.Changes> batches() {
        return List.copyOf(batches);
    }

    /** The union of the paths of every batch so far. */
    public synchronized Set<String> seen() {
        Set<String> all = new TreeSet<>();
        batches.forEach(b -> all.addAll(b.paths()));
        return all;
    }

    /** Forgets what was seen, so the next wait looks at new batches only. */
    public synchronized void clear() {
        batches.clear();
    }

    /** Waits until the batches so far satisfy {@code condition}; fails the test after {@link #TIMEOUT}. */
    public synchronized void awaitBatches(String what, Predicate<List<StoreWatcher.Changes>> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.test(batches)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + TIMEOUT.toSeconds() + " s; saw " + batches);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Waits until every one of {@code paths} was reported. */
    public void await(String... paths) {
        awaitBatches("report of " + List.of(paths), b -> {
            Set<String> all = new TreeSet<>();
            b.forEach(c -> all.addAll(c.paths()));
            return all.containsAll(List.of(paths));
        });
    }
}
