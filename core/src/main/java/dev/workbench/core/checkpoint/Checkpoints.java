package dev.workbench.core.checkpoint;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.CheckpointManifests;
import dev.workbench.core.workspace.Store;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Numbered, immutable snapshots of files and folders under the root (CONTRACT section 3). Contents go to the
 * {@link ObjectStore} once per distinct content; a file whose size, modification time and inode are unchanged
 * since it was last stored is not read again. {@code .aw/} and {@code .git/} are never included, and symbolic
 * links are recorded as links, never followed. Manifests are kept by the back end ({@link CheckpointManifests}).
 */
public final class Checkpoints {
    /** The start of the operation name of the checkpoint a rollback takes first: {@code pre-rollback-to-MM}. */
    public static final String SAFETY_PREFIX = CheckpointName.SAFETY_PREFIX;

    /** The start of the operation name of the checkpoint the hooks take before a shell command: {@code auto-before-<program>}. */
    public static final String AUTOMATIC_PREFIX = "auto-before-";

    private final CheckpointManifests manifests;
    private final CheckpointTree tree;
    private final CheckpointWriter writer;

    /** Records through {@code backend}; contents and the stat cache in {@code content}'s {@code .aw/}. */
    public Checkpoints(Backend backend, Store content, ActivityLog activity) {
        this.manifests = backend.checkpoints();
        this.tree = new CheckpointTree(backend.root(), content.dir());
        this.writer = new CheckpointWriter(backend, content, tree, activity);
    }

    /** What creating a checkpoint reports. */
    public record Created(String name, int files, long bytes, long newBytes) {}

    /** Checkpoints {@code paths}, each of which must exist, in no area. */
    public Created create(List<String> paths, String operation, String note) {
        return create(paths, operation, note, null);
    }

    /** Checkpoints {@code paths}, each of which must exist; {@code area} (a word, or null) places it in the runbook. */
    public Created create(List<String> paths, String operation, String note, String area) {
        if (area != null) {
            Check.word(area, "area");
        }
        Check.notEmpty(paths, "paths");
        List<Path> resolved = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path p = tree.resolve(paths.get(i), "paths[" + i + "]");
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new WorkbenchException(
                        ErrorCode.NOT_FOUND,
                        "paths[" + i + "]: \"" + paths.get(i)
                                + "\" does not exist; checkpoint existing files or folders");
            }
            resolved.add(p);
        }
        CheckpointName.checkOperation(operation, " (kept for the safety checkpoints rollback takes)");
        return writer.write(resolved, operation, Check.text(note, "note"), area, Map.of());
    }

    /**
     * A checkpoint the workbench takes by itself (the hooks' automatic checkpoint before a shell command): like
     * {@link #create}, but a path that does not exist is recorded as absent rather than refused, so a rollback to it
     * removes what appeared later.
     */
    public Created createAutomatic(List<String> paths, String operation, String note) {
        Check.notEmpty(paths, "paths");
        List<Path> resolved = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            resolved.add(tree.resolve(paths.get(i), "paths[" + i + "]"));
        }
        CheckpointName.checkOperation(operation, "");
        return writer.write(resolved, operation, Check.text(note, "note"), null, Map.of());
    }

    /**
     * The checkpoint a rollback to {@code target} takes first, of paths that may not exist (it records their
     * absence), reusing what the rollback's plan knows of the files it will replace.
     */
    Created createSafety(List<Path> paths, Checkpoint target, Map<String, CheckpointWriter.Known> replaced) {
        return writer.write(
                paths,
                CheckpointName.safetyOperation(target.number()),
                "before rolling back to " + target.name(),
                null,
                replaced);
    }

    /** Every readable checkpoint manifest, oldest first; each is read once (validation happens in {@link #get}). */
    public List<Checkpoint> all() {
        List<Checkpoint> all = new ArrayList<>();
        for (String name : manifests.names()) {
            try {
                manifests.read(name).ifPresent(all::add);
            } catch (WorkbenchException e) {
                // a damaged manifest is reported when it is asked for by name
            }
        }
        all.sort(Comparator.comparingInt(Checkpoint::number));
        return all;
    }

    /** Every checkpoint's summary, oldest first. */
    public List<Checkpoint.Summary> list() {
        return all().stream().map(Checkpoint::summary).toList();
    }

    /** A checkpoint by number ({@code 2}, {@code "02"}) or name ({@code "02_cleaned"}). */
    public Checkpoint get(String ref) {
        return find(ref)
                .orElseThrow(() -> new WorkbenchException(
                        ErrorCode.NOT_FOUND,
                        "no checkpoint \"" + ref + "\"; list them with the aw://checkpoints resource"));
    }

    /**
     * {@code ref} when it can name a checkpoint, a number ({@code 2}, {@code "02"}) or a name ({@code "02_cleaned"}),
     * whether or not such a checkpoint exists; else {@code INVALID_INPUT}.
     */
    public static String checkRef(String ref) {
        return CheckpointName.checkRef(ref);
    }

    private Optional<Checkpoint> find(String ref) {
        CheckpointName.checkRef(ref);
        for (String name : manifests.names()) {
            if (CheckpointName.refersTo(ref, name)) {
                try {
                    return manifests.read(name).map(c -> ManifestCheck.validated(c, tree));
                } catch (WorkbenchException e) {
                    throw new WorkbenchException(
                            ErrorCode.CHECKPOINT_CORRUPT,
                            "checkpoint manifest " + name + ".json" + " cannot be read (" + e.getMessage()
                                    + "); nothing was changed");
                }
            }
        }
        return Optional.empty();
    }

    public long count() {
        return manifests.names().size();
    }

    /** The names of the stored manifests (e.g. {@code 02_cleaned}), sorted, from the listing alone. */
    public List<String> names() {
        return manifests.names();
    }
}
