package dev.workbench.core.checkpoint;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.journal.Journal;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Restores paths to their state in a checkpoint, undoably (CONTRACT section 3). In order:
 * <ol>
 *   <li>plan: compare each path in scope with the manifest (unchanged files are recognised by their stat);</li>
 *   <li>stage: copy every file to restore out of the object store into a temporary file, checking its hash on
 *       the way; a missing or damaged object is {@code CHECKPOINT_CORRUPT} and nothing has changed;</li>
 *   <li>take the safety checkpoint {@code NN_pre-rollback-to-MM} of the current state of the scope;</li>
 *   <li>apply: remove what the checkpoint did not have, create folders, rename each staged file into place
 *       (atomic), recreate links; then a journal and an activity entry.</li>
 * </ol>
 * A rollback interrupted during the last step leaves each file old or new; running it again completes it.
 */
public final class Rollback {
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

    /** What a rollback did (or, for a dry run, would do); paths relative to the root. */
    public record Result(String checkpoint, boolean dryRun, List<String> restored, List<String> removed,
                         List<String> unchanged, String safetyCheckpoint) {}

    public Result rollback(String ref, List<String> paths, boolean dryRun, String reason) {
        Checkpoint cp = checkpoints.get(ref);
        List<Path> scope = scope(cp, paths);
        Plan plan = plan(cp, scope);
        if (dryRun || plan.isEmpty()) {
            return new Result(cp.name(), dryRun, plan.restoredPaths(), plan.removedPaths(), plan.unchanged, null);
        }
        Map<CheckpointEntry, Path> staged = stage(plan.restore);
        try {
            return store.transaction(() -> {
                String safety = checkpoints.createAllowingAbsent(scope,
                        String.format("pre-rollback-to-%02d", cp.number()), "before rolling back to " + cp.name(),
                        plan.hashed).name();
                apply(plan, staged);
                String now = store.now();
                String summary = plan.restore.size() + " restored, " + plan.remove.size() + " removed";
                journal.record(now, "rollback", "Files changed since checkpoint " + cp.name() + " (" + summary + ")",
                        List.of("keep the current files", "restore " + cp.name()), "restore " + cp.name(),
                        reason == null ? "rollback requested without a stated reason" : reason);
                activity.append(now, "checkpoint.rollback", "Rolled back to " + cp.name() + ": " + summary
                        + " (undo: rollback to " + safety + ")", reason);
                return new Result(cp.name(), false, plan.restoredPaths(), plan.removedPaths(), plan.unchanged, safety);
            });
        } finally {
            staged.values().forEach(Rollback::deleteQuietly);
        }
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
        final List<Path> remove = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();
        final List<String> removedRel = new ArrayList<>();
        /** Files about to be replaced or removed, with the hash the plan computed: the safety checkpoint links them. */
        final Map<String, Checkpoints.Known> hashed = new java.util.HashMap<>();

        boolean isEmpty() {
            return restore.isEmpty() && remove.isEmpty();
        }

        List<String> restoredPaths() {
            return restore.stream().map(CheckpointEntry::path).toList();
        }

        List<String> removedPaths() {
            return removedRel;
        }
    }

    private Plan plan(Checkpoint cp, List<Path> scope) {
        Map<String, CheckpointEntry> wanted = new TreeMap<>();
        for (CheckpointEntry e : cp.entries()) {
            Path p = store.root().resolve(e.path()).normalize();
            if (scope.stream().anyMatch(p::startsWith)) {
                wanted.put(e.path(), e);
            }
        }
        Map<String, Path> present = new TreeMap<>();
        for (Path s : scope) {
            walk(s, present);
        }
        StatCache cache = StatCache.load(store);
        Plan plan = new Plan();
        for (CheckpointEntry e : wanted.values()) {
            Path current = present.get(e.path());
            if (current != null && matches(e, current, cache, plan)) {
                plan.unchanged.add(e.path());
            } else {
                if (current != null && !(e.isDir() && Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS))) {
                    plan.remove.add(current); // something else stands where the checkpoint had this entry
                }
                plan.restore.add(e);
            }
        }
        for (Map.Entry<String, Path> p : present.entrySet()) {
            if (!wanted.containsKey(p.getKey())) {
                plan.remove.add(p.getValue());
                plan.removedRel.add(p.getKey());
                if (Files.isRegularFile(p.getValue(), LinkOption.NOFOLLOW_LINKS)) {
                    plan.hashed.put(p.getKey(), know(p.getKey(), p.getValue(), cache));
                }
            }
        }
        return plan;
    }

    private boolean matches(CheckpointEntry e, Path current, StatCache cache, Plan plan) {
        try {
            BasicFileAttributes a = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            switch (e.type()) {
                case CheckpointEntry.DIR:
                    return a.isDirectory() && FileStat.of(current).permissions().equals(e.mode());
                case CheckpointEntry.SYMLINK:
                    return a.isSymbolicLink() && Files.readSymbolicLink(current).toString().equals(e.target());
                default:
                    if (!a.isRegularFile()) {
                        return false;
                    }
                    // Hashed even when the size differs: the safety checkpoint needs the hash to link the file.
                    Checkpoints.Known known = know(e.path(), current, cache);
                    boolean same = known.stat().permissions().equals(e.mode()) && e.sha256().equals(known.sha256());
                    if (!same) {
                        plan.hashed.put(e.path(), known);
                    }
                    return same;
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + current, ex);
        }
    }

    private static Checkpoints.Known know(String rel, Path file, StatCache cache) {
        FileStat stat = FileStat.of(file);
        String sha = cache.lookup(rel, stat);
        return new Checkpoints.Known(stat, sha != null ? sha : ObjectStore.hash(file));
    }

    /** Everything under {@code start} as it is now, by relative path; .aw/ and .git/ are not part of any scope. */
    private void walk(Path start, Map<String, Path> into) {
        if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(store.dir()) || ".git".equals(String.valueOf(dir.getFileName()))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    into.put(checkpoints.relative(dir), dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                        into.put(checkpoints.relative(file), file);
                    }
                    return FileVisitResult.CONTINUE;
                }
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
                    checkpoints.objects().requirePresent(e.sha256(), e.size());
                }
            }
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

    private void apply(Plan plan, Map<CheckpointEntry, Path> staged) {
        try {
            List<Path> remove = new ArrayList<>(plan.remove);
            remove.sort(Comparator.comparingInt(Path::getNameCount).reversed());
            for (Path p : remove) {
                deleteTree(p);
            }
            List<CheckpointEntry> restore = new ArrayList<>(plan.restore);
            restore.sort(Comparator.comparing(CheckpointEntry::path));
            for (CheckpointEntry e : restore) {
                Path target = store.root().resolve(e.path());
                Files.createDirectories(target.getParent());
                switch (e.type()) {
                    case CheckpointEntry.DIR -> {
                        Files.createDirectories(target);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(rwx(e.mode())));
                    }
                    case CheckpointEntry.SYMLINK -> {
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(e.target()));
                    }
                    default -> moveInto(staged.get(e), target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rollback stopped part-way (run it again to complete it): " + e.getMessage(), e);
        }
    }

    /** Renames the staged copy over the target; across file systems, through a sibling temporary file. */
    private static void moveInto(Path staged, Path target) throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Path sibling = target.resolveSibling("." + target.getFileName() + ".aw-restore.tmp");
            Files.copy(staged, sibling, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(sibling, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(p)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(p);
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
