package dev.workbench.core.checkpoint;

import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Contents added to the {@link ObjectStore} by one checkpoint. Each is read, hashed and written to a temporary file
 * in one pass, and nothing is forced while the files stream in: {@link #commit} forces them all at the end, then
 * moves each to its name, so the disk writes one checkpoint's contents in one go rather than stalling the copy after
 * every file. An object is never visible under its name before its content is durable, and the manifest (the
 * checkpoint's commit point) is written after {@code commit}. Closing an uncommitted batch removes its files.
 */
final class ObjectBatch implements AutoCloseable {
    /** A content written to {@code tmp}, to become the object {@code sha256}; {@code replace}: over a damaged one. */
    private record Pending(Path tmp, boolean replace) {}

    /** What storing a file did: its hash and size, and whether its content was new to the store. */
    record Stored(String sha256, long size, boolean added) {}

    private final Store store;
    private final ObjectStore objects;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    ObjectBatch(Store store, ObjectStore objects) {
        this.store = store;
        this.objects = objects;
    }

    /** Whether the content is stored, or will be once this batch commits. */
    boolean has(String sha256) {
        return pending.containsKey(sha256) || objects.has(sha256);
    }

    /**
     * Copies what {@code source} holds, hashing it on the way; content already stored (or pending) is not kept
     * twice. {@code expectedSize} chooses the copying strategy; {@code what} names it in messages.
     */
    Stored put(ObjectStore.Source source, long expectedSize, String what) {
        Path tmp = store.newTemporaryFile();
        try {
            HashingCopy.Copied copied;
            try (ReadableByteChannel in = source.open();
                    FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                copied = HashingCopy.copy(in, out, expectedSize);
            }
            // An object of the right name but the wrong size was damaged: the fresh copy replaces it.
            boolean damaged = !pending.containsKey(copied.sha256()) && objects.damaged(copied.sha256(), copied.size());
            if (!damaged && has(copied.sha256())) {
                Files.delete(tmp);
                return new Stored(copied.sha256(), copied.size(), false);
            }
            pending.put(copied.sha256(), new Pending(tmp, damaged));
            return new Stored(copied.sha256(), copied.size(), true);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot store " + what, e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Forces every new content to disk, then gives each its name: after this, a manifest may name them. */
    void commit() {
        try {
            for (Pending p : pending.values()) {
                try (FileChannel ch = FileChannel.open(p.tmp(), StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force new objects to disk", e);
        }
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            store.commitTemporary(
                    e.getValue().tmp(),
                    ObjectStore.relative(e.getKey()),
                    !e.getValue().replace());
        }
        pending.clear();
    }

    @Override
    public void close() {
        pending.values().forEach(p -> deleteQuietly(p.tmp()));
        pending.clear();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temporary file is swept later
        }
    }
}
