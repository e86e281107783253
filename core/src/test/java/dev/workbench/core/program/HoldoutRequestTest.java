package dev.workbench.core.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** plan-holdout's input, field by field: the range of each, with a message naming the field. */
class HoldoutRequestTest {
    private static String refused(Double percentage, String launchedAt, List<Integer> days) {
        try {
            new HoldoutRequest("checkout", percentage, launchedAt, days, null, null);
        } catch (WorkbenchException e) {
            assertThat(e.code()).isIn(ErrorCode.INVALID_INPUT, ErrorCode.NON_FINITE_INPUT);
            return e.getMessage();
        }
        throw new AssertionError("accepted " + percentage + " " + launchedAt + " " + days);
    }

    @Test
    void defaults_areTheSeedsDays() {
        assertThat(new HoldoutRequest("checkout", 5.0, "2026-06-01", null, null, null).checkAtDays())
                .isEqualTo(List.of(30, 60, 90));
    }

    @ParameterizedTest
    @CsvSource({"0", "50", "-1", "75"})
    void percentage_isAbove0AndBelow50(double percentage) {
        assertThat(refused(percentage, "2026-06-01", null)).startsWith("percentage: expected a percentage above 0");
    }

    @Test
    void percentage_andLaunchedAt_areRequired_andChecked() {
        assertThat(refused(null, "2026-06-01", null)).isEqualTo("percentage: required");
        assertThat(refused(Double.NaN, "2026-06-01", null)).startsWith("percentage: expected a finite number");
        assertThat(refused(5.0, null, null)).isEqualTo("launchedAt: required");
        assertThat(refused(5.0, "2026-02-30", null)).startsWith("launchedAt: expected a date as yyyy-mm-dd");
        assertThat(new HoldoutRequest("checkout", 49.9, "2026-06-01", null, null, null).percentage())
                .isEqualTo(49.9);
    }

    @Test
    void checkAtDays_areStrictlyAscending_from1To3650_atMost10() {
        assertThat(refused(5.0, "2026-06-01", List.of())).isEqualTo("checkAtDays: expected 1 to 10 days, got 0");
        assertThat(refused(5.0, "2026-06-01", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)))
                .isEqualTo("checkAtDays: expected 1 to 10 days, got 11");
        assertThat(refused(5.0, "2026-06-01", List.of(0))).startsWith("checkAtDays[0]: expected a day from 1 to 3650");
        assertThat(refused(5.0, "2026-06-01", List.of(30, 3651))).startsWith("checkAtDays[1]: expected a day from 1");
        assertThat(refused(5.0, "2026-06-01", List.of(30, 30))).startsWith("checkAtDays[1]: expected a day after 30");
        assertThat(refused(5.0, "2026-06-01", List.of(60, 30))).startsWith("checkAtDays[1]: expected a day after 60");
        assertThat(refused(5.0, "2026-06-01", Arrays.asList(30, null))).isEqualTo("checkAtDays[1]: required");
        assertThat(new HoldoutRequest("checkout", 5.0, "2026-06-01", List.of(1, 3650), null, null).checkAtDays())
                .containsExactly(1, 3650);
    }

    @Test
    void slug_andShippedVariant_andExpectedRevision_areChecked() {
        assertThatThrownBy(() -> new HoldoutRequest("Not A Slug", 5.0, "2026-06-01", null, null, null))
                .hasMessageStartingWith("slug: expected kebab-case");
        assertThatThrownBy(() -> new HoldoutRequest("checkout", 5.0, "2026-06-01", null, "a b", null))
                .hasMessageStartingWith("shippedVariant: expected a name");
        assertThatThrownBy(() -> new HoldoutRequest("checkout", 5.0, "2026-06-01", null, null, 0L))
                .hasMessageStartingWith("expectedRevision: expected a whole number ≥ 1");
    }
}
