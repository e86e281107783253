package dev.workbench.core.stats.numeric;

import java.util.Arrays;

/**
 * Traffic weights from best-arm probabilities (CONTRACT §6): share = P(best) (Thompson sampling) or
 * (P(best) + P(second))/2 (top-two), then w = minWeight + (1 − K·minWeight)·share for K arms, so every arm keeps a
 * floor; all equal when K·minWeight ≥ 1. Shares are renormalised to sum to 1 first, absorbing quadrature rounding,
 * so the weights sum to 1 to the last bits.
 * Source: W. R. Thompson, Biometrika 25 (1933) (probability matching); D. Russo, "Simple Bayesian Algorithms for
 * Best-Arm Identification", Operations Research 68(6), 2020 (top-two with β = 1/2).
 */
public final class BanditWeights {
    private BanditWeights() {}

    public static double[] of(BestArmProbabilities.Result probabilities, boolean topTwo, double minWeight) {
        double[] best = probabilities.best();
        int arms = best.length;
        double[] weights = new double[arms];
        if (arms * minWeight >= 1.0) {
            Arrays.fill(weights, 1.0 / arms);
            return weights;
        }
        double[] shares = new double[arms];
        double total = 0;
        for (int i = 0; i < arms; i++) {
            shares[i] = topTwo ? 0.5 * (best[i] + probabilities.second()[i]) : best[i];
            total += shares[i];
        }
        double free = 1.0 - arms * minWeight;
        for (int i = 0; i < arms; i++) {
            weights[i] = minWeight + free * (total > 0 ? shares[i] / total : 1.0 / arms);
        }
        return weights;
    }
}
