package dev.workbench.core.store.file;

import dev.workbench.core.Check;
import dev.workbench.core.review.ApprovalPolicy;
import dev.workbench.core.review.StageFile;
import dev.workbench.core.store.StageFiles;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link StageFiles} as {@code .aw/stages/<area>/<file>}, beside {@code .aw/policy.json} and
 * {@code .aw/allowed_signers}: files a person reads, edits and signs with the tools they have.
 */
public final class FileStageFiles implements StageFiles {
    /** The folder of the stages under {@code .aw/}, one sub-folder per area. */
    static final String DIR = "stages";

    private final Store store;

    public FileStageFiles(Store store) {
        this.store = store;
    }

    private static String file(String area, StageFile file) {
        return DIR + "/" + area + "/" + file.fileName();
    }

    @Override
    public List<String> areas() {
        Path dir = store.path(DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(Check::isWord)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> Optional<T> read(String area, StageFile file, Class<T> type) {
        return store.read(file(area, file), type);
    }

    @Override
    public Optional<String> text(String area, StageFile file) {
        Path p = store.path(file(area, file));
        try {
            return Files.exists(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(String area, StageFile file, Object record) {
        store.write(file(area, file), record);
    }

    @Override
    public void writeText(String area, StageFile file, String text) {
        store.writeBytes(file(area, file), text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean delete(String area, StageFile file) {
        return store.delete(file(area, file));
    }

    @Override
    public Optional<byte[]> policy() {
        return bytes(ApprovalPolicy.FILE);
    }

    @Override
    public Optional<byte[]> signers() {
        return bytes(ApprovalPolicy.SIGNERS);
    }

    private Optional<byte[]> bytes(String relative) {
        try {
            return Optional.of(Files.readAllBytes(store.path(relative)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
