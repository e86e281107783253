package dev.workbench.core.runbook;

import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs and checkpoints grouped by area, each area in time order. A run names its area; a checkpoint does not,
 * so it joins the area of the run nearest in time whose inputs or outputs overlap its paths (the same path, or
 * one inside the other), and the lane without an area when no such run exists.
 */
final class PipelineLanes {
    /** One box of the diagram. */
    record Event(Instant at, int kind, String label) {}

    /** The key of the lane for work without an area. */
    static final String NO_AREA = "";

    private PipelineLanes() {}

    /** Lanes in the order their first event happened; events in time order, checkpoints before runs on ties. */
    static Map<String, List<Event>> of(RunbookState state) {
        List<Map.Entry<String, Event>> events = new ArrayList<>();
        Map<String, Integer> steps = state.steps();
        for (RunRecord run : state.runs()) {
            String label = "(#" + steps.get(run.id()) + (RunbookState.failed(run) ? " FAILED " : " ")
                    + Md.truncate(Md.oneLine(run.command()), 48) + ")";
            events.add(Map.entry(run.area() == null ? NO_AREA : run.area(),
                    new Event(RunbookState.orEpoch(run.recordedAt()), 1, label)));
        }
        for (Checkpoint checkpoint : state.checkpoints()) {
            events.add(Map.entry(areaOf(checkpoint, state.runs()),
                    new Event(RunbookState.orEpoch(checkpoint.createdAt()), 0, "[" + Md.truncate(checkpoint.name(), 60) + "]")));
        }
        events.sort(Comparator.comparing((Map.Entry<String, Event> e) -> e.getValue().at())
                .thenComparingInt(e -> e.getValue().kind()));
        Map<String, List<Event>> lanes = new LinkedHashMap<>();
        for (Map.Entry<String, Event> e : events) {
            lanes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        return lanes;
    }

    private static String areaOf(Checkpoint checkpoint, List<RunRecord> runs) {
        Instant at = RunbookState.orEpoch(checkpoint.createdAt());
        RunRecord nearest = null;
        Duration best = null;
        for (RunRecord run : runs) {
            if (run.area() != null && overlaps(checkpoint.paths(), run)) {
                Duration distance = Duration.between(RunbookState.orEpoch(run.recordedAt()), at).abs();
                if (best == null || distance.compareTo(best) < 0) {
                    nearest = run;
                    best = distance;
                }
            }
        }
        return nearest == null ? NO_AREA : nearest.area();
    }

    private static boolean overlaps(List<String> paths, RunRecord run) {
        List<PathDigest> touched = new ArrayList<>(run.inputs());
        touched.addAll(run.outputs());
        for (String path : paths) {
            for (PathDigest digest : touched) {
                if (nested(path, digest.path()) || nested(digest.path(), path)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean nested(String inner, String outer) {
        return inner.equals(outer) || outer.equals(".") || inner.startsWith(outer + "/");
    }
}
