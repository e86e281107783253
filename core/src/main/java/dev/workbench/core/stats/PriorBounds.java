package dev.workbench.core.stats;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;

/**
 * The bounds a prior's parameters must keep, checked where a prior is written (upsert-experiment) and where it is
 * used (the analyses); outside them the answer is {@code INVALID_PRIOR} naming the field.
 *
 * <ul>
 *   <li>The prior on the relative lift δ ({@code priorMean}, {@code priorStddev}): |mean| ≤ {@value #LIFT_MAX_ABS_MEAN}
 *       and {@value #LIFT_MIN_STDDEV} ≤ stddev ≤ {@value #LIFT_MAX_STDDEV}. A lift of 100 is +10 000 %, far beyond
 *       any plausible belief; a standard deviation below 10⁻⁶ would let the prior overrule any data.</li>
 *   <li>The bandit's {@code armPrior} on each arm's mean, on the metric's own scale (a rate, or an amount):
 *       |mean| ≤ {@value #ARM_MAX_ABS_MEAN} and {@value #ARM_MIN_STDDEV} ≤ stddev ≤ {@value #ARM_MAX_STDDEV}, which
 *       keeps its precision (1/stddev²) and precision-weighted mean far from overflow.</li>
 * </ul>
 */
public final class PriorBounds {
    public static final double LIFT_MAX_ABS_MEAN = 100;
    public static final double LIFT_MIN_STDDEV = 1e-6;
    public static final double LIFT_MAX_STDDEV = 100;
    public static final double ARM_MAX_ABS_MEAN = 1e9;
    public static final double ARM_MIN_STDDEV = 1e-9;
    public static final double ARM_MAX_STDDEV = 1e9;

    private PriorBounds() {}

    /** Checks the prior mean of the relative lift. */
    public static double liftMean(double mean, String field) {
        return mean(mean, LIFT_MAX_ABS_MEAN, field, " (a relative lift: 0.05 is +5 %)");
    }

    /** Checks the prior standard deviation of the relative lift. */
    public static double liftStddev(double stddev, String field) {
        return stddev(stddev, LIFT_MIN_STDDEV, LIFT_MAX_STDDEV, field, " (e.g. 0.3 for a ±30 % plausible lift)");
    }

    /** Checks the mean of the bandit's prior on each arm. */
    public static double armMean(double mean, String field) {
        return mean(mean, ARM_MAX_ABS_MEAN, field, " (on the metric's own scale)");
    }

    /** Checks the standard deviation of the bandit's prior on each arm. */
    public static double armStddev(double stddev, String field) {
        return stddev(stddev, ARM_MIN_STDDEV, ARM_MAX_STDDEV, field, " (on the metric's own scale)");
    }

    private static double mean(double mean, double maxAbs, String field, String hint) {
        if (!Double.isFinite(mean) || Math.abs(mean) > maxAbs) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_PRIOR,
                    field + ": expected a number from " + text(-maxAbs) + " to " + text(maxAbs) + hint + ", got "
                            + mean);
        }
        return mean;
    }

    private static double stddev(double stddev, double min, double max, String field, String hint) {
        if (!(stddev >= min && stddev <= max)) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_PRIOR,
                    field + ": expected a number from " + text(min) + " to " + text(max) + hint + ", got " + stddev);
        }
        return stddev;
    }

    private static String text(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15
                ? Long.toString((long) bound)
                : Double.toString(bound);
    }
}
