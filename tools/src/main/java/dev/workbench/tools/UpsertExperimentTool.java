package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.experiment.Experiments;

/** Creates or patches an experiment record under the lifecycle and contract-freeze rules. */
public final class UpsertExperimentTool implements Tool<ExperimentPatch, UpsertExperimentTool.Output> {
    public static final String NAME = "upsert-experiment";

    /** The record as stored, plus whether this call created it. */
    public record Output(@JsonUnwrapped Experiment experiment, boolean created) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Create or update experiment";
    }

    @Override
    public String description() {
        return "Creates or patches an experiment; status collecting freezes its contract (inputData only from then on, "
                + "until decided), and decided needs a current analysis whose checks passed, or override: {reason}.";
    }

    @Override
    public Class<ExperimentPatch> inputType() {
        return ExperimentPatch.class;
    }

    @Override
    public Class<Output> outputType() {
        return Output.class;
    }

    @Override
    public Hints hints() {
        return Hints.OVERWRITES_IDEMPOTENT;
    }

    @Override
    public Output call(ExperimentPatch in, ToolContext context) {
        Workbench wb = context.workbench();
        Experiments.Upserted result = wb.experiments().upsert(in);
        return new Output(result.experiment(), result.created());
    }
}
