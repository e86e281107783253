package dev.workbench.core.program;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How numbers read in a clean result: rounding, signs, separators and the small values. */
class CleanResultFormatTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0.1234     | +12.3 %",
                "0.048      | +4.8 %",
                "0.46349    | +46.3 %",
                "-0.0082    | -0.82 %",
                "0.00995    | +1.00 %",
                "-0.25      | -25.0 %",
                "0          | 0.00 %",
                "-0.0000001 | > -0.01 %",
                "0.00004    | < 0.01 %",
                "1.5        | +150.0 %"
            })
    void changes_areSignedPercents_withOneDecimal_twoBelowOnePercent(double value, String text) {
        assertThat(CleanResultFormat.change(value)).isEqualTo(text);
    }

    @Test
    void intervals_sharesCountsAndPValues() {
        assertThat(CleanResultFormat.interval(0.048, 0.463)).isEqualTo("+4.8 % to +46.3 %");
        assertThat(CleanResultFormat.interval(null, 0.4)).isEqualTo("–");
        assertThat(CleanResultFormat.percent(0.9731)).isEqualTo("97.3 %");
        assertThat(CleanResultFormat.percent(0.0013)).isEqualTo("0.13 %");
        assertThat(CleanResultFormat.percent(null)).isEqualTo("–");
        assertThat(CleanResultFormat.count(12345L)).isEqualTo("12,345");
        assertThat(CleanResultFormat.count(1234567L)).isEqualTo("1,234,567");
        assertThat(CleanResultFormat.count(999L)).isEqualTo("999");
        assertThat(CleanResultFormat.pValue(0.03249)).isEqualTo("0.032");
        assertThat(CleanResultFormat.pValue(0.0004)).isEqualTo("< 0.001");
        assertThat(CleanResultFormat.pValue(1.0)).isEqualTo("1.000");
        assertThat(CleanResultFormat.decimal(2.75)).isEqualTo("2.75");
        assertThat(CleanResultFormat.decimal(168.0)).isEqualTo("168");
        assertThat(CleanResultFormat.decimal(0.123456)).isEqualTo("0.1235");
    }
}
