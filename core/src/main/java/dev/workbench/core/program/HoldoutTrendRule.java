package dev.workbench.core.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rule that turns a holdout's readings into a {@link HoldoutTrend} (README, "Holdouts"). It compares the effect
 * measured by the latest analysed checkpoint, {@code Lk}, with the effect at the decision, {@code L0}, both as an
 * improvement (the relative lift, negated for a lower-is-better metric):
 *
 * <ul>
 *   <li>no {@code L0}, {@code L0 ≤ 0}, a launched experiment's analysis that failed its checks, or no analysed
 *       checkpoint that passed its checks: {@code inconclusive};</li>
 *   <li>{@code Lk < }{@value #DECAYED_BELOW}{@code ·L0}: {@code decays}, whatever the chance to win;</li>
 *   <li>{@code Lk > }{@value #IMPROVED_ABOVE}{@code ·L0} with chance to win ≥ {@value #CONFIDENT}: {@code improves};</li>
 *   <li>in between, with chance to win ≥ {@value #CONFIDENT}: {@code holds};</li>
 *   <li>otherwise {@code inconclusive}: the effect looks alive but the holdout cannot yet tell it from zero.</li>
 * </ul>
 *
 * Why the effect size and not the chance to win alone: a 5 % holdout puts about a tenth as many units on the control
 * as a 50/50 test of the same traffic, so its interval is wider and its chance to win lower even when the effect is
 * intact (the seed's own "holds" series falls from 97 % to 93 %). The latest checkpoint is the one to read: each
 * checkpoint's window starts at the launch, so the latest holds the most data; a checkpoint whose analysis failed its
 * checks ({@code checks.interpretable} false: an SRM against the holdout's split, too little data) is not read at all,
 * and the reason names it. Decay is called on the lift alone, so
 * the reason also says when {@code L0} is still inside the checkpoint's 95 % interval: a decay the data cannot yet
 * confirm. A trend read off a stale analysis says so.
 */
final class HoldoutTrendRule {
    /**
     * Below this share of the decision's effect, the effect has decayed. Between the seed's series: its "holds" keeps
     * at least 0.85 of the effect at every checkpoint and its "decays" at most 0.5 (day 30: +4 % of +8 %), so that
     * each checkpoint of each series, read as the latest, reads as the seed reads the series.
     */
    static final double DECAYED_BELOW = 0.75;
    /** Above this share of the decision's effect (and confident), the effect has grown. */
    static final double IMPROVED_ABOVE = 1.25;
    /** The chance to win a checkpoint needs before its effect is said to hold or to have grown. */
    static final double CONFIDENT = 0.8;

    private HoldoutTrendRule() {}

    /** A trend and the one sentence that explains it. */
    record Outcome(HoldoutTrend trend, String reason) {}

    /**
     * @param original    the launched experiment's reading, or null
     * @param checkpoints ascending by day
     * @param inverse     whether lower is better on the metric
     */
    static Outcome classify(
            HoldoutReport.Reading original, List<HoldoutReport.Checkpoint> checkpoints, boolean inverse) {
        String effect = inverse ? "improvement (lower is better)" : "lift";
        if (original == null || original.relativeLift() == null) {
            return new Outcome(
                    HoldoutTrend.INCONCLUSIVE,
                    "The launched experiment has no stored analysis with a " + effect
                            + " of the shipped treatment on the primary metric to compare with.");
        }
        double l0 = improvement(original.relativeLift(), inverse);
        String atDecision = percent(l0) + " at the decision" + staleNote(original, "the launched experiment's");
        if (original.failedItsChecks()) {
            return new Outcome(
                    HoldoutTrend.INCONCLUSIVE,
                    "The launched experiment's analysis failed its checks ("
                            + String.join(", ", original.failedChecks())
                            + "), so its " + effect + " of " + percent(l0)
                            + " is no effect to compare with: analyse it again on data that passes them.");
        }
        if (!(l0 > 0)) {
            return new Outcome(
                    HoldoutTrend.INCONCLUSIVE,
                    "The " + effect + " was " + atDecision
                            + ", not above 0: there is no effect for a holdout to confirm.");
        }
        HoldoutReport.Checkpoint latest = null;
        List<HoldoutReport.Checkpoint> failed = new ArrayList<>();
        for (HoldoutReport.Checkpoint c : checkpoints) {
            if (c.reading() != null && c.reading().relativeLift() != null) {
                if (c.reading().failedItsChecks()) {
                    failed.add(c);
                } else {
                    latest = c;
                }
            }
        }
        if (latest == null && !failed.isEmpty()) {
            return new Outcome(
                    HoldoutTrend.INCONCLUSIVE,
                    "Every analysed checkpoint failed its checks (" + failedChecks(failed)
                            + "), so none can be read; the " + effect + " was " + atDecision
                            + ". Find why (an SRM: the data's split is not the holdout's trafficWeights), then analyse"
                            + " again.");
        }
        if (latest == null) {
            return new Outcome(
                    HoldoutTrend.INCONCLUSIVE,
                    "No checkpoint has an analysis yet" + firstDue(checkpoints) + "; the " + effect + " was "
                            + atDecision + ".");
        }
        HoldoutReport.Reading r = latest.reading();
        double lk = improvement(r.relativeLift(), inverse);
        Double chance = r.chanceToWin();
        String reading = "Day " + latest.day() + ": " + effect + " " + percent(lk)
                + (chance == null ? "" : " (chance to win " + share(chance) + ")");
        String stale = staleNote(r, "the day-" + latest.day()) + skipped(failed, latest.day());
        if (lk < DECAYED_BELOW * l0) {
            return new Outcome(
                    HoldoutTrend.DECAYS,
                    reading + ", below " + times(DECAYED_BELOW) + " the " + atDecision + stale
                            + insideInterval(r, l0, inverse, laterCheck(checkpoints, latest.day())));
        }
        if (chance == null) {
            return new Outcome(
                    HoldoutTrend.INCONCLUSIVE,
                    reading + " against " + atDecision + stale
                            + ", but its analysis has no chance to win: analyse the checkpoint with analyze-bayesian.");
        }
        boolean above = lk > IMPROVED_ABOVE * l0;
        String against = above
                ? ", above " + times(IMPROVED_ABOVE) + " the " + atDecision
                : ", within " + times(DECAYED_BELOW) + " to " + times(IMPROVED_ABOVE) + " of the " + atDecision;
        if (chance < CONFIDENT) {
            return new Outcome(
                    HoldoutTrend.INCONCLUSIVE,
                    reading + against + stale + ", but a chance to win below " + share(CONFIDENT)
                            + " cannot yet tell it from no effect (the holdout is small): check again later.");
        }
        return new Outcome(
                above ? HoldoutTrend.IMPROVES : HoldoutTrend.HOLDS,
                reading + against + stale + ", with a chance to win of at least " + share(CONFIDENT) + ".");
    }

    /** The effect as an improvement: the relative lift, negated when lower is better. */
    static double improvement(double relativeLift, boolean inverse) {
        return inverse ? -relativeLift : relativeLift;
    }

    private static String staleNote(HoldoutReport.Reading r, String whose) {
        return Boolean.TRUE.equals(r.stale())
                ? " (" + whose + " analysis is stale: its data changed since; analyse it again)"
                : "";
    }

    /**
     * When the decision's effect is still inside the checkpoint's 95 % interval, the decay is not yet certain: the next
     * planned check may confirm it, or, at the last planned day, no later check will.
     */
    private static String insideInterval(HoldoutReport.Reading r, double l0, boolean inverse, String laterCheck) {
        if (r.ciLower() == null || r.ciUpper() == null) {
            return ".";
        }
        double low = improvement(inverse ? r.ciUpper() : r.ciLower(), inverse);
        double high = improvement(inverse ? r.ciLower() : r.ciUpper(), inverse);
        return l0 >= low && l0 <= high
                ? "; the effect at the decision is still inside this reading's 95 % interval (" + percent(low) + " to "
                        + percent(high) + "): " + laterCheck
                : ", and outside this reading's 95 % interval (" + percent(low) + " to " + percent(high) + ").";
    }

    /** What can confirm a decay read on {@code day}: the next planned check, or none when it is the last planned. */
    private static String laterCheck(List<HoldoutReport.Checkpoint> checkpoints, int day) {
        for (HoldoutReport.Checkpoint c : checkpoints) {
            if (c.day() > day) {
                return "confirm at the next check (day " + c.day() + ", due on " + c.dueOn() + ").";
            }
        }
        return "no later check is planned (day " + day + " is the plan's last), so this holdout cannot confirm it.";
    }

    /** The checkpoints after {@code day} whose analyses failed their checks, passed over for an earlier reading. */
    private static String skipped(List<HoldoutReport.Checkpoint> failed, int day) {
        List<HoldoutReport.Checkpoint> later =
                failed.stream().filter(c -> c.day() > day).toList();
        return later.isEmpty()
                ? ""
                : " (read instead of the later checkpoints that failed their checks: " + failedChecks(later) + ")";
    }

    private static String failedChecks(List<HoldoutReport.Checkpoint> failed) {
        List<String> each = new ArrayList<>();
        for (HoldoutReport.Checkpoint c : failed) {
            each.add("day " + c.day() + ": " + String.join(", ", c.reading().failedChecks()));
        }
        return String.join("; ", each);
    }

    private static String firstDue(List<HoldoutReport.Checkpoint> checkpoints) {
        return checkpoints.isEmpty()
                ? ""
                : " (the first is due on " + checkpoints.get(0).dueOn() + ")";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
    }

    private static String times(double factor) {
        return String.format(Locale.ROOT, "%.2f×", factor);
    }

    private static String share(double probability) {
        return String.format(Locale.ROOT, "%.0f %%", probability * 100);
    }
}
