package dev.workbench.page;

import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointEntry;
import dev.workbench.core.checkpoint.EntryType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rollback as its manifests record it. A rollback first takes the safety checkpoint {@code NN_pre-rollback-to-MM}
 * of its scope (the safety's {@code paths}) as it stood, then restores the scope to checkpoint {@code MM}; so what it
 * restored is every entry of the target in the scope that the safety does not hold alike (content, link target,
 * permission bits), and what it deleted is every path the safety holds and the target does not: the rollback's own
 * plan, read back from the two manifests rather than from the activity log's counts.
 */
record CheckpointRollback(Checkpoint safety, Checkpoint target, List<String> restored, List<String> removed) {
    static CheckpointRollback of(Checkpoint safety, Checkpoint target) {
        List<String> scope = safety.paths() == null ? List.of() : safety.paths();
        Map<String, CheckpointEntry> before = new HashMap<>();
        for (CheckpointEntry e : safety.entries()) {
            before.put(e.path(), e);
        }
        Map<String, CheckpointEntry> wanted = new HashMap<>();
        List<String> restored = new ArrayList<>();
        for (CheckpointEntry e : target.entries()) {
            if (!inScope(e.path(), scope)) {
                continue;
            }
            wanted.put(e.path(), e);
            CheckpointEntry was = before.get(e.path());
            if (was == null || !alike(e, was)) {
                restored.add(e.path());
            }
        }
        List<String> removed = new ArrayList<>();
        for (CheckpointEntry e : safety.entries()) {
            if (!wanted.containsKey(e.path())) {
                removed.add(e.path());
            }
        }
        restored.sort(null);
        removed.sort(null);
        return new CheckpointRollback(safety, target, List.copyOf(restored), List.copyOf(removed));
    }

    private static boolean inScope(String path, List<String> scope) {
        return scope.stream().anyMatch(s -> s.equals(".") || path.equals(s) || path.startsWith(s + "/"));
    }

    /** What the rollback's plan counts as unchanged: same kind, same permission bits, same content or target. */
    private static boolean alike(CheckpointEntry want, CheckpointEntry was) {
        if (want.type() != was.type()) {
            return false;
        }
        if (want.type() == EntryType.SYMLINK) {
            return String.valueOf(want.target()).equals(was.target());
        }
        if (!samePermissions(want.mode(), was.mode())) {
            return false;
        }
        return want.type() == EntryType.DIR || String.valueOf(want.sha256()).equals(was.sha256());
    }

    /** Read, write and execute bits only: a rollback does not restore set-id and sticky bits. */
    private static boolean samePermissions(String a, String b) {
        try {
            return (Integer.parseInt(a, 8) & 0777) == (Integer.parseInt(b, 8) & 0777);
        } catch (NumberFormatException | NullPointerException e) {
            return a == null ? b == null : a.equals(b);
        }
    }
}
