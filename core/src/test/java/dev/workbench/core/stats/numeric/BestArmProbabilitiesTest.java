package dev.workbench.core.stats.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BestArmProbabilitiesTest {

    // Reference values: mpmath 1.3, mp.quad at 30 digits of ∫ φ_i Π Φ_j (and the second-best integrand),
    // split at μ_j + {0, ±0.5, ±1, ±2, ±3, ±4, ±6, ±9, ±12}·σ_j of every arm.

    @Test
    void bestAndSecond_threeArms_matchHighPrecisionReference() {
        BestArmProbabilities.Result r = BestArmProbabilities.compute(
                new double[] {0.1, 0.15, 0.155},
                new double[] {Math.sqrt(9e-5), Math.sqrt(1.275e-4), Math.sqrt(1.30975e-4)},
                false,
                true);
        assertClose(r.best(), 2.8709679676517792e-6, 0.37789888964575461, 0.62209823938627774);
        assertClose(r.second(), 0.00045115475864608344, 0.62175337950288754, 0.37779546573846637);
    }

    @Test
    void bestAndSecond_spreadsDifferingBySixOrders_matchHighPrecisionReference() {
        BestArmProbabilities.Result r = BestArmProbabilities.compute(
                new double[] {0.0, 0.5, 1.0, 0.2}, new double[] {1.0, 1e-6, 2.0, 1e-3}, false, true);
        assertClose(r.best(), 0.16229963089008664, 0.27747951173701888, 0.56022085737289448, 0.0);
        assertClose(r.second(), 0.18800093781679804, 0.53779711211697568, 0.074601579036031132, 0.19960037103019515);
    }

    @Test
    void bestAndSecond_fiveArms_matchHighPrecisionReference() {
        BestArmProbabilities.Result r = BestArmProbabilities.compute(
                new double[] {1.0, 1.1, 0.9, 1.05, 1.02}, new double[] {0.1, 0.05, 0.2, 0.08, 0.12}, false, true);
        assertClose(
                r.best(),
                0.10530704554912434,
                0.40007430712445133,
                0.12268098534920708,
                0.18458959805141477,
                0.18734806392580248);
        assertClose(
                r.second(),
                0.14750215071990116,
                0.35463921720284947,
                0.071395614603761225,
                0.26146787857125783,
                0.16499513890223032);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void bandit_bestArmProbabilitiesSumToOne(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int arms = 2 + rng.nextInt(49);
        double[] means = new double[arms];
        double[] sds = new double[arms];
        for (int i = 0; i < arms; i++) {
            means[i] = rng.nextDouble(-1, 1);
            sds[i] = Math.pow(10, rng.nextDouble(-3, 0));
        }
        BestArmProbabilities.Result r = BestArmProbabilities.compute(means, sds, rng.nextBoolean(), true);
        assertThat(sum(r.best())).isCloseTo(1.0, within(1e-9));
        assertThat(sum(r.second())).isCloseTo(1.0, within(1e-9));
        assertThat(Arrays.stream(r.best()).allMatch(p -> p >= 0 && p <= 1)).isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void bandit_spreadsDifferingByOneMillion_stillSumToOne(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int arms = 3 + rng.nextInt(8);
        double[] means = new double[arms];
        double[] sds = new double[arms];
        for (int i = 0; i < arms; i++) {
            means[i] = rng.nextDouble(-0.5, 0.5);
            sds[i] = i % 2 == 0 ? 1.0 : 1e-6;
        }
        BestArmProbabilities.Result r = BestArmProbabilities.compute(means, sds, false, true);
        assertThat(sum(r.best())).isCloseTo(1.0, within(1e-9));
        assertThat(sum(r.second())).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void bandit_pointLikeArmsFarFromZero_stillSumToOne() {
        // σ/|μ| ≈ 3e-13: x = μ + σz cannot be represented finely around μ, so each arm is integrated in its own units.
        double[] means = {100.0, 100.0 + 2e-11, 101.0, 99.0};
        BestArmProbabilities.Result r =
                BestArmProbabilities.compute(means, new double[] {3e-11, 3e-11, 1e-3, 3e-11}, false, true);
        assertThat(sum(r.best())).isCloseTo(1.0, within(1e-9));
        assertThat(r.best()[2]).isCloseTo(1.0, within(1e-12));
        // arm 2 is surely best, so arm 1 is second exactly when it beats arm 0: Φ((μ₁ − μ₀)/√(σ₀² + σ₁²))
        double d = (means[1] - means[0]) / Math.hypot(3e-11, 3e-11);
        assertThat(r.second()[1]).isCloseTo(StandardNormal.cdf(d), within(1e-9));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33, 34})
    void bandit_relabellingArms_permutesProbabilities(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int arms = 3 + rng.nextInt(10);
        double[] means =
                IntStream.range(0, arms).mapToDouble(i -> rng.nextDouble(0, 1)).toArray();
        double[] sds = IntStream.range(0, arms)
                .mapToDouble(i -> rng.nextDouble(0.01, 0.5))
                .toArray();
        int[] order = shuffled(arms, rng);
        double[] means2 = new double[arms];
        double[] sds2 = new double[arms];
        for (int i = 0; i < arms; i++) {
            means2[i] = means[order[i]];
            sds2[i] = sds[order[i]];
        }
        BestArmProbabilities.Result a = BestArmProbabilities.compute(means, sds, false, true);
        BestArmProbabilities.Result b = BestArmProbabilities.compute(means2, sds2, false, true);
        for (int i = 0; i < arms; i++) {
            assertThat(b.best()[i]).isCloseTo(a.best()[order[i]], within(1e-12));
            assertThat(b.second()[i]).isCloseTo(a.second()[order[i]], within(1e-12));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {41, 42, 43})
    void bandit_inverseMetric_equalsNegatedMeans(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int arms = 2 + rng.nextInt(8);
        double[] means =
                IntStream.range(0, arms).mapToDouble(i -> rng.nextDouble(-1, 1)).toArray();
        double[] negated = Arrays.stream(means).map(m -> -m).toArray();
        double[] sds = IntStream.range(0, arms)
                .mapToDouble(i -> rng.nextDouble(0.05, 1))
                .toArray();
        BestArmProbabilities.Result inverse = BestArmProbabilities.compute(means, sds, true, true);
        BestArmProbabilities.Result plain = BestArmProbabilities.compute(negated, sds, false, true);
        assertThat(inverse.best()).containsExactly(plain.best(), within(0.0));
        assertThat(inverse.second()).containsExactly(plain.second(), within(0.0));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {51, 52})
    void bandit_monteCarloMillionDraws_agreesWithExactWithinFiveStandardErrors(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int arms = 3 + rng.nextInt(5);
        double[] means = IntStream.range(0, arms)
                .mapToDouble(i -> rng.nextDouble(0, 0.3))
                .toArray();
        double[] sds = IntStream.range(0, arms)
                .mapToDouble(i -> rng.nextDouble(0.05, 0.3))
                .toArray();
        BestArmProbabilities.Result exact = BestArmProbabilities.compute(means, sds, false, true);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int draws = 1_000_000;
        long[] bestCount = new long[arms];
        long[] secondCount = new long[arms];
        double[] x = new double[arms];
        for (int d = 0; d < draws; d++) {
            int first = -1;
            int next = -1;
            for (int i = 0; i < arms; i++) {
                x[i] = means[i] + sds[i] * gauss.sample();
                if (first < 0 || x[i] > x[first]) {
                    next = first;
                    first = i;
                } else if (next < 0 || x[i] > x[next]) {
                    next = i;
                }
            }
            bestCount[first]++;
            secondCount[next]++;
        }
        for (int i = 0; i < arms; i++) {
            assertWithinFiveStandardErrors(bestCount[i], draws, exact.best()[i]);
            assertWithinFiveStandardErrors(secondCount[i], draws, exact.second()[i]);
        }
    }

    @Test
    void bandit_twoArms_closedFormMatchesIntegralOfThreeWithAHopelessArm() {
        double[] sds = {0.02, 0.03};
        BestArmProbabilities.Result two = BestArmProbabilities.compute(new double[] {0.10, 0.12}, sds, false, false);
        BestArmProbabilities.Result three = BestArmProbabilities.compute(
                new double[] {0.10, 0.12, -50.0}, new double[] {0.02, 0.03, 0.01}, false, false);
        assertThat(three.best()[0]).isCloseTo(two.best()[0], within(1e-12));
        assertThat(three.best()[1]).isCloseTo(two.best()[1], within(1e-12));
    }

    private static void assertWithinFiveStandardErrors(long count, int draws, double p) {
        double se = Math.sqrt(Math.max(p * (1 - p), 1e-12) / draws);
        assertThat((double) count / draws).isCloseTo(p, within(5 * se + 1e-9));
    }

    private static int[] shuffled(int n, UniformRandomProvider rng) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void assertClose(double[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("arm %d", i).isCloseTo(expected[i], within(1e-9));
        }
    }

    private static double sum(double[] values) {
        return Arrays.stream(values).sum();
    }
}
