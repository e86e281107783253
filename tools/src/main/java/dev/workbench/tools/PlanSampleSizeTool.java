package dev.workbench.tools;

import dev.workbench.core.stats.plan.SamplePlan;
import dev.workbench.core.stats.plan.SamplePlanRequest;
import dev.workbench.core.stats.plan.SamplePlanner;

/**
 * Units per variant before an experiment starts: the seed's fallback chain with a power calculation at its head
 * ({@link SamplePlanner}). Reads and writes nothing; the agent copies {@code per_variant} and
 * {@code minimumSampleBasis} into the record with upsert-experiment.
 */
public final class PlanSampleSizeTool implements Tool<SamplePlanRequest, SamplePlan> {
    public static final String NAME = "plan-sample-size";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Plan the sample size";
    }

    @Override
    public String description() {
        return "Units per variant, in total and in days for a relative lift (z-test, fixed or sequential; a rate has "
                + "the floor ceil(30/p)); without a baseline the seed's metric-type table, then 1,000; store "
                + "per_variant as minimumSample and minimumSampleBasis with upsert-experiment.";
    }

    @Override
    public Class<SamplePlanRequest> inputType() {
        return SamplePlanRequest.class;
    }

    @Override
    public Class<SamplePlan> outputType() {
        return SamplePlan.class;
    }

    @Override
    public Hints hints() {
        return Hints.READ_ONLY;
    }

    @Override
    public SamplePlan call(SamplePlanRequest in, ToolContext context) {
        return SamplePlanner.plan(in);
    }
}
