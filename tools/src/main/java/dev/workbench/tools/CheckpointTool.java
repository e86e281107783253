package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.checkpoint.Checkpoints;
import java.util.List;

/** An immutable numbered snapshot of files and folders under the root. */
public final class CheckpointTool implements Tool<CheckpointTool.Input, Checkpoints.Created> {
    public static final String NAME = "checkpoint";
    static final int MAX_PATHS = 100;

    public record Input(
            @JsonProperty(required = true) @JsonPropertyDescription("files and folders under the root")
            List<String> paths,

            @JsonProperty(required = true)
            @JsonPropertyDescription("what this snapshot follows, e.g. cleaned; names the checkpoint NN_operation")
            String operation,

            String note,

            @JsonPropertyDescription(
                    "the area the snapshot belongs to, e.g. cleaning; the runbook shows it in that area's lane")
            String area) {
        public Input {
            Check.notEmpty(paths, "paths");
            if (paths.size() > MAX_PATHS) {
                throw Check.invalid(
                        "paths", "at most " + MAX_PATHS + " paths (give their folder instead)", paths.size());
            }
            Check.word(operation, "operation");
            Check.text(note, "note");
            if (area != null) {
                Check.word(area, "area");
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Checkpoint files";
    }

    @Override
    public String description() {
        return "Snapshots files and folders into a numbered, immutable checkpoint; unchanged content is stored once. "
                + "Give the area it belongs to (area) so the runbook places it in that area's lane.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Checkpoints.Created> outputType() {
        return Checkpoints.Created.class;
    }

    @Override
    public Hints hints() {
        return Hints.ADDITIVE;
    }

    @Override
    public Checkpoints.Created call(Input in, ToolContext context) {
        return context.workbench().checkpoints().create(in.paths(), in.operation(), in.note(), in.area());
    }
}
