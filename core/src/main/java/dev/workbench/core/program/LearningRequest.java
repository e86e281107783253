package dev.workbench.core.program;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.experiment.Learning;

/**
 * What {@code record-learning} sends: FeatBit's learning capture (featbit-release-decision-agent
 * {@code skills/learning-capture/SKILL.md}, "What a Complete Learning Contains", and its
 * {@code references/iteration-synthesis-template.md}), one field per part. Every text is required but the next
 * hypothesis, and at most {@value #MAX_TEXT} characters: the seed's own examples use a few hundred, and ten learnings
 * of four such fields keep a record well inside the response limit.
 */
public record LearningRequest(
        @JsonProperty(required = true) @JsonPropertyDescription("the slug of the experiment the learning is about")
        String experiment,

        @JsonProperty(required = true)
        @JsonPropertyDescription(
                "the specific change that was tested, not \"improved the UI\" (seed: \"the specific change tested — flag key, variant, description\")")
        String whatChanged,

        @JsonProperty(required = true)
        @JsonPropertyDescription(
                "the measured outcome with numbers (seed: \"measured outcomes with numbers — primary metric, guardrails\")")
        String whatHappened,

        @JsonProperty(required = true)
        @JsonPropertyDescription(
                "whether the hypothesis was directionally correct: confirmed, refuted, or inconclusive (seed: \"inconclusive cycles still produce learnings\")")
        Learning.Outcome confirmedOrRefuted,

        @JsonProperty(required = true)
        @JsonPropertyDescription(
                "the causal interpretation, honest about uncertainty (seed: \"Why it likely happened\"; \"users liked it\" is not one)")
        String whyItHappened,

        @JsonPropertyDescription(
                "what this result suggests to test next (seed: \"a learning missing (4) or (5) does not close the loop\"); propose-follow-ups starts from it")
        String nextHypothesis,

        @JsonPropertyDescription("apply only if the experiment is at this revision; else CONFLICT")
        Long expectedRevision) {

    /** The most characters a part of a learning may have. */
    public static final int MAX_TEXT = 1000;

    public LearningRequest {
        Check.slug(experiment, "experiment");
        Check.text(Check.required(whatChanged, "whatChanged"), "whatChanged", MAX_TEXT);
        Check.text(Check.required(whatHappened, "whatHappened"), "whatHappened", MAX_TEXT);
        Check.required(confirmedOrRefuted, "confirmedOrRefuted");
        Check.text(Check.required(whyItHappened, "whyItHappened"), "whyItHappened", MAX_TEXT);
        Check.text(nextHypothesis, "nextHypothesis", MAX_TEXT);
        if (expectedRevision != null) {
            Check.atLeast(expectedRevision, 1, "expectedRevision");
        }
    }

    /** The learning as kept on the record, recorded {@code at}. */
    Learning learning(String at) {
        return new Learning(at, whatChanged, whatHappened, confirmedOrRefuted, whyItHappened, nextHypothesis);
    }
}
