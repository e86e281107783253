package dev.workbench.core.runbook;

import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.Checkpoints;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which recorded runs are the steps to follow, derived from the runs and the checkpoint manifests alone.
 *
 * <ul>
 *   <li><b>Rollbacks</b> are read from their safety checkpoints: {@code NN_pre-rollback-to-MM} was taken just
 *       before paths (its {@code paths}, the rollback's scope) were restored to checkpoint {@code MM}, at its
 *       {@code createdAt}.</li>
 *   <li>A run is <b>undone</b> when every output it changed lies inside the scope of a later rollback to a
 *       checkpoint taken before the run, and no rollback after that brought the output back (rolling back to a
 *       safety checkpoint restores what the rollback had undone). A run with only some outputs undone stays a
 *       step, with the undone outputs named.</li>
 *   <li>A run <b>changed nothing tracked</b> when it recorded no outputs, or every output is missing (not written)
 *       or has the hash the same path had just before the run (a deleted output: was absent already): as an earlier run read or wrote it, as a checkpoint
 *       holds it, or as a rollback restored it, whichever came last ({@link PathHistory} tells).</li>
 *   <li>The remaining runs are <b>steps</b>; consecutive runs of one area with the same {@link Commands#stepKey}
 *       (same program and script, other arguments) are one step with a table of its runs.</li>
 * </ul>
 */
final class RunbookPlan {
    private static final Pattern SAFETY = Pattern.compile(Checkpoints.SAFETY_PREFIX + "(\\d+)");

    /** A rollback as its safety checkpoint records it. */
    record Rollback(Checkpoint safety, Checkpoint target, Instant at) {
        /** How the runbook names it. */
        String label() {
            return "the rollback to " + target.name() + " at " + at + " (safety checkpoint " + safety.name() + ")";
        }
    }

    /** One step: one run, or consecutive runs of one command with other arguments. */
    record Step(int number, String area, List<RunRecord> runs, Map<String, List<String>> undoneOutputs) {
        RunRecord last() {
            return runs.get(runs.size() - 1);
        }
    }

    /** A run that is not a step, and why. */
    record Skipped(RunRecord run, Rollback undoneBy) {}

    private final List<Step> steps;
    private final List<Skipped> undone;
    private final List<Skipped> unchanged;
    private final List<Rollback> rollbacks;
    private final Map<String, Integer> stepOf;

    private RunbookPlan(List<Step> steps, List<Skipped> undone, List<Skipped> unchanged, List<Rollback> rollbacks) {
        this.steps = steps;
        this.undone = undone;
        this.unchanged = unchanged;
        this.rollbacks = rollbacks;
        Map<String, Integer> map = new HashMap<>();
        steps.forEach(s -> s.runs().forEach(r -> map.put(r.id(), s.number())));
        this.stepOf = map;
    }

    List<Step> steps() {
        return steps;
    }

    List<Skipped> undone() {
        return undone;
    }

    List<Skipped> unchanged() {
        return unchanged;
    }

    List<Rollback> rollbacks() {
        return rollbacks;
    }

    /** Run id to step number; runs that are no step are absent. */
    Map<String, Integer> stepOf() {
        return stepOf;
    }

    /** @param runs in recording order; @param checkpoints by number */
    static RunbookPlan of(List<RunRecord> runs, List<Checkpoint> checkpoints) {
        List<Rollback> rollbacks = rollbacks(checkpoints);
        Map<String, Map<String, Rollback>> undoneOutputs = undoneOutputs(runs, rollbacks);
        List<Step> steps = new ArrayList<>();
        List<Skipped> undone = new ArrayList<>();
        List<Skipped> unchanged = new ArrayList<>();
        String previousKey = null;
        PathHistory history = new PathHistory(runs, checkpoints, rollbacks);
        for (RunRecord run : runs) {
            List<PathDigest> changed = history.changedOutputs(run);
            if (changed.isEmpty()) {
                unchanged.add(new Skipped(run, null));
                continue;
            }
            Map<String, Rollback> byPath = undoneOutputs.getOrDefault(run.id(), Map.of());
            if (changed.stream().allMatch(p -> byPath.containsKey(p.path()))) {
                Rollback last = changed.stream()
                        .map(p -> byPath.get(p.path()))
                        .max(Comparator.comparing(Rollback::at))
                        .orElseThrow();
                undone.add(new Skipped(run, last));
                continue;
            }
            Map<String, List<String>> partly = new LinkedHashMap<>();
            changed.stream()
                    .filter(p -> byPath.containsKey(p.path()))
                    .forEach(p -> partly.computeIfAbsent(byPath.get(p.path()).label(), k -> new ArrayList<>())
                            .add(p.path()));
            String key = Objects.toString(run.area(), "") + "\0" + Commands.stepKey(run.command());
            Step open = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            if (open != null && key.equals(previousKey)) {
                List<RunRecord> grouped = new ArrayList<>(open.runs());
                grouped.add(run);
                Map<String, List<String>> merged = new LinkedHashMap<>(open.undoneOutputs());
                partly.forEach((k, v) ->
                        merged.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
                steps.set(steps.size() - 1, new Step(open.number(), open.area(), grouped, merged));
            } else {
                steps.add(new Step(steps.size() + 1, run.area(), List.of(run), partly));
            }
            previousKey = key;
        }
        return new RunbookPlan(steps, undone, unchanged, rollbacks);
    }

    private static List<Rollback> rollbacks(List<Checkpoint> checkpoints) {
        Map<Integer, Checkpoint> byNumber = new HashMap<>();
        checkpoints.forEach(c -> byNumber.put(c.number(), c));
        List<Rollback> out = new ArrayList<>();
        for (Checkpoint c : checkpoints) {
            Matcher m = c.operation() == null ? null : SAFETY.matcher(c.operation());
            if (m != null && m.matches() && c.paths() != null) {
                Checkpoint target = byNumber.get(Integer.parseInt(m.group(1)));
                Instant at = Md.instant(c.createdAt());
                if (target != null
                        && target.number() < c.number()
                        && at != null
                        && Md.instant(target.createdAt()) != null) {
                    out.add(new Rollback(c, target, at));
                }
            }
        }
        out.sort(Comparator.comparing(Rollback::at));
        return out;
    }

    /**
     * For each run, its outputs that the rollbacks left restored to a state before the run, with the rollback
     * that did it. Rollbacks are replayed in time order; one to checkpoint C restores each path in its scope to
     * what it was when C was taken, so an output written after C is undone, and one written before C is as it
     * was then (undone, if an earlier rollback had undone it before C; otherwise back).
     */
    private static Map<String, Map<String, Rollback>> undoneOutputs(List<RunRecord> runs, List<Rollback> rollbacks) {
        // (run id, output path) -> the times its undone-by changed, with the rollback (null: back in force)
        Map<String, Map<String, List<Map.Entry<Instant, Rollback>>>> history = new HashMap<>();
        for (Rollback rb : rollbacks) {
            Instant targetAt = Md.instant(rb.target().createdAt());
            for (RunRecord run : runs) {
                Instant ranAt = RunbookState.orEpoch(run.recordedAt());
                if (!ranAt.isBefore(rb.at())) {
                    continue;
                }
                for (PathDigest out : run.outputs()) {
                    boolean changed = written(out) || PathDigest.DELETED.equals(out.type()); // a deletion is undone too
                    if (!changed || rb.safety().paths().stream().noneMatch(s -> inside(out.path(), s))) {
                        continue;
                    }
                    List<Map.Entry<Instant, Rollback>> h = history.computeIfAbsent(run.id(), k -> new HashMap<>())
                            .computeIfAbsent(out.path(), k -> new ArrayList<>());
                    Rollback state = ranAt.isAfter(targetAt) ? rb : stateBefore(h, targetAt);
                    h.add(Map.entry(rb.at(), state == null ? NONE : state));
                }
            }
        }
        Map<String, Map<String, Rollback>> out = new HashMap<>();
        history.forEach((id, paths) -> paths.forEach((path, h) -> {
            Rollback last = h.get(h.size() - 1).getValue();
            if (last != NONE) {
                out.computeIfAbsent(id, k -> new HashMap<>()).put(path, last);
            }
        }));
        return out;
    }

    /** Marks "in force again" in a history (a map entry cannot hold null). */
    private static final Rollback NONE = new Rollback(null, null, Instant.EPOCH);

    private static Rollback stateBefore(List<Map.Entry<Instant, Rollback>> history, Instant at) {
        Rollback state = null;
        for (Map.Entry<Instant, Rollback> e : history) {
            if (e.getKey().isBefore(at)) {
                state = e.getValue() == NONE ? null : e.getValue();
            }
        }
        return state;
    }

    /** An output the run wrote: a file or folder (not missing, not a pipe or device). */
    static boolean written(PathDigest p) {
        return "file".equals(p.type()) || "dir".equals(p.type());
    }

    /** {@code path} is {@code scope} or inside it. */
    static boolean inside(String path, String scope) {
        return path.equals(scope) || scope.equals(".") || path.startsWith(scope + "/");
    }
}
