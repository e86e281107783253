package dev.workbench.core.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.journal.Journal;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.store.Backend;
import dev.workbench.core.workspace.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Restores paths to their state in a checkpoint, undoably (CONTRACT section 3). The whole rollback holds the
 * workspace lock, so it never interleaves with a checkpoint or another rollback. In order:
 * <ol>
 *   <li>plan ({@link RollbackPlan}): compare each path in scope with the manifest (unchanged files are recognised by
 *       their stat); a file standing where the checkpoint had a folder outside the scope is refused;</li>
 *   <li>stage ({@link RollbackApply}): copy every file to restore out of the object store into a temporary file,
 *       checking its hash on the way; a missing or damaged object is {@code CHECKPOINT_CORRUPT} and nothing has
 *       changed;</li>
 *   <li>take the safety checkpoint {@code NN_pre-rollback-to-MM} of the current state of the scope;</li>
 *   <li>apply: remove what the checkpoint did not have, create folders, rename each staged file over its path
 *       (atomic: the path names the old file or the new one, never none), replace links the same way, then set
 *       folder modes, deepest first; a journal and an activity entry.</li>
 * </ol>
 * A rollback interrupted during the last step leaves each file old or new; running it again completes it.
 */
public final class Rollback {
    /** Each list in a result shows at most this many paths; the counts are always complete. */
    static final int MAX_LISTED = 1000;

    private final Backend backend;
    private final Store content;
    private final Checkpoints checkpoints;
    private final CheckpointTree tree;
    private final RollbackApply apply;
    private final Journal journal;
    private final ActivityLog activity;

    /** Reads manifests through {@code checkpoints}; contents and the stat cache in {@code content}'s {@code .aw/}. */
    public Rollback(Backend backend, Store content, Checkpoints checkpoints, Journal journal, ActivityLog activity) {
        this.backend = backend;
        this.content = content;
        this.checkpoints = checkpoints;
        this.tree = new CheckpointTree(backend.root(), content.dir());
        this.apply = new RollbackApply(content, tree);
        this.journal = journal;
        this.activity = activity;
    }

    /**
     * What a rollback did (or, for a dry run, would do); paths relative to the root. Long lists are cut to fit
     * a response ({@code listsTruncated}); the counts are complete.
     */
    public record Result(
            String checkpoint,
            boolean dryRun,
            List<String> restored,
            List<String> removed,
            List<String> unchanged,
            int restoredCount,
            int removedCount,
            int unchangedCount,
            boolean listsTruncated,
            @JsonInclude(JsonInclude.Include.ALWAYS) String safetyCheckpoint) {}

    public Result rollback(String ref, List<String> paths, boolean dryRun, String reason) {
        return backend.transactions().transaction(() -> {
            Checkpoint cp = checkpoints.get(ref);
            List<Path> scope = scope(cp, paths);
            RollbackPlan plan = RollbackPlan.of(cp, scope, tree, FileHashes.load(content));
            apply.requireObjects(plan);
            if (dryRun) {
                return result(cp, true, plan, null);
            }
            String now = backend.now();
            String why = reason == null ? "rollback requested without a stated reason" : reason;
            List<String> options = List.of("keep the current files", "restore " + cp.name());
            if (plan.isEmpty()) {
                journal.record(
                        now,
                        "rollback",
                        "Rollback to checkpoint " + cp.name() + ": nothing differed",
                        options,
                        "restore " + cp.name(),
                        why);
                activity.append(
                        now, "checkpoint.rollback", "Rolled back to " + cp.name() + ": nothing differed", reason);
                return result(cp, false, plan, null);
            }
            Map<CheckpointEntry, Path> staged = apply.stage(plan.restore);
            try {
                String safety = checkpoints.createSafety(scope, cp, plan.hashed).name();
                apply.apply(plan, staged);
                String summary = plan.restore.size() + " restored, " + plan.removedRel.size() + " removed";
                journal.record(
                        now,
                        "rollback",
                        "Files changed since checkpoint " + cp.name() + " (" + summary + ")",
                        options,
                        "restore " + cp.name(),
                        why);
                activity.append(
                        now,
                        "checkpoint.rollback",
                        "Rolled back to " + cp.name() + ": " + summary + " (undo: rollback to " + safety + ")",
                        reason);
                return result(cp, false, plan, safety);
            } finally {
                staged.values().forEach(RollbackApply::deleteQuietly);
            }
        });
    }

    private static Result result(Checkpoint cp, boolean dryRun, RollbackPlan plan, String safety) {
        List<String> restored = plan.restoredPaths();
        for (int max = MAX_LISTED; ; max /= 2) {
            Result r = new Result(
                    cp.name(),
                    dryRun,
                    cap(restored, max),
                    cap(plan.removedRel, max),
                    cap(plan.unchanged, max),
                    restored.size(),
                    plan.removedRel.size(),
                    plan.unchanged.size(),
                    restored.size() > max || plan.removedRel.size() > max || plan.unchanged.size() > max,
                    safety);
            if (max == 0 || ResponseBudget.fitsTool(r)) {
                return r;
            }
        }
    }

    private static List<String> cap(List<String> list, int max) {
        return list.size() <= max ? list : list.subList(0, max);
    }

    /** The paths to restore: the checkpoint's own, or those given, each of which must lie inside one of them. */
    private List<Path> scope(Checkpoint cp, List<String> given) {
        List<Path> cpPaths =
                cp.paths().stream().map(p -> tree.root().resolve(p).normalize()).toList();
        if (given == null || given.isEmpty()) {
            return cpPaths.stream()
                    .map(p -> tree.resolve(tree.relative(p), "paths"))
                    .toList();
        }
        List<Path> scope = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Path p = tree.resolve(given.get(i), "paths[" + i + "]");
            if (cpPaths.stream().noneMatch(p::startsWith)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "paths[" + i + "]: \"" + given.get(i) + "\" is not part of checkpoint " + cp.name()
                                + ", which holds " + cp.paths());
            }
            scope.add(p);
        }
        return scope;
    }
}
