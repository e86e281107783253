package dev.workbench.core.stats;

import static dev.workbench.core.stats.TestExperiments.codeOf;
import static dev.workbench.core.stats.TestExperiments.json;
import static dev.workbench.core.stats.TestExperiments.messageOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.workbench.core.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricDataTest {
    private static final List<String> VARIANTS = List.of("control", "treatment");

    private static void validate(String inputData) {
        MetricData.validate(json(inputData), VARIANTS);
    }

    @Test
    void validate_wellFormedData_passes() {
        assertThatCode(() -> validate("{'metrics': {'click': {'control': {'n': 100, 'k': 10},"
                        + " 'treatment': {'n': 100.0, 'k': 12}}, 'rev': {'inverse': false,"
                        + " 'control': {'n': 10, 'sum': 5.5, 'sum_squares': 9.1}}}}"))
                .doesNotThrowAnyException();
    }

    @Test
    void validate_missingVariantData_isAllowedAtWriteTime() {
        assertThatCode(() -> validate("{'metrics': {'click': {'control': {'n': 100, 'k': 10}}}}"))
                .doesNotThrowAnyException();
    }

    @Test
    void validate_nullOrEmpty_passes() {
        assertThatCode(() -> MetricData.validate(null, VARIANTS)).doesNotThrowAnyException();
        assertThatCode(() -> MetricData.validate(NullNode.getInstance(), VARIANTS))
                .doesNotThrowAnyException();
        assertThatCode(() -> validate("{'metrics': {}}")).doesNotThrowAnyException();
    }

    @Test
    void validate_trillionUnits_pass() {
        assertThatCode(() -> validate("{'metrics': {'click': {'control': {'n': 1000000000000, 'k': 999999999999},"
                        + " 'treatment': {'n': 1e12, 'k': 5}}}}"))
                .doesNotThrowAnyException();
    }

    @Test
    void validate_unknownVariant_isUnknownVariant() {
        assertThat(messageOf(() -> validate("{'metrics': {'click': {'contrl': {'n': 100, 'k': 10}}}}")))
                .isEqualTo("UNKNOWN_VARIANT: inputData.metrics.click.contrl: 'contrl' is not one of the experiment's"
                        + " variants [control, treatment]; use one of them or add it to treatmentVariants first");
    }

    @Test
    void validate_noVariantsOnRecord_isUnknownVariantTellingToSetThemFirst() {
        assertThat(messageOf(() ->
                        MetricData.validate(json("{'metrics': {'click': {'control': {'n': 1, 'k': 0}}}}"), List.of())))
                .startsWith("UNKNOWN_VARIANT: inputData.metrics.click.control:")
                .endsWith("set controlVariant and treatmentVariants first");
    }

    @Test
    void validate_kGreaterThanN_isInvalidCounts() {
        assertThat(messageOf(() -> validate("{'metrics': {'click': {'control': {'n': 100, 'k': 150}}}}")))
                .isEqualTo("INVALID_COUNTS: inputData.metrics.click.control.k: must be a whole number 0 ≤ k ≤ n,"
                        + " got 150 (n = 100)");
    }

    @Test
    void validate_nanString_isNonFiniteInput() {
        assertThat(messageOf(() -> validate("{'metrics': {'click': {'control': {'n': 100, 'k': 'NaN'}}}}")))
                .isEqualTo("NON_FINITE_INPUT: inputData.metrics.click.control.k: must be a finite number, got \"NaN\"");
    }

    @Test
    void validate_infinityInContinuousData_isNonFiniteInput() {
        assertThat(codeOf(() -> validate(
                        "{'metrics': {'rev': {'control': {'n': 10, 'mean': 'Infinity'," + " 'variance': 1}}}}")))
                .isEqualTo(ErrorCode.NON_FINITE_INPUT);
    }

    @Test
    void validate_fractionalN_isInvalidCounts() {
        assertThat(messageOf(() -> validate("{'metrics': {'click': {'control': {'n': 12.5, 'k': 1}}}}")))
                .isEqualTo("INVALID_COUNTS: inputData.metrics.click.control.n: must be a whole number, got 12.5");
    }

    @Test
    void validate_fractionalK_isInvalidCounts() {
        assertThat(codeOf(() -> validate("{'metrics': {'click': {'control': {'n': 12, 'k': 1.5}}}}")))
                .isEqualTo(ErrorCode.INVALID_COUNTS);
    }

    @Test
    void validate_negativeN_isInvalidCounts() {
        assertThat(codeOf(() -> validate("{'metrics': {'click': {'control': {'n': -1, 'mean': 1, 'variance': 1}}}}")))
                .isEqualTo(ErrorCode.INVALID_COUNTS);
    }

    @Test
    void validate_mixedShapes_isInvalidMetricShape() {
        assertThat(messageOf(() -> validate("{'metrics': {'click': {'control': {'n': 100, 'k': 10},"
                        + " 'treatment': {'n': 100, 'sum': 10, 'sum_squares': 20}}}}")))
                .isEqualTo("INVALID_METRIC_SHAPE: inputData.metrics.click: all variants of a metric must use one"
                        + " shape, but 'control' is {n, k} and 'treatment' is {n, sum, sum_squares}");
    }

    @Test
    void validate_incompleteShape_isInvalidMetricShape() {
        assertThat(codeOf(() -> validate("{'metrics': {'click': {'control': {'n': 100, 'sum': 10}}}}")))
                .isEqualTo(ErrorCode.INVALID_METRIC_SHAPE);
        assertThat(codeOf(() -> validate("{'metrics': {'click': {'control': {'k': 10}}}}")))
                .isEqualTo(ErrorCode.INVALID_METRIC_SHAPE);
    }

    @Test
    void validate_notAnObject_isInvalidMetricShape() {
        assertThat(codeOf(() -> validate("{'metrics': {'click': [1, 2]}}"))).isEqualTo(ErrorCode.INVALID_METRIC_SHAPE);
        assertThat(codeOf(() -> validate("{'metrics': {'click': {'control': 5}}}")))
                .isEqualTo(ErrorCode.INVALID_METRIC_SHAPE);
        assertThat(codeOf(() -> validate("{'metrics': 3}"))).isEqualTo(ErrorCode.INVALID_METRIC_SHAPE);
    }

    @Test
    void validate_inverseNotBoolean_isInvalidMetricShape() {
        assertThat(messageOf(() -> validate("{'metrics': {'click': {'inverse': {'n': 1, 'k': 0}}}}")))
                .contains("a variant may not be named 'inverse'");
        assertThat(codeOf(() -> validate("{'metrics': {'click': {'inverse': 'yes'}}}")))
                .isEqualTo(ErrorCode.INVALID_METRIC_SHAPE);
    }

    @Test
    void validate_negativeSumSquares_isRefusedAtWrite() {
        // Data that no analysis could use is refused when written, with the code the analysis would give.
        assertThat(codeOf(() ->
                        validate("{'metrics': {'rev': {'control': {'n': 100, 'sum': 500, 'sum_squares': 2000}}}}")))
                .isEqualTo(ErrorCode.NEGATIVE_VARIANCE);
    }
}
