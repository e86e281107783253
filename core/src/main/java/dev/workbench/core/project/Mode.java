package dev.workbench.core.project;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an area of work is being done, from a first look to running it for real. */
public enum Mode {
    /** A quick look: does the data exist, is the question answerable. */
    @JsonProperty("probe")
    PROBE,
    /** Open-ended analysis: shapes, segments, candidate explanations. */
    @JsonProperty("explore")
    EXPLORE,
    /** A preregistered test of one hypothesis. */
    @JsonProperty("experiment")
    EXPERIMENT,
    /** A decided change, run and monitored. */
    @JsonProperty("operate")
    OPERATE
}
