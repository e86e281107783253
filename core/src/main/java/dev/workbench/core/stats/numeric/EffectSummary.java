package dev.workbench.core.stats.numeric;

/**
 * What a normal posterior N(μ, σ²) on the relative lift δ says (CONTRACT §6):
 * chance to win Φ(μ/σ) (1 − that for inverse metrics), the 95% interval μ ± 1.959963984540054·σ, and the
 * expected losses risk_ctrl = E[max(δ, 0)] = μΦ(μ/σ) + σφ(μ/σ) (what keeping control forgoes) and
 * risk_trt = E[max(−δ, 0)] = −μΦ(−μ/σ) + σφ(μ/σ) (what adopting the treatment risks), swapped for inverse metrics.
 * Each loss E[max(X, 0)], X ~ N(m, σ²), is evaluated as m + σ·g(m/σ) when m ≥ 0 and σ·g(−m/σ) otherwise, with
 * g = {@link StandardNormal#upperTailExcess}: no subtraction of nearly equal terms, so it stays finite and accurate
 * even when μ/σ is 10^10 (a metric measured with extreme precision).
 * Source: the expected-loss decision rule of Bayesian A/B testing, C. Stucchio, "Bayesian A/B Testing at VWO"
 * (2015), §4; for a normal posterior the loss is the normal partial expectation.
 *
 * @param chanceToWin P(treatment better than control)
 * @param chanceToLose P(treatment worse than control) = 1 − chanceToWin, computed directly for tail accuracy
 */
public record EffectSummary(
        double chanceToWin, double chanceToLose, double ciLower, double ciUpper, double riskCtrl, double riskTrt) {

    /** Φ⁻¹(0.975): the half-width of a central 95% normal interval, in standard deviations. */
    public static final double Z_95 = 1.959963984540054;

    public static EffectSummary of(Estimate posterior, boolean inverse) {
        double mu = posterior.mean();
        double sigma = posterior.sd();
        double z = mu / sigma;
        double upProbability = StandardNormal.cdf(z);
        double downProbability = StandardNormal.sf(z);
        double lossIfUp = expectedPositivePart(mu, sigma, z);
        double lossIfDown = expectedPositivePart(-mu, sigma, -z);
        double lower = mu - Z_95 * sigma;
        double upper = mu + Z_95 * sigma;
        return inverse
                ? new EffectSummary(downProbability, upProbability, lower, upper, lossIfDown, lossIfUp)
                : new EffectSummary(upProbability, downProbability, lower, upper, lossIfUp, lossIfDown);
    }

    /** E[max(X, 0)] for X ~ N(mu, sigma²), with z = mu/sigma: mu + σ·g(z) for z ≥ 0, σ·g(−z) below. */
    private static double expectedPositivePart(double mu, double sigma, double z) {
        if (z >= 0) {
            return mu + sigma * StandardNormal.upperTailExcess(z);
        }
        return sigma * StandardNormal.upperTailExcess(-z);
    }
}
