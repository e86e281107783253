package dev.workbench.core.runbook;

import dev.workbench.core.journal.JournalEntry;
import dev.workbench.core.run.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The steps to follow, as {@link RunbookPlan} derives them: per area its review state, the decisions logged for
 * it, then one numbered step per pipeline step (several runs of one command are one step with a table of its
 * runs), and last the runs that are no step: undone by a rollback, or changed nothing tracked.
 */
final class StepsSection implements Section {
    /** At most this many runs that changed nothing are listed one by one. */
    static final int MAX_UNCHANGED = 20;

    @Override
    public String name() {
        return "Steps";
    }

    @Override
    public void render(RunbookState state, MarkdownLines out) {
        out.heading(2, name());
        RunbookPlan plan = state.plan();
        if (state.runs().isEmpty()) {
            out.paragraph("No runs recorded yet. Record each command with record-run (its inputs, outputs, params and "
                    + "metrics) and it appears here as a numbered step.");
            return;
        }
        Map<Integer, List<JournalEntry>> decisions = decisionsByStep(state);
        out.paragraph("Follow the numbered steps in order, from the root folder: run each step's code block. A step is "
                + "a recorded command that changed tracked files; several runs of one command with other arguments are "
                + "one step, with a table of its runs. Runs a rollback undid and runs that changed nothing tracked are "
                + "no steps; they are listed after the steps.");
        untrackedOutputFolders(state, out);
        areas(state, out);
        for (RunbookPlan.Step step : plan.steps()) {
            StepBlock.render(state, step, decisions.getOrDefault(step.number(), List.of()), out);
        }
        notSteps(plan, out);
    }

    /**
     * The folders the steps write to that git does not keep (an empty or ignored {@code out/}): a fresh clone has
     * none of them, and a step that writes into one fails there; so the runbook says to create them first.
     */
    private static void untrackedOutputFolders(RunbookState state, MarkdownLines out) {
        List<String> folders = state.directories().stream()
                .filter(f ->
                        !f.writtenBy().isEmpty() && !".".equals(f.path()) && GitTracking.NOT_TRACKED.equals(f.git()))
                .map(f -> Md.shellWord(f.path()))
                .toList();
        if (folders.isEmpty()) {
            return;
        }
        out.paragraph("In a fresh clone, first create the folders the steps write to that git does not keep:");
        out.code("sh", "mkdir -p " + String.join(" ", folders));
    }

    /** Per area: its review state (through the Stages API), its steps and the decisions logged for it. */
    private static void areas(RunbookState state, MarkdownLines out) {
        if (state.reviews().isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        state.reviews().forEach((area, review) -> {
            TreeSet<Integer> steps = new TreeSet<>();
            state.plan().steps().stream().filter(s -> area.equals(s.area())).forEach(s -> steps.add(s.number()));
            List<String> ids =
                    areaDecisions(state, area).stream().map(e -> "#" + e.id()).toList();
            rows.add(List.of(
                    Md.code(area),
                    review,
                    steps.isEmpty() ? "none" : join(steps),
                    ids.isEmpty() ? "none" : String.join(", ", ids)));
        });
        out.table(List.of("area", "review", "steps", "decisions"), rows);
    }

    private static List<JournalEntry> areaDecisions(RunbookState state, String area) {
        return state.journal().stream()
                .filter(e -> e.kind() == null && area.equals(e.area()))
                .toList();
    }

    /** Each decision of an area goes beside the first step of that area that began after it was logged. */
    private static Map<Integer, List<JournalEntry>> decisionsByStep(RunbookState state) {
        Map<Integer, List<JournalEntry>> byStep = new HashMap<>();
        for (JournalEntry e : state.journal()) {
            if (e.kind() != null || e.area() == null) {
                continue;
            }
            Instant at = RunbookState.orEpoch(e.at());
            state.plan().steps().stream()
                    .filter(s -> e.area().equals(s.area())
                            && RunbookState.orEpoch(s.runs().get(0).recordedAt())
                                    .isAfter(at))
                    .findFirst()
                    .ifPresent(s -> byStep.computeIfAbsent(s.number(), k -> new ArrayList<>())
                            .add(e));
        }
        return byStep;
    }

    /** Runs that are no step: those a rollback undid (named), then those that changed nothing tracked. */
    private static void notSteps(RunbookPlan plan, MarkdownLines out) {
        if (plan.undone().isEmpty() && plan.unchanged().isEmpty()) {
            return;
        }
        out.heading(3, "Runs that are no step");
        if (!plan.undone().isEmpty()) {
            out.paragraph("Undone by a rollback: their outputs were restored to a checkpoint taken before them. Do not "
                    + "run them.");
            List<String> lines = new ArrayList<>();
            for (RunbookPlan.Skipped s : plan.undone()) {
                lines.add("- " + describe(s.run()) + " — undone by "
                        + s.undoneBy().label());
            }
            out.block(lines);
        }
        if (!plan.unchanged().isEmpty()) {
            out.paragraph("Changed nothing tracked (no outputs recorded, or every output as it already was); record a "
                    + "run's outputs if it did write files:");
            List<String> lines = new ArrayList<>();
            List<RunbookPlan.Skipped> unchanged = plan.unchanged();
            for (RunbookPlan.Skipped s : unchanged.subList(0, Math.min(MAX_UNCHANGED, unchanged.size()))) {
                lines.add("- " + describe(s.run()));
            }
            if (unchanged.size() > MAX_UNCHANGED) {
                lines.add("- and " + (unchanged.size() - MAX_UNCHANGED) + " more (aw://runs lists every run)");
            }
            out.block(lines);
        }
    }

    private static String describe(RunRecord run) {
        return Md.code(Md.truncate(Md.oneLine(run.command()), 160)) + " (run " + Md.code(run.id())
                + (run.area() == null ? "" : ", area " + Md.code(run.area())) + ", recorded " + run.recordedAt() + ")";
    }

    private static String join(TreeSet<Integer> numbers) {
        return String.join(", ", numbers.stream().map(String::valueOf).toList());
    }
}
