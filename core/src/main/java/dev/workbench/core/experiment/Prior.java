package dev.workbench.core.experiment;

/**
 * The prior on the relative lift that the Bayesian analysis uses, part of the frozen contract. All absent means the
 * analysis's default (an improper flat prior).
 *
 * @param proper whether a proper normal prior is used ({@code priorProper})
 * @param mean   its mean ({@code priorMean})
 * @param stddev its standard deviation ({@code priorStddev})
 */
public record Prior(Boolean proper, Double mean, Double stddev) {
    /** No prior set. */
    public static final Prior NONE = new Prior(null, null, null);
}
