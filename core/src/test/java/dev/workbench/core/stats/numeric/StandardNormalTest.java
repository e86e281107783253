package dev.workbench.core.stats.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StandardNormalTest {

    /** Reference g(u) = φ(u) − uQ(u) from mpmath 1.3 at 60 digits ({@code npdf(u) - u*ncdf(-u)}). */
    @ParameterizedTest(name = "g({0})")
    @CsvSource({
        "0, 0.39894228040143268",
        "0.5, 0.19779655740130603",
        "1, 0.083315470587686298",
        "2, 0.0084907026168296375",
        "3, 0.0003821543170477236",
        "3.999, 7.176996678655518e-6",
        "4, 7.1452584324056668e-6",
        "4.001, 7.1136540165488542e-6",
        "5, 5.346165533832815e-8",
        "8, 7.5502624119464989e-17",
        "12, 1.4605201169845548e-34",
        "20, 1.3700124947295799e-90",
        "30, 1.6319567340914012e-199",
        "37, 1.5451991905122025e-301"
    })
    void upperTailExcess_matchesHighPrecisionReference_toTwelveDigits(double u, double expected) {
        assertThat(StandardNormal.upperTailExcess(u)).isCloseTo(expected, within(Math.abs(expected) * 1e-12));
    }

    @ParameterizedTest(name = "u = {0}")
    @ValueSource(doubles = {38.5, 40, 1e3, 1e10, 2.2e10, Double.MAX_VALUE, Double.POSITIVE_INFINITY})
    void upperTailExcess_farTail_isZeroNotNaN(double u) {
        assertThat(StandardNormal.upperTailExcess(u)).isBetween(0.0, 1e-300);
    }
}
