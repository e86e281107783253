package dev.workbench.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Append-only JSONL logs under {@code .aw/}: one whole JSON object per line, appended under the lock, read from
 * the end without a lock. A line torn by a crash or edited by hand is skipped by readers and closed off by the
 * next append, so the log stays readable around it.
 */
public final class LineLog {
    private static final int CHUNK = 64 * 1024;
    /** How many last bytes of a log {@link #countLines} keeps to recognise it again. */
    private static final int TAIL_BYTES = 64;

    private final StorePaths paths;
    private final StoreLock lock;
    /** Line counts of the logs, extended as they grow ({@link #countLines}). */
    private final Map<String, LineCount> lineCounts = new ConcurrentHashMap<>();

    public LineLog(StorePaths paths, StoreLock lock) {
        this.paths = paths;
        this.lock = lock;
    }

    /**
     * Appends one JSON line to a log. A line torn by an earlier crash is closed off first, so it can never
     * swallow the new entry. Must run inside a transaction.
     */
    public void append(String relative, Object entry) {
        lock.beforeWrite();
        Path file = paths.path(relative);
        byte[] line = (Json.toLine(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = ch.size();
                ByteBuffer buf = ByteBuffer.wrap(line);
                if (size > 0 && !endsWithNewline(ch, size)) {
                    buf = ByteBuffer.allocate(line.length + 1)
                            .put((byte) '\n')
                            .put(line)
                            .flip();
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
            lock.wrote();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        return last.get(0) == '\n';
    }

    /** The last {@code max} parseable lines of a log, oldest first, reading the file from its end. */
    public List<JsonNode> tail(String relative, int max) {
        Path file = paths.path(relative);
        if (max <= 0 || !Files.exists(file)) {
            return List.of();
        }
        Deque<JsonNode> lines = new ArrayDeque<>();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            byte[] carry = new byte[0];
            while (end > 0 && lines.size() < max) {
                long start = Math.max(0, end - CHUNK);
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
                carry = Arrays.copyOfRange(block, 0, lineEnd);
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

    /** Every parseable line of a log, oldest first. */
    public List<JsonNode> readAll(String relative) {
        return tail(relative, Integer.MAX_VALUE);
    }

    /**
     * Number of lines of a log (0 when it does not exist). The logs only grow, and a server asks for their length
     * on every {@code get-project} and decision, so the count is kept per file and only what was appended since is
     * read. It is trusted only for the same file (inode), not shorter, whose last bytes at the counted length are
     * unchanged; anything else (a rotation, a hand edit) is counted again from the start.
     */
    public long countLines(String relative) {
        Path file = paths.path(relative);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            long size = ch.size();
            LineCount known = lineCounts.get(relative);
            boolean extend = key != null
                    && known != null
                    && key.equals(known.fileKey())
                    && size >= known.size()
                    && Arrays.equals(known.tail(), lastBytes(ch, known.size()));
            long lines = (extend ? known.lines() : 0) + countNewlines(ch, extend ? known.size() : 0);
            lineCounts.put(relative, new LineCount(key, size, lines, lastBytes(ch, size)));
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
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
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

    /** The (up to) {@link #TAIL_BYTES} bytes before {@code end}. */
    private static byte[] lastBytes(FileChannel ch, long end) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(TAIL_BYTES, end));
        long position = end - buf.capacity();
        while (buf.hasRemaining() && ch.read(buf, position + buf.position()) > 0) {
            // read until full or the file ends
        }
        return Arrays.copyOf(buf.array(), buf.position());
    }
}
