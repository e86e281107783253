package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.Plans;
import dev.workbench.core.review.StageId;

/**
 * Writes the next version of an area's or experiment's plan ({@link Plans}): {@code plans/v<K>.md}, never rewritten,
 * and {@code plan.md}, the latest, in the stage folder. A plan is reviewed like any other work, by naming
 * {@code plan.md} or one version as an artifact of review-stage.
 */
public final class WritePlanTool implements Tool<WritePlanTool.Input, Plans.Written> {
    public static final String NAME = "write-plan";

    public record Input(
            @JsonPropertyDescription("the area whose plan this is (or give experiment)")
            String area,

            @JsonPropertyDescription("the experiment (slug) whose plan this is, instead of an area")
            String experiment,

            @JsonProperty(required = true) @JsonPropertyDescription("the whole plan, Markdown")
            String text,

            @JsonPropertyDescription("the version you read (0: none yet); another latest version is CONFLICT")
            Integer expectedVersion) {
        public Input {
            if ((area == null) == (experiment == null)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "area, experiment: expected exactly one of them (an area's plan or an experiment's), got "
                                + (area == null ? "neither" : "both"));
            }
            if (area != null) {
                StageId.area(area);
            } else {
                Check.slug(experiment, "experiment");
            }
            Check.text(Check.required(text, "text"), "text", Plans.MAX_TEXT);
            if (expectedVersion != null) {
                Check.atLeast(expectedVersion, 0, "expectedVersion");
            }
        }

        /** The stage's text: the area, or {@code experiment:<slug>}. */
        public String stage() {
            return area != null ? area : StageId.experiment(experiment).key();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Write a plan";
    }

    @Override
    public String description() {
        return "Keeps the next version of an area's or experiment's plan (plans/vK.md, never rewritten) and makes it"
                + " plan.md; review it with review-stage by naming that file as an artifact.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Plans.Written> outputType() {
        return Plans.Written.class;
    }

    @Override
    public Hints hints() {
        return Hints.ADDITIVE;
    }

    @Override
    public Plans.Written call(Input in, ToolContext context) {
        return context.workbench().plans().write(in.stage(), in.text(), in.expectedVersion());
    }
}
