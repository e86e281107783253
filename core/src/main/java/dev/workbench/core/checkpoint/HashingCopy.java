package dev.workbench.core.checkpoint;

import dev.workbench.core.Sha256;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies a channel and hashes it with SHA-256 in one pass. The bytes go through direct buffers only: the kernel
 * reads into them and writes from them, with no copy through the Java heap (what a stream would add twice per
 * byte). Large contents are hashed on a second thread while the calling thread reads and writes, through a few
 * reused buffers, so the copy takes about as long as the slower of the two instead of their sum (two cores: the
 * kernel copies while the CPU hashes).
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
    /** Direct buffers are costly to allocate and freed only by the collector: they are reused across copies. */
    private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();

    /** What was copied: the hash of the bytes and how many there were. */
    record Copied(String sha256, long size) {}

    private HashingCopy() {}

    /** Copies {@code in} to {@code out} (null: hash only); {@code expectedSize} chooses the strategy. */
    static Copied copy(ReadableByteChannel in, WritableByteChannel out, long expectedSize) throws IOException {
        return expectedSize >= PARALLEL_FROM ? parallel(in, out) : sequential(in, out);
    }

    private static Copied sequential(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        MessageDigest digest = Sha256.digest();
        ByteBuffer buffer = take();
        try {
            long size = 0;
            while (fill(in, buffer) > 0) {
                size += buffer.remaining();
                digest.update(buffer.duplicate());
                writeFully(out, buffer);
            }
            return new Copied(HexFormat.of().formatHex(digest.digest()), size);
        } finally {
            POOL.add(buffer);
        }
    }

    private static Copied parallel(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<ByteBuffer> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(take());
        }
        ByteBuffer end = ByteBuffer.allocate(0);
        MessageDigest digest = Sha256.digest();
        Future<?> hasher = HASHERS.submit(() -> {
            for (ByteBuffer b = toHash.take(); b != end; b = toHash.take()) {
                digest.update(b.duplicate());
                free.put(b);
            }
            return null;
        });
        long size = 0;
        try {
            while (true) {
                ByteBuffer buffer = free.take();
                if (fill(in, buffer) <= 0) {
                    free.put(buffer);
                    break;
                }
                size += buffer.remaining();
                toHash.put(buffer); // hashed while it is written: both only read it
                writeFully(out, buffer.duplicate());
            }
            toHash.put(end);
            hasher.get();
        } catch (InterruptedException e) {
            hasher.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed", e.getCause());
        } finally {
            if (!hasher.isDone()) {
                hasher.cancel(true);
            } else {
                POOL.addAll(free); // a cancelled hasher may still hold one: those are left to the collector
            }
        }
        return new Copied(HexFormat.of().formatHex(digest.digest()), size);
    }

    private static ByteBuffer take() {
        ByteBuffer b = POOL.poll();
        return b != null ? b : ByteBuffer.allocateDirect(BUFFER);
    }

    /** Clears and fills the buffer as far as the channel allows, so chunks stay large; flips it; returns its bytes. */
    private static int fill(ReadableByteChannel in, ByteBuffer buffer) throws IOException {
        buffer.clear();
        while (buffer.hasRemaining() && in.read(buffer) != -1) {
            // a file channel fills it in one read; other channels may take several
        }
        buffer.flip();
        return buffer.remaining();
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        if (out != null) {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }
}
