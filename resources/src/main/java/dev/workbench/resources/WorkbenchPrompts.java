package dev.workbench.resources;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.project.ActivityEntry;
import dev.workbench.core.project.AreaState;
import dev.workbench.core.project.ProjectState;
import dev.workbench.core.review.StageFile;
import dev.workbench.core.review.StageId;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.run.RunRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The operator prompts {@code plan}, {@code run}, {@code review}, {@code summary} and {@code promote} (CONTRACT
 * section 7): each opens with the operator's declaration for an area, filled in from the recorded state (area,
 * mode, likely next mode, review surface, review state, last run, last checkpoint, pending review), followed by
 * what that step asks of the agent.
 */
public final class WorkbenchPrompts {
    /** A prompt as listed to clients. */
    public record PromptInfo(String name, String title, String description) {}

    public static final List<PromptInfo> PROMPTS = List.of(
            new PromptInfo(
                    "plan", "Plan an area", "Declare an area's mode and plan its steps, checks and checkpoints."),
            new PromptInfo(
                    "run",
                    "Run the next step",
                    "Run an area's next step with a checkpoint before and a recorded run after."),
            new PromptInfo(
                    "review", "Review an area", "Check an area's artifacts and record the review; a person approves."),
            new PromptInfo(
                    "summary", "Summarise an area", "Summarise an area for a person, every number traced to its run."),
            new PromptInfo("promote", "Promote an area", "Move an approved area to its next mode."));

    private static final Map<String, String> TASKS = Map.of(
            "plan", """
                    Plan this area before touching data:
                    1. Confirm or change the mode and likely next mode with update-project (area: {name, mode, nextMode, reviewSurface}).
                    2. Write the steps. For each: the command, its inputs and outputs, the checkpoint to take before it, and the numbers it will produce.
                    3. Write the checks a review will run (name, what passes), and what result would change your mind.
                       Keep the plan with write-plan (the area, or the experiment; expectedVersion: the plan version shown above, 0 for none):
                       each write is a new version. To have a person approve it, review-stage execute with .aw/stages/<area>/plan.md as the artifact.
                    4. Log the choices you made between real options with log-decision (context, options, chosen, rationale).""",
            "run", """
                    Run the next step of this area:
                    1. checkpoint the data the step will change (operation: a short name for the step about to run).
                    2. Run the command. Do not edit data by hand.
                    3. record-run with the command, area, exitCode, durationMs, inputs, outputs, params and metrics.
                    4. When the area's work is complete, review-stage action=execute with the artifacts it produced.
                    If the step went wrong, rollback (dryRun first) to the checkpoint, and say so.""",
            "review", """
                    Review this area's executed artifacts, as a sceptical colleague would:
                    1. Run each check you planned; include the ones that fail. Never soften a failed check.
                    2. review-stage action=review with checks [{name, passed, detail}] and an interpretation of what the results mean.
                    3. Do not approve: approval is a person's decision. Call review-stage action=approve so the person is asked
                       (their client may ask them directly); if it answers HUMAN_APPROVAL_REQUIRED, tell the person to run
                       `aw approve <area>` in a terminal, and stop there; if APPROVAL_UNSIGNED, the project requires signed
                       approvals: the person runs `aw approve <area> --key <their ssh key>`.""",
            "summary", """
                    Summarise this area for a person who was not here:
                    1. The question and what was done, step by step, each number with the run id that produced it.
                    2. The decisions taken (the journal) and the checkpoints to go back to.
                    3. What is pending: review state, failed runs, open questions. Write no number you did not read from a recorded result.""",
            "promote", """
                    Promote this area to its next mode:
                    1. Only an APPROVED area moves on; if it is not approved, say what is missing and stop.
                    2. update-project with the area's new mode and next mode, and the new review surface.
                    3. Going to experiment: create the experiment with upsert-experiment (hypothesis, metric, variants, minimumSample)
                       and freeze it (status collecting) before any data comes in. Going to operate: record the decision with log-decision.""");

    private final Workbench wb;

    public WorkbenchPrompts(Workbench wb) {
        this.wb = wb;
    }

    /** At most this many completions are offered. */
    public static final int MAX_COMPLETIONS = 100;

    /** The areas known to the project, to a review stage or to a recorded run, for argument completion. */
    public List<String> areas(String prefix) {
        TreeSet<String> areas = new TreeSet<>(wb.project().get().areas().keySet());
        areas.addAll(wb.stages().areas());
        wb.runs().all().forEach(r -> {
            if (r.area() != null) {
                areas.add(r.area());
            }
        });
        return areas.stream()
                .filter(a -> prefix == null || a.startsWith(prefix))
                .toList();
    }

    /** The prompt's text for {@code area}, one of {@link #areas}; another name is INVALID_INPUT listing them. */
    public String render(String prompt, String area) {
        return render(prompt, area, null);
    }

    /**
     * As {@link #render(String, String)}; the {@code plan} prompt also shows the area's latest plan with its version
     * and, given {@code experiment} (a slug on record, else NOT_FOUND), the experiment's.
     */
    public String render(String prompt, String area, String experiment) {
        String task = TASKS.get(prompt);
        if (task == null) {
            throw new WorkbenchException(ErrorCode.NOT_FOUND, "no prompt " + prompt + "; prompts: " + TASKS.keySet());
        }
        Check.word(area, "area");
        List<String> known = areas(null);
        if (!known.contains(area)) {
            String declare = "declare a new area first with update-project (area: {name, mode})";
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "area: no area \"" + area + "\" in this project; "
                            + (known.isEmpty()
                                    ? "there are no areas yet: " + declare
                                    : "known areas: "
                                            + String.join(
                                                    ", ", known.subList(0, Math.min(known.size(), MAX_COMPLETIONS)))
                                            + (known.size() > MAX_COMPLETIONS
                                                    ? " and " + (known.size() - MAX_COMPLETIONS) + " more"
                                                    : "")
                                            + "; or " + declare));
        }
        String plans = "";
        if (prompt.equals("plan")) {
            plans = plan(StageId.area(area));
            if (experiment != null) {
                Check.slug(experiment, "experiment");
                plans += plan(wb.stages().stage(StageId.experiment(experiment).key()));
            }
        }
        return declaration(area) + plans + "\n" + task.replace("<area>", area) + "\n";
    }

    /** The stage's latest plan (plan.md) with its version, or how to write the first. */
    private String plan(StageId stage) {
        List<Integer> versions = wb.stages().planVersions(stage.key());
        Optional<String> latest = wb.stages().read(stage.key(), StageFile.PLAN.fileName());
        String whose = stage.experiment() ? "experiment " + stage.name() : "area " + stage.name();
        if (latest.isEmpty()) {
            return "\nPlan of " + whose + ": none yet (write-plan keeps version 1).\n";
        }
        String version;
        if (versions.isEmpty()) {
            version = "plan.md, written by hand (no version yet: write-plan keeps it as version 1 before its own)";
        } else {
            int last = versions.get(versions.size() - 1);
            version = latest.equals(wb.stages().planVersion(stage.key(), last))
                    ? "version " + last + " of " + versions.size()
                    : "plan.md, edited by hand: it differs from version " + last + " (write-plan keeps it as version "
                            + (last + 1) + " before its own)";
        }
        return "\nPlan of " + whose + " (" + version + "):\n\n" + latest.get().strip() + "\n";
    }

    private String declaration(String area) {
        ProjectState project = wb.project().get();
        AreaState state = project.areas().get(area);
        StageRecords.Status stage = wb.stages().status(area);
        StringBuilder d = new StringBuilder("Operator declaration\n");
        line(d, "Project", project.name() == null ? "(unnamed; set it with update-project)" : project.name());
        line(d, "Hypothesis", project.hypothesis());
        line(d, "Primary metric", project.primaryMetric());
        line(d, "Stage", project.stage());
        line(d, "Area", area + (state == null ? " (new: not yet declared in the project)" : ""));
        line(
                d,
                "Mode",
                state == null || state.mode() == null
                        ? "(not declared)"
                        : state.mode().name().toLowerCase());
        line(
                d,
                "Likely next mode",
                state == null || state.nextMode() == null
                        ? "(not declared)"
                        : state.nextMode().name().toLowerCase());
        line(d, "Review surface", state == null ? null : state.reviewSurface());
        line(d, "Review state", stage.state() + pending(stage));
        lastRun(area)
                .ifPresent(r -> line(
                        d,
                        "Last run",
                        r.id() + ": `" + r.summary().command() + "`"
                                + (r.exitCode() == null ? "" : ", exit " + r.exitCode())
                                + (r.durationMs() == null ? "" : ", " + r.durationMs() + " ms")));
        List<Checkpoint.Summary> checkpoints = wb.checkpoints().list();
        if (!checkpoints.isEmpty()) {
            line(
                    d,
                    "Last checkpoint (project)",
                    checkpoints.get(checkpoints.size() - 1).name());
        }
        List<ActivityEntry> recent = wb.activity().recent(1);
        if (!recent.isEmpty()) {
            line(
                    d,
                    "Last activity (project)",
                    recent.get(0).at() + " " + recent.get(0).title());
        }
        return d.toString();
    }

    private static String pending(StageRecords.Status stage) {
        return switch (stage.state()) {
            case EXECUTED -> " (review pending)";
            case REVIEWED -> " (a person's approval pending: `aw approve " + stage.area() + "`)";
            case REJECTED -> " (sent back: execute again)";
            case STALE -> stage.staleReason() == null ? "" : " (" + stage.staleReason() + ": execute and review again)";
            default -> "";
        };
    }

    private Optional<RunRecord> lastRun(String area) {
        List<RunRecord> runs = wb.runs().all();
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (area.equals(runs.get(i).area())) {
                return Optional.of(runs.get(i));
            }
        }
        return Optional.empty();
    }

    private static void line(StringBuilder d, String label, String value) {
        if (value != null) {
            d.append("- ").append(label).append(": ").append(value).append('\n');
        }
    }
}
