package dev.workbench.core.workspace;

import dev.workbench.core.store.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The store's unit of work: a lock in two levels, first this JVM's lock for the root (threads), then an exclusive
 * {@link FileLock} on {@code .aw/.lock} (processes). Nested calls reuse the held lock. Every write of the store
 * asks {@link #beforeWrite} first and reports itself with {@link #wrote}, so a failure can say whether any write
 * of the transaction stayed ({@link StorageException}).
 *
 * <p>While {@code .aw/} does not exist, the body first runs without the file lock, because creating the folder
 * just to lock it would leave a trace of a call that may write nothing (a refused input). Its first write creates
 * {@code .aw/} and takes the lock; if another process had created state in the meantime, what the body read may be
 * stale, so it is run again from the start under the lock.
 */
public final class StoreLock implements Transactions {
    private static final String LOCK_FILE = ".lock";
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path aw;
    private final Runnable afterLocking;
    private final ReentrantLock threadLock;
    private FileChannel lockChannel;
    private FileLock processLock;
    private boolean deferredLock;
    /** Writes completed in the current outermost transaction, so a failure can say whether any stayed. */
    private int writes;

    /**
     * @param aw           the {@code .aw} folder
     * @param afterLocking runs each time the file lock is taken, for tidying that must not race another process
     */
    public StoreLock(Path aw, Runnable afterLocking) {
        this.aw = aw;
        this.afterLocking = afterLocking;
        this.threadLock = IN_PROCESS_LOCKS.computeIfAbsent(aw, p -> new ReentrantLock());
    }

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

    /**
     * Called by every write before it changes anything: refuses a write outside a transaction, and takes the file
     * lock for the first write of a transaction that began before {@code .aw/} existed.
     */
    public void beforeWrite() {
        if (!threadLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("writes under .aw/ must run inside Store.transaction");
        }
        if (processLock == null && deferredLock) {
            lockForFirstWrite();
        }
    }

    /** Called by a write once it is complete and durable. */
    public void wrote() {
        writes++;
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
        afterLocking.run();
    }

    /**
     * A new {@code .aw/} keeps what should not be committed out of git: contents, caches, temporary files, the
     * lock and the HTTP token. The records themselves are meant to be committed. Written once; a person may edit it.
     */
    private void writeGitignore() throws IOException {
        Files.writeString(
                aw.resolve(".gitignore"),
                "# written by the workbench when it created .aw/\n"
                        + "objects/\ntmp/\ncache/\nrun/\n.lock\nhttp-token\n",
                StandardOpenOption.CREATE_NEW);
    }

    /** First write of a transaction that started before {@code .aw/} existed: create it, lock, check nothing moved. */
    private void lockForFirstWrite() {
        boolean createdHere;
        try {
            Files.createDirectory(aw);
            writeGitignore();
            createdHere = true;
        } catch (FileAlreadyExistsException e) {
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
}
