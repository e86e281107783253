package dev.workbench.core.store.file;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.ApprovalPolicy;
import dev.workbench.core.review.StageFile;
import dev.workbench.core.review.StageId;
import dev.workbench.core.store.StageFiles;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link StageFiles} as files a person reads, edits and signs with the tools they have: an area's stage in
 * {@code .aw/stages/<area>/}, an experiment's in {@code .aw/experiments/<slug>/} (beside its record
 * {@code <slug>.json}), each with {@code plans/v<K>.md}; beside them {@code .aw/policy.json} and
 * {@code .aw/allowed_signers}.
 */
public final class FileStageFiles implements StageFiles {
    /** The folder of the areas' stages under {@code .aw/}, one sub-folder per area. */
    static final String DIR = "stages";
    /** The folder of a stage's plan versions. */
    static final String PLANS = "plans";
    /** A plan version's file name, {@code v<K>.md}. */
    static final Pattern PLAN_VERSION = Pattern.compile("v([1-9][0-9]{0,8})\\.md");

    private final Store store;

    public FileStageFiles(Store store) {
        this.store = store;
    }

    /** The stage's folder under {@code .aw/}. */
    static String folder(StageId stage) {
        return (stage.experiment() ? FileExperimentRecords.DIR : DIR) + "/" + stage.name();
    }

    private static String file(StageId stage, StageFile file) {
        return folder(stage) + "/" + file.fileName();
    }

    private static String plan(StageId stage, int version) {
        return folder(stage) + "/" + PLANS + "/v" + version + ".md";
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
                    .filter(StageId::isAreaName)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> Optional<T> read(StageId stage, StageFile file, Class<T> type) {
        return store.read(file(stage, file), type);
    }

    @Override
    public Optional<String> text(StageId stage, StageFile file) {
        return text(file(stage, file));
    }

    private Optional<String> text(String relative) {
        Path p = store.path(relative);
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(StageId stage, StageFile file, Object record) {
        store.write(file(stage, file), record);
    }

    @Override
    public void writeText(StageId stage, StageFile file, String text) {
        store.writeBytes(file(stage, file), text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean delete(StageId stage, StageFile file) {
        return store.delete(file(stage, file));
    }

    @Override
    public List<Integer> planVersions(StageId stage) {
        List<Integer> versions = new ArrayList<>();
        for (String name : store.list(folder(stage) + "/" + PLANS, ".md")) {
            Matcher m = PLAN_VERSION.matcher(name);
            if (m.matches()) {
                versions.add(Integer.parseInt(m.group(1)));
            }
        }
        versions.sort(null);
        return versions;
    }

    @Override
    public Optional<String> planVersion(StageId stage, int version) {
        return version < 1 ? Optional.empty() : text(plan(stage, version));
    }

    @Override
    public void writePlanVersion(StageId stage, int version, String text) {
        Check.atLeast(version, 1, "version");
        if (Files.exists(store.path(plan(stage, version)))) {
            throw new WorkbenchException(
                    ErrorCode.CONFLICT,
                    "plan version " + version + " of " + stage.key() + " exists; versions are never rewritten");
        }
        store.writeBytes(plan(stage, version), text.getBytes(StandardCharsets.UTF_8));
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
