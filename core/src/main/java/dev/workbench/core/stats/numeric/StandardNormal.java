package dev.workbench.core.stats.numeric;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The standard normal distribution N(0, 1): one cached Commons Statistics instance (immutable and thread-safe),
 * plus the normal partial expectation, evaluated so that it keeps full relative precision deep in the tail.
 */
public final class StandardNormal {
    private static final NormalDistribution N01 = NormalDistribution.of(0.0, 1.0);

    /** Above this the direct formula φ(u) − uQ(u) loses more than ~5 digits to cancellation; use the fraction. */
    private static final double CONTINUED_FRACTION_FROM = 4.0;
    /** Terms of the continued fraction: at u ≥ 4, 40 terms reach double precision (checked against mpmath). */
    private static final int CONTINUED_FRACTION_TERMS = 40;
    /** Beyond this the tail integral underflows to 0 (φ(40) ≈ 1.5e-348). */
    private static final double UNDERFLOW_FROM = 40.0;

    private StandardNormal() {}

    /** Φ(x), the lower tail probability. */
    public static double cdf(double x) {
        return N01.cumulativeProbability(x);
    }

    /** Q(x) = 1 − Φ(x), computed directly so that it keeps its precision for large x. */
    public static double sf(double x) {
        return N01.survivalProbability(x);
    }

    /** Φ⁻¹(p), the quantile, for 0 &lt; p &lt; 1. */
    public static double quantile(double p) {
        return N01.inverseCumulativeProbability(p);
    }

    /** φ(x), the density. */
    public static double pdf(double x) {
        return N01.density(x);
    }

    /**
     * g(u) = φ(u) − uQ(u) = ∫_u^∞ Q(t) dt = E[max(Z − u, 0)] for u ≥ 0 (the normal loss integral; Johnson, Kotz
     * &amp; Balakrishnan, Continuous Univariate Distributions vol. 1, 2nd ed. (1994), §13.4). Below u = 4 the direct formula
     * loses at most a factor u² ≈ 16 of relative precision; above, g(u) = φ(u)·c/(u + c) with
     * c = 1/R(u) − u = 1/(u + 2/(u + 3/(u + ...))), where R is Mills' ratio Q/φ, whose continued fraction
     * R(u) = 1/(u + 1/(u + 2/(u + 3/(u + ...)))) is Abramowitz &amp; Stegun, Handbook of Mathematical Functions,
     * 26.2.14. No subtraction of nearly equal numbers happens on that branch, so the result stays accurate until
     * it underflows.
     */
    public static double upperTailExcess(double u) {
        if (u < CONTINUED_FRACTION_FROM) {
            return Math.max(0.0, pdf(u) - u * sf(u));
        }
        if (u >= UNDERFLOW_FROM) {
            return 0.0;
        }
        double c = 0.0;
        for (int k = CONTINUED_FRACTION_TERMS; k >= 2; k--) {
            c = k / (u + c);
        }
        c = 1.0 / (u + c);
        return pdf(u) * c / (u + c);
    }
}
