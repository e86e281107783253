package dev.workbench.core.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.journal.Journal;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.Sha256;
import dev.workbench.core.workspace.ConfinedFiles;
import dev.workbench.core.workspace.ConfinedFolder;
import dev.workbench.core.workspace.RootPaths;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Restores paths to their state in a checkpoint, undoably (CONTRACT section 3). The whole rollback holds the
 * workspace lock, so it never interleaves with a checkpoint or another rollback. In order:
 * <ol>
 *   <li>plan: compare each path in scope with the manifest (unchanged files are recognised by their stat);
 *       a file standing where the checkpoint had a folder outside the scope is refused;</li>
 *   <li>stage: copy every file to restore out of the object store into a temporary file, checking its hash on
 *       the way; a missing or damaged object is {@code CHECKPOINT_CORRUPT} and nothing has changed;</li>
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

    private final Store store;
    private final Checkpoints checkpoints;
    private final Journal journal;
    private final ActivityLog activity;

    public Rollback(Store store, Checkpoints checkpoints, Journal journal, ActivityLog activity) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.journal = journal;
        this.activity = activity;
    }

    /**
     * What a rollback did (or, for a dry run, would do); paths relative to the root. Long lists are cut to fit
     * a response ({@code listsTruncated}); the counts are complete.
     */
    public record Result(String checkpoint, boolean dryRun, List<String> restored, List<String> removed,
                         List<String> unchanged, int restoredCount, int removedCount, int unchangedCount,
                         boolean listsTruncated, @JsonInclude(JsonInclude.Include.ALWAYS) String safetyCheckpoint) {}

    public Result rollback(String ref, List<String> paths, boolean dryRun, String reason) {
        return store.transaction(() -> {
            Checkpoint cp = checkpoints.get(ref);
            List<Path> scope = scope(cp, paths);
            Plan plan = plan(cp, scope);
            for (CheckpointEntry e : plan.restore) {
                if (e.isFile()) {
                    checkpoints.objects().requirePresent(e.sha256(), e.size());
                }
            }
            if (dryRun) {
                return result(cp, true, plan, null);
            }
            String now = store.now();
            if (plan.isEmpty()) {
                journal.record(now, "rollback", "Rollback to checkpoint " + cp.name() + ": nothing differed",
                        List.of("keep the current files", "restore " + cp.name()), "restore " + cp.name(),
                        reason == null ? "rollback requested without a stated reason" : reason);
                activity.append(now, "checkpoint.rollback", "Rolled back to " + cp.name() + ": nothing differed", reason);
                return result(cp, false, plan, null);
            }
            Map<CheckpointEntry, Path> staged = stage(plan.restore);
            try {
                String safety = checkpoints.createAllowingAbsent(scope,
                        String.format(Checkpoints.SAFETY_PREFIX + "%02d", cp.number()), "before rolling back to " + cp.name(),
                        plan.hashed).name();
                apply(plan, staged);
                String summary = plan.restore.size() + " restored, " + plan.removedRel.size() + " removed";
                journal.record(now, "rollback", "Files changed since checkpoint " + cp.name() + " (" + summary + ")",
                        List.of("keep the current files", "restore " + cp.name()), "restore " + cp.name(),
                        reason == null ? "rollback requested without a stated reason" : reason);
                activity.append(now, "checkpoint.rollback", "Rolled back to " + cp.name() + ": " + summary
                        + " (undo: rollback to " + safety + ")", reason);
                return result(cp, false, plan, safety);
            } finally {
                staged.values().forEach(Rollback::deleteQuietly);
            }
        });
    }

    private static Result result(Checkpoint cp, boolean dryRun, Plan plan, String safety) {
        List<String> restored = plan.restoredPaths();
        for (int max = MAX_LISTED; ; max /= 2) {
            Result r = new Result(cp.name(), dryRun, cap(restored, max), cap(plan.removedRel, max), cap(plan.unchanged, max),
                    restored.size(), plan.removedRel.size(), plan.unchanged.size(),
                    restored.size() > max || plan.removedRel.size() > max || plan.unchanged.size() > max, safety);
            if (max == 0 || ResponseBudget.fitsTool(r)) {
                return r;
            }
        }
    }

    private static List<String> cap(List<String> list, int max) {
        return list.size() <= max ? list : list.subList(0, max);
    }

    // ---------------------------------------------------------------- scope and plan

    private List<Path> scope(Checkpoint cp, List<String> given) {
        List<Path> cpPaths = cp.paths().stream().map(p -> store.root().resolve(p).normalize()).toList();
        if (given == null || given.isEmpty()) {
            return cpPaths.stream().map(p -> checkpoints.resolve(checkpoints.relative(p), "paths")).toList();
        }
        List<Path> scope = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Path p = checkpoints.resolve(given.get(i), "paths[" + i + "]");
            if (cpPaths.stream().noneMatch(p::startsWith)) {
                throw new WorkbenchException(ErrorCode.INVALID_INPUT, "paths[" + i + "]: \"" + given.get(i)
                        + "\" is not part of checkpoint " + cp.name() + ", which holds " + cp.paths());
            }
            scope.add(p);
        }
        return scope;
    }

    /** What differs between the scope now and the checkpoint. */
    private static final class Plan {
        final List<CheckpointEntry> restore = new ArrayList<>();
        /** Paths (relative to the root) to delete first: extras, and things of another kind standing where an entry goes. */
        final List<String> remove = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();
        final List<String> removedRel = new ArrayList<>();
        /** Files about to be replaced or removed, with the hash the plan computed: the safety checkpoint links them. */
        final Map<String, Checkpoints.Known> hashed = new HashMap<>();

        boolean isEmpty() {
            return restore.isEmpty() && remove.isEmpty();
        }

        List<String> restoredPaths() {
            return restore.stream().map(CheckpointEntry::path).toList();
        }
    }

    /** What stands at a path now, as the confined walk saw it: a folder's mode, a link's target, a file's stat and hash. */
    private record Found(PosixFileAttributes attrs, String mode, String linkTarget, Checkpoints.Known known) {}

    private Plan plan(Checkpoint cp, List<Path> scope) {
        Map<String, CheckpointEntry> wanted = new TreeMap<>();
        for (CheckpointEntry e : cp.entries()) {
            Path p = store.root().resolve(e.path()).normalize();
            if (scope.stream().anyMatch(p::startsWith)) {
                wanted.put(e.path(), e);
            }
        }
        StatCache cache = StatCache.load(store);
        Map<String, Found> present = new TreeMap<>();
        for (Path s : scope) {
            walk(s, present, cache);
        }
        Plan plan = new Plan();
        for (CheckpointEntry e : wanted.values()) {
            Found current = present.get(e.path());
            if (current != null && matches(e, current, plan)) {
                plan.unchanged.add(e.path());
                continue;
            }
            plan.restore.add(e);
            if (current != null && (e.isDir() != current.attrs().isDirectory())) {
                plan.remove.add(e.path()); // a file where a folder goes, or the other way round
            }
        }
        for (Map.Entry<String, Found> p : present.entrySet()) {
            if (!wanted.containsKey(p.getKey())) {
                plan.remove.add(p.getKey());
                plan.removedRel.add(p.getKey());
                if (p.getValue().known() != null) {
                    plan.hashed.put(p.getKey(), p.getValue().known());
                }
            }
        }
        refuseBlockedAncestors(plan, scope);
        return plan;
    }

    /** A restore under a folder that is now a file or a link outside the scope cannot go through: say so first. */
    private void refuseBlockedAncestors(Plan plan, List<Path> scope) {
        for (CheckpointEntry e : plan.restore) {
            for (Path a = store.root().resolve(e.path()).getParent(); a != null && a.startsWith(store.root())
                    && !a.equals(store.root()); a = a.getParent()) {
                boolean inScope = scope.stream().anyMatch(a::startsWith);
                if (!inScope && Files.exists(a, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(a, LinkOption.NOFOLLOW_LINKS)) {
                    throw new WorkbenchException(ErrorCode.INVALID_INPUT, checkpoints.relative(a) + " is now a file or a"
                            + " link where the checkpoint has a folder; roll back " + checkpoints.relative(a)
                            + " (or a folder holding it) instead, and nothing was changed");
                }
            }
        }
    }

    private static boolean matches(CheckpointEntry e, Found current, Plan plan) {
        PosixFileAttributes a = current.attrs();
        switch (e.type()) {
            case CheckpointEntry.DIR:
                return a.isDirectory() && samePermissions(current.mode(), e.mode());
            case CheckpointEntry.SYMLINK:
                return a.isSymbolicLink() && current.linkTarget().equals(e.target());
            default:
                if (!a.isRegularFile()) {
                    return false;
                }
                // Hashed even when the size differs: the safety checkpoint needs the hash to link the file.
                Checkpoints.Known known = current.known();
                boolean same = samePermissions(known.stat().permissions(), e.mode()) && e.sha256().equals(known.sha256());
                if (!same) {
                    plan.hashed.put(e.path(), known);
                }
                return same;
        }
    }

    /** Read, write and execute bits only: set-id and sticky bits are recorded but not restored. */
    static boolean samePermissions(String a, String b) {
        return (Integer.parseInt(a, 8) & 0777) == (Integer.parseInt(b, 8) & 0777);
    }

    /**
     * Everything under {@code start} as it is now, by relative path, walked and read through {@link ConfinedFiles};
     * .aw/ and .git/ are not part of any scope.
     */
    private void walk(Path start, Map<String, Found> into, StatCache cache) {
        try {
            checkpoints.files().walkTree(checkpoints.relative(start), (rel, folder, name, attrs) -> {
                Path where = folder == null ? store.root() : folder.path(name);
                if (attrs.isDirectory()) {
                    if (checkpoints.reserved(store.root().resolve(rel).normalize()) != null || checkpoints.reserved(where) != null) {
                        return false;
                    }
                    into.put(rel, new Found(attrs, FileStat.of(where, attrs).permissions(), null, null));
                    return true;
                }
                if (attrs.isSymbolicLink()) {
                    into.put(rel, new Found(attrs, null, folder.readLink(name), null));
                } else if (attrs.isRegularFile()) {
                    FileStat stat = FileStat.of(where, attrs);
                    String sha = cache.lookup(rel, stat);
                    if (sha == null) {
                        try (var in = folder.read(name)) {
                            sha = Sha256.of(in);
                        }
                    }
                    into.put(rel, new Found(attrs, null, null, new Checkpoints.Known(stat, sha)));
                }
                return false;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + start, e);
        }
    }

    // ---------------------------------------------------------------- stage and apply

    /** Copies out every file to restore, hash-checked; on any failure the staged copies are removed. */
    private Map<CheckpointEntry, Path> stage(List<CheckpointEntry> restore) {
        Map<CheckpointEntry, Path> staged = new LinkedHashMap<>();
        try {
            for (CheckpointEntry e : restore) {
                if (e.isFile()) {
                    Path tmp = store.newTemporaryFile();
                    staged.put(e, tmp);
                    checkpoints.objects().copyOut(e.sha256(), e.size(), tmp);
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(rwx(e.mode())));
                }
            }
            return staged;
        } catch (IOException e) {
            staged.values().forEach(Rollback::deleteQuietly);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            staged.values().forEach(Rollback::deleteQuietly);
            throw e;
        }
    }

    /**
     * Removes, creates and renames through {@link ConfinedFiles}: each path is walked from the root at the moment
     * of the change, so a folder swapped for a link while the files were staged is refused, never followed.
     */
    private void apply(Plan plan, Map<CheckpointEntry, Path> staged) {
        ConfinedFiles files = checkpoints.files();
        try {
            Path tmp = store.path("tmp");
            Files.createDirectories(tmp);
            try (ConfinedFolder scratch = files.openTrusted(tmp)) {
                List<String> remove = new ArrayList<>(plan.remove);
                remove.sort(Comparator.comparingInt(Rollback::depth).reversed());
                for (String p : remove) {
                    files.deleteTree(p);
                }
                List<CheckpointEntry> restore = new ArrayList<>(plan.restore);
                restore.sort(Comparator.comparing(CheckpointEntry::path));
                for (CheckpointEntry e : restore) {
                    String rel = checkpoints.relative(confined(e));
                    String parent = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
                    files.createDirectories(parent, scratch);
                    switch (e.type()) {
                        case CheckpointEntry.DIR -> files.createDirectories(rel, scratch);
                        case CheckpointEntry.SYMLINK -> {
                            Path link = scratch.path("." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".aw-link.tmp");
                            Files.createSymbolicLink(link, Path.of(e.target()));
                            files.moveInto(scratch, link.getFileName().toString(), rel);
                        }
                        default -> files.moveInto(scratch, staged.get(e).getFileName().toString(), rel);
                    }
                }
                // Folder modes last and deepest first, so a read-only folder is filled before it is closed.
                for (int i = restore.size() - 1; i >= 0; i--) {
                    CheckpointEntry e = restore.get(i);
                    if (e.isDir()) {
                        files.setPermissions(e.path(), PosixFilePermissions.fromString(rwx(e.mode())));
                    }
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new WorkbenchException(ErrorCode.NOT_FOUND, e.getFile() + " vanished while the rollback was changing"
                    + " files (something else is changing them too); it stopped part-way, run it again to complete it");
        } catch (IOException e) {
            throw new UncheckedIOException("rollback stopped part-way (run it again to complete it): " + e, e);
        }
    }

    private static int depth(String rel) {
        return rel.split("/").length;
    }

    /** The entry's path, checked again right before writing: nothing created earlier may lead it outside the root. */
    private Path confined(CheckpointEntry e) {
        Path target = RootPaths.resolve(store.root(), e.path(), "checkpoint entry");
        if (checkpoints.reserved(RootPaths.real(target)) != null) {
            throw new WorkbenchException(ErrorCode.CHECKPOINT_CORRUPT, "checkpoint entry " + e.path()
                    + " leads into " + checkpoints.reserved(RootPaths.real(target)));
        }
        return target;
    }

    private static String rwx(String octal) {
        int mode = Integer.parseInt(octal, 8);
        StringBuilder s = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            s.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // swept later
        }
    }
}
