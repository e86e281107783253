package dev.workbench.core.workspace;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.workbench.core.runbook.RunbookStatus;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders {@link StoreWatcher} watches, and which of their entries matter. The root folder is watched on its
 * own (for {@code runbook.md}, and for {@code .aw/} appearing or going); {@code .aw/} is watched with every
 * sub-folder except the content store and scratch space ({@code objects/}, {@code tmp/}, {@code cache/}, {@code run/}), which
 * no view reads and which a checkpoint fills with thousands of files. Hidden names ({@code .lock}, the store's
 * {@code .<name>.<pid>.<n>.tmp} files before their rename) and {@code *.tmp} are never reported.
 *
 * <p>Used by the watcher's thread only, after the constructor: not thread-safe, except {@link #close}.
 */
final class WatchedTree implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedTree.class);
    /**
     * Folders of {@code .aw/} that hold content and scratch files, never state a view reads: {@code run/} holds what
     * only lives while something runs (the server's hook endpoint, the state a hook notes before a command).
     */
    static final Set<String> UNWATCHED = Set.of("objects", "tmp", "cache", "run");

    private final Path root;
    private final Path aw;
    private final WatchService service;
    private final Map<WatchKey, Path> folders = new HashMap<>();

    /** Starts watching {@code root} (a real path) and the {@code .aw/} in it, if there is one yet. */
    WatchedTree(Path root) throws IOException {
        this.root = root;
        this.aw = root.resolve(Store.DIR);
        this.service = root.getFileSystem().newWatchService();
        try {
            watch(root);
            if (Files.isDirectory(aw, LinkOption.NOFOLLOW_LINKS)) {
                watchTree(aw, null); // what is there now is the starting point, not a change
            }
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
    }

    WatchKey take() throws InterruptedException {
        return service.take();
    }

    WatchKey poll(long nanos) throws InterruptedException {
        return service.poll(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Reports the entries of {@code key}'s events that matter, root-relative, to {@code changed}; watches a folder
     * that appeared (and reports what it already holds, written before the watch landed). Returns whether events
     * were lost ({@code OVERFLOW}); folders created meanwhile are then found and watched.
     */
    boolean collect(WatchKey key, Consumer<String> changed) {
        Path dir = folders.get(key);
        boolean overflow = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                overflow = true;
                continue;
            }
            Path child = dir == null ? null : dir.resolve((Path) event.context());
            if (child == null || !matters(dir, child)) {
                continue;
            }
            boolean folder = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
            if (folder && event.kind() == ENTRY_MODIFY) {
                continue; // a folder's own time or mode; its files report their own changes
            }
            changed.accept(relative(child));
            if (folder && event.kind() == ENTRY_CREATE) {
                watchTree(child, changed);
            }
        }
        if (!key.reset()) {
            folders.remove(key); // the folder is gone; its parent reported that
        }
        if (overflow && Files.isDirectory(aw, LinkOption.NOFOLLOW_LINKS)) {
            watchTree(aw, null); // the listener re-reads everything anyway
        }
        return overflow;
    }

    /** Whether a change of {@code child}, an entry of the watched folder {@code dir}, can change a view. */
    private boolean matters(Path dir, Path child) {
        String name = child.getFileName().toString();
        if (dir.equals(root)) {
            return name.equals(RunbookStatus.FILE) || name.equals(Store.DIR);
        }
        if (name.startsWith(".") || name.endsWith(".tmp")) {
            return false;
        }
        return !(dir.equals(aw) && UNWATCHED.contains(name));
    }

    /**
     * Watches {@code start} and the folders under it that matter. With {@code found} set, reports every entry
     * under {@code start}: a file written between the folder's creation and its watch has sent no event.
     */
    private void watchTree(Path start, Consumer<String> found) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(start) && !matters(dir.getParent(), dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    try {
                        watch(dir);
                    } catch (NoSuchFileException e) {
                        return FileVisitResult.SKIP_SUBTREE; // removed meanwhile; its parent reports that
                    } catch (IOException e) {
                        // e.g. the inotify watch limit: say so, since changes in this folder will go unseen
                        LOG.warn(
                                "cannot watch {} for changes ({}); its resources will not notify subscribers",
                                dir,
                                e.toString());
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (found != null && !dir.equals(start)) {
                        found.accept(relative(dir));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (found != null && matters(file.getParent(), file)) {
                        found.accept(relative(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // removed meanwhile; its parent reports that
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot list {} to watch it ({})", start, e.toString());
        }
    }

    /** Registering a folder again (after an overflow) returns the key it has; the map keeps one entry per key. */
    private void watch(Path dir) throws IOException {
        folders.put(dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), dir);
    }

    private String relative(Path p) {
        return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.warn("closing the file watch service of {} failed ({})", root, e.toString());
        }
    }
}
