package dev.workbench.core.checkpoint;

import dev.workbench.core.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies a stream and hashes it with SHA-256 in one pass. Large contents are hashed on a second thread while
 * the calling thread reads and writes, through a small pool of reused buffers, so the copy takes about as long
 * as the slower of the two instead of their sum (two cores: the kernel copies while the CPU hashes).
 */
final class HashingCopy {
    private static final int BUFFER = 1 << 20;
    private static final int BUFFERS = 4;
    /** Below this, a second thread costs more than it saves. */
    private static final long PARALLEL_FROM = 8L << 20;
    private static final ExecutorService HASHERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "aw-hash");
        t.setDaemon(true);
        return t;
    });

    /** What was copied: the hash of the bytes and how many there were. */
    record Copied(String sha256, long size) {}

    private record Chunk(byte[] bytes, int length) {
        static final Chunk END = new Chunk(new byte[0], -1);
    }

    private HashingCopy() {}

    /** Copies {@code in} to {@code out} (null: hash only); {@code expectedSize} chooses the strategy. */
    static Copied copy(InputStream in, OutputStream out, long expectedSize) throws IOException {
        return expectedSize >= PARALLEL_FROM ? parallel(in, out) : sequential(in, out);
    }

    private static Copied sequential(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = Sha256.digest();
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            digest.update(buffer, 0, n);
            if (out != null) {
                out.write(buffer, 0, n);
            }
            size += n;
        }
        return new Copied(HexFormat.of().formatHex(digest.digest()), size);
    }

    private static Copied parallel(InputStream in, OutputStream out) throws IOException {
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<Chunk> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER]);
        }
        MessageDigest digest = Sha256.digest();
        Future<?> hasher = HASHERS.submit(() -> {
            for (Chunk c = toHash.take(); c != Chunk.END; c = toHash.take()) {
                digest.update(c.bytes(), 0, c.length());
                free.put(c.bytes());
            }
            return null;
        });
        long size = 0;
        try {
            while (true) {
                byte[] buffer = free.take();
                int n = readFully(in, buffer);
                if (n <= 0) {
                    break;
                }
                if (out != null) {
                    out.write(buffer, 0, n);
                }
                toHash.put(new Chunk(buffer, n));
                size += n;
            }
            toHash.put(Chunk.END);
            hasher.get();
        } catch (InterruptedException e) {
            hasher.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("hashing failed", e.getCause());
        } finally {
            if (!hasher.isDone()) {
                hasher.cancel(true);
            }
        }
        return new Copied(HexFormat.of().formatHex(digest.digest()), size);
    }

    /** Fills the buffer as far as the stream allows, so chunks stay large; returns -1 at the end. */
    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n == -1) {
                return filled == 0 ? -1 : filled;
            }
            filled += n;
        }
        return filled;
    }
}
