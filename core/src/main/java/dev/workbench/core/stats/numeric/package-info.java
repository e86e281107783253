/**
 * The numerics of the analyses, free of JSON: the standard normal, adaptive Gauss–Kronrod integration, per-unit
 * moments, relative lifts by the delta method, normal posteriors and what they say (chance to win, interval, expected
 * losses), exact best-arm probabilities and the bandit's weights, sample sizes for the relative z-test (fixed and sequential,
 * {@link dev.workbench.core.stats.numeric.SampleSize}), and {@link dev.workbench.core.stats.numeric.Decimals}
 * (the finite check and rounding every reported number passes). Nothing here imports Jackson: a new statistic is
 * written and tested on doubles, and the JSON around it lives in {@code stats} (input) and {@code stats.report}
 * (output records).
 */
package dev.workbench.core.stats.numeric;
