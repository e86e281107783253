package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.ProjectOverview;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.ExperimentSummary;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.program.HoldoutCheckDue;
import dev.workbench.core.project.ActivityEntry;
import dev.workbench.core.project.ProjectState;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.runbook.RunbookStatus;
import java.util.List;

/** The project at a glance: state, areas, a page of experiments, recent activity, counts, runbook freshness. */
public final class GetProjectTool implements Tool<GetProjectTool.Input, GetProjectTool.Output> {
    public static final String NAME = "get-project";
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_ACTIVITY = 10;
    public static final int MAX_ACTIVITY = 50;
    /** Activity details are cut in this overview; the full text is in .aw/activity.jsonl and aw://activity. */
    static final int DETAIL_CHARS = 280;

    static final int TITLE_CHARS = 200;

    public record Input(
            @JsonPropertyDescription("nextCursor of the previous page of experiments")
            String cursor,

            @JsonPropertyDescription("experiments per page, 1 to 100 (default 20)")
            Integer limit,

            @JsonPropertyDescription("how many recent activity entries, 0 to 50 (default 10)")
            Integer activity) {
        public Input {
            limit = between(limit, DEFAULT_LIMIT, 1, MAX_LIMIT, "limit");
            activity = between(activity, DEFAULT_ACTIVITY, 0, MAX_ACTIVITY, "activity");
        }
    }

    public record ExperimentPage(int total, List<ExperimentSummary> items, String nextCursor) {}

    public record Counts(long experiments, long decisions, long activity, long checkpoints, long runs) {}

    /** At most this many due holdout checks are listed, the oldest first. */
    public static final int MAX_DUE = 50;

    /**
     * @param stages the review state of every area with a stage folder, as it holds now: an approved or reviewed
     *               area whose artifacts changed reads STALE with staleReason
     * @param holdoutChecksDue holdout checks whose day has come and whose checkpoint has no current analysis, the
     *               oldest first (at most {@value #MAX_DUE})
     * @param holdoutChecksDueTotal how many are due in all: more than listed when the list was cut
     */
    public record Output(
            String root,
            boolean initialized,
            ProjectState project,
            ExperimentPage experiments,
            List<ActivityEntry> recentActivity,
            Counts counts,
            RunbookStatus runbook,
            List<StageRecords.Status> stages,

            @JsonPropertyDescription(
                    "holdout checks whose day has come and whose checkpoint has no current analysis (state: missing, draft, collecting, analyzing, stale or early), oldest first, at most 50")
            List<HoldoutCheckDue> holdoutChecksDue,

            @JsonPropertyDescription("how many holdout checks are due in all; more than listed when the list was cut")
            int holdoutChecksDueTotal) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Get project";
    }

    @Override
    public String description() {
        return "Project state, areas, a page of experiments, recent activity, counts, runbook freshness and each area's review state.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Output> outputType() {
        return Output.class;
    }

    @Override
    public Hints hints() {
        return Hints.READ_ONLY;
    }

    @Override
    public Output call(Input in, ToolContext context) {
        Workbench wb = context.workbench();
        ProjectOverview o = ProjectOverview.read(wb, in.cursor(), in.limit(), in.activity());
        Experiments.Page page = o.experiments();
        List<ActivityEntry> latest = o.latest();
        List<ActivityEntry> recent = latest.subList(Math.max(0, latest.size() - in.activity()), latest.size()).stream()
                .map(GetProjectTool::shorten)
                .toList();
        Counts counts = new Counts(page.total(), o.decisions(), wb.activity().count(), o.checkpoints(), o.runs());
        Output out = new Output(
                wb.backend().root().toString(),
                wb.backend().initialized(),
                o.project(),
                new ExperimentPage(page.total(), page.items(), page.nextCursor()),
                recent,
                counts,
                o.runbook(),
                o.stages(),
                o.holdoutChecksDue()
                        .subList(0, Math.min(MAX_DUE, o.holdoutChecksDue().size())),
                o.holdoutChecksDue().size());
        return fitted(out);
    }

    /**
     * The overview within the response limit: when long records make it too large, fewer experiments are
     * returned (nextCursor continues after the last one returned), then fewer activity entries.
     */
    static Output fitted(Output out) {
        while (!ResponseBudget.fitsTool(out)) {
            List<ExperimentSummary> items = out.experiments().items();
            List<ActivityEntry> recent = out.recentActivity();
            if (items.size() > 1) {
                List<ExperimentSummary> kept = items.subList(0, items.size() / 2);
                out = new Output(
                        out.root(),
                        out.initialized(),
                        out.project(),
                        new ExperimentPage(
                                out.experiments().total(),
                                kept,
                                Experiments.encodeCursor(
                                        kept.get(kept.size() - 1).slug())),
                        recent,
                        out.counts(),
                        out.runbook(),
                        out.stages(),
                        out.holdoutChecksDue(),
                        out.holdoutChecksDueTotal());
            } else if (!recent.isEmpty()) {
                List<ActivityEntry> newestHalf = recent.subList(recent.size() - recent.size() / 2, recent.size());
                out = new Output(
                        out.root(),
                        out.initialized(),
                        out.project(),
                        out.experiments(),
                        newestHalf,
                        out.counts(),
                        out.runbook(),
                        out.stages(),
                        out.holdoutChecksDue(),
                        out.holdoutChecksDueTotal());
            } else {
                return out;
            }
        }
        return out;
    }

    private static ActivityEntry shorten(ActivityEntry e) {
        return new ActivityEntry(
                e.at(), e.type(), Check.cut(e.title(), TITLE_CHARS), Check.cut(e.detail(), DETAIL_CHARS));
    }

    static Integer between(Integer value, int fallback, int min, int max, String field) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw Check.invalid(field, "a whole number from " + min + " to " + max, value);
        }
        return value;
    }
}
