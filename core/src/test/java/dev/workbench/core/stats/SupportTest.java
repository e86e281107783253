package dev.workbench.core.stats;

import static dev.workbench.core.stats.TestExperiments.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.stats.numeric.Decimals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small helpers: rounding, and the vector checker itself (a checker that cannot fail proves nothing). */
class SupportTest {

    @ParameterizedTest(name = "round({0}, {1}) = {2}")
    @CsvSource({
        "0.9707012389239721, 4, 0.9707",
        "0.96296310660318880, 4, 0.963",
        "0.0000024189668, 6, 0.000002",
        "-0.0000001, 6, 0.0",
        "0.12345650000000000, 6, 0.123456",
        "0.125, 2, 0.12",
        "0.375, 2, 0.38",
        "123456789012.5, 4, 123456789012.5",
        "1e300, 6, 1e300"
    })
    void round_isHalfEvenOnTheExactBinaryValue(double value, int places, double expected) {
        assertThat(Decimals.round(value, places)).isEqualTo(expected);
    }

    @Test
    void round_negativeZero_becomesZero() {
        assertThat(Double.doubleToRawLongBits(Decimals.round(-1e-9, 6))).isEqualTo(0L);
    }

    @Test
    void vectors_mismatches_reportsWrongMissingAndOutOfTolerance() {
        var actual = json("{'a': {'b': [1, 2.5]}, 'c': 'x', 'd': null}");
        assertThat(StatsVectors.mismatches(
                        json("{'/a/b/0': 1.0, '/c': 'x', '/d': null," + " '/a/b/1': {'value': 2.4, 'abs_tol': 0.2}}"),
                        actual))
                .isEmpty();
        assertThat(StatsVectors.mismatches(
                        json("{'/a/b/0': 2, '/c': 'y', '/e': null," + " '/a/b/1': {'value': 2.4, 'abs_tol': 0.05}}"),
                        actual))
                .hasSize(4);
    }
}
