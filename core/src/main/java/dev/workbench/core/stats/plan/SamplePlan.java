package dev.workbench.core.stats.plan;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code plan-sample-size}: units per variant and in total, the days they take, whether the seed's
 * conversion floor ⌈30/p⌉ raised the power calculation's answer, how the number was reached, and one line to store
 * as the experiment's {@code minimumSampleBasis} beside {@code minimumSample = per_variant}.
 *
 * @param perVariant         units each variant should reach: the experiment's {@code minimumSample}
 * @param total              perVariant × arms
 * @param days               ⌈total / dailyUnits⌉, null without dailyUnits
 * @param floorApplied       true when ⌈30/p⌉ exceeded the power calculation (a proportion only)
 * @param basis              the step of the fallback chain that answered, its assumptions and formula
 * @param minimumSampleBasis one line a reader understands; copy it into the record with minimumSample
 */
public record SamplePlan(
        @JsonProperty("per_variant") long perVariant,
        long total,
        @JsonInclude(ALWAYS) Long days,
        @JsonProperty("floor_applied") boolean floorApplied,
        Basis basis,
        String minimumSampleBasis) {

    /** The chain's steps, in the order they are tried. */
    public static final String BASELINE = "baseline";

    public static final String METRIC_TYPE_TABLE = "metric-type table";
    public static final String DEFAULT = "default 1,000";

    /**
     * @param step        {@value #BASELINE}, {@value #METRIC_TYPE_TABLE} or {@value #DEFAULT}
     * @param assumptions what the number takes for granted, one sentence each
     * @param formula     how it was computed, with its source
     */
    public record Basis(String step, List<String> assumptions, String formula) {
        public Basis {
            assumptions = List.copyOf(assumptions);
        }
    }
}
