package dev.workbench.core;

import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.program.HoldoutCheckDue;
import dev.workbench.core.project.ActivityEntry;
import dev.workbench.core.project.ProjectState;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.runbook.RunbookStatus;
import java.util.List;

/**
 * The project at a glance, read once from each service: what get-project returns and what the session-start hook
 * tells the agent ({@code capture.SessionSummary}), so that the two cannot drift apart.
 *
 * @param latest      the latest activity entries, oldest first
 * @param decisions   the journal's entries
 * @param stages      the review state of every area with a stage folder, as it holds now
 * @param holdoutChecksDue the holdout checks whose day has come and whose checkpoint has no current analysis
 */
public record ProjectOverview(
        ProjectState project,
        Experiments.Page experiments,
        List<ActivityEntry> latest,
        long decisions,
        long checkpoints,
        long runs,
        RunbookStatus runbook,
        List<StageRecords.Status> stages,
        List<HoldoutCheckDue> holdoutChecksDue) {
    /**
     * The overview with the page of experiments after {@code cursor}, at most {@code limit} of them, and at least
     * {@code activity} activity entries in {@link #latest} (never fewer than the runbook's look-back).
     */
    public static ProjectOverview read(Workbench wb, String cursor, int limit, int activity) {
        Experiments.Page page = wb.experiments().page(cursor, limit);
        List<ActivityEntry> latest = wb.activity().recent(Math.max(activity, RunbookStatus.LOOK_BACK));
        return new ProjectOverview(
                wb.project().get(),
                page,
                latest,
                wb.journal().count(),
                wb.checkpoints().count(),
                wb.runs().count(),
                RunbookStatus.of(wb.backend().root(), latest),
                wb.stages().statuses(),
                wb.holdouts().due());
    }
}
