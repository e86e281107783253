package dev.workbench.core.workspace;

import dev.workbench.core.store.Transactions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The only code that writes under {@code .aw/}. It gives three guarantees (CONTRACT section 1):
 *
 * <ul>
 *   <li>every file write is atomic: the bytes go to a temporary file in the same folder, are forced to disk,
 *       and the file is renamed over the old one, so a reader or a process killed at any instant sees the old
 *       file or the new one, never half of either;</li>
 *   <li>read-modify-write sequences run inside {@link #transaction}, which holds a lock on {@code .aw/.lock}
 *       shared by every process and thread using the same root; readers take no lock;</li>
 *   <li>logs are append-only JSONL, one whole line per write.</li>
 * </ul>
 *
 * Nothing is created until the first write, so reading a folder without {@code .aw/} works.
 */
public final class Store implements Transactions {
    public static final String DIR = ".aw";
    private static final String LOCK_FILE = ".lock";
    /** Line counts of the JSONL logs, extended as they grow ({@link #countLines}). */
    private final Map<String, LineCount> lineCounts = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();
    private static final java.util.Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final Path aw;
    private final Clock clock;
    private final ReentrantLock threadLock;
    private FileChannel lockChannel;
    private FileLock processLock;
    private boolean deferredLock;
    /** Writes completed in the current outermost transaction, so a failure can say whether any stayed. */
    private int writes;

    public Store(Path root, Clock clock) {
        this.root = realRoot(root);
        this.aw = this.root.resolve(DIR);
        this.clock = clock;
        this.threadLock = IN_PROCESS_LOCKS.computeIfAbsent(aw, p -> new ReentrantLock());
    }

    public Store(Path root) {
        this(root, Clock.systemUTC());
    }

    private static Path realRoot(Path root) {
        try {
            Path real = root.toAbsolutePath().normalize().toRealPath();
            if (!Files.isDirectory(real)) {
                throw new WorkbenchException(ErrorCode.INVALID_INPUT, "root: expected a folder, got " + real);
            }
            return real;
        } catch (IOException e) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "root: folder does not exist: " + root);
        }
    }

    /** The root folder, as a real path. */
    public Path root() {
        return root;
    }

    /** {@code <root>/.aw}. */
    public Path dir() {
        return aw;
    }

    public boolean initialized() {
        return Files.isDirectory(aw);
    }

    /** Current time, to the millisecond, as ISO-8601 UTC. */
    public String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public Clock clock() {
        return clock;
    }

    /**
     * A path under {@code .aw/}; {@code relative} is built by the workbench from validated names. The path must
     * stay inside {@code .aw/} as text and on disk: a symbolic link inside {@code .aw/} (the folder itself, a
     * sub-folder or a file) that leads elsewhere is refused, so nothing is read or written through it.
     */
    public Path path(String relative) {
        Path p = aw.resolve(relative).normalize();
        if (!p.startsWith(aw)) {
            throw new WorkbenchException(ErrorCode.PATH_OUTSIDE_ROOT, relative + " is outside " + DIR);
        }
        Path resolved = RootPaths.resolve(root, p.toString(), DIR + "/" + relative);
        if (Files.isSymbolicLink(resolved) || (Files.isSymbolicLink(aw))) {
            throw new WorkbenchException(ErrorCode.PATH_OUTSIDE_ROOT, DIR + "/" + relative
                    + " is a symbolic link; the workbench keeps its state in plain files and folders");
        }
        return p;
    }

    // ---------------------------------------------------------------- reading (no lock)

    public <T> Optional<T> read(String relative, Class<T> type) {
        Path file = path(relative);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            return Optional.of(Json.mapper().readValue(bytes, type));
        } catch (IOException e) {
            throw new WorkbenchException(ErrorCode.STORE_ERROR,
                    DIR + "/" + relative + " is not a readable " + type.getSimpleName() + " record ("
                            + e.getMessage().lines().findFirst().orElse("") + "); fix or remove the file");
        }
    }

    /** File names (not paths) in a folder under {@code .aw/} ending with {@code suffix}, sorted; hidden files skipped. */
    public List<String> list(String folder, String suffix) {
        Path dir = path(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && name.endsWith(suffix)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        Collections.sort(names);
        return names;
    }

    /** The last {@code max} parseable lines of a JSONL log, oldest first, reading the file from its end. */
    public List<JsonNode> tail(String relative, int max) {
        Path file = path(relative);
        if (max <= 0 || !Files.exists(file)) {
            return List.of();
        }
        Deque<JsonNode> lines = new ArrayDeque<>();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            byte[] carry = new byte[0];
            int chunk = 64 * 1024;
            while (end > 0 && lines.size() < max) {
                long start = Math.max(0, end - chunk);
                byte[] block = new byte[(int) (end - start) + carry.length];
                raf.seek(start);
                raf.readFully(block, 0, (int) (end - start));
                System.arraycopy(carry, 0, block, (int) (end - start), carry.length);
                int lineEnd = block.length;
                for (int i = block.length - 1; i >= 0 && lines.size() < max; i--) {
                    if (block[i] == '\n') {
                        addLine(lines, block, i + 1, lineEnd);
                        lineEnd = i;
                    }
                }
                carry = java.util.Arrays.copyOfRange(block, 0, lineEnd);
                end = start;
            }
            if (end == 0 && lines.size() < max) {
                addLine(lines, carry, 0, carry.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new ArrayList<>(lines);
    }

    private static void addLine(Deque<JsonNode> lines, byte[] block, int from, int to) {
        if (to <= from) {
            return;
        }
        try {
            lines.addFirst(Json.mapper().readTree(block, from, to - from));
        } catch (IOException e) {
            // A line torn by a crash or edited by hand is skipped: the log stays readable around it.
        }
    }

    /** Every parseable line of a JSONL log, oldest first. */
    public List<JsonNode> readAll(String relative) {
        return tail(relative, Integer.MAX_VALUE);
    }

    /**
     * Number of lines of a JSONL log (0 when it does not exist). The logs only grow, and a server asks for their
     * length on every {@code get-project} and decision, so the count is kept per file and only what was appended
     * since is read. It is trusted only for the same file (inode), not shorter, whose last bytes at the counted
     * length are unchanged; anything else (a rotation, a hand edit) is counted again from the start.
     */
    public long countLines(String relative) {
        Path file = path(relative);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            long size = ch.size();
            LineCount known = lineCounts.get(relative);
            boolean extend = key != null && known != null && key.equals(known.fileKey()) && size >= known.size()
                    && Arrays.equals(known.tail(), tail(ch, known.size()));
            long lines = (extend ? known.lines() : 0) + countNewlines(ch, extend ? known.size() : 0);
            lineCounts.put(relative, new LineCount(key, size, lines, tail(ch, size)));
            return lines;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** What {@link #countLines} knows of a log: which file, how long, how many lines, and its last bytes. */
    private record LineCount(Object fileKey, long size, long lines, byte[] tail) {}

    private static long countNewlines(FileChannel ch, long from) throws IOException {
        long count = 0;
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        for (long position = from; ch.read(buf, position) > 0; buf.clear()) {
            buf.flip();
            position += buf.remaining();
            while (buf.hasRemaining()) {
                if (buf.get() == '\n') {
                    count++;
                }
            }
        }
        return count;
    }

    /** The (up to) 64 bytes before {@code end}. */
    private static byte[] tail(FileChannel ch, long end) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(64, end));
        long position = end - buf.capacity();
        while (buf.hasRemaining() && ch.read(buf, position + buf.position()) > 0) {
            // read until full or the file ends
        }
        return Arrays.copyOf(buf.array(), buf.position());
    }

    // ---------------------------------------------------------------- writing (under the lock)

    /**
     * Runs {@code body} holding the workspace lock: first this JVM's lock for the root, then an exclusive
     * {@link FileLock} on {@code .aw/.lock} that serialises other processes. Nested calls reuse the held lock.
     *
     * <p>While {@code .aw/} does not exist, the body first runs without the file lock, because creating the
     * folder just to lock it would leave a trace of a call that may write nothing (a refused input). Its
     * first write creates {@code .aw/} and takes the lock; if another process had created state in the
     * meantime, what the body read may be stale, so it is run again from the start under the lock.
     */
    @Override
    public <R> R transaction(Supplier<R> body) {
        threadLock.lock();
        try {
            if (threadLock.getHoldCount() > 1) {
                return body.get();
            }
            writes = 0;
            try {
                if (!Files.isDirectory(aw)) {
                    deferredLock = true;
                    try {
                        return body.get();
                    } catch (StaleRead retry) {
                        // another process created state first: run again, properly locked
                    } finally {
                        deferredLock = false;
                    }
                }
                if (processLock == null) {
                    acquireProcessLock();
                }
                return body.get();
            } catch (UncheckedIOException e) {
                throw writes > 0 && !(e instanceof StorageException) ? new StorageException(e, writes) : e;
            } finally {
                if (processLock != null) {
                    releaseProcessLock();
                }
            }
        } finally {
            threadLock.unlock();
        }
    }

    /** Thrown by the first write of a deferred-lock transaction whose reads may be stale. */
    private static final class StaleRead extends RuntimeException {
        StaleRead() {
            super(null, null, false, false);
        }
    }

    private void acquireProcessLock() {
        try {
            if (!Files.isDirectory(aw)) {
                Files.createDirectories(aw);
                writeGitignore();
            }
            lockChannel = FileChannel.open(aw.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            processLock = lockChannel.lock();
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("cannot lock " + aw.resolve(LOCK_FILE), e);
        }
        sweepStaleTemporaryFiles();
    }

    /**
     * A new {@code .aw/} keeps what should not be committed out of git: contents, caches, temporary files, the
     * lock and the HTTP token. The records themselves are meant to be committed. Written once; a person may edit it.
     */
    private void writeGitignore() throws IOException {
        Files.writeString(aw.resolve(".gitignore"), "# written by the workbench when it created .aw/\n"
                + "objects/\ntmp/\ncache/\nrun/\n.lock\nhttp-token\n", StandardOpenOption.CREATE_NEW);
    }

    /** First write of a transaction that started before {@code .aw/} existed: create it, lock, check nothing moved. */
    private void lockForFirstWrite() {
        boolean createdHere;
        try {
            Files.createDirectory(aw);
            writeGitignore();
            createdHere = true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            createdHere = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + aw, e);
        }
        acquireProcessLock();
        if (!createdHere || holdsStateBesidesLock()) {
            throw new StaleRead();
        }
    }

    private boolean holdsStateBesidesLock() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(aw)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.equals(LOCK_FILE) && !name.equals(".gitignore") && !name.endsWith(".tmp")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void releaseProcessLock() {
        try {
            if (processLock != null) {
                processLock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // closing releases the lock; nothing more to do
        }
        lockChannel = null;
        processLock = null;
    }

    private void requireLock() {
        if (!threadLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("writes under .aw/ must run inside Store.transaction");
        }
        if (processLock == null && deferredLock) {
            lockForFirstWrite();
        }
    }

    /** Writes a record as pretty JSON, atomically. Must run inside {@link #transaction}. */
    public void write(String relative, Object value) {
        writeBytes(relative, Json.toFileBytes(value));
    }

    /** Writes bytes atomically ({@link AtomicFile}: temporary file in the same folder, fsync, rename). */
    public void writeBytes(String relative, byte[] bytes) {
        requireLock();
        AtomicFile.write(path(relative), bytes);
        writes++;
    }

    /** Writes a secret atomically, readable by the owner alone (mode 0600). Must run inside {@link #transaction}. */
    public void writePrivate(String relative, byte[] bytes) {
        requireLock();
        AtomicFile.write(path(relative), bytes, true);
        writes++;
    }

    /**
     * Creates the folder {@code relative} under {@code .aw/} and its missing parents, each readable by the owner alone
     * (mode 0700 where the file system has POSIX permissions; an existing folder is narrowed to it), for files only
     * this user may read (the hooks' pending state and the server's hook endpoint under {@code run/}). The outermost
     * folder made here also gets a {@code .gitignore} of {@code *}: what is private is never committed, even in a workspace whose
     * {@code .aw/.gitignore} predates the folder. Must run inside {@link #transaction}.
     */
    public void privateFolder(String relative) {
        requireLock();
        Path dir = path(relative);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rwx------");
        FileAttribute<?>[] attributes = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir; !p.equals(aw) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.push(p);
        }
        try {
            for (Path p : missing) {
                try {
                    Files.createDirectory(p, attributes); // the umask cannot widen 0700
                    if (p.equals(missing.peekFirst())) { // the outermost folder made here covers those inside it
                        Files.writeString(p.resolve(".gitignore"), "# private to this user and this machine\n*\n");
                    }
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // made meanwhile by another process
                }
            }
            if (posix && !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(mode)) {
                Files.setPosixFilePermissions(dir, mode); // made by someone else, or with a wider mode
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        writes += missing.isEmpty() ? 0 : 1;
    }

    /** Deletes a file under {@code .aw/}; returns whether it was there. Must run inside {@link #transaction}. */
    public boolean delete(String relative) {
        requireLock();
        Path file = path(relative);
        try {
            boolean deleted = Files.deleteIfExists(file);
            writes += deleted ? 1 : 0;
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /**
     * A new, empty hidden file under {@code .aw/tmp/} for content streamed in before its final name is known
     * (a content-addressed object is named by its hash). Pair it with {@link #commitTemporary} or delete it.
     */
    public Path newTemporaryFile() {
        requireLock(); // creating .aw/tmp/ is a write: in a transaction that began before .aw/ existed, it takes the lock
        Path dir = path("tmp");
        try {
            Files.createDirectories(dir);
            return Files.createFile(dir.resolve("." + ProcessHandle.current().pid() + "." + TEMP_COUNTER.incrementAndGet() + ".tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file in " + dir, e);
        }
    }

    /**
     * Moves a file made by {@link #newTemporaryFile} to {@code relative} atomically. When {@code relative} exists
     * already and {@code keepExisting} is set (content-addressed files, whose name fixes their content), the
     * temporary file is deleted instead. Returns whether the file was moved into place. Must run inside
     * {@link #transaction}, like every write.
     */
    public boolean commitTemporary(Path tmp, String relative, boolean keepExisting) {
        requireLock();
        Path target = path(relative);
        try {
            if (keepExisting && Files.exists(target)) {
                Files.delete(tmp);
                return false;
            }
            Files.createDirectories(target.getParent());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(target.getParent());
            writes++;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + tmp + " to " + target, e);
        }
    }

    /** Makes a rename durable across a power cut, not only a process kill (a no-op where folders cannot be forced). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open folders; the rename is still atomic there.
        }
    }

    /**
     * Temporary files are named {@code .<file>.<pid>.<n>.tmp}; a process killed between writing and renaming
     * leaves one behind. Once per process and workspace, under the lock, those of processes that no longer run
     * are removed. They are never read, so this is tidiness, not recovery.
     */
    private void sweepStaleTemporaryFiles() {
        if (!SWEPT.add(aw)) {
            return;
        }
        try (var paths = Files.walk(aw, 3)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                String[] parts = p.getFileName().toString().split("\\.");
                // "", file name parts..., pid, counter, "tmp"
                if (parts.length >= 4 && parts[0].isEmpty() && parts[parts.length - 1].equals("tmp")) {
                    long pid = parseOr(parts[parts.length - 3], -1);
                    if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
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

    /**
     * Appends one JSON line to a log. A line torn by an earlier crash is closed off first, so it can never
     * swallow the new entry. Must run inside {@link #transaction}.
     */
    public void append(String relative, Object entry) {
        requireLock();
        Path file = path(relative);
        byte[] line = (Json.toLine(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                long size = ch.size();
                ByteBuffer buf = ByteBuffer.wrap(line);
                if (size > 0 && !endsWithNewline(ch, size)) {
                    buf = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
                }
                long position = size;
                try {
                    while (buf.hasRemaining()) {
                        position += ch.write(buf, position);
                    }
                    ch.force(false);
                } catch (IOException e) {
                    try {
                        ch.truncate(size); // a full disk leaves no half line behind: the log is as it was
                    } catch (IOException again) {
                        e.addSuppressed(again);
                    }
                    throw e;
                }
            }
            writes++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        return last.get(0) == '\n';
    }
}
