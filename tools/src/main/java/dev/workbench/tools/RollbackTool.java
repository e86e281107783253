package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.checkpoint.Rollback;
import java.util.List;

/** Restores paths to a checkpoint, after taking a safety checkpoint of their current state. */
public final class RollbackTool implements Tool<RollbackTool.Input, Rollback.Result> {
    public static final String NAME = "rollback";

    public record Input(
            @JsonProperty(required = true) @JsonPropertyDescription("the checkpoint's number (2) or name (02_cleaned)")
            Object checkpoint,

            @JsonPropertyDescription("only these paths of the checkpoint (default: all of them)")
            List<String> paths,

            @JsonPropertyDescription("report what would change, change nothing")
            Boolean dryRun,

            @JsonPropertyDescription("why, for the journal") String reason) {
        public Input {
            Check.required(checkpoint, "checkpoint");
            if (!(checkpoint instanceof String || checkpoint instanceof Integer || checkpoint instanceof Long)) {
                throw Check.invalid("checkpoint", "a number such as 2 or a name such as \"02_cleaned\"", checkpoint);
            }
            checkpoint = checkpoint.toString();
            if (paths != null && paths.size() > CheckpointTool.MAX_PATHS) {
                throw Check.invalid("paths", "at most " + CheckpointTool.MAX_PATHS + " paths", paths.size());
            }
            Check.text(reason, "reason");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Roll back to a checkpoint";
    }

    @Override
    public String description() {
        return "Restores paths exactly as they were in a checkpoint, after a safety checkpoint that makes it undoable.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Rollback.Result> outputType() {
        return Rollback.Result.class;
    }

    @Override
    public Hints hints() {
        return Hints.OVERWRITES;
    }

    @Override
    public Rollback.Result call(Input in, ToolContext context) {
        return context.workbench()
                .rollback()
                .rollback((String) in.checkpoint(), in.paths(), Boolean.TRUE.equals(in.dryRun()), in.reason());
    }
}
