package dev.workbench.tools;

import dev.workbench.core.program.ClaimInput;
import dev.workbench.core.program.Claims;

/**
 * Creates or changes a claim of the program. A status other than {@code open} is a person's decision: the tool asks
 * them by elicitation, showing the claim and its experiments; without a person to ask it answers
 * {@code HUMAN_APPROVAL_REQUIRED} with the {@code aw approve claim:<slug> --status <s>} command. It never signs.
 */
public final class UpsertClaimTool implements Tool<ClaimInput, Claims.Result> {
    public static final String NAME = "upsert-claim";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Create or update a claim";
    }

    @Override
    public String description() {
        return "Creates or changes a claim that experiments point to by slug; status supported, refuted or mixed is a"
                + " person's decision, asked by elicitation or given with `aw approve claim:<slug> --status <s>`.";
    }

    @Override
    public Class<ClaimInput> inputType() {
        return ClaimInput.class;
    }

    @Override
    public Class<Claims.Result> outputType() {
        return Claims.Result.class;
    }

    @Override
    public Hints hints() {
        return Hints.OVERWRITES_IDEMPOTENT;
    }

    @Override
    public Claims.Result call(ClaimInput in, ToolContext context) {
        return context.workbench().claims().upsert(in, context.human(), null);
    }
}
