package dev.workbench.tools;

import java.util.List;
import java.util.Optional;

/** Every tool of the workbench, in the order they are listed to clients. Tools hold no state. */
public final class Tools {
    private static final List<Tool<?, ?>> ALL = List.of(
            new GetProjectTool(),
            new UpdateProjectTool(),
            new GetExperimentTool(),
            new UpsertExperimentTool(),
            new LogDecisionTool(),
            new CollectMetricsTool(),
            new AnalyzeBayesianTool(),
            new AnalyzeFrequentistTool(),
            new AnalyzeBanditTool(),
            new PlanSampleSizeTool(),
            new CheckpointTool(),
            new RollbackTool(),
            new RecordRunTool(),
            new ReviewStageTool(),
            new WriteRunbookTool(),
            new ProfileDataTool());

    private Tools() {}

    public static List<Tool<?, ?>> all() {
        return ALL;
    }

    public static Optional<Tool<?, ?>> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
