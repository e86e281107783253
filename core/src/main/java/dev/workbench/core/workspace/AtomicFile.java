package dev.workbench.core.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Atomic replacement of a file: the bytes go to a hidden temporary file in the same folder, are forced to disk,
 * and the file is renamed over the target (then the folder is forced), so a reader or a process killed at any
 * instant sees the old file or the new one, never half of either. The Store uses it under {@code .aw/}; the
 * runbook and {@code aw init} use it for files outside.
 */
public final class AtomicFile {
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFile() {}

    public static void write(Path target, byte[] bytes) {
        write(target, bytes, false);
    }

    /**
     * As {@link #write(Path, byte[])}; with {@code ownerOnly} the file is created readable and writable by its
     * owner alone (mode 0600 where the file system has POSIX permissions), so a secret is never visible to others,
     * not even for a moment.
     */
    public static void write(Path target, byte[] bytes, boolean ownerOnly) {
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "."
                + ProcessHandle.current().pid() + "." + COUNTER.incrementAndGet() + ".tmp");
        try {
            Files.createDirectories(dir);
            FileAttribute<?>[] attributes = ownerOnly
                            && dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                    }
                    : new FileAttribute<?>[0];
            try (FileChannel ch = FileChannel.open(
                    tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            forceDirectory(dir);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file is hidden and never read; leaving it is harmless
            }
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Makes the rename durable across a power cut (a no-op where folders cannot be forced). */
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems refuse to open folders; the rename is still atomic there
        }
    }
}
