package dev.workbench.core.program;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a launched effect fared in its holdout checkpoints (the seed's three patterns, {@code analysis-holdout.md}), by
 * the rule in the README's Program section ({@link Holdouts}).
 */
public enum HoldoutTrend {
    /** The effect is still there, about as large as at the decision: the result was real. */
    @JsonProperty("holds")
    HOLDS,
    /** The effect faded: mostly novelty or an event. Consider reverting or redesigning. */
    @JsonProperty("decays")
    DECAYS,
    /** The effect grew: a primacy effect wore off. */
    @JsonProperty("improves")
    IMPROVES,
    /** Not enough analysed checkpoints, or numbers that fit none of the three. */
    @JsonProperty("inconclusive")
    INCONCLUSIVE;

    /** The wire name. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
