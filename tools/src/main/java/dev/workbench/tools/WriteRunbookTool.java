package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.runbook.RunbookResult;
import dev.workbench.core.runbook.RunbookWriter;

/** Writes the runbook derived from the recorded state, keeping the text a person marked to keep. */
public final class WriteRunbookTool implements Tool<WriteRunbookTool.Input, RunbookResult> {
    public static final String NAME = "write-runbook";
    static final int MAX_PATH = 1000;

    public record Input(
            @JsonPropertyDescription("Markdown file to write, relative to the root (default runbook.md)")
            String path,

            @JsonPropertyDescription("return the diff, write nothing")
            Boolean dryRun) {
        public Input {
            Check.text(path, "path", MAX_PATH);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Write the runbook";
    }

    @Override
    public String description() {
        return "Writes runbook.md from the recorded runs, checkpoints and decisions: numbered steps to follow in order "
                + "(runs of one command with other arguments are one step with a table of its runs; runs a rollback "
                + "undid and runs that changed nothing tracked are listed apart, not as steps), each area's review "
                + "state and decisions beside its steps, prerequisites from the runtimes the runs invoked and the "
                + "lockfiles present, and a pipeline overview with checkpoints in the lane of their area. Text between "
                + "keep markers survives; writing twice with no state change changes nothing; dryRun returns the diff.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<RunbookResult> outputType() {
        return RunbookResult.class;
    }

    @Override
    public Hints hints() {
        return Hints.OVERWRITES_IDEMPOTENT;
    }

    @Override
    public RunbookResult call(Input in, ToolContext context) {
        return new RunbookWriter(context.workbench()).write(in.path(), Boolean.TRUE.equals(in.dryRun()));
    }
}
