package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.workbench.core.Check;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.Experiment;

/** One experiment record by slug. */
public final class GetExperimentTool implements Tool<GetExperimentTool.Input, Experiment> {
    public static final String NAME = "get-experiment";

    public record Input(@JsonProperty(required = true) String slug) {
        public Input {
            Check.slug(slug, "slug");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Get experiment";
    }

    @Override
    public String description() {
        return "One experiment record by its slug; analysisStale: true when its inputData changed since the stored analysis.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Experiment> outputType() {
        return Experiment.class;
    }

    @Override
    public Hints hints() {
        return Hints.READ_ONLY;
    }

    @Override
    public Experiment call(Input in, ToolContext context) {
        Workbench wb = context.workbench();
        return wb.experiments().get(in.slug());
    }
}
