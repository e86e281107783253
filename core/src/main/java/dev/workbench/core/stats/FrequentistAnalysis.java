package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.stats.numeric.PValueCorrection;
import dev.workbench.core.stats.report.FrequentistResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * analyze-frequentist: every treatment against the control on the primary metric and the guardrails, with the
 * relative lift by the delta method ({@link MetricLift}), its two-sided p-value and (1 − alpha) interval by the normal
 * approximation, or the peeking-safe confidence sequence ({@code sequential}), a multiple-testing correction across
 * the primary metric's treatments, the verdicts, and the same SRM and sample checks as analyze-bayesian gating them.
 * Pure: reads the record, returns {@code analysisResult}. The numbers are {@link
 * dev.workbench.core.stats.numeric.FrequentistTest}'s and {@link PValueCorrection}'s.
 */
public final class FrequentistAnalysis {
    private FrequentistAnalysis() {}

    /**
     * How to test.
     *
     * @param alpha            the significance level, 0 &lt; alpha &lt; 0.5 (at least 1e-300; default 0.05)
     * @param sequential       use asymptotic confidence sequences (safe to look at every day)
     * @param sequentialTuning N*, 1 ≤ N* ≤ 1e12, the total units of the two arms compared at which the sequence is tightest
     *                         (default 5,000; set it to the sample size at which you expect to decide)
     * @param correction       across the primary metric's treatments (default none)
     */
    public record Options(double alpha, boolean sequential, double sequentialTuning, PValueCorrection correction) {
        public static final double DEFAULT_ALPHA = 0.05;
        public static final double DEFAULT_TUNING = 5000;
        /** Below this, α/2 leaves double precision and the interval's quantile would be infinite. */
        static final double MIN_ALPHA = 1e-300;
        /** Beyond this ρ is so small that the half-width's terms leave double precision. */
        static final double MAX_TUNING = 1e12;

        public Options {
            if (!(alpha >= MIN_ALPHA && alpha < 0.5)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "alpha: must be a number 0 < alpha < 0.5 (at least 1e-300; default 0.05), got " + alpha);
            }
            if (!(sequentialTuning >= 1.0 && sequentialTuning <= MAX_TUNING)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "sequentialTuning: must be a number of units 1 ≤ N* ≤ 1e12 (default 5000), got "
                                + sequentialTuning);
            }
            Objects.requireNonNull(correction, "correction");
        }

        /** alpha 0.05, fixed horizon, N* 5,000, no correction. */
        public static Options defaults() {
            return new Options(DEFAULT_ALPHA, false, DEFAULT_TUNING, PValueCorrection.NONE);
        }

        /**
         * From a caller's optional values (null: the default); {@code correction} by its wire name.
         *
         * @throws WorkbenchException {@code INVALID_INPUT} naming the field
         */
        public static Options of(Double alpha, Boolean sequential, Double sequentialTuning, String correction) {
            PValueCorrection c = correction == null ? PValueCorrection.NONE : PValueCorrection.byName(correction);
            if (c == null) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "correction: must be 'none', 'holm' or 'benjamini-hochberg', got '" + correction + "'");
            }
            return new Options(
                    alpha == null ? DEFAULT_ALPHA : alpha,
                    Boolean.TRUE.equals(sequential),
                    sequentialTuning == null ? DEFAULT_TUNING : sequentialTuning,
                    c);
        }
    }

    /**
     * @param experiment the experiment record's fields as JSON (as for analyze-bayesian; the prior fields are ignored)
     * @param computedAt the instant written as {@code computed_at}
     * @return {@code analysisResult}; never contains NaN or Infinity
     * @throws WorkbenchException when the whole call fails, with the codes of analyze-bayesian (but
     *                            {@code INVALID_PRIOR})
     */
    public static FrequentistResult analyze(JsonNode experiment, Options options, Instant computedAt) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(computedAt, "computedAt");
        ExperimentSpec spec = ExperimentSpec.parse(experiment, false);
        if (spec.treatments().isEmpty()) {
            throw new WorkbenchException(
                    ErrorCode.NO_TREATMENT,
                    "treatmentVariants: an analysis compares at least one treatment with the control '" + spec.control()
                            + "'; add one with upsert-experiment");
        }
        List<String> variants = spec.variants();
        int treatments = spec.treatments().size();
        Metric primaryData = MetricData.read(spec.inputData(), spec.primaryEvent(), variants, "primary metric");
        List<Metric> guardrailData = new ArrayList<>(spec.guardrails().size());
        for (String event : spec.guardrails()) {
            guardrailData.add(MetricData.read(spec.inputData(), event, variants, "guardrail"));
        }
        FrequentistMetric primary = FrequentistMetric.of(primaryData, treatments, options, false);
        List<FrequentistMetric> guardrails = new ArrayList<>(guardrailData.size());
        for (Metric metric : guardrailData) {
            guardrails.add(FrequentistMetric.of(metric, treatments, options, true));
        }
        SampleRatioCheck srm =
                SampleRatioCheck.of(variants, BayesianAnalysis.units(primaryData), spec.trafficWeights());
        return FrequentistReport.write(spec, options, primary, guardrails, srm, computedAt);
    }
}
