package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.stats.report.BayesianResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * analyze-bayesian (CONTRACT §6): every treatment against the control on the primary metric and the guardrails,
 * with relative lifts by the delta method, an optional normal prior, chance to win, 95% interval, expected losses,
 * verdicts, the SRM check and the sample check. Pure: reads the record, returns {@code analysisResult}.
 */
public final class BayesianAnalysis {
    private BayesianAnalysis() {}

    /**
     * @param experiment the experiment record's fields as JSON (controlVariant, treatmentVariants, primaryMetricEvent,
     *                   guardrailEvents, trafficWeights, minimumSample, observationStart, observationEnd,
     *                   priorProper, priorMean, priorStddev, inputData, slug)
     * @param computedAt the instant written as {@code computed_at}
     * @return {@code analysisResult}, whose JSON is the contract's format; never contains NaN or Infinity
     * @throws WorkbenchException when the whole call fails: {@code NO_TREATMENT}, {@code MISSING_METRIC},
     *                            {@code MISSING_VARIANT_DATA}, {@code INVALID_METRIC_SHAPE}, {@code INVALID_COUNTS},
     *                            {@code NON_FINITE_INPUT}, {@code NEGATIVE_VARIANCE}, {@code INVALID_PRIOR},
     *                            {@code INVALID_INPUT} (a malformed record field)
     */
    public static BayesianResult analyze(JsonNode experiment, Instant computedAt) {
        Objects.requireNonNull(computedAt, "computedAt");
        ExperimentSpec spec = ExperimentSpec.parse(experiment, true);
        if (spec.treatments().isEmpty()) {
            throw new WorkbenchException(
                    ErrorCode.NO_TREATMENT,
                    "treatmentVariants: an analysis compares at least one treatment with the control '" + spec.control()
                            + "'; add one with upsert-experiment");
        }
        List<String> variants = spec.variants();
        Metric primaryData = MetricData.read(spec.inputData(), spec.primaryEvent(), variants, "primary metric");
        List<Metric> guardrailData = new ArrayList<>(spec.guardrails().size());
        for (String event : spec.guardrails()) {
            guardrailData.add(MetricData.read(spec.inputData(), event, variants, "guardrail"));
        }
        MetricAnalysis primary = MetricAnalysis.of(primaryData, spec.treatments(), spec.prior(), false);
        List<MetricAnalysis> guardrails = new ArrayList<>(guardrailData.size());
        for (Metric metric : guardrailData) {
            guardrails.add(MetricAnalysis.of(metric, spec.treatments(), spec.prior(), true));
        }
        SampleRatioCheck srm = SampleRatioCheck.of(variants, units(primaryData), spec.trafficWeights());
        return BayesianReport.write(spec, primary, guardrails, srm, computedAt);
    }

    static long[] units(Metric metric) {
        long[] units = new long[metric.variants().size()];
        for (int i = 0; i < units.length; i++) {
            units[i] = metric.variants().get(i).n();
        }
        return units;
    }
}
