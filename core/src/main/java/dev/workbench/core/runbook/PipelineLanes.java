package dev.workbench.core.runbook;

import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.run.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps, undone runs and checkpoints grouped by area, each area in time order. A step is one box at the time of
 * its first run (a step of several runs says how many); a run undone by a rollback is a box marked undone; a run
 * that changed nothing tracked has none. A checkpoint goes to the lane of the area it was taken for; a rollback's
 * safety checkpoint to its target's; a checkpoint taken without an area to the lane without an area (it is never
 * guessed from the runs nearby, which put checkpoints in the wrong lane).
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
        for (RunbookPlan.Step step : state.plan().steps()) {
            RunRecord first = step.runs().get(0);
            String runs = step.runs().size() == 1 ? " " : " " + step.runs().size() + " runs: ";
            String label = "(#" + step.number() + (RunbookState.failed(step.last()) ? " FAILED" : "") + runs
                    + Md.truncate(Md.oneLine(first.command()), 48) + ")";
            events.add(Map.entry(lane(step.area()), new Event(RunbookState.orEpoch(first.recordedAt()), 1, label)));
        }
        for (RunbookPlan.Skipped undone : state.plan().undone()) {
            RunRecord run = undone.run();
            events.add(Map.entry(
                    lane(run.area()),
                    new Event(
                            RunbookState.orEpoch(run.recordedAt()),
                            1,
                            "(undone: " + Md.truncate(Md.oneLine(run.command()), 40) + ")")));
        }
        Map<Integer, Checkpoint> byNumber = new HashMap<>();
        state.checkpoints().forEach(c -> byNumber.put(c.number(), c));
        Map<String, RunbookPlan.Rollback> safety = new HashMap<>();
        state.plan().rollbacks().forEach(r -> safety.put(r.safety().name(), r));
        for (Checkpoint checkpoint : state.checkpoints()) {
            events.add(Map.entry(
                    areaOf(checkpoint, safety),
                    new Event(
                            RunbookState.orEpoch(checkpoint.createdAt()),
                            0,
                            "[" + Md.truncate(checkpoint.name(), 60) + "]")));
        }
        events.sort(Comparator.comparing(
                        (Map.Entry<String, Event> e) -> e.getValue().at())
                .thenComparingInt(e -> e.getValue().kind()));
        Map<String, List<Event>> lanes = new LinkedHashMap<>();
        for (Map.Entry<String, Event> e : events) {
            lanes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        return lanes;
    }

    private static String lane(String area) {
        return area == null ? NO_AREA : area;
    }

    /** The checkpoint's own area; for a rollback's safety checkpoint, its target's (followed through undos). */
    private static String areaOf(Checkpoint checkpoint, Map<String, RunbookPlan.Rollback> safety) {
        Checkpoint c = checkpoint;
        for (int hops = 0; c.area() == null && safety.containsKey(c.name()) && hops < 100; hops++) {
            c = safety.get(c.name()).target();
        }
        return lane(c.area());
    }
}
