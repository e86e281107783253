package dev.workbench.core.runbook;

import static dev.workbench.core.runbook.RunbookPlan.inside;
import static dev.workbench.core.runbook.RunbookPlan.written;

import dev.workbench.core.Sha256;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointEntry;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The states the records show for each path over time, indexed once: runs' inputs and outputs, checkpoints holding
 * the path (computed on demand, remembered), rollbacks restoring it. {@link RunbookPlan} asks it whether a run
 * changed anything; it is its own class because reconstructing a path's state from runs, checkpoint manifests and
 * rollbacks is a question apart from how runs are grouped into steps.
 */
final class PathHistory {
    /** What is known of a path at a time: {@code type:sha256}, {@code absent}, or another state. */
    private record Known(Instant at, int order, String state, String runId) {}

    private final Map<String, List<Known>> byPath = new HashMap<>();
    private final List<Map.Entry<Checkpoint, Instant>> checkpoints = new ArrayList<>();
    private final List<RunbookPlan.Rollback> rollbacks;
    private final Map<String, String> memo = new HashMap<>();

    PathHistory(List<RunRecord> runs, List<Checkpoint> checkpoints, List<RunbookPlan.Rollback> rollbacks) {
        for (RunRecord r : runs) {
            Instant t = RunbookState.orEpoch(r.recordedAt());
            for (PathDigest p : r.inputs()) {
                if (written(p)) {
                    add(p.path(), new Known(t, 1, p.type() + ":" + p.sha256(), r.id()));
                }
            }
            for (PathDigest p : r.outputs()) {
                if (written(p) || "missing".equals(p.type()) || PathDigest.DELETED.equals(p.type())) {
                    add(p.path(), new Known(t, 2, written(p) ? p.type() + ":" + p.sha256() : "absent", r.id()));
                }
            }
        }
        for (Checkpoint c : checkpoints) {
            Instant t = Md.instant(c.createdAt());
            if (t != null) {
                this.checkpoints.add(Map.entry(c, t));
            }
        }
        this.rollbacks = rollbacks;
    }

    private void add(String path, Known k) {
        byPath.computeIfAbsent(path, x -> new ArrayList<>()).add(k);
    }

    /** The outputs the run wrote whose hash differs from the path's state just before the run (or is unknown). */
    List<PathDigest> changedOutputs(RunRecord run) {
        Instant at = RunbookState.orEpoch(run.recordedAt());
        List<PathDigest> changed = new ArrayList<>();
        for (PathDigest out : run.outputs()) {
            // a deletion is a change too (an rm of tracked data is a step to replay), unless the path was gone
            // already
            String state = written(out)
                    ? out.type() + ":" + out.sha256()
                    : PathDigest.DELETED.equals(out.type()) ? "absent" : null;
            if (state != null && !Objects.equals(state, before(out.path(), at, run.id()))) {
                changed.add(out);
            }
        }
        return changed;
    }

    /**
     * The latest known state of the path before {@code at}, or null when nothing tells. On equal times a checkpoint
     * comes first, then inputs, outputs, and a rollback's restore (after its safety checkpoint).
     */
    private String before(String path, Instant at, String self) {
        List<Known> known = new ArrayList<>();
        for (Known k : byPath.getOrDefault(path, List.of())) {
            if (!k.runId().equals(self) && k.at().isBefore(at)) {
                known.add(k);
            }
        }
        for (Map.Entry<Checkpoint, Instant> c : checkpoints) {
            if (c.getValue().isBefore(at)) {
                String state = stateIn(c.getKey(), path, memo);
                if (state != null) {
                    known.add(new Known(c.getValue(), 0, state, ""));
                }
            }
        }
        for (RunbookPlan.Rollback rb : rollbacks) {
            if (rb.at().isBefore(at) && rb.safety().paths().stream().anyMatch(s -> inside(path, s))) {
                String state = stateIn(rb.target(), path, memo);
                known.add(new Known(rb.at(), 3, state == null ? "absent" : state, ""));
            }
        }
        Known best = null;
        for (Known k : known) {
            if (best == null || k.at().isAfter(best.at()) || (k.at().equals(best.at()) && k.order() > best.order())) {
                best = k;
            }
        }
        return best == null ? null : best.state();
    }

    private static String stateIn(Checkpoint c, String path, Map<String, String> memo) {
        String key = c.name() + "\0" + path;
        if (!memo.containsKey(key)) {
            memo.put(key, stateIn(c, path));
        }
        return memo.get(key);
    }

    /** The path's state in checkpoint {@code c}, as {@link #before} compares it; null when outside its scope. */
    static String stateIn(Checkpoint c, String path) {
        if (c.paths() == null || c.entries() == null || c.paths().stream().noneMatch(p -> inside(path, p))) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        boolean dir = false;
        for (CheckpointEntry e : c.entries()) {
            if (e.path().equals(path)) {
                if (CheckpointEntry.FILE.equals(e.type())) {
                    return "file:" + e.sha256();
                }
                if (!CheckpointEntry.DIR.equals(e.type())) {
                    return "link";
                }
                dir = true;
            } else if (CheckpointEntry.FILE.equals(e.type()) && inside(e.path(), path)) {
                lines.add(e.path().substring(path.equals(".") ? 0 : path.length() + 1) + "\0" + e.sha256() + "\n");
            }
        }
        if (!dir) {
            return "absent";
        }
        Collections.sort(lines);
        MessageDigest digest = Sha256.digest();
        lines.forEach(l -> digest.update(l.getBytes(StandardCharsets.UTF_8)));
        return "dir:" + HexFormat.of().formatHex(digest.digest());
    }
}
