package dev.workbench.core.stats.report;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code analysisResult} of analyze-frequentist, in the layout of {@link BayesianResult}: the settings it was computed
 * with, the SRM check, the primary metric and the guardrails (rows rounded for people, moments and comparisons
 * unrounded for programs), the sample check and {@code checks} (and {@code input_sha256} once stored). No number is
 * NaN or infinite.
 *
 * @param type          always {@value #TYPE}
 * @param experiment    the record's slug; null for an inline record without one
 * @param settings      alpha, sequential, its tuning and the correction, so a reader knows how p and the interval
 *                      were computed
 * @param primaryMetric every treatment against the control on the primary metric (p-values corrected)
 * @param guardrails    the same for each guardrail, in the record's order (never corrected)
 * @param inputSha256   the hash of the {@code inputData} read, on a stored result; absent inline
 */
public record FrequentistResult(
        String type,
        @JsonInclude(ALWAYS) String experiment,
        @JsonProperty("computed_at") String computedAt,
        BayesianResult.Window window,
        String control,
        List<String> treatments,
        Settings settings,
        Srm srm,
        @JsonProperty("primary_metric") MetricSection primaryMetric,
        List<MetricSection> guardrails,
        @JsonProperty("sample_check") BayesianResult.SampleCheck sampleCheck,
        AnalysisChecks checks,
        @JsonProperty(AnalysisResult.INPUT_SHA256) String inputSha256)
        implements AnalysisResult<FrequentistResult> {

    public static final String TYPE = "frequentist";

    public FrequentistResult {
        treatments = List.copyOf(treatments);
        guardrails = List.copyOf(guardrails);
    }

    @Override
    public FrequentistResult withInputSha256(String hash) {
        return new FrequentistResult(
                type,
                experiment,
                computedAt,
                window,
                control,
                treatments,
                settings,
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

    /**
     * How the test was computed.
     *
     * @param alpha            the significance level; intervals have coverage 1 − alpha
     * @param sequential       asymptotic confidence sequences (valid under continuous monitoring) instead of the
     *                         fixed-horizon test
     * @param sequentialTuning N*, the total units of the two arms compared the sequence is tuned for
     * @param correction       {@code none}, {@code holm} or {@code benjamini-hochberg}, across the primary metric's
     *                         treatments
     */
    public record Settings(
            double alpha,
            boolean sequential,
            @JsonProperty("sequential_tuning") double sequentialTuning,
            String correction) {}

    /**
     * One metric: a row per variant for people, the verdict, the per-unit moments and a comparison per treatment.
     *
     * @param metricType {@code proportion} or {@code continuous}
     * @param verdict    the verdict as the checks gate it ({@code do not interpret: …} when one failed)
     * @param rawVerdict what the numbers alone say
     */
    public record MetricSection(
            String event,
            @JsonProperty("metric_type") String metricType,
            boolean inverse,
            List<Row> rows,
            String verdict,
            @JsonProperty("raw_verdict") String rawVerdict,
            Map<String, BayesianResult.VariantMoments> moments,
            List<Comparison> comparisons) {
        public MetricSection {
            rows = List.copyOf(rows);
            comparisons = List.copyOf(comparisons);
        }
    }

    /**
     * One variant, rounded for people (rate 6 dp, mean 4 dp, a ratio's numerator and denominator per unit 4 dp,
     * rel_delta and interval 6 dp, p-values 4 dp); a treatment whose comparison succeeded adds the lift, the interval
     * and the p-value, and with CUPED the variance reduction. What does not apply is absent.
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
            @JsonProperty("ci_lower") Double ciLower,
            @JsonProperty("ci_upper") Double ciUpper,
            @JsonProperty("p_value") Double pValue,
            @JsonProperty("p_value_adjusted") Double pValueAdjusted,
            @JsonProperty("variance_reduction") Double varianceReduction) {}

    /**
     * A treatment against the control, unrounded. When the comparison failed, {@code error} names why
     * ({@code ZERO_SAMPLE_SIZE}, {@code CONTROL_MEAN_ZERO}, {@code ZERO_STANDARD_ERROR}), every number is null and
     * {@code significant} is false.
     *
     * @param relativeChange  the observed relative lift δ
     * @param seRel           its delta-method standard error
     * @param pValue          two-sided (sequential: from the confidence sequence's e-value)
     * @param pValueAdjusted  after the correction; null with correction none, on guardrails and on failure
     * @param ciLower         the (1 − alpha) interval on δ (sequential: the confidence sequence), not adjusted
     * @param significant     the (adjusted, where there is one) p-value is below alpha
     * @param varianceReduction with CUPED, 1 − Var_adjusted/Var_unadjusted of δ; absent without a covariate
     */
    public record Comparison(
            String variant,
            @JsonInclude(ALWAYS) String error,

            @JsonProperty("relative_change") @JsonInclude(ALWAYS)
            Double relativeChange,

            @JsonProperty("se_rel") @JsonInclude(ALWAYS) Double seRel,

            @JsonProperty("absolute_change") @JsonInclude(ALWAYS)
            Double absoluteChange,

            @JsonProperty("p_value") @JsonInclude(ALWAYS) Double pValue,

            @JsonProperty("p_value_adjusted") @JsonInclude(ALWAYS)
            Double pValueAdjusted,

            @JsonProperty("ci_lower") @JsonInclude(ALWAYS) Double ciLower,
            @JsonProperty("ci_upper") @JsonInclude(ALWAYS) Double ciUpper,
            double alpha,
            boolean sequential,
            boolean significant,

            @JsonProperty("variance_reduction") @JsonInclude(JsonInclude.Include.NON_NULL)
            Double varianceReduction) {}
}
