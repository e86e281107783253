package dev.workbench.core.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Content streamed in before its final name is known (a content-addressed object is named by its hash): a hidden
 * file under {@code .aw/tmp/}, then renamed into place. Also the sweep of temporary files left by killed processes.
 */
public final class TemporaryFiles {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    private final StorePaths paths;
    private final StoreLock lock;

    public TemporaryFiles(StorePaths paths, StoreLock lock) {
        this.paths = paths;
        this.lock = lock;
    }

    /** A new, empty hidden file under {@code .aw/tmp/}. Pair it with {@link #commit} or delete it. */
    public Path create() {
        lock.beforeWrite(); // making .aw/tmp/ is a write: in a transaction begun before .aw/ existed, it takes the lock
        Path dir = paths.path("tmp");
        try {
            Files.createDirectories(dir);
            return Files.createFile(
                    dir.resolve("." + ProcessHandle.current().pid() + "." + COUNTER.incrementAndGet() + ".tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file in " + dir, e);
        }
    }

    /**
     * Moves a file made by {@link #create} to {@code relative} atomically. When {@code relative} exists already and
     * {@code keepExisting} is set (content-addressed files, whose name fixes their content), the temporary file is
     * deleted instead. Returns whether the file was moved into place. Must run inside a transaction, like every write.
     */
    public boolean commit(Path tmp, String relative, boolean keepExisting) {
        lock.beforeWrite();
        Path target = paths.path(relative);
        try {
            if (keepExisting && Files.exists(target)) {
                Files.delete(tmp);
                return false;
            }
            Files.createDirectories(target.getParent());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            AtomicFile.forceDirectory(target.getParent());
            lock.wrote();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + tmp + " to " + target, e);
        }
    }

    /**
     * Temporary files are named {@code .<file>.<pid>.<n>.tmp}; a process killed between writing and renaming
     * leaves one behind. Once per process and workspace, under the lock, those of processes that no longer run
     * are removed. They are never read, so this is tidiness, not recovery.
     */
    public static void sweepStale(Path aw) {
        if (!SWEPT.add(aw)) {
            return;
        }
        try (Stream<Path> found = Files.walk(aw, 3)) {
            for (Path p : found.filter(Files::isRegularFile).toList()) {
                String[] parts = p.getFileName().toString().split("\\.");
                // "", file name parts..., pid, counter, "tmp"
                if (parts.length >= 4 && parts[0].isEmpty() && parts[parts.length - 1].equals("tmp")) {
                    long pid = parseOr(parts[parts.length - 3], -1);
                    if (pid > 0
                            && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temporary file does no harm
        }
    }

    private static long parseOr(String text, long fallback) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
