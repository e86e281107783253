package dev.workbench.core.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a listener which files of the state under a root changed, within a second, whoever changed them: this
 * process, an {@code aw} hook in another process, or a person with an editor (CONTRACT section 7: subscribers
 * hear of every change). Only the file system can see all three, so this watches it ({@link WatchedTree} says
 * which folders and names) rather than the store's own writes.
 *
 * <p>Events are gathered into batches: one is delivered once events have been quiet for {@value #QUIET_MS} ms,
 * and never later than {@value #MAX_DELAY_MS} ms after its first event, so a steady stream of writes still
 * notifies well within a second. When the kernel dropped events, the batch says {@code overflow}: anything may
 * have changed. The listener runs on the watcher's one daemon thread; what it throws is logged and watching goes
 * on. Starting costs one folder walk of {@code .aw/} (without the content store); nothing starts until asked.
 */
public final class StoreWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWatcher.class);
    static final long QUIET_MS = 50;
    static final long MAX_DELAY_MS = 250;
    /** How long {@link #close} waits for a listener that is still running. */
    private static final long CLOSE_WAIT_MS = 5_000;

    /**
     * One batch of changes.
     *
     * @param paths    root-relative paths with forward slashes ({@code .aw/experiments/a.json}, {@code runbook.md}),
     *                 of files and folders created, changed or deleted; a folder that appeared is listed with
     *                 everything in it
     * @param overflow events were lost: treat everything as changed
     */
    public record Changes(Set<String> paths, boolean overflow) {
        public Changes {
            paths = Set.copyOf(paths);
        }
    }

    private final Path root;
    private final WatchedTree tree;
    private final Consumer<Changes> listener;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StoreWatcher(Path root, WatchedTree tree, Consumer<Changes> listener) {
        this.root = root;
        this.tree = tree;
        this.listener = listener;
        this.thread = new Thread(this::run, "aw-watcher");
        this.thread.setDaemon(true);
    }

    /**
     * Watches {@code root} until {@link #close}. Every change made after this returns is reported; what exists
     * before is the starting point.
     *
     * @throws UncheckedIOException when the root cannot be watched (it does not exist, or no watch can be had)
     */
    public static StoreWatcher start(Path root, Consumer<Changes> listener) {
        Objects.requireNonNull(listener, "listener");
        try {
            Path real = root.toRealPath();
            StoreWatcher watcher = new StoreWatcher(real, new WatchedTree(real), listener);
            watcher.thread.start();
            return watcher;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + root + " for changes", e);
        }
    }

    /** The watcher's thread, for tests. */
    Thread thread() {
        return thread;
    }

    private void run() {
        Batch batch = new Batch();
        while (!closed.get()) {
            try {
                if (!batch.isEmpty() && batch.nanosLeft() == 0) {
                    deliver(batch.drain()); // due, even while events keep coming
                    continue;
                }
                WatchKey key = batch.isEmpty() ? tree.take() : tree.poll(batch.nanosLeft());
                if (key != null && tree.collect(key, batch::add)) {
                    batch.overflow();
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return; // closed
            } catch (RuntimeException e) {
                // Something under the root could not be read as it changed: keep watching, and say what may be missed.
                LOG.warn("watching {} for changes hit {}; reporting everything as changed", root, e.toString());
                batch.overflow();
            }
        }
    }

    private void deliver(Changes changes) {
        try {
            listener.accept(changes);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LOG.warn("a listener for changes under {} failed on {}; watching goes on", root, changes, e);
        }
    }

    /** Stops watching; waits (a few seconds at most) for a listener that is running to return. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        tree.close(); // wakes the thread: take() and poll() throw ClosedWatchServiceException
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The changes gathered since the last delivery, and when they began and last grew. */
    private static final class Batch {
        private Set<String> paths = new TreeSet<>();
        private boolean overflow;
        private long first;
        private long last;

        void add(String path) {
            touch();
            paths.add(path);
        }

        void overflow() {
            touch();
            overflow = true;
        }

        private void touch() {
            long now = System.nanoTime();
            if (isEmpty()) {
                first = now;
            }
            last = now;
        }

        boolean isEmpty() {
            return paths.isEmpty() && !overflow;
        }

        /** Time until delivery is due: quiet for a while, or the batch is as old as it may get. */
        long nanosLeft() {
            long due = Math.min(
                    last + TimeUnit.MILLISECONDS.toNanos(QUIET_MS),
                    first + TimeUnit.MILLISECONDS.toNanos(MAX_DELAY_MS));
            return Math.max(0, due - System.nanoTime());
        }

        Changes drain() {
            Changes changes = new Changes(paths, overflow);
            paths = new TreeSet<>();
            overflow = false;
            return changes;
        }
    }
}
