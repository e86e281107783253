package dev.workbench.core.stats.numeric;

import java.util.List;

/**
 * CUPED (Deng, Xu, Kohavi &amp; Walker, "Improving the Sensitivity of Online Controlled Experiments by Utilizing
 * Pre-Experiment Data", WSDM 2013, eq. 4): a metric Y is adjusted by a pre-exposure covariate X of the same units,
 * Y − θX, with θ = cov(Y, X)/var(X) pooled over the arms compared. The formulas are GrowthBook's
 * ({@code packages/stats/gbstats/models/statistics.py}: {@code RegressionAdjustedStatistic}, {@code compute_theta},
 * {@code compute_covariance}; {@code models/tests.py}: {@code frequentist_variance_relative_cuped}; commit 8f1db44):
 * <ul>
 *   <li>θ from the arms' sums added together (GrowthBook's {@code create_joint_statistic}); θ = 0 — no adjustment —
 *       when the pooled var(X) or var(Y) is 0, or var(X) is 0 in every arm (a covariate that does not vary within
 *       the arms carries nothing to adjust with);</li>
 *   <li>per arm, the adjusted mean ȳ − θx̄ and the per-unit variance σ²_Y + θ²σ²_X − 2θσ_XY;</li>
 *   <li>the relative lift ((ȳ_b − θx̄_b) − (ȳ_a − θx̄_a))/|ȳ_a| over the <em>unadjusted</em> control mean, with the
 *       delta-method variance of {@code frequentist_variance_relative_cuped} (lines 54–73 of {@code models/tests.py}):
 *       (σ²_Yb + θ²σ²_Xb − 2θσ_XYb)/(n_b ȳ_a²) + (r²σ²_Ya − 2θrσ_XYa + θ²σ²_Xa)/(n_a ȳ_a²), r = ȳ_b/ȳ_a.</li>
 * </ul>
 * A binary metric ({@code population}) uses divisor n for every moment, as GrowthBook's {@code ProportionStatistic}
 * (variance p(1 − p)) and its binary covariance {@code ΣXY/n − ΣXΣY/n²}; a continuous metric uses n − 1.
 */
public final class RegressionAdjustment {
    private RegressionAdjustment() {}

    /**
     * One arm's sums: n units, ΣY, ΣY², ΣX, ΣX², ΣXY (for a binary Y, ΣY = ΣY² = k).
     *
     * @param population divisor n (binary metric) rather than n − 1
     */
    public record Sums(
            long n,
            double sumY,
            double sumSquaresY,
            double sumX,
            double sumSquaresX,
            double sumProducts,
            boolean population) {

        Sums plus(Sums other) {
            return new Sums(
                    n + other.n,
                    sumY + other.sumY,
                    sumSquaresY + other.sumSquaresY,
                    sumX + other.sumX,
                    sumSquaresX + other.sumSquaresX,
                    sumProducts + other.sumProducts,
                    population);
        }

        /** The mean of X, 0 without units. */
        public double meanX() {
            return n == 0 ? 0.0 : sumX / n;
        }

        /** The per-unit variance of X (not clamped: a caller checks its sign). */
        public double varianceX() {
            return moment(sumSquaresX, sumX, sumX);
        }

        /** The per-unit variance of Y, p(1 − p) for a binary metric. */
        public double varianceY() {
            if (population && n > 0) {
                double p = sumY / n;
                return p * (1.0 - p);
            }
            return moment(sumSquaresY, sumY, sumY);
        }

        /** The per-unit covariance of Y and X (GrowthBook's {@code compute_covariance}). */
        public double covariance() {
            return moment(sumProducts, sumY, sumX);
        }

        private double moment(double crossSum, double a, double b) {
            if (n == 0 || (!population && n <= 1)) {
                return 0.0;
            }
            return population ? crossSum / n - (a / n) * (b / n) : (crossSum - a * b / n) / (n - 1);
        }
    }

    /**
     * One arm ready for the adjustment: n, the unadjusted mean of Y and the per-unit (co)variances.
     *
     * @param varY the per-unit variance of Y, as the unadjusted analysis uses it
     */
    public record Arm(long n, double meanY, double varY, double meanX, double varX, double covXY) {

        /** From the arm's sums, with Y's variance as the unadjusted analysis computed it. */
        public static Arm of(Sums sums, double meanY, double varY) {
            return new Arm(sums.n(), meanY, varY, sums.meanX(), Math.max(0.0, sums.varianceX()), sums.covariance());
        }

        /** Var(Y − θX) per unit, σ²_Y + θ²σ²_X − 2θσ_XY, never below 0. */
        public double adjustedVariance(double theta) {
            return Math.max(0.0, varY + theta * theta * varX - 2.0 * theta * covXY);
        }
    }

    /**
     * θ = cov(Y, X)/var(X) over all the given arms' units together; 0 when either pooled variance is 0 (GrowthBook)
     * and also when X does not vary within any arm: a covariate constant inside each arm would only move the point
     * estimate by the arms' difference in X, reducing no variance, so it is not used.
     */
    public static double theta(List<Sums> arms) {
        Sums joint = arms.get(0);
        boolean variesWithinAnArm = false;
        for (int i = 0; i < arms.size(); i++) {
            variesWithinAnArm |= arms.get(i).varianceX() > 0.0;
            if (i > 0) {
                joint = joint.plus(arms.get(i));
            }
        }
        if (!variesWithinAnArm) {
            return 0.0;
        }
        double varX = joint.varianceX();
        double varY = joint.varianceY();
        if (!(varX > 0.0) || !(varY > 0.0)) {
            return 0.0;
        }
        double theta = joint.covariance() / varX;
        return Double.isFinite(theta) ? theta : 0.0;
    }

    /**
     * The CUPED relative lift of {@code treatment} over {@code control} at a given θ (see the class comment); the
     * failures are those of {@link RelativeLift#of}.
     */
    public static RelativeLift.Outcome lift(Arm control, Arm treatment, double theta) {
        if (control.n() == 0 || treatment.n() == 0) {
            return new RelativeLift.Outcome(null, RelativeLift.Failure.ZERO_SAMPLE_SIZE);
        }
        double ma = control.meanY();
        if (ma == 0.0) {
            return new RelativeLift.Outcome(null, RelativeLift.Failure.CONTROL_MEAN_ZERO);
        }
        double scale = Math.abs(ma);
        double absolute = (treatment.meanY() - ma) - theta * (treatment.meanX() - control.meanX());
        double relative = absolute / scale;
        double r = treatment.meanY() / ma;
        double controlTerm =
                r * r * control.varY() - 2.0 * theta * r * control.covXY() + theta * theta * control.varX();
        double spread = treatment.adjustedVariance(theta) / treatment.n() + Math.max(0.0, controlTerm) / control.n();
        double se = Math.sqrt(spread) / scale;
        if (!Double.isFinite(relative) || !Double.isFinite(se) || Math.abs(relative) > 1e300 || se > 1e300) {
            return new RelativeLift.Outcome(null, RelativeLift.Failure.CONTROL_MEAN_ZERO);
        }
        if (se == 0.0) {
            return new RelativeLift.Outcome(null, RelativeLift.Failure.ZERO_STANDARD_ERROR);
        }
        return new RelativeLift.Outcome(new RelativeLift(relative, se, absolute), null);
    }
}
