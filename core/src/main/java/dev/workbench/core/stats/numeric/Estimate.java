package dev.workbench.core.stats.numeric;

/**
 * A normal belief N(mean, sd²) about a quantity, e.g. the relative lift of a treatment or the mean of a bandit arm.
 *
 * @param mean the centre, finite
 * @param sd   the standard deviation, finite and &gt; 0
 */
public record Estimate(double mean, double sd) {
    public Estimate {
        if (!Double.isFinite(mean) || !(sd > 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException(
                    "estimate needs a finite mean and 0 < sd < ∞, got N(" + mean + ", " + sd + "²)");
        }
    }

    public double variance() {
        return sd * sd;
    }

    /**
     * Combines this estimate with another normal belief by adding precisions (the normal–normal conjugate update):
     * 1/σ² = 1/σ₁² + 1/σ₂², μ = σ²(μ₁/σ₁² + μ₂/σ₂²). Written with weights σ₂²/(σ₁² + σ₂²) and a hypot so that it
     * neither overflows nor underflows when one spread is many orders of magnitude below the other.
     * Source: Gelman et al., Bayesian Data Analysis, 3rd ed. (2013), §2.5, eq. 2.12.
     */
    public Estimate combine(Estimate other) {
        double h = Math.hypot(sd, other.sd);
        double selfShare = other.sd / h;
        double otherShare = sd / h;
        double combinedMean = mean * selfShare * selfShare + other.mean * otherShare * otherShare;
        // Below the smallest double the exact sd is not representable; the smallest positive one stands in for it.
        double combinedSd = Math.max(sd * selfShare, Double.MIN_VALUE);
        return new Estimate(combinedMean, combinedSd);
    }
}
