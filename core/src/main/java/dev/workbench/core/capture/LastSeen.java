package dev.workbench.core.capture;

import dev.workbench.core.Workbench;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointEntry;
import dev.workbench.core.checkpoint.FileHashes;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the after-hook compares with when it has no state from before the command: the last state the records
 * (checkpoints and runs) hold of each tracked file.
 */
final class LastSeen {
    private LastSeen() {}

    /**
     * The fallback without a state from before: tracked files whose content differs from the last state a checkpoint
     * or run recorded of them, files the records never saw that were modified after the newest record, and files
     * recorded as present that are gone.
     */
    static Snapshot.Diff diff(Workbench wb, List<String> roots, Snapshot now, FileHashes hashes) {
        Map<String, String> seen = new HashMap<>(); // path -> sha256, or "" when recorded as absent
        Instant lastLook = lastSeen(wb, seen);
        List<String> created = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Map.Entry<String, long[]> f : now.files().entrySet()) {
            if (f.getValue()[0] != Snapshot.FILE) {
                continue;
            }
            String path = f.getKey();
            String known = seen.get(path);
            if (known == null || known.isEmpty()) {
                if (known != null || Instant.EPOCH.plusNanos(f.getValue()[2]).isAfter(lastLook)) {
                    created.add(path);
                }
                continue;
            }
            long[] s = f.getValue();
            String sha = hashes.remembered(path, s[1], s[2] / 1000, s[4], s[3]);
            if (sha == null) {
                sha = CapturedRun.digest(wb.backend().root(), path, hashes).sha256();
            }
            if (!known.equals(sha)) {
                changed.add(path);
            }
        }
        for (Map.Entry<String, String> e : seen.entrySet()) {
            String path = e.getKey();
            if (!e.getValue().isEmpty()
                    && !now.files().containsKey(path)
                    && TrackedPaths.insideAny(path, roots)
                    && !TrackedPaths.insideAny(path, now.truncated())
                    && !TrackedPaths.insideAny(path, now.outside())) {
                deleted.add(path);
            }
        }
        deleted.sort(null);
        return new Snapshot.Diff(created, changed, deleted);
    }

    /**
     * Fills {@code seen} with the last recorded state of each file (checkpoints and runs, in time order: a checkpoint
     * sets every file under its paths, absent ones included; a run its inputs and outputs) and returns the time of the
     * newest record.
     */
    private static Instant lastSeen(Workbench wb, Map<String, String> seen) {
        record Look(Instant at, Map<String, String> states, List<String> scopes) {}
        List<Look> looks = new ArrayList<>();
        for (Checkpoint c : wb.checkpoints().all()) {
            Map<String, String> states = new HashMap<>();
            if (c.entries() != null) {
                c.entries().stream()
                        .filter(e -> CheckpointEntry.FILE.equals(e.type()))
                        .forEach(e -> states.put(e.path(), e.sha256()));
            }
            looks.add(new Look(instant(c.createdAt()), states, c.paths() == null ? List.of() : c.paths()));
        }
        for (RunRecord r : wb.runs().all()) {
            Map<String, String> states = new HashMap<>();
            for (PathDigest d : CapturedRun.concat(r.inputs(), r.outputs())) {
                if ("file".equals(d.type()) && d.sha256() != null) {
                    states.put(d.path(), d.sha256());
                } else if (PathDigest.DELETED.equals(d.type()) || "missing".equals(d.type())) {
                    states.put(d.path(), "");
                }
            }
            looks.add(new Look(instant(r.recordedAt()), states, List.of()));
        }
        looks.sort(Comparator.comparing(Look::at));
        Instant last = Instant.EPOCH;
        for (Look l : looks) {
            for (String scope : l.scopes()) {
                seen.replaceAll((path, sha) -> TrackedPaths.inside(path, scope) || scope.equals(".") ? "" : sha);
            }
            seen.putAll(l.states());
            last = l.at().isAfter(last) ? l.at() : last;
        }
        return last;
    }

    private static Instant instant(String at) {
        try {
            return at == null ? Instant.EPOCH : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
