package dev.workbench.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the reference vectors (version 2, in the test resources), run through the engine directly. */
class StatsVectorsTest {
    private static final Instant NOW = Instant.parse("2026-03-15T09:00:00Z");

    static List<StatsVectors.Case> cases() {
        return StatsVectors.load();
    }

    @Test
    void vectors_allCasesOfVersion2Loaded() {
        assertThat(cases()).hasSize(71);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vector_matchesReference(StatsVectors.Case vector) {
        if (vector.expectedError() != null) {
            assertThatThrownBy(() -> run(vector))
                    .isInstanceOf(WorkbenchException.class)
                    .extracting(e -> ((WorkbenchException) e).code())
                    .isEqualTo(ErrorCode.valueOf(vector.expectedError()));
        } else {
            JsonNode result = run(vector);
            assertThat(StatsVectors.mismatches(vector.expected(), result))
                    .as("%s: %s%n%s", vector.id(), vector.description(), result.toPrettyString())
                    .isEmpty();
        }
    }

    /** Runs a case the way the tool would: the inline experiment plus the bandit's options. */
    static JsonNode run(StatsVectors.Case vector) {
        JsonNode experiment = vector.arguments().get("experiment");
        return switch (vector.tool()) {
            case "analyze-bayesian" -> Json.toTree(BayesianAnalysis.analyze(experiment, NOW));
            case "analyze-bandit" ->
                Json.toTree(BanditAnalysis.analyze(
                        experiment, BanditAnalysis.Options.fromArguments(vector.arguments()), NOW));
            default -> throw new IllegalArgumentException("unknown tool " + vector.tool());
        };
    }
}
