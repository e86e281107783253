package dev.workbench.tools;

import dev.workbench.core.program.LearningRequest;
import dev.workbench.core.program.RecordedLearning;

/** Records what was learned from an analysed experiment (FeatBit's learning capture) on its record and in the feed. */
public final class RecordLearningTool implements Tool<LearningRequest, RecordedLearning> {
    public static final String NAME = "record-learning";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Record a learning";
    }

    @Override
    public String description() {
        return "Keeps what an analysed or decided experiment taught (what changed, what happened, confirmed/refuted/inconclusive, why, next hypothesis) on its record and in the activity feed.";
    }

    @Override
    public Class<LearningRequest> inputType() {
        return LearningRequest.class;
    }

    @Override
    public Class<RecordedLearning> outputType() {
        return RecordedLearning.class;
    }

    @Override
    public Hints hints() {
        return Hints.ADDITIVE;
    }

    @Override
    public RecordedLearning call(LearningRequest in, ToolContext context) {
        return context.workbench().learnings().record(in);
    }
}
