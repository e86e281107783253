package dev.workbench.core.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an experiment's data is analysed. */
public enum Method {
    /** A fixed-split A/B(/n) test analysed with {@code analyze-bayesian}. */
    @JsonProperty("bayesian_ab")
    BAYESIAN_AB,
    /** An adaptive split driven by {@code analyze-bandit}. */
    @JsonProperty("bandit")
    BANDIT,
    /** A fixed-split A/B(/n) test analysed with {@code analyze-frequentist} (p-values, intervals, sequential). */
    @JsonProperty("frequentist")
    FREQUENTIST
}
