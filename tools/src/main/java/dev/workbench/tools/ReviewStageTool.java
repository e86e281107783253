package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.StageCheck;
import dev.workbench.core.review.StageId;
import dev.workbench.core.review.Stages;
import java.util.List;

/**
 * The review state machine of a stage, an area's or (the Program issue) an experiment's: execute, review, and a
 * person's approve or reject. An experiment's execution always pins its clean result, so its approval goes stale when
 * what a reader is shown changes; the result's {@code area} is the stage's key ({@code experiment:<slug>} for an experiment).
 */
public final class ReviewStageTool implements Tool<ReviewStageTool.Input, Stages.Result> {
    public static final String NAME = "review-stage";

    /** The actions of the state machine. */
    public enum Action {
        @JsonProperty("execute")
        EXECUTE,
        @JsonProperty("review")
        REVIEW,
        @JsonProperty("approve")
        APPROVE,
        @JsonProperty("reject")
        REJECT
    }

    public record Input(
            @JsonPropertyDescription("the area whose stage this is (or give experiment)")
            String area,

            @JsonPropertyDescription("the experiment (slug) whose stage this is, instead of an area")
            String experiment,

            @JsonProperty(required = true)
            @JsonPropertyDescription("execute (artifacts) → review (checks) → approve (a person) | reject (feedback)")
            Action action,

            @JsonPropertyDescription(
                    "execute: the files and folders the work produced (an experiment's record is always included)")
            List<String> artifacts,

            @JsonPropertyDescription("review: [{name, passed, detail}]")
            List<StageCheck> checks,

            @JsonPropertyDescription("review: what the results mean")
            String interpretation,

            @JsonPropertyDescription("reject: why") String feedback) {
        public Input {
            if ((area == null) == (experiment == null)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "area, experiment: expected exactly one of them (an area's stage or an experiment's), got "
                                + (area == null ? "neither" : "both"));
            }
            if (area != null) {
                StageId.area(area);
            } else {
                Check.slug(experiment, "experiment");
            }
            Check.required(action, "action");
            switch (action) {
                case EXECUTE -> {
                    if (area != null) {
                        Check.notEmpty(artifacts, "artifacts");
                    }
                }
                case REVIEW -> Check.notEmpty(checks, "checks");
                case REJECT -> Check.requiredText(feedback, "feedback");
                case APPROVE -> {}
            }
        }

        /** The stage's text, as {@link Stages} takes it: the area, or {@code experiment:<slug>}. */
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
        return "Review an area or experiment";
    }

    @Override
    public String description() {
        return "Moves an area's or experiment's work through execute, review and a person's approval (asked by elicitation, or `aw approve` on a terminal;"
                + " unless .aw/policy.json {\"approval\": \"signed\"} with .aw/allowed_signers requires an SSH-signed"
                + " `aw approve <area | experiment:slug> --key <file>`, that approval is a convention an agent with a shell could imitate).";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Stages.Result> outputType() {
        return Stages.Result.class;
    }

    @Override
    public Hints hints() {
        return Hints.OVERWRITES;
    }

    @Override
    public Stages.Result call(Input in, ToolContext context) {
        Stages stages = context.workbench().stages();
        return switch (in.action()) {
            case EXECUTE -> stages.execute(in.stage(), in.artifacts());
            case REVIEW -> stages.review(in.stage(), in.checks(), in.interpretation());
            case APPROVE -> stages.approve(in.stage(), context.human());
            case REJECT -> stages.reject(in.stage(), in.feedback(), "agent");
        };
    }
}
