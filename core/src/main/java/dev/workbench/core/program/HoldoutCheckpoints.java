package dev.workbench.core.program;

import dev.workbench.core.experiment.Contract;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.experiment.Holdout;
import dev.workbench.core.experiment.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint experiments of a holdout plan, as pure functions: their names (the seed's
 * {@code analysis-holdout.md}: "Use slugs: {@code <original-slug>-holdout-30d, -60d, -90d}"), the day each falls due,
 * and the fields each is created with. The seed's record of a checkpoint "is identical to the original except for
 * {@code observationStart} / {@code observationEnd}"; here it compares only the shipped treatment with the control,
 * split as the holdout splits the traffic, with no prior (it measures the launch afresh).
 */
public final class HoldoutCheckpoints {
    private HoldoutCheckpoints() {}

    /** The slug of {@code parent}'s checkpoint at {@code day}: {@code <parent>-holdout-<day>d}. */
    public static String slug(String parent, int day) {
        return parent + "-holdout-" + day + "d";
    }

    /** {@code launchedAt + day}, {@code yyyy-mm-dd}: the checkpoint's observation end, when its check is due. */
    public static String dueOn(String launchedAt, int day) {
        return LocalDate.parse(launchedAt).plusDays(day).toString();
    }

    /** The split a holdout runs: {@code percentage} % on the control, the rest on the shipped treatment. */
    public static Map<String, Double> weights(String control, Holdout plan) {
        BigDecimal held = BigDecimal.valueOf(plan.percentage()).movePointLeft(2);
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put(control, held.doubleValue());
        weights.put(plan.shippedVariant(), BigDecimal.ONE.subtract(held).doubleValue());
        return weights;
    }

    /** What the checkpoint checks, in one sentence a reader of the record alone can follow. */
    public static String hypothesis(Experiment parent, Holdout plan, int day) {
        Contract c = parent.contract();
        return "Holdout check of " + parent.slug() + ", day " + day + " after its launch on " + plan.launchedAt()
                + ": the shipped " + plan.shippedVariant() + " is still better than " + c.controlVariant()
                + " (the " + percent(plan.percentage()) + " % held back) on " + c.primaryMetricEvent()
                + ", as it was when " + parent.slug() + " was decided.";
    }

    /**
     * The fields a checkpoint is created with and kept at while it is a draft: everything but its place in the
     * program ({@code holdoutDay}, which only {@code Experiments.amend} writes).
     */
    public static ExperimentPatch patch(Experiment parent, String claim, Holdout plan, int day) {
        Contract c = parent.contract();
        return new ExperimentPatch(
                slug(parent.slug(), day),
                null,
                hypothesis(parent, plan, day),
                Method.BAYESIAN_AB,
                c.primaryMetricEvent(),
                c.guardrailEvents(),
                c.controlVariant(),
                List.of(plan.shippedVariant()),
                weights(c.controlVariant(), plan),
                null,
                null,
                plan.launchedAt(),
                dueOn(plan.launchedAt(), day),
                null,
                null,
                null,
                c.assignment(),
                c.metricDefinitions(),
                null,
                null,
                null,
                null,
                null,
                claim,
                parent.slug(),
                null);
    }

    /**
     * What makes a stored plan unusable (a hand edit: a day that is no date, a missing field), or null: every reader
     * checks it first, so a damaged plan is named, never a crash.
     */
    public static String problem(Holdout plan) {
        if (plan.launchedAt() == null) {
            return "holdout.launchedAt is missing";
        }
        try {
            java.time.LocalDate.parse(plan.launchedAt());
        } catch (java.time.format.DateTimeParseException e) {
            return "holdout.launchedAt \"" + plan.launchedAt() + "\" is not a yyyy-mm-dd date";
        }
        if (plan.checkAtDays() == null || plan.checkAtDays().isEmpty()) {
            return "holdout.checkAtDays is missing";
        }
        if (plan.shippedVariant() == null) {
            return "holdout.shippedVariant is missing";
        }
        return null;
    }

    /** {@code 5.0} as {@code 5}, {@code 2.5} as {@code 2.5}. */
    static String percent(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
