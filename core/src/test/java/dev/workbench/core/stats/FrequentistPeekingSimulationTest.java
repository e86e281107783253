package dev.workbench.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.stats.numeric.FrequentistTest;
import dev.workbench.core.stats.numeric.Moments;
import dev.workbench.core.stats.numeric.RelativeLift;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.MarsagliaTsangWangDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Why the sequential test exists: A/A experiments (no true effect) looked at every day. A "false positive" is an
 * experiment in which any look was significant. Peeking at the fixed-horizon test inflates its false-positive rate far
 * above alpha; the confidence sequence keeps it at or below alpha. Fixed seed; the numbers are printed.
 */
class FrequentistPeekingSimulationTest {
    private static final int EXPERIMENTS = 10_000;
    private static final int LOOKS = 20;
    private static final int UNITS_PER_ARM_PER_DAY = 500;
    private static final double RATE = 0.10;
    private static final double ALPHA = 0.05;
    /** N* at the sample size of the last look, as GrowthBook advises (the total of both arms). */
    private static final double TUNING = 2.0 * LOOKS * UNITS_PER_ARM_PER_DAY;

    @Test
    void dailyPeekingInflatesTheFixedTestButNotTheSequentialOne() {
        long start = System.nanoTime();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261201L);
        SharedStateDiscreteSampler day =
                MarsagliaTsangWangDiscreteSampler.Binomial.of(rng, UNITS_PER_ARM_PER_DAY, RATE);
        int fixedAny = 0;
        int sequentialAny = 0;
        int fixedLast = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            long kA = 0;
            long kB = 0;
            boolean fixedHit = false;
            boolean sequentialHit = false;
            boolean lastHit = false;
            for (int look = 1; look <= LOOKS; look++) {
                kA += day.sample();
                kB += day.sample();
                long n = (long) look * UNITS_PER_ARM_PER_DAY;
                RelativeLift.Outcome o = RelativeLift.of(Moments.proportion(n, kA), Moments.proportion(n, kB));
                if (o.failure() != null) {
                    continue;
                }
                double d = o.lift().relative();
                double se = o.lift().standardError();
                boolean fixed = FrequentistTest.fixed(d, se, ALPHA).pValue() < ALPHA;
                fixedHit |= fixed;
                lastHit = look == LOOKS && fixed;
                sequentialHit |=
                        FrequentistTest.sequential(d, se, 2 * n, ALPHA, TUNING).pValue() < ALPHA;
            }
            fixedAny += fixedHit ? 1 : 0;
            sequentialAny += sequentialHit ? 1 : 0;
            fixedLast += lastHit ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double fixedRate = (double) fixedAny / EXPERIMENTS;
        double sequentialRate = (double) sequentialAny / EXPERIMENTS;
        double lastRate = (double) fixedLast / EXPERIMENTS;
        double slack = 3.0 * Math.sqrt(ALPHA * (1 - ALPHA) / EXPERIMENTS);
        System.out.printf(
                "A/A peeking simulation: %d experiments x %d daily looks, %d units/arm/day, rate %.2f, alpha %.2f,"
                        + " N* %.0f%n  fixed test, any look significant:      %.4f%n"
                        + "  fixed test, last look only:            %.4f%n"
                        + "  sequential test, any look significant: %.4f%n  (%.2f s)%n",
                EXPERIMENTS,
                LOOKS,
                UNITS_PER_ARM_PER_DAY,
                RATE,
                ALPHA,
                TUNING,
                fixedRate,
                lastRate,
                sequentialRate,
                seconds);
        assertThat(lastRate).as("one look at the fixed test keeps its level").isBetween(ALPHA - slack, ALPHA + slack);
        assertThat(fixedRate).as("peeking inflates the fixed test").isGreaterThan(2 * ALPHA);
        assertThat(sequentialRate).as("the sequential test stays within alpha").isLessThanOrEqualTo(ALPHA);
    }
}
