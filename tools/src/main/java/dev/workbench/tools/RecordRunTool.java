package dev.workbench.tools;

import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;

/** Records a run with the exact code, environment, inputs and outputs behind its numbers. */
public final class RecordRunTool implements Tool<RunRequest, RunRecord> {
    public static final String NAME = "record-run";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Record a run";
    }

    @Override
    public String description() {
        return "Records a command's run: input and output hashes, params, metrics, git state (a snapshot commit when dirty) and environment.";
    }

    @Override
    public Class<RunRequest> inputType() {
        return RunRequest.class;
    }

    @Override
    public Class<RunRecord> outputType() {
        return RunRecord.class;
    }

    @Override
    public Hints hints() {
        return Hints.ADDITIVE;
    }

    @Override
    public RunRecord call(RunRequest in, ToolContext context) {
        return context.workbench().runs().record(in);
    }
}
