package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Writes {@code analysisResult} of analyze-bayesian in the experiment-workspace format, keys in the order CONTRACT §6
 * lists them, then {@code checks}. A metric section's {@code verdict} is gated by the checks ({@code do not interpret:
 * <reasons>} when one failed); {@code raw_verdict} is what the numbers alone say. Rows are rounded for people (rate 6 dp, mean 4 dp, rel_delta/ci/risk 6 dp, p_win/p_harm 4 dp);
 * moments and comparisons are unrounded for programs.
 */
final class BayesianReport {
    private BayesianReport() {
    }

    static ObjectNode write(ExperimentSpec spec, MetricAnalysis primary, List<MetricAnalysis> guardrails,
                            SampleRatioCheck srm, Instant computedAt) {
        boolean sampleOk = sampleOk(spec, primary.metric());
        Checks checks = new Checks(srm.ok(), sampleOk && srm.computed());
        ObjectNode out = JsonOutput.object();
        out.put("type", "bayesian");
        out.put("experiment", spec.slug());
        out.put("computed_at", computedAt.toString());
        ObjectNode window = out.putObject("window");
        window.put("start", spec.windowStart());
        window.put("end", spec.windowEnd());
        out.put("control", spec.control());
        ArrayNode treatments = out.putArray("treatments");
        spec.treatments().forEach(treatments::add);
        out.put("prior", spec.prior().label());
        out.set("srm", srm(srm));
        out.set("primary_metric", metric(primary, checks));
        ArrayNode guards = out.putArray("guardrails");
        guardrails.forEach(g -> guards.add(metric(g, checks)));
        out.set("sample_check", sampleCheck(spec, primary.metric(), sampleOk));
        out.set("checks", checks.toJson());
        return out;
    }

    /**
     * {@code srm {computed, chi2_p_value, ok, observed}}; the p-value rounded to 4 dp as in the legacy format; ok is
     * null when the test was not computed (no units).
     */
    static ObjectNode srm(SampleRatioCheck srm) {
        ObjectNode node = JsonOutput.object();
        node.put("computed", srm.computed());
        if (srm.pValue() == null) {
            node.putNull("chi2_p_value");
        } else {
            JsonOutput.putRounded(node, "chi2_p_value", srm.pValue(), 4);
        }
        if (srm.computed()) {
            node.put("ok", srm.ok());
        } else {
            node.putNull("ok");
        }
        ObjectNode observed = node.putObject("observed");
        srm.observed().forEach(observed::put);
        return node;
    }

    private static ObjectNode metric(MetricAnalysis analysis, Checks checks) {
        Metric metric = analysis.metric();
        ObjectNode node = JsonOutput.object();
        node.put("event", metric.event());
        node.put("metric_type", metric.kind().label());
        node.put("inverse", metric.inverse());
        ArrayNode rows = node.putArray("rows");
        rows.add(row(metric, 0, null, analysis.guardrail()));
        for (int i = 0; i < analysis.comparisons().size(); i++) {
            rows.add(row(metric, i + 1, analysis.comparisons().get(i), analysis.guardrail()));
        }
        node.put("verdict", Verdicts.gated(analysis.verdict(), checks));
        node.put("raw_verdict", analysis.verdict());
        ObjectNode moments = node.putObject("moments");
        for (int i = 0; i < metric.variants().size(); i++) {
            Moments m = metric.moments().get(i);
            ObjectNode entry = moments.putObject(metric.variants().get(i).variant());
            entry.put("n", m.n());
            JsonOutput.put(entry, "mean", m.mean());
            JsonOutput.put(entry, "variance", m.variance());
        }
        ArrayNode comparisons = node.putArray("comparisons");
        for (Comparison c : analysis.comparisons()) {
            comparisons.add(comparison(c, analysis));
        }
        return node;
    }

    private static ObjectNode row(Metric metric, int index, Comparison comparison, boolean guardrail) {
        VariantStats stats = metric.variants().get(index);
        Moments moments = metric.moments().get(index);
        ObjectNode row = JsonOutput.object();
        row.put("variant", stats.variant());
        row.put("n", stats.n());
        row.put("is_control", index == 0);
        if (metric.kind() == MetricKind.PROPORTION) {
            row.put("conversions", stats.k());
            JsonOutput.putRounded(row, "rate", moments.mean(), 6);
        } else {
            JsonOutput.putRounded(row, "mean", moments.mean(), 4);
        }
        if (comparison != null && comparison.succeeded()) {
            EffectSummary s = comparison.summary();
            JsonOutput.putRounded(row, "rel_delta", comparison.posterior().mean(), 6);
            JsonOutput.putRounded(row, "rel_delta_observed", comparison.lift().relative(), 6);
            JsonOutput.putRounded(row, "ci_lower", s.ciLower(), 6);
            JsonOutput.putRounded(row, "ci_upper", s.ciUpper(), 6);
            JsonOutput.putRounded(row, "risk_ctrl", s.riskCtrl(), 6);
            JsonOutput.putRounded(row, "risk_trt", s.riskTrt(), 6);
            if (guardrail) {
                JsonOutput.putRounded(row, "p_harm", s.chanceToLose(), 4);
            } else {
                JsonOutput.putRounded(row, "p_win", s.chanceToWin(), 4);
            }
        }
        return row;
    }

    private static ObjectNode comparison(Comparison c, MetricAnalysis analysis) {
        ObjectNode node = JsonOutput.object();
        node.put("variant", c.variant());
        node.put("error", c.succeeded() ? null : c.failure().name());
        if (c.succeeded()) {
            EffectSummary s = c.summary();
            JsonOutput.put(node, "relative_change", c.posterior().mean());
            JsonOutput.put(node, "observed_relative_change", c.lift().relative());
            JsonOutput.put(node, "se_rel", c.posterior().sd());
            JsonOutput.put(node, "absolute_change", c.lift().absolute());
            JsonOutput.put(node, "ci_lower", s.ciLower());
            JsonOutput.put(node, "ci_upper", s.ciUpper());
            JsonOutput.put(node, "chance_to_win", s.chanceToWin());
            JsonOutput.put(node, "risk_ctrl", s.riskCtrl());
            JsonOutput.put(node, "risk_trt", s.riskTrt());
        } else {
            for (String key : List.of("relative_change", "observed_relative_change", "se_rel", "absolute_change", "ci_lower", "ci_upper",
                    "chance_to_win", "risk_ctrl", "risk_trt")) {
                node.putNull(key);
            }
        }
        node.put("prior_applied", c.priorApplied());
        if (analysis.guardrail()) {
            if (c.succeeded()) {
                JsonOutput.put(node, "p_harm", c.summary().chanceToLose());
            } else {
                node.putNull("p_harm");
            }
        } else {
            JsonOutput.put(node, "win_threshold", analysis.threshold());
            node.put("meets_threshold", c.succeeded() && c.summary().chanceToWin() >= analysis.threshold());
        }
        return node;
    }

    /** Every variant of the primary metric has at least {@code minimumSample} units. */
    private static boolean sampleOk(ExperimentSpec spec, Metric primary) {
        boolean ok = true;
        for (VariantStats s : primary.variants()) {
            ok &= s.n() >= spec.minimumSample();
        }
        return ok;
    }

    private static ObjectNode sampleCheck(ExperimentSpec spec, Metric primary, boolean ok) {
        ObjectNode node = JsonOutput.object();
        node.put("minimum_per_variant", spec.minimumSample());
        ObjectNode variants = JsonOutput.object();
        for (VariantStats s : primary.variants()) {
            variants.put(s.variant(), s.n());
        }
        node.put("ok", ok);
        node.set("variants", variants);
        return node;
    }
}
