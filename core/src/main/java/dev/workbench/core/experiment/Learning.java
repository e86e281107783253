package dev.workbench.core.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What was learned from an experiment (FeatBit's learning capture), kept on its record in the order recorded. Not part
 * of what the decision rests on: it may be written on a decided record.
 *
 * @param at                 when it was recorded, ISO-8601 UTC
 * @param whatChanged        what the experiment changed for its units
 * @param whatHappened       what the numbers showed
 * @param confirmedOrRefuted whether the hypothesis was confirmed, refuted, or neither
 * @param whyItHappened      the explanation believed now
 * @param nextHypothesis     what to test next (propose-follow-ups starts from it); may be null
 */
public record Learning(
        String at,
        String whatChanged,
        String whatHappened,
        Outcome confirmedOrRefuted,
        String whyItHappened,
        String nextHypothesis) {

    /** What the experiment did to its hypothesis. */
    public enum Outcome {
        @JsonProperty("confirmed")
        CONFIRMED,
        @JsonProperty("refuted")
        REFUTED,
        @JsonProperty("inconclusive")
        INCONCLUSIVE
    }
}
