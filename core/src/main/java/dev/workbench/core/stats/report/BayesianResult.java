package dev.workbench.core.stats.report;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code analysisResult} of analyze-bayesian, keys in the order CONTRACT §6 lists them, then {@code checks} (and
 * {@code input_sha256} once stored). Rows are rounded for people (rate 6 dp, mean 4 dp, rel_delta/ci/risk 6 dp,
 * p_win/p_harm 4 dp); moments and comparisons are unrounded for programs. No number is NaN or infinite.
 *
 * @param type          always {@value #TYPE}
 * @param experiment    the record's slug; null for an inline record without one
 * @param prior         the legacy prior label, e.g. {@code flat/improper (data-only)}
 * @param primaryMetric every treatment against the control on the primary metric
 * @param guardrails    the same for each guardrail, in the record's order
 * @param inputSha256   the hash of the {@code inputData} read, on a stored result; absent inline
 */
public record BayesianResult(
        String type,
        @JsonInclude(ALWAYS) String experiment,
        @JsonProperty("computed_at") String computedAt,
        Window window,
        String control,
        List<String> treatments,
        String prior,
        Srm srm,
        @JsonProperty("primary_metric") MetricSection<PrimaryComparison> primaryMetric,
        List<MetricSection<GuardrailComparison>> guardrails,
        @JsonProperty("sample_check") SampleCheck sampleCheck,
        AnalysisChecks checks,
        @JsonProperty(AnalysisResult.INPUT_SHA256) String inputSha256)
        implements AnalysisResult<BayesianResult> {

    public static final String TYPE = "bayesian";

    public BayesianResult {
        treatments = List.copyOf(treatments);
        guardrails = List.copyOf(guardrails);
    }

    @Override
    public BayesianResult withInputSha256(String hash) {
        return new BayesianResult(
                type,
                experiment,
                computedAt,
                window,
                control,
                treatments,
                prior,
                srm,
                primaryMetric,
                guardrails,
                sampleCheck,
                checks,
                hash);
    }

    /** The primary metric's verdict, as the checks gate it. */
    @Override
    public String headline() {
        return primaryMetric.verdict();
    }

    /** {@code window {start, end}}: the observation dates, null where the record has none. */
    public record Window(
            @JsonInclude(ALWAYS) String start,
            @JsonInclude(ALWAYS) String end) {}

    /**
     * One metric: a row per variant for people, the verdict, the per-unit moments and a comparison per treatment.
     *
     * @param metricType {@code proportion}, {@code continuous} or {@code ratio}
     * @param inverse    lower is better
     * @param verdict    the verdict as the checks gate it ({@code do not interpret: …} when one failed)
     * @param rawVerdict what the numbers alone say
     * @param moments    per variant, control first
     * @param <C>        {@link PrimaryComparison} or {@link GuardrailComparison}
     */
    public record MetricSection<C>(
            String event,
            @JsonProperty("metric_type") String metricType,
            boolean inverse,
            List<Row> rows,
            String verdict,
            @JsonProperty("raw_verdict") String rawVerdict,
            Map<String, VariantMoments> moments,
            List<C> comparisons) {
        public MetricSection {
            rows = List.copyOf(rows);
            comparisons = List.copyOf(comparisons);
        }
    }

    /**
     * One variant of a metric, rounded for people. A proportion has {@code conversions} and {@code rate}, a
     * continuous metric {@code mean}, a ratio metric {@code mean} (the ratio ΣN/ΣD) with {@code numerator_mean} and
     * {@code denominator_mean} (per unit); a treatment whose comparison succeeded adds the lift, the interval and the
     * risks, and {@code p_win} (primary) or {@code p_harm} (guardrail), and with CUPED {@code variance_reduction}.
     * What does not apply is absent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(
            String variant,
            long n,
            @JsonProperty("is_control") boolean isControl,
            Long conversions,
            Double rate,
            Double mean,
            @JsonProperty("numerator_mean") Double numeratorMean,
            @JsonProperty("denominator_mean") Double denominatorMean,
            @JsonProperty("rel_delta") Double relDelta,
            @JsonProperty("rel_delta_observed") Double relDeltaObserved,
            @JsonProperty("ci_lower") Double ciLower,
            @JsonProperty("ci_upper") Double ciUpper,
            @JsonProperty("risk_ctrl") Double riskCtrl,
            @JsonProperty("risk_trt") Double riskTrt,
            @JsonProperty("p_win") Double pWin,
            @JsonProperty("p_harm") Double pHarm,
            @JsonProperty("variance_reduction") Double varianceReduction) {}

    /** A variant's per-unit moments, unrounded (a ratio metric's: the ratio and its delta-method variance). */
    public record VariantMoments(long n, double mean, double variance) {}

    /**
     * A treatment against the control on the primary metric, unrounded. When the comparison failed, {@code error}
     * names why ({@code ZERO_SAMPLE_SIZE}, {@code CONTROL_MEAN_ZERO}, {@code ZERO_STANDARD_ERROR}) and every number
     * is null.
     *
     * @param winThreshold  the chance to win a strong signal needs
     * @param meetsThreshold chance_to_win ≥ win_threshold
     * @param varianceReduction with CUPED, 1 − Var(adjusted lift)/Var(unadjusted lift); absent without a covariate
     */
    public record PrimaryComparison(
            String variant,
            @JsonInclude(ALWAYS) String error,

            @JsonProperty("relative_change") @JsonInclude(ALWAYS)
            Double relativeChange,

            @JsonProperty("observed_relative_change") @JsonInclude(ALWAYS)
            Double observedRelativeChange,

            @JsonProperty("se_rel") @JsonInclude(ALWAYS) Double seRel,

            @JsonProperty("absolute_change") @JsonInclude(ALWAYS)
            Double absoluteChange,

            @JsonProperty("ci_lower") @JsonInclude(ALWAYS) Double ciLower,
            @JsonProperty("ci_upper") @JsonInclude(ALWAYS) Double ciUpper,

            @JsonProperty("chance_to_win") @JsonInclude(ALWAYS)
            Double chanceToWin,

            @JsonProperty("risk_ctrl") @JsonInclude(ALWAYS) Double riskCtrl,
            @JsonProperty("risk_trt") @JsonInclude(ALWAYS) Double riskTrt,
            @JsonProperty("prior_applied") boolean priorApplied,
            @JsonProperty("win_threshold") double winThreshold,
            @JsonProperty("meets_threshold") boolean meetsThreshold,

            @JsonProperty("variance_reduction") @JsonInclude(JsonInclude.Include.NON_NULL)
            Double varianceReduction) {}

    /** A treatment against the control on a guardrail: as {@link PrimaryComparison}, with p_harm for the threshold. */
    public record GuardrailComparison(
            String variant,
            @JsonInclude(ALWAYS) String error,

            @JsonProperty("relative_change") @JsonInclude(ALWAYS)
            Double relativeChange,

            @JsonProperty("observed_relative_change") @JsonInclude(ALWAYS)
            Double observedRelativeChange,

            @JsonProperty("se_rel") @JsonInclude(ALWAYS) Double seRel,

            @JsonProperty("absolute_change") @JsonInclude(ALWAYS)
            Double absoluteChange,

            @JsonProperty("ci_lower") @JsonInclude(ALWAYS) Double ciLower,
            @JsonProperty("ci_upper") @JsonInclude(ALWAYS) Double ciUpper,

            @JsonProperty("chance_to_win") @JsonInclude(ALWAYS)
            Double chanceToWin,

            @JsonProperty("risk_ctrl") @JsonInclude(ALWAYS) Double riskCtrl,
            @JsonProperty("risk_trt") @JsonInclude(ALWAYS) Double riskTrt,
            @JsonProperty("prior_applied") boolean priorApplied,
            @JsonProperty("p_harm") @JsonInclude(ALWAYS) Double pHarm,

            @JsonProperty("variance_reduction") @JsonInclude(JsonInclude.Include.NON_NULL)
            Double varianceReduction) {}

    /**
     * {@code sample_check}: whether every variant of the primary metric has the record's minimum sample.
     *
     * @param variants units per variant, control first
     */
    public record SampleCheck(
            @JsonProperty("minimum_per_variant") long minimumPerVariant, boolean ok, Map<String, Long> variants) {}
}
