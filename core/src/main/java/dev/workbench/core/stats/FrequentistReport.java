package dev.workbench.core.stats;

import static dev.workbench.core.stats.numeric.Decimals.finite;
import static dev.workbench.core.stats.numeric.Decimals.rounded;

import dev.workbench.core.stats.numeric.Moments;
import dev.workbench.core.stats.report.BayesianResult;
import dev.workbench.core.stats.report.FrequentistResult;
import dev.workbench.core.stats.report.FrequentistResult.Comparison;
import dev.workbench.core.stats.report.FrequentistResult.MetricSection;
import dev.workbench.core.stats.report.FrequentistResult.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link FrequentistResult} of analyze-frequentist from the tested metrics, with the checks of
 * analyze-bayesian gating every section's verdict ({@code do not interpret: <reasons>} when one failed). Every number
 * passes {@link dev.workbench.core.stats.numeric.Decimals}, so a NaN is an {@code INTERNAL} fault and never a value.
 */
final class FrequentistReport {
    private FrequentistReport() {}

    static FrequentistResult write(
            ExperimentSpec spec,
            FrequentistAnalysis.Options options,
            FrequentistMetric primary,
            List<FrequentistMetric> guardrails,
            SampleRatioCheck srm,
            Instant computedAt) {
        boolean sampleOk = BayesianReport.sampleOk(spec, primary.metric());
        Checks checks = new Checks(srm.ok(), sampleOk && srm.computed());
        List<MetricSection> guardrailSections = new ArrayList<>(guardrails.size());
        for (FrequentistMetric guardrail : guardrails) {
            guardrailSections.add(section(guardrail, checks, options));
        }
        return new FrequentistResult(
                FrequentistResult.TYPE,
                spec.slug(),
                computedAt.toString(),
                new BayesianResult.Window(spec.windowStart(), spec.windowEnd()),
                spec.control(),
                spec.treatments(),
                new FrequentistResult.Settings(
                        options.alpha(),
                        options.sequential(),
                        options.sequentialTuning(),
                        options.correction().wireName()),
                BayesianReport.srm(srm),
                section(primary, checks, options),
                guardrailSections,
                BayesianReport.sampleCheck(spec, primary.metric(), sampleOk),
                checks.toResult(),
                null);
    }

    private static MetricSection section(FrequentistMetric analysis, Checks checks, FrequentistAnalysis.Options o) {
        Metric metric = analysis.metric();
        List<Row> rows = new ArrayList<>(metric.variants().size());
        rows.add(row(metric, 0, null));
        for (int i = 0; i < analysis.comparisons().size(); i++) {
            rows.add(row(metric, i + 1, analysis.comparisons().get(i)));
        }
        Map<String, BayesianResult.VariantMoments> moments = new LinkedHashMap<>();
        for (int i = 0; i < metric.variants().size(); i++) {
            Moments m = metric.moments().get(i);
            moments.put(
                    metric.variants().get(i).variant(),
                    new BayesianResult.VariantMoments(
                            m.n(), finite(m.mean(), "mean"), finite(m.variance(), "variance")));
        }
        List<Comparison> comparisons = new ArrayList<>(analysis.comparisons().size());
        for (FrequentistComparison c : analysis.comparisons()) {
            comparisons.add(comparison(c, o));
        }
        return new MetricSection(
                metric.event(),
                metric.kind().label(),
                metric.inverse(),
                rows,
                Verdicts.gated(analysis.verdict(), checks),
                analysis.verdict(),
                moments,
                comparisons);
    }

    private static Row row(Metric metric, int index, FrequentistComparison c) {
        VariantBasics b = VariantBasics.of(metric, index);
        if (c == null || !c.succeeded()) {
            return new Row(
                    b.variant(),
                    b.n(),
                    b.isControl(),
                    b.conversions(),
                    b.rate(),
                    b.mean(),
                    b.numeratorMean(),
                    b.denominatorMean(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        return new Row(
                b.variant(),
                b.n(),
                b.isControl(),
                b.conversions(),
                b.rate(),
                b.mean(),
                b.numeratorMean(),
                b.denominatorMean(),
                rounded(c.lift().relative(), 6, "rel_delta"),
                rounded(c.test().lower(), 6, "ci_lower"),
                rounded(c.test().upper(), 6, "ci_upper"),
                rounded(c.test().pValue(), 4, "p_value"),
                c.pValueAdjusted() == null ? null : rounded(c.pValueAdjusted(), 4, "p_value_adjusted"),
                VariantBasics.reduction(c.varianceReduction()));
    }

    private static Comparison comparison(FrequentistComparison c, FrequentistAnalysis.Options o) {
        if (!c.succeeded()) {
            return new Comparison(
                    c.variant(),
                    c.failure().name(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    o.alpha(),
                    o.sequential(),
                    false,
                    null);
        }
        return new Comparison(
                c.variant(),
                null,
                finite(c.lift().relative(), "relative_change"),
                finite(c.lift().standardError(), "se_rel"),
                finite(c.lift().absolute(), "absolute_change"),
                finite(c.test().pValue(), "p_value"),
                c.pValueAdjusted() == null ? null : finite(c.pValueAdjusted(), "p_value_adjusted"),
                finite(c.test().lower(), "ci_lower"),
                finite(c.test().upper(), "ci_upper"),
                o.alpha(),
                o.sequential(),
                c.significant(),
                c.varianceReduction() == null ? null : finite(c.varianceReduction(), "variance_reduction"));
    }
}
