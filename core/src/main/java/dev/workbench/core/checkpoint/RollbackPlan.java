package dev.workbench.core.checkpoint;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.ConfinedFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What differs between a rollback's scope now and the checkpoint: the first step of a {@link Rollback}, which reads
 * and never writes. Unchanged files are recognised by their stat ({@link FileHashes}); every file about to be
 * replaced or removed is hashed, so the safety checkpoint can link it rather than copy it.
 */
final class RollbackPlan {
    final List<CheckpointEntry> restore = new ArrayList<>();
    /** Paths (relative to the root) to delete first: extras, and things of another kind standing where an entry goes. */
    final List<String> remove = new ArrayList<>();

    final List<String> unchanged = new ArrayList<>();
    final List<String> removedRel = new ArrayList<>();
    /** Files about to be replaced or removed, with the hash the plan computed: the safety checkpoint links them. */
    final Map<String, CheckpointWriter.Known> hashed = new HashMap<>();

    private RollbackPlan() {}

    boolean isEmpty() {
        return restore.isEmpty() && remove.isEmpty();
    }

    List<String> restoredPaths() {
        return restore.stream().map(CheckpointEntry::path).toList();
    }

    /** What stands at a path now, as the walk saw it: its kind, a folder's mode, a link's target, a file's stat and hash. */
    private record Found(EntryType type, String mode, String linkTarget, CheckpointWriter.Known known) {}

    /** The plan for restoring {@code scope} (paths under the root) to {@code cp}. */
    static RollbackPlan of(Checkpoint cp, List<Path> scope, CheckpointTree tree, FileHashes hashes) {
        Map<String, CheckpointEntry> wanted = new TreeMap<>();
        for (CheckpointEntry e : cp.entries()) {
            Path p = tree.root().resolve(e.path()).normalize();
            if (scope.stream().anyMatch(p::startsWith)) {
                wanted.put(e.path(), e);
            }
        }
        Map<String, Found> present = new TreeMap<>();
        for (Path s : scope) {
            tree.walk(s, new CheckpointTree.Visitor() {
                @Override
                public void folder(String rel, String mode) {
                    present.put(rel, new Found(EntryType.DIR, mode, null, null));
                }

                @Override
                public void link(String rel, String target) {
                    present.put(rel, new Found(EntryType.SYMLINK, null, target, null));
                }

                @Override
                public void file(
                        String rel, ConfinedFolder folder, String name, PosixFileAttributes attrs, FileStat stat)
                        throws IOException {
                    String sha = hashes.sha256(rel, folder, name, attrs, stat);
                    present.put(rel, new Found(EntryType.FILE, null, null, new CheckpointWriter.Known(stat, sha)));
                }
            });
        }
        RollbackPlan plan = new RollbackPlan();
        for (CheckpointEntry e : wanted.values()) {
            Found current = present.get(e.path());
            if (current != null && plan.matches(e, current)) {
                plan.unchanged.add(e.path());
                continue;
            }
            plan.restore.add(e);
            if (current != null && (e.isDir() != (current.type() == EntryType.DIR))) {
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
        plan.refuseBlockedAncestors(scope, tree);
        return plan;
    }

    /** A restore under a folder that is now a file or a link outside the scope cannot go through: say so first. */
    private void refuseBlockedAncestors(List<Path> scope, CheckpointTree tree) {
        Path root = tree.root();
        for (CheckpointEntry e : restore) {
            for (Path a = root.resolve(e.path()).getParent();
                    a != null && a.startsWith(root) && !a.equals(root);
                    a = a.getParent()) {
                boolean inScope = scope.stream().anyMatch(a::startsWith);
                if (!inScope
                        && Files.exists(a, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(a, LinkOption.NOFOLLOW_LINKS)) {
                    throw new WorkbenchException(
                            ErrorCode.INVALID_INPUT,
                            tree.relative(a) + " is now a file or a"
                                    + " link where the checkpoint has a folder; roll back " + tree.relative(a)
                                    + " (or a folder holding it) instead, and nothing was changed");
                }
            }
        }
    }

    private boolean matches(CheckpointEntry e, Found current) {
        switch (e.type()) {
            case DIR:
                return current.type() == EntryType.DIR && samePermissions(current.mode(), e.mode());
            case SYMLINK:
                return current.type() == EntryType.SYMLINK
                        && current.linkTarget().equals(e.target());
            default:
                if (current.type() != EntryType.FILE) {
                    return false;
                }
                // Hashed even when the size differs: the safety checkpoint needs the hash to link the file.
                CheckpointWriter.Known known = current.known();
                boolean same = samePermissions(known.stat().permissions(), e.mode())
                        && e.sha256().equals(known.sha256());
                if (!same) {
                    hashed.put(e.path(), known);
                }
                return same;
        }
    }

    /** Read, write and execute bits only: set-id and sticky bits are recorded but not restored. */
    static boolean samePermissions(String a, String b) {
        return (Integer.parseInt(a, 8) & 0777) == (Integer.parseInt(b, 8) & 0777);
    }
}
