package dev.workbench.core.stats.plan;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.stats.numeric.SampleSize;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code plan-sample-size}: the seed's fallback chain for {@code minimumSample}, with a power calculation where the
 * seed had only its conversion floor. Step 1, a baseline: the z-test sample size of {@link SampleSize} (GrowthBook's
 * power calculator), fixed or sequential, and for a proportion at least the seed's ⌈30/p⌉. Step 2, no baseline but
 * a metric type: the seed's table ({@link SeedSizing.MetricType}). Step 3: the seed's default of 1,000, which
 * assumes a ~3% baseline. The answer names the step, its assumptions and formula, and writes the line to keep as
 * the experiment's {@code minimumSampleBasis}.
 *
 * <p>Several treatments: each is compared with the control at the same n, so per-variant units do not depend on
 * the arms; with {@code correction} holm or benjamini-hochberg the plan uses α/(arms − 1), the Bonferroni level,
 * which is Holm's first step and at least as strict as Benjamini–Hochberg's, so the plan is conservative for both.
 */
public final class SamplePlanner {
    private SamplePlanner() {}

    public static SamplePlan plan(SamplePlanRequest r) {
        if (r.baseline() != null) {
            return fromBaseline(r);
        }
        List<String> assumptions = new ArrayList<>();
        if (r.mde() != null || r.alpha() != null || r.power() != null || r.isSequential()) {
            assumptions.add("not a power calculation: mde, alpha, power and sequential do not enter this step");
        }
        assumptions.add("measure the control for a few days (units n, conversions k) and plan again with "
                + "baseline.rate = k/n: that replaces this number");
        SeedSizing.MetricType type = r.metricType();
        if (type != null) {
            assumptions.add(
                    0,
                    "no baseline: the seed's metric-type table, row \"" + type.label()
                            + "\" (typical baseline " + type.typicalBaseline() + "), suggests "
                            + count(type.perVariant())
                            + " per variant");
            return fallback(
                    r,
                    type.perVariant(),
                    SamplePlan.METRIC_TYPE_TABLE,
                    assumptions,
                    "the seed's suggested floor for the metric type (FeatBit, featbit-release-decision-agent "
                            + "skills/experiment-workspace/SKILL.md, fallback chain step 2)",
                    "seed's metric-type table, no baseline: " + type.wireName() + " (" + type.label()
                            + ", typical baseline " + type.typicalBaseline() + ")");
        }
        assumptions.add(
                0,
                "no baseline and no metricType: the seed's conservative default of 1,000 per variant, "
                        + "which assumes a baseline near 3% (30 conversions per variant)");
        return fallback(
                r,
                SeedSizing.DEFAULT_PER_VARIANT,
                SamplePlan.DEFAULT,
                assumptions,
                "the seed's default (FeatBit, featbit-release-decision-agent skills/experiment-workspace/SKILL.md, "
                        + "fallback chain step 5)",
                "seed's default, no baseline and no metric type: assumes a ~3% baseline");
    }

    private static SamplePlan fallback(
            SamplePlanRequest r, long perVariant, String step, List<String> assumptions, String formula, String why) {
        long total = perVariant * r.armsOrDefault();
        Long days = days(r, total);
        if (days != null) {
            assumptions.add(dailyNote(r, days));
        }
        String line = "plan-sample-size (" + why + ") → " + count(perVariant) + " per variant, " + r.armsOrDefault()
                + " arms; to be replaced by a power calculation once the baseline is measured";
        return new SamplePlan(perVariant, total, days, false, new SamplePlan.Basis(step, assumptions, formula), line);
    }

    private static SamplePlan fromBaseline(SamplePlanRequest r) {
        SamplePlanRequest.Baseline b = r.baseline();
        int arms = r.armsOrDefault();
        int treatments = arms - 1;
        boolean corrected = r.correctionOrDefault() != SamplePlanRequest.Correction.NONE && treatments > 1;
        double alpha = corrected ? r.alphaOrDefault() / treatments : r.alphaOrDefault();
        double mean = b.isRate() ? b.rate() : b.mean();
        double variance = b.isRate() ? b.rate() * (1.0 - b.rate()) : b.stddev() * b.stddev();
        long fixed;
        long powered;
        try {
            SampleSize.Design design = new SampleSize.Design(mean, variance, r.mde(), alpha, r.powerOrDefault());
            fixed = SampleSize.fixed(design);
            powered = r.isSequential() ? SampleSize.sequential(design, r.tuningOrDefault()) : fixed;
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, e.getMessage(), e);
        }
        long floor = b.isRate() ? SeedSizing.conversionFloor(b.rate()) : 0;
        long perVariant = Math.max(powered, floor);
        boolean floorApplied = floor > powered;
        long total = perVariant * arms;
        Long days = days(r, total);

        List<String> assumptions = new ArrayList<>();
        assumptions.add("equal allocation: " + arms + " variants of " + count(perVariant)
                + " units; each treatment is compared with the control");
        assumptions.add(
                b.isRate()
                        ? "both arms have the baseline's per-unit variance p(1−p) = " + num(variance)
                                + " (GrowthBook's assumption); the treatment's rate is p(1+mde) = "
                                + num(mean * (1 + r.mde()))
                        : "both arms have the standard deviation " + num(b.stddev())
                                + "; the treatment's mean is mean(1+mde) = " + num(mean * (1 + r.mde())));
        assumptions.add("two-sided test at alpha " + num(r.alphaOrDefault()) + ", power " + num(r.powerOrDefault()));
        if (corrected) {
            assumptions.add(correctionName(r) + " across " + treatments + " treatments: planned at alpha/" + treatments
                    + " = " + num(alpha) + " (Bonferroni: Holm's first step, conservative for both)");
        } else if (treatments > 1) {
            assumptions.add("no correction across the " + treatments + " treatments: each comparison has false-positive"
                    + " rate alpha; pass correction (holm or benjamini-hochberg) to plan for one");
        }
        assumptions.add(
                r.isSequential()
                        ? "sequential testing, N* = " + count(r.tuningOrDefault()) + " units of the two arms compared: "
                                + count(powered) + " per variant instead of " + count(fixed)
                                + " at a fixed horizon, so the result may be looked at every day"
                        : "fixed horizon: read the result once, at " + count(perVariant)
                                + " per variant (sequential: true sizes for looking every day)");
        if (b.isRate()) {
            assumptions.add("the seed's floor ⌈30/p⌉ = " + count(floor) + " (30 conversions per variant) "
                    + (floorApplied ? "applied: the power calculation gave " + count(powered) : "not binding"));
        }
        if (days != null) {
            assumptions.add(dailyNote(r, days));
        }
        String line = "plan-sample-size (power calculation): " + baselineText(b) + ", mde +" + percent(r.mde())
                + " relative, alpha " + num(r.alphaOrDefault())
                + (corrected ? " (" + correctionName(r) + ": " + num(alpha) + " per comparison)" : "")
                + ", power " + num(r.powerOrDefault()) + ", " + arms + " arms, "
                + (r.isSequential() ? "sequential (N* " + count(r.tuningOrDefault()) + ")" : "fixed horizon") + " → "
                + count(perVariant) + " per variant"
                + (b.isRate()
                        ? floorApplied
                                ? " (the seed's floor ⌈30/p⌉; the z-test needs " + count(powered) + ")"
                                : " (two-sided z-test on the relative lift; floor ⌈30/p⌉ = " + count(floor) + ")"
                        : " (two-sided z-test on the relative lift)");
        return new SamplePlan(
                perVariant,
                total,
                days,
                floorApplied,
                new SamplePlan.Basis(SamplePlan.BASELINE, assumptions, formula(r)),
                line);
    }

    private static String formula(SamplePlanRequest r) {
        boolean rate = r.baseline().isRate();
        String v = rate ? "p(1−p)" : "stddev²";
        String m = rate ? "p" : "mean";
        String text = "n = (z_{1−α/2} + z_power)² · " + v + "·(1 + (1+mde)²) / (" + m
                + "·mde)²: two-sided z-test on the relative lift, delta-method variance (GrowthBook "
                + "packages/shared/src/power/power.ts, powerStandardError)";
        if (r.isSequential()) {
            text += "; sequential: the smallest n with mde/SE ≥ (z_{1−α/2} + z_power)·z_seq(2n)/z_{1−α/2}, z_seq the "
                    + "confidence sequence's half-width in standard errors (sequentialPowerStandardError), at least the"
                    + " fixed n";
        }
        return rate ? text + "; then max(n, ⌈30/p⌉), the seed's floor" : text;
    }

    private static Long days(SamplePlanRequest r, long total) {
        return r.dailyUnits() == null ? null : -Math.floorDiv(-total, r.dailyUnits());
    }

    private static String dailyNote(SamplePlanRequest r, long days) {
        return count(r.dailyUnits()) + " units a day across all arms: " + days + (days == 1 ? " day" : " days");
    }

    private static String baselineText(SamplePlanRequest.Baseline b) {
        return b.isRate() ? "rate " + num(b.rate()) : "mean " + num(b.mean()) + ", stddev " + num(b.stddev());
    }

    private static String correctionName(SamplePlanRequest r) {
        return r.correctionOrDefault() == SamplePlanRequest.Correction.HOLM ? "holm" : "benjamini-hochberg";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The decimal a person would write: 0.05, not 0.05000000000000000277. */
    private static String num(double x) {
        BigDecimal d = new BigDecimal(Double.toString(x)).round(new MathContext(6));
        return d.stripTrailingZeros().toPlainString();
    }

    private static String percent(double mde) {
        return BigDecimal.valueOf(mde).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
