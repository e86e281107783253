package dev.workbench.core.workspace;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Whole files under {@code .aw/}: a record read as JSON without a lock, written atomically ({@link AtomicFile})
 * under the lock, listed, deleted. A record a person damaged by hand is reported by name, never half read.
 */
public final class JsonFiles {
    private final StorePaths paths;
    private final StoreLock lock;

    public JsonFiles(StorePaths paths, StoreLock lock) {
        this.paths = paths;
        this.lock = lock;
    }

    /** The record at {@code relative}, or empty when the file does not exist. */
    public <T> Optional<T> read(String relative, Class<T> type) {
        Path file = paths.path(relative);
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
            throw new WorkbenchException(
                    ErrorCode.STORE_ERROR,
                    Store.DIR + "/" + relative + " is not a readable " + type.getSimpleName() + " record ("
                            + e.getMessage().lines().findFirst().orElse("") + "); fix or remove the file");
        }
    }

    /** File names (not paths) in a folder under {@code .aw/} ending with {@code suffix}, sorted, hidden skipped. */
    public List<String> list(String folder, String suffix) {
        Path dir = paths.path(folder);
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

    /** Writes a record as pretty JSON, atomically. Must run inside a transaction. */
    public void write(String relative, Object value) {
        writeBytes(relative, Json.toFileBytes(value));
    }

    /** Writes bytes atomically ({@link AtomicFile}: temporary file in the same folder, fsync, rename). */
    public void writeBytes(String relative, byte[] bytes) {
        lock.beforeWrite();
        AtomicFile.write(paths.path(relative), bytes);
        lock.wrote();
    }

    /** Deletes a file under {@code .aw/}; returns whether it was there. Must run inside a transaction. */
    public boolean delete(String relative) {
        lock.beforeWrite();
        Path file = paths.path(relative);
        try {
            boolean deleted = Files.deleteIfExists(file);
            if (deleted) {
                lock.wrote();
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
