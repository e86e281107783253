package dev.workbench.core.stats.numeric;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Units per arm for a two-sided z-test on the relative lift of one treatment over the control, with equal
 * allocation, at a fixed horizon or under GrowthBook's asymptotic confidence sequences. Everything follows
 * GrowthBook's power calculator, {@code packages/shared/src/power/power.ts} (github.com/growthbook/growthbook,
 * commit 8f1db4456915a8e7b7faf23d5632ca7219d2f469):
 *
 * <ul>
 *   <li>the variance of the relative lift is {@code frequentistVariance(relative = true)} fed by
 *       {@code powerStandardError}: both arms carry the baseline's per-unit variance σ² (p(1−p) for a rate), the
 *       treatment's mean is μ(1+δ), so Var δ̂ = σ²/(μ²n) + σ²μ²(1+δ)²/(μ⁴n) = V₁/n with
 *       V₁ = σ²(1 + (1+δ)²)/μ² (the delta method of {@link RelativeLift}). (1+δ)² is the larger of (1±δ)², so
 *       the plan holds for a lift in either direction and a mean of either sign. This differs from the textbook
 *       difference-of-proportions formula (σ²_a + σ²_b)/(δμ)², which tests the absolute difference: for p = 0.1,
 *       δ = 10 % it gives 14,749 per arm where the relative test needs 15,612;
 *   <li>fixed horizon: n = (z_{1−α/2} + z_{power})²·V₁/δ², the smallest n whose upper-tail power
 *       1 − Φ(z_{1−α/2} − δ/√(V₁/n)) reaches the target ({@code powerFrequentist} counts the lower tail too,
 *       4e-5 at α = 0.05; leaving it out makes the closed form exact and the answer at most that conservative);
 *   <li>sequential: {@code sequentialPowerStandardError} inflates the standard error by z_seq(N)/z_{1−α/2}, with
 *       N = 2n the units of the two arms compared and z_seq(N) = √N·√(2(Nρ²+1)/(N²ρ²)·log(√(Nρ²+1)/α)),
 *       ρ = √((−2 log α + log(−2 log α + 1))/N*) ({@code sequentialRho}, {@code sequentialDiscriminant}); so the
 *       fixed half-width z_{1−α/2}·SE is replaced by the sequential one z_seq·SE. The sequential n is the smallest
 *       n whose power so computed reaches the target, found by bisection (δ/SE_seq grows with n for α &lt; 0.6),
 *       and never smaller than the fixed n.
 * </ul>
 */
public final class SampleSize {
    private static final NormalDistribution N01 = NormalDistribution.of(0.0, 1.0);
    /** Far beyond any traffic: a design needing more per arm is refused by the caller, not searched. */
    public static final double MAX_PER_ARM = 1e15;

    private SampleSize() {}

    /**
     * One comparison of a treatment with the control.
     *
     * @param mean     the control's mean μ (the rate p for a proportion), ≠ 0
     * @param variance the per-unit variance σ² (p(1−p) for a proportion), &gt; 0
     * @param mde      the relative lift δ to detect, &gt; 0
     * @param alpha    the two-sided false-positive rate, in (0, 0.5)
     * @param power    the target power, in [0.5, 1)
     */
    public record Design(double mean, double variance, double mde, double alpha, double power) {
        public Design {
            require(Double.isFinite(mean) && mean != 0.0, "mean", "a finite number ≠ 0", mean);
            require(Double.isFinite(variance) && variance > 0.0, "variance", "a finite number > 0", variance);
            require(Double.isFinite(mde) && mde > 0.0, "mde", "a finite number > 0", mde);
            require(alpha > 0.0 && alpha < 0.5, "alpha", "a number in (0, 0.5)", alpha);
            require(power >= 0.5 && power < 1.0, "power", "a number in [0.5, 1)", power);
        }

        /** V₁ = σ²(1 + (1+δ)²)/μ², the variance of the relative lift times n. */
        public double unitVariance() {
            double growth = 1.0 + mde;
            return variance / (mean * mean) * (1.0 + growth * growth);
        }

        double zAlpha() {
            return N01.inverseSurvivalProbability(alpha / 2.0);
        }

        double zPower() {
            return N01.inverseCumulativeProbability(power);
        }
    }

    /** The fixed-horizon n per arm before rounding: (z_{1−α/2} + z_{power})²·V₁/δ². */
    public static double fixedExact(Design d) {
        double z = d.zAlpha() + d.zPower();
        return z * z * d.unitVariance() / (d.mde() * d.mde());
    }

    /** The fixed-horizon units per arm, ⌈{@link #fixedExact}⌉ (at least 1). */
    public static long fixed(Design d) {
        double exact = fixedExact(d);
        requireReachable(exact);
        return Math.max(1L, (long) Math.ceil(exact));
    }

    /**
     * The sequential units per arm: the smallest n with δ/SE_seq(n) ≥ z_{1−α/2} + z_{power}, and at least
     * {@link #fixed}.
     *
     * @param tuning N*, the units of the two arms compared at which the confidence sequence is tightest, &gt; 0
     */
    public static long sequential(Design d, double tuning) {
        require(Double.isFinite(tuning) && tuning > 0.0, "sequentialTuning", "a number > 0", tuning);
        long fixed = fixed(d);
        if (reaches(d, tuning, fixed)) {
            return fixed;
        }
        long below = fixed;
        long above = fixed;
        do {
            below = above;
            above = above * 2;
            requireReachable(above);
        } while (!reaches(d, tuning, above));
        while (above - below > 1) {
            long middle = below + (above - below) / 2;
            if (reaches(d, tuning, middle)) {
                above = middle;
            } else {
                below = middle;
            }
        }
        return above;
    }

    /**
     * GrowthBook's {@code powerFrequentist} (two-sided, both tails) for {@code perArm} units in each arm; with
     * {@code tuning} &gt; 0 the standard error is the sequential one ({@code powerEstFrequentist}).
     *
     * @param tuning N*, or 0 for a fixed horizon
     */
    public static double power(Design d, double perArm, double tuning) {
        require(Double.isFinite(perArm) && perArm > 0.0, "perArm", "a number > 0", perArm);
        require(Double.isFinite(tuning) && tuning >= 0.0, "tuning", "a number ≥ 0", tuning);
        double zStar = d.zAlpha();
        double se = Math.sqrt(d.unitVariance() / perArm);
        if (tuning > 0.0) {
            se *= FrequentistTest.sequentialZ(2.0 * perArm, d.alpha(), tuning) / zStar;
        }
        double standardized = d.mde() / se;
        return N01.survivalProbability(zStar - standardized) + N01.cumulativeProbability(-zStar - standardized);
    }

    private static boolean reaches(Design d, double tuning, long perArm) {
        double se = Math.sqrt(d.unitVariance() / perArm)
                * FrequentistTest.sequentialZ(2.0 * perArm, d.alpha(), tuning)
                / d.zAlpha();
        return d.mde() / se >= d.zAlpha() + d.zPower();
    }

    private static void requireReachable(double perArm) {
        if (!(perArm <= MAX_PER_ARM)) {
            throw new IllegalArgumentException(
                    "mde: the design needs more than 1e15 units per arm; expected a larger mde, got a need of "
                            + perArm);
        }
    }

    private static void require(boolean ok, String name, String expected, double got) {
        if (!ok) {
            throw new IllegalArgumentException(name + ": expected " + expected + ", got " + got);
        }
    }
}
