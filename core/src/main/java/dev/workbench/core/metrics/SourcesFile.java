package dev.workbench.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.StorePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * {@code .aw/sources.json} as last read: read through the store's confinement (a symbolic link there is refused) and
 * read again only when its modification time, size or inode changed, so a person's edit counts at the next query.
 */
final class SourcesFile {
    static final String FILE = "sources.json";

    private final StorePaths paths;
    private Object stamp;
    private SourcesConfig config;

    SourcesFile(StorePaths paths) {
        this.paths = paths;
    }

    /** The configuration now; {@link SourcesConfig#absent()} without the file. */
    synchronized SourcesConfig current() {
        Path file = paths.path(FILE);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            stamp = null;
            config = null;
            return SourcesConfig.absent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Object now = java.util.List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
        if (config != null && now.equals(stamp)) {
            return config;
        }
        SourcesConfig read = read(file);
        stamp = now;
        config = read;
        return read;
    }

    private static SourcesConfig read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return SourcesConfig.absent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            // Jackson's message quotes the text around the mistake, which could be a secret someone pasted: only
            // the position is kept.
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? " at line " + j.getLocation().getLineNr() + ", column "
                            + j.getLocation().getColumnNr()
                    : "";
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, SourcesConfig.SHOWN + ": expected JSON, got a syntax error" + where);
        }
        return SourcesConfig.parse(node);
    }
}
