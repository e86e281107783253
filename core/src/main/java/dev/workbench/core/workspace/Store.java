package dev.workbench.core.workspace;

import dev.workbench.core.store.Backend;
import dev.workbench.core.store.Transactions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The only code that writes under {@code .aw/}, composed of parts with one job each. It gives three guarantees
 * (CONTRACT section 1):
 *
 * <ul>
 *   <li>every file write is atomic ({@link AtomicFile}): a reader or a process killed at any instant sees the old
 *       file or the new one, never half of either;</li>
 *   <li>read-modify-write sequences run inside {@link #transaction} ({@link StoreLock}), which holds a lock on
 *       {@code .aw/.lock} shared by every process and thread using the same root; readers take no lock;</li>
 *   <li>logs are append-only JSONL, one whole line per write ({@link LineLog}).</li>
 * </ul>
 *
 * Every name is confined to {@code .aw/} by {@link StorePaths}; records are {@link JsonFiles}, secrets
 * {@link PrivateFiles}, streamed content {@link TemporaryFiles}. Nothing is created until the first write, so
 * reading a folder without {@code .aw/} works.
 */
public final class Store implements Transactions {
    public static final String DIR = ".aw";

    private final StorePaths paths;
    private final Clock clock;
    private final StoreLock lock;
    private final JsonFiles files;
    private final PrivateFiles secrets;
    private final LineLog logs;
    private final TemporaryFiles temporary;

    public Store(Path root, Clock clock) {
        this.paths = new StorePaths(root);
        this.clock = clock;
        Path aw = paths.dir();
        this.lock = new StoreLock(aw, () -> TemporaryFiles.sweepStale(aw));
        this.files = new JsonFiles(paths, lock);
        this.secrets = new PrivateFiles(paths, lock);
        this.logs = new LineLog(paths, lock);
        this.temporary = new TemporaryFiles(paths, lock);
    }

    public Store(Path root) {
        this(root, Clock.systemUTC());
    }

    /** The root folder, as a real path. */
    public Path root() {
        return paths.root();
    }

    /** {@code <root>/.aw}. */
    public Path dir() {
        return paths.dir();
    }

    public boolean initialized() {
        return paths.initialized();
    }

    /** Current time, to the millisecond, as ISO-8601 UTC. */
    public String now() {
        return Backend.now(clock);
    }

    public Clock clock() {
        return clock;
    }

    /** A path under {@code .aw/}, confined to it ({@link StorePaths#path}). */
    public Path path(String relative) {
        return paths.path(relative);
    }

    /** The append-only JSONL logs: append (inside {@link #transaction}), tail, count, read all. */
    public LineLog logs() {
        return logs;
    }

    // ---------------------------------------------------------------- reading (no lock)

    public <T> Optional<T> read(String relative, Class<T> type) {
        return files.read(relative, type);
    }

    /** File names in a folder under {@code .aw/} ending with {@code suffix}, sorted; hidden ones skipped. */
    public List<String> list(String folder, String suffix) {
        return files.list(folder, suffix);
    }

    // ---------------------------------------------------------------- writing (under the lock)

    /** Runs {@code body} holding the workspace lock ({@link StoreLock#transaction}); nested calls join. */
    @Override
    public <R> R transaction(Supplier<R> body) {
        return lock.transaction(body);
    }

    /** Writes a record as pretty JSON, atomically. Must run inside {@link #transaction}. */
    public void write(String relative, Object value) {
        files.write(relative, value);
    }

    /** Writes bytes atomically. Must run inside {@link #transaction}. */
    public void writeBytes(String relative, byte[] bytes) {
        files.writeBytes(relative, bytes);
    }

    /** Writes a secret atomically, readable by the owner alone (mode 0600). Must run inside {@link #transaction}. */
    public void writePrivate(String relative, byte[] bytes) {
        secrets.write(relative, bytes);
    }

    /** Creates an owner-only folder under {@code .aw/} ({@link PrivateFiles#folder}). Inside {@link #transaction}. */
    public void privateFolder(String relative) {
        secrets.folder(relative);
    }

    /** Deletes a file under {@code .aw/}; returns whether it was there. Must run inside {@link #transaction}. */
    public boolean delete(String relative) {
        return files.delete(relative);
    }

    /** A new, empty hidden file under {@code .aw/tmp/} ({@link TemporaryFiles#create}). Inside {@link #transaction}. */
    public Path newTemporaryFile() {
        return temporary.create();
    }

    /** Moves a temporary file to {@code relative} atomically ({@link TemporaryFiles#commit}). Inside a transaction. */
    public boolean commitTemporary(Path tmp, String relative, boolean keepExisting) {
        return temporary.commit(tmp, relative, keepExisting);
    }
}
