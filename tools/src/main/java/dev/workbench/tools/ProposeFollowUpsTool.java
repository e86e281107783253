package dev.workbench.tools;

import dev.workbench.core.program.FollowUpProposal;
import dev.workbench.core.program.FollowUpRequest;

/** Creates follow-up drafts of an analysed or decided experiment, pre-filled from its contract, posterior and data. */
public final class ProposeFollowUpsTool implements Tool<FollowUpRequest, FollowUpProposal> {
    public static final String NAME = "propose-follow-ups";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Propose follow-up experiments";
    }

    @Override
    public String description() {
        return "Creates 1 to 3 draft experiments with parent set, pre-filled from an analysed or decided one: its latest learning's next hypothesis, metrics, variants, data definitions, its posterior as prior and a minimumSample from its observed baseline; nothing starts.";
    }

    @Override
    public Class<FollowUpRequest> inputType() {
        return FollowUpRequest.class;
    }

    @Override
    public Class<FollowUpProposal> outputType() {
        return FollowUpProposal.class;
    }

    @Override
    public Hints hints() {
        return Hints.ADDITIVE;
    }

    @Override
    public FollowUpProposal call(FollowUpRequest in, ToolContext context) {
        return context.workbench().followUps().propose(in);
    }
}
