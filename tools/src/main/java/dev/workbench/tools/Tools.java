package dev.workbench.tools;

import java.util.List;
import java.util.Optional;

/**
 * Every tool of the workbench, in the order they are listed to clients: the record, then the analyst's spine (size,
 * profile, collect, analyse), then files, runs, reviews and the runbook. Tools hold no state.
 */
public final class Tools {
    private static final List<Tool<?, ?>> ALL = List.of(
            new GetProjectTool(),
            new UpdateProjectTool(),
            new GetExperimentTool(),
            new UpsertExperimentTool(),
            new LogDecisionTool(),
            new RecordLearningTool(),
            new ProposeFollowUpsTool(),
            new PlanSampleSizeTool(),
            new ProfileDataTool(),
            new CollectMetricsTool(),
            new AnalyzeBayesianTool(),
            new AnalyzeFrequentistTool(),
            new AnalyzeBanditTool(),
            new PlanHoldoutTool(),
            new AnalyzeHoldoutTool(),
            new CheckpointTool(),
            new RollbackTool(),
            new RecordRunTool(),
            new ReviewStageTool(),
            new WritePlanTool(),
            new UpsertClaimTool(),
            new WriteRunbookTool());

    private Tools() {}

    public static List<Tool<?, ?>> all() {
        return ALL;
    }

    public static Optional<Tool<?, ?>> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
