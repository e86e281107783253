package dev.workbench.core.stats;

import static dev.workbench.core.stats.numeric.Decimals.finite;
import static dev.workbench.core.stats.numeric.Decimals.rounded;

import dev.workbench.core.stats.numeric.EffectSummary;
import dev.workbench.core.stats.numeric.Moments;
import dev.workbench.core.stats.report.BayesianResult;
import dev.workbench.core.stats.report.BayesianResult.GuardrailComparison;
import dev.workbench.core.stats.report.BayesianResult.MetricSection;
import dev.workbench.core.stats.report.BayesianResult.PrimaryComparison;
import dev.workbench.core.stats.report.BayesianResult.Row;
import dev.workbench.core.stats.report.BayesianResult.VariantMoments;
import dev.workbench.core.stats.report.Srm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link BayesianResult} of analyze-bayesian from the analysed metrics. A metric section's
 * {@code verdict} is gated by the checks ({@code do not interpret: <reasons>} when one failed); {@code raw_verdict}
 * is what the numbers alone say. Every number passes {@link dev.workbench.core.stats.numeric.Decimals} on its way in,
 * named by its key, so a NaN is an {@code INTERNAL} fault here and never a value in a result.
 */
final class BayesianReport {
    private BayesianReport() {}

    static BayesianResult write(
            ExperimentSpec spec,
            MetricAnalysis primary,
            List<MetricAnalysis> guardrails,
            SampleRatioCheck srm,
            Instant computedAt) {
        boolean sampleOk = sampleOk(spec, primary.metric());
        Checks checks = new Checks(srm.ok(), sampleOk && srm.computed());
        MetricSection<PrimaryComparison> primarySection = section(primary, checks, BayesianReport::primary);
        List<MetricSection<GuardrailComparison>> guardrailSections = new ArrayList<>(guardrails.size());
        for (MetricAnalysis guardrail : guardrails) {
            guardrailSections.add(section(guardrail, checks, BayesianReport::guardrail));
        }
        return new BayesianResult(
                BayesianResult.TYPE,
                spec.slug(),
                computedAt.toString(),
                new BayesianResult.Window(spec.windowStart(), spec.windowEnd()),
                spec.control(),
                spec.treatments(),
                spec.prior().label(),
                srm(srm),
                primarySection,
                guardrailSections,
                sampleCheck(spec, primary.metric(), sampleOk),
                checks.toResult(),
                null);
    }

    /** {@code srm}; the p-value rounded to 4 dp as in the legacy format; ok is null when the test was not computed. */
    static Srm srm(SampleRatioCheck srm) {
        return new Srm(
                srm.computed(),
                srm.pValue() == null ? null : rounded(srm.pValue(), 4, "chi2_p_value"),
                srm.computed() ? srm.ok() : null,
                srm.observed());
    }

    /** How one comparison is written in a section of its kind. */
    private interface ComparisonWriter<C> {
        C write(Comparison comparison, Effect effect, MetricAnalysis analysis);
    }

    private static <C> MetricSection<C> section(MetricAnalysis analysis, Checks checks, ComparisonWriter<C> writer) {
        Metric metric = analysis.metric();
        List<Row> rows = new ArrayList<>(metric.variants().size());
        rows.add(row(metric, 0, null, analysis.guardrail()));
        for (int i = 0; i < analysis.comparisons().size(); i++) {
            rows.add(row(metric, i + 1, analysis.comparisons().get(i), analysis.guardrail()));
        }
        Map<String, VariantMoments> moments = new LinkedHashMap<>();
        for (int i = 0; i < metric.variants().size(); i++) {
            Moments m = metric.moments().get(i);
            moments.put(
                    metric.variants().get(i).variant(),
                    new VariantMoments(m.n(), finite(m.mean(), "mean"), finite(m.variance(), "variance")));
        }
        List<C> comparisons = new ArrayList<>(analysis.comparisons().size());
        for (Comparison c : analysis.comparisons()) {
            comparisons.add(writer.write(c, Effect.of(c), analysis));
        }
        return new MetricSection<>(
                metric.event(),
                metric.kind().label(),
                metric.inverse(),
                rows,
                Verdicts.gated(analysis.verdict(), checks),
                analysis.verdict(),
                moments,
                comparisons);
    }

    private static Row row(Metric metric, int index, Comparison comparison, boolean guardrail) {
        VariantBasics b = VariantBasics.of(metric, index);
        if (comparison == null || !comparison.succeeded()) {
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
                    null,
                    null,
                    null,
                    null);
        }
        EffectSummary s = comparison.summary();
        return new Row(
                b.variant(),
                b.n(),
                b.isControl(),
                b.conversions(),
                b.rate(),
                b.mean(),
                b.numeratorMean(),
                b.denominatorMean(),
                rounded(comparison.posterior().mean(), 6, "rel_delta"),
                rounded(comparison.lift().relative(), 6, "rel_delta_observed"),
                rounded(s.ciLower(), 6, "ci_lower"),
                rounded(s.ciUpper(), 6, "ci_upper"),
                rounded(s.riskCtrl(), 6, "risk_ctrl"),
                rounded(s.riskTrt(), 6, "risk_trt"),
                guardrail ? null : rounded(s.chanceToWin(), 4, "p_win"),
                guardrail ? rounded(s.chanceToLose(), 4, "p_harm") : null,
                VariantBasics.reduction(comparison.varianceReduction()));
    }

    private static PrimaryComparison primary(Comparison c, Effect e, MetricAnalysis analysis) {
        return new PrimaryComparison(
                c.variant(),
                e.error,
                e.relativeChange,
                e.observedRelativeChange,
                e.seRel,
                e.absoluteChange,
                e.ciLower,
                e.ciUpper,
                e.chanceToWin,
                e.riskCtrl,
                e.riskTrt,
                c.priorApplied(),
                finite(analysis.threshold(), "win_threshold"),
                c.succeeded() && c.summary().chanceToWin() >= analysis.threshold(),
                varianceReduction(c));
    }

    private static GuardrailComparison guardrail(Comparison c, Effect e, MetricAnalysis analysis) {
        return new GuardrailComparison(
                c.variant(),
                e.error,
                e.relativeChange,
                e.observedRelativeChange,
                e.seRel,
                e.absoluteChange,
                e.ciLower,
                e.ciUpper,
                e.chanceToWin,
                e.riskCtrl,
                e.riskTrt,
                c.priorApplied(),
                c.succeeded() ? finite(c.summary().chanceToLose(), "p_harm") : null,
                varianceReduction(c));
    }

    private static Double varianceReduction(Comparison c) {
        return c.varianceReduction() == null ? null : finite(c.varianceReduction(), "variance_reduction");
    }

    /** The numbers both kinds of comparison share, unrounded; all null (and the error named) when it failed. */
    private record Effect(
            String error,
            Double relativeChange,
            Double observedRelativeChange,
            Double seRel,
            Double absoluteChange,
            Double ciLower,
            Double ciUpper,
            Double chanceToWin,
            Double riskCtrl,
            Double riskTrt) {
        static Effect of(Comparison c) {
            if (!c.succeeded()) {
                return new Effect(c.failure().name(), null, null, null, null, null, null, null, null, null);
            }
            EffectSummary s = c.summary();
            return new Effect(
                    null,
                    finite(c.posterior().mean(), "relative_change"),
                    finite(c.lift().relative(), "observed_relative_change"),
                    finite(c.posterior().sd(), "se_rel"),
                    finite(c.lift().absolute(), "absolute_change"),
                    finite(s.ciLower(), "ci_lower"),
                    finite(s.ciUpper(), "ci_upper"),
                    finite(s.chanceToWin(), "chance_to_win"),
                    finite(s.riskCtrl(), "risk_ctrl"),
                    finite(s.riskTrt(), "risk_trt"));
        }
    }

    /** Every variant of the primary metric has at least {@code minimumSample} units. */
    static boolean sampleOk(ExperimentSpec spec, Metric primary) {
        boolean ok = true;
        for (VariantStats s : primary.variants()) {
            ok &= s.n() >= spec.minimumSample();
        }
        return ok;
    }

    static BayesianResult.SampleCheck sampleCheck(ExperimentSpec spec, Metric primary, boolean ok) {
        Map<String, Long> variants = new LinkedHashMap<>();
        for (VariantStats s : primary.variants()) {
            variants.put(s.variant(), s.n());
        }
        return new BayesianResult.SampleCheck(spec.minimumSample(), ok, variants);
    }
}
