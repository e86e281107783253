package dev.workbench.core.stats.numeric;

import java.util.Arrays;

/**
 * The exact probability that each arm is the best (and, for top-two allocation, the second best) when arm i's mean
 * is N(μ_i, σ_i²) independently (CONTRACT §6): P(i best) = ∫ φ_i(x) Π_{j≠i} Φ_j(x) dx and
 * P(i second) = ∫ φ_i(x) Σ_{k≠i} (1 − Φ_k(x)) Π_{j≠i,k} Φ_j(x) dx, "best" meaning highest, or lowest for inverse
 * metrics. Two arms use the closed form P(1 best) = Φ((μ₁ − μ₂)/√(σ₁² + σ₂²)); more arms are integrated numerically
 * (not Monte Carlo) to about 1e-12.
 *
 * <p>Each arm's integral is taken in its own standard units, x = μ_i + σ_i·z over z ∈ [−9, 9] (outside, φ carries
 * less than 1e-18), so an arm whose spread is a millionth of another's is resolved as well as the wide one. The
 * factor Φ_j becomes a near step at z = (μ_j − μ_i)/σ_i when σ_j ≪ σ_i; breakpoints are placed around every such
 * step so that the adaptive rule sees it.
 * Source: the probability-of-best integral, S. L. Scott, "A modern Bayesian look at the multi-armed bandit", Applied
 * Stochastic Models in Business and Industry 26 (2010), §3.2; the top-two rule, D. Russo, "Simple Bayesian
 * Algorithms for Best-Arm Identification", Operations Research 68(6), 2020.
 */
public final class BestArmProbabilities {
    /** Half-width of the integration range, in the integrated arm's standard deviations. */
    private static final double RANGE = 9.0;

    private static final double[] BASE_CUTS = {-9.0, -6.0, -3.5, -1.75, 0.0, 1.75, 3.5, 6.0, 9.0};
    private static final double[] STEP_CUTS = {-9.0, -5.0, -2.5, -1.0, 0.0, 1.0, 2.5, 5.0, 9.0};
    /** Add cuts for arm j when its spread is below this share of the integrated arm's. */
    private static final double STEP_SHARPNESS = 0.5;

    private static final double TOLERANCE = 1e-13;
    private static final int MAX_INTERVALS = 4000;

    /**
     * @param best   P(arm is best), in arm order
     * @param second P(arm is second best), or null when not asked for
     */
    public record Result(double[] best, double[] second) {}

    private BestArmProbabilities() {}

    /**
     * @param means         posterior means, one per arm (≥ 2 arms)
     * @param sds           posterior standard deviations, &gt; 0
     * @param lowerIsBetter true for inverse metrics
     * @param withSecond    also compute P(second best)
     */
    public static Result compute(double[] means, double[] sds, boolean lowerIsBetter, boolean withSecond) {
        int arms = means.length;
        double[] mu = new double[arms];
        for (int i = 0; i < arms; i++) {
            mu[i] = lowerIsBetter ? -means[i] : means[i];
        }
        if (arms == 2) {
            return twoArms(mu, sds, withSecond);
        }
        double[] best = new double[arms];
        double[] second = withSecond ? new double[arms] : null;
        ArmIntegrand integrand = new ArmIntegrand(arms, withSecond);
        AdaptiveGaussKronrod quadrature = new AdaptiveGaussKronrod(withSecond ? 2 : 1, TOLERANCE, MAX_INTERVALS);
        double[] cuts = new double[BASE_CUTS.length + STEP_CUTS.length * (arms - 1)];
        double[] out = new double[2];
        for (int i = 0; i < arms; i++) {
            integrand.focus(i, mu, sds);
            int count = cuts(i, mu, sds, cuts);
            quadrature.integrate(integrand, cuts, count, out);
            best[i] = clamp(out[0]);
            if (withSecond) {
                second[i] = clamp(out[1]);
            }
        }
        return new Result(best, second);
    }

    /** Closed form for two arms; each probability is computed directly (not as 1 − the other) for tail accuracy. */
    private static Result twoArms(double[] mu, double[] sds, boolean withSecond) {
        double d = (mu[0] - mu[1]) / Math.hypot(sds[0], sds[1]);
        double[] best = {StandardNormal.cdf(d), StandardNormal.sf(d)};
        double[] second = withSecond ? new double[] {best[1], best[0]} : null;
        return new Result(best, second);
    }

    /** The cut points for arm i's integral, sorted; returns how many were written. */
    private static int cuts(int i, double[] mu, double[] sds, double[] cuts) {
        int count = 0;
        for (double c : BASE_CUTS) {
            cuts[count++] = c;
        }
        for (int j = 0; j < mu.length; j++) {
            double width = sds[j] / sds[i];
            if (j == i || width >= STEP_SHARPNESS) {
                continue;
            }
            double centre = (mu[j] - mu[i]) / sds[i];
            if (!(Math.abs(centre) < RANGE + RANGE * width)) {
                continue;
            }
            for (double offset : STEP_CUTS) {
                double z = centre + offset * width;
                if (z > -RANGE && z < RANGE) {
                    cuts[count++] = z;
                }
            }
        }
        Arrays.sort(cuts, 0, count);
        return count;
    }

    private static double clamp(double p) {
        return Math.min(1.0, Math.max(0.0, p));
    }

    /**
     * φ(z)·Π_{j≠i} Φ_j and φ(z)·Σ_k (1 − Φ_k)·Π_{j≠i,k} Φ_j at x = μ_i + σ_i z. The pair (Π Φ, Σ (1 − Φ_k) Π_{j≠k} Φ)
     * is folded arm by arm in O(K); Φ_j and 1 − Φ_j come from one erfc, the small one computed directly.
     */
    private static final class ArmIntegrand implements AdaptiveGaussKronrod.Integrand {
        private final boolean withSecond;
        private final double[] slope;
        private final double[] centre;
        private final double[] offset;
        private int others;

        ArmIntegrand(int arms, boolean withSecond) {
            this.withSecond = withSecond;
            this.slope = new double[arms];
            this.centre = new double[arms];
            this.offset = new double[arms];
        }

        /**
         * Prepares arm i: for each other arm j, t_j(z) = (μ_i + σ_i z − μ_j)/σ_j written as (σ_i/σ_j)(z − c_j) with
         * c_j = (μ_j − μ_i)/σ_i, which keeps its precision next to the step (or, if c_j overflows, as
         * (μ_i − μ_j)/σ_j + (σ_i/σ_j) z).
         */
        void focus(int i, double[] mu, double[] sds) {
            others = 0;
            for (int j = 0; j < mu.length; j++) {
                if (j == i) {
                    continue;
                }
                slope[others] = sds[i] / sds[j];
                centre[others] = (mu[j] - mu[i]) / sds[i];
                offset[others] = (mu[i] - mu[j]) / sds[j];
                others++;
            }
        }

        @Override
        public void evaluate(double z, double[] out) {
            double allBelow = 1.0;
            double oneAbove = 0.0;
            for (int j = 0; j < others; j++) {
                double c = centre[j];
                double t = Double.isFinite(c) ? slope[j] * (z - c) : offset[j] + slope[j] * z;
                if (Double.isNaN(t)) {
                    t = 0.0; // an infinitely sharp step evaluated exactly at its centre, where Φ = 1/2
                }
                double below;
                double above;
                if (t < 0) {
                    below = StandardNormal.cdf(t);
                    above = 1.0 - below;
                } else {
                    above = StandardNormal.sf(t);
                    below = 1.0 - above;
                }
                if (withSecond) {
                    oneAbove = oneAbove * below + allBelow * above;
                }
                allBelow *= below;
                if (allBelow == 0.0 && oneAbove == 0.0) {
                    break;
                }
            }
            double density = StandardNormal.pdf(z);
            out[0] = density * allBelow;
            if (withSecond) {
                out[1] = density * oneAbove;
            }
        }
    }
}
