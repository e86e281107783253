package dev.workbench.core.program;

import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Contract;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.stats.ObservedMetric;
import dev.workbench.core.stats.numeric.Moments;
import dev.workbench.core.stats.plan.SamplePlan;
import dev.workbench.core.stats.plan.SamplePlanRequest;
import dev.workbench.core.stats.plan.SamplePlanner;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * A follow-up's {@code minimumSample}, planned from what its parent observed, through the same planner as
 * {@code plan-sample-size} ({@link SamplePlanner}): the baseline is the parent's control on the primary metric, as its
 * {@code inputData} holds it (a proportion's rate k/n; otherwise its mean and standard deviation per unit, a ratio
 * metric's by the delta method), and the effect to detect is the size of the parent's observed relative lift, to
 * four significant digits, for the treatment the prior was read from (else the one whose lift is best in the
 * metric's direction). The parent's lift is used, not a project-wide MDE (the workbench keeps none): it is what the
 * follow-up sets out to see again. Planned for all of the parent's variants, two-sided at alpha 0.05, power 0.8, fixed
 * horizon (the planner's defaults). When it cannot be planned (no data, a rate of 0 or 1, no lift) nothing is set,
 * and {@code why} says so: {@code plan-sample-size} answers then.
 *
 * @param minimumSample      units per variant, or null
 * @param minimumSampleBasis the line kept on the record beside it, or null
 * @param baseline           the parent's control as planned from, or null
 * @param effect             the relative lift planned for, or null
 * @param why                how it was reached, or why there is none
 */
public record FollowUpSample(
        Long minimumSample, String minimumSampleBasis, Baseline baseline, Double effect, String why) {

    /**
     * The parent's control as the plan read it: {@code rate} for a proportion, else {@code mean} and {@code stddev}.
     */
    public record Baseline(Double rate, Double mean, Double stddev) {}

    /** The follow-up's sample for {@code parent}, reading the lift of {@code treatment} when it is not null. */
    static FollowUpSample of(Experiment parent, String treatment) {
        Contract c = parent.contract();
        if (c.primaryMetricEvent() == null || c.controlVariant() == null || c.treatmentVariants() == null) {
            return none("\"" + parent.slug() + "\" names no primary metric, control and treatments");
        }
        if (parent.inputData() == null || parent.inputData().isNull()) {
            return none("\"" + parent.slug() + "\" has no inputData to read a baseline from");
        }
        List<String> variants = c.variants();
        ObservedMetric metric;
        try {
            metric = ObservedMetric.read(parent.inputData(), c.primaryMetricEvent(), variants);
        } catch (WorkbenchException e) {
            return none("the data of \"" + parent.slug() + "\" cannot be read: " + e.getMessage());
        }
        Moments control = metric.moments().get(c.controlVariant());
        if (control.mean() == 0.0) {
            return none("the control of \"" + parent.slug() + "\" has a mean of 0: a relative lift has no base");
        }
        String chosen =
                treatment != null && c.treatmentVariants().contains(treatment) ? treatment : bestObserved(metric, c);
        double lift = metric.moments().get(chosen).mean() / control.mean() - 1.0;
        double effect = Math.abs(lift) == 0.0
                ? 0.0
                : new BigDecimal(Math.abs(lift)).round(new MathContext(4)).doubleValue();
        if (!(effect > 0.0) || !Double.isFinite(effect)) {
            return none("\"" + chosen + "\" of \"" + parent.slug() + "\" shows no lift over the control: there is no"
                    + " observed effect to size for; plan-sample-size with the lift that matters");
        }
        boolean rate = ObservedMetric.PROPORTION.equals(metric.kind());
        SamplePlan plan;
        SamplePlanRequest.Baseline baseline;
        try {
            baseline = rate
                    ? new SamplePlanRequest.Baseline(control.mean(), null, null)
                    : new SamplePlanRequest.Baseline(null, control.mean(), Math.sqrt(control.variance()));
            plan = SamplePlanner.plan(
                    new SamplePlanRequest(baseline, effect, null, null, variants.size(), null, null, null, null, null));
        } catch (WorkbenchException e) {
            return none("the planner refused the parent's numbers: " + e.getMessage());
        }
        String observed = rate
                ? String.format(Locale.ROOT, "rate %.6g", control.mean())
                : String.format(Locale.ROOT, "mean %.6g, stddev %.6g", control.mean(), Math.sqrt(control.variance()));
        String basis = String.format(
                Locale.ROOT,
                "propose-follow-ups from \"%s\": its control %s observed %s (n %d) on %s; effect to detect its"
                        + " observed lift of %s, %+.2f%% (|lift| %s); %s",
                parent.slug(),
                c.controlVariant(),
                observed,
                control.n(),
                metric.event(),
                chosen,
                lift * 100.0,
                BigDecimal.valueOf(effect).toPlainString(),
                plan.minimumSampleBasis());
        String why = "sized to see the parent's observed lift again, from its control's observed baseline, with the"
                + " planner of plan-sample-size (" + plan.basis().step() + " step); a smaller true lift needs more";
        return new FollowUpSample(
                plan.perVariant(),
                basis,
                new Baseline(baseline.rate(), baseline.mean(), baseline.stddev()),
                effect,
                why);
    }

    /** The treatment whose observed mean is best in the metric's direction (lowest when it is inverse). */
    private static String bestObserved(ObservedMetric metric, Contract c) {
        String best = null;
        for (String t : c.treatmentVariants()) {
            double mean = metric.moments().get(t).mean();
            if (best == null) {
                best = t;
                continue;
            }
            double bestMean = metric.moments().get(best).mean();
            if (metric.inverse() ? mean < bestMean : mean > bestMean) {
                best = t;
            }
        }
        return best;
    }

    private static FollowUpSample none(String why) {
        return new FollowUpSample(null, null, null, null, "no minimumSample: " + why);
    }
}
