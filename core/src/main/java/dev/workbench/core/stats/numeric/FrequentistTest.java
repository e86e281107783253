package dev.workbench.core.stats.numeric;

/**
 * The two-sided test of "no change" on a relative lift δ with standard error σ, by the normal approximation: either
 * the fixed-horizon test (one look) or GrowthBook's asymptotic confidence sequence (any number of looks).
 *
 * <p><b>Fixed.</b> p = 2·Q(|δ|/σ), interval δ ± z₁₋α/₂·σ. GrowthBook's {@code TwoSidedTTest} uses Student's t with
 * Welch–Satterthwaite degrees of freedom instead; with the sample sizes of online experiments the two agree to
 * many digits, and the normal approximation is what the contract asks for (CONTRACT §6, issue 15).
 *
 * <p><b>Sequential.</b> The asymptotic confidence sequence of Waudby-Smith, Arnold, Wu, Howard, Ramdas, Cappé,
 * Lindon, "Time-uniform central limit theory and asymptotic confidence sequences" (arXiv:2103.06476v7, eq. 9 for the
 * half-width, eq. 161 for ρ, eq. 155 for the p-value), exactly as GrowthBook implements it in
 * {@code packages/stats/gbstats/frequentist/tests.py} ({@code sequential_rho}, {@code sequential_interval_halfwidth},
 * {@code SequentialTwoSidedTTest}): with N = n_a + n_b, s² = σ²·N and ρ = √((−2 log α + log(−2 log α + 1))/N*),
 * half-width = s·√(2(Nρ² + 1)/(N²ρ²)·log(√(Nρ² + 1)/α)); the p-value is 1/e, capped at 1, for the e-value
 * e = exp(ρ²·S/(2(Nρ² + 1)))/√(Nρ² + 1) with S = δ²·N/σ². With ρ held at the configured α, p &lt; α exactly when the
 * interval excludes 0, so the p-value and the interval never disagree. The e-value is handled in logs, so it never
 * overflows.
 *
 * @param pValue    two-sided, in [0, 1]
 * @param lower     the interval's lower end
 * @param upper     the interval's upper end
 * @param halfWidth (upper − lower)/2
 */
public record FrequentistTest(double pValue, double lower, double upper, double halfWidth) {

    /** The fixed-horizon test at level {@code alpha} of the estimate δ = {@code estimate} ± {@code se}. */
    public static FrequentistTest fixed(double estimate, double se, double alpha) {
        double z = -StandardNormal.quantile(alpha / 2.0); // not Φ⁻¹(1 − α/2): 1 − α/2 rounds to 1 for tiny α
        double p = Math.min(1.0, 2.0 * StandardNormal.sf(Math.abs(estimate) / se));
        double half = z * se;
        return new FrequentistTest(p, estimate - half, estimate + half, half);
    }

    /** ρ for the two-sided sequence at level {@code alpha} tuned to {@code tuning} = N* total units. */
    public static double rho(double alpha, double tuning) {
        double l = -2.0 * Math.log(alpha);
        return Math.sqrt((l + Math.log(l + 1.0)) / tuning);
    }

    /**
     * The confidence sequence's half-width in standard errors of the estimate after {@code n} units of the two arms:
     * σ̂·√N·√(2(Nρ²+1)/(N²ρ²)·log(√(Nρ²+1)/α)) divided by σ̂/√N, that is √(2(Nρ²+1)/(Nρ²)·log(√(Nρ²+1)/α)) (GrowthBook
     * {@code sequential_interval_halfwidth}; Waudby-Smith et al., "Time-uniform central limit theory and asymptotic
     * confidence sequences", arXiv:2103.06476, eq. 9). The analysis and the sample-size plan both use it.
     */
    public static double sequentialZ(double n, double alpha, double tuning) {
        double rho = rho(alpha, tuning);
        double x = n * rho * rho;
        return Math.sqrt(2.0 * (x + 1.0) / x * Math.log(Math.sqrt(x + 1.0) / alpha));
    }

    /**
     * The sequential test after {@code n} = n_a + n_b units of the two arms compared, at level {@code alpha}, with
     * the tuning parameter N* = {@code tuning}.
     */
    public static FrequentistTest sequential(double estimate, double se, long n, double alpha, double tuning) {
        double rho = rho(alpha, tuning);
        double rho2 = rho * rho;
        double tr2p1 = n * rho2 + 1.0;
        double half = se * sequentialZ(n, alpha, tuning);
        double z = estimate / se;
        double logE = rho2 * (z * z * n) / (2.0 * tr2p1) - 0.5 * Math.log(tr2p1);
        double p = logE <= 0.0 ? 1.0 : Math.exp(-logE);
        return new FrequentistTest(p, estimate - half, estimate + half, half);
    }

    /** Whether the interval excludes 0 (equivalently p &lt; alpha). */
    public boolean excludesZero() {
        return lower > 0.0 || upper < 0.0;
    }
}
