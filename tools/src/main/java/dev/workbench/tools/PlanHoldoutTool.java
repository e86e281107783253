package dev.workbench.tools;

import dev.workbench.core.program.HoldoutPlan;
import dev.workbench.core.program.HoldoutRequest;

/** Plans a launched experiment's holdout and creates its checkpoint experiments, pre-filled (the Program issue). */
public final class PlanHoldoutTool implements Tool<HoldoutRequest, HoldoutPlan> {
    public static final String NAME = "plan-holdout";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Plan a holdout";
    }

    @Override
    public String description() {
        return "After a decided experiment's launch, stores its holdout plan and creates one draft checkpoint experiment <slug>-holdout-<day>d per day, pre-filled (variants, metrics, the holdout split, the window).";
    }

    @Override
    public Class<HoldoutRequest> inputType() {
        return HoldoutRequest.class;
    }

    @Override
    public Class<HoldoutPlan> outputType() {
        return HoldoutPlan.class;
    }

    @Override
    public Hints hints() {
        return Hints.OVERWRITES_IDEMPOTENT;
    }

    @Override
    public HoldoutPlan call(HoldoutRequest in, ToolContext context) {
        return context.workbench().holdouts().plan(in);
    }
}
