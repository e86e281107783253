package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.review.StageCheck;
import dev.workbench.core.review.Stages;
import java.util.List;

/** The review state machine of an area: execute, review, and a person's approve or reject. */
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
            @JsonProperty(required = true) String area,

            @JsonProperty(required = true)
            @JsonPropertyDescription("execute (artifacts) → review (checks) → approve (a person) | reject (feedback)")
            Action action,

            @JsonPropertyDescription("execute: the files and folders the work produced")
            List<String> artifacts,

            @JsonPropertyDescription("review: [{name, passed, detail}]")
            List<StageCheck> checks,

            @JsonPropertyDescription("review: what the results mean")
            String interpretation,

            @JsonPropertyDescription("reject: why") String feedback) {
        public Input {
            Check.word(area, "area");
            Check.required(action, "action");
            switch (action) {
                case EXECUTE -> Check.notEmpty(artifacts, "artifacts");
                case REVIEW -> Check.notEmpty(checks, "checks");
                case REJECT -> Check.requiredText(feedback, "feedback");
                case APPROVE -> {}
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Review an area";
    }

    @Override
    public String description() {
        return "Moves an area through execute, review and a person's approval (asked by elicitation, or `aw approve` on a terminal;"
                + " unless .aw/policy.json {\"approval\": \"signed\"} with .aw/allowed_signers requires an SSH-signed"
                + " `aw approve <area> --key <file>`, that approval is a convention an agent with a shell could imitate).";
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
            case EXECUTE -> stages.execute(in.area(), in.artifacts());
            case REVIEW -> stages.review(in.area(), in.checks(), in.interpretation());
            case APPROVE -> stages.approve(in.area(), context.human());
            case REJECT -> stages.reject(in.area(), in.feedback(), "agent");
        };
    }
}
