package dev.workbench.core.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.stats.BayesianAnalysis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixture's data, analysed by the real Bayesian analysis, reproduces every point of the seed's three series
 * (within 0.5 percentage points of chance to win and 0.1 of lift), at the original test's 50/50 split and at a 5 %
 * holdout's, higher or lower being better, and passes the SRM check against that split.
 */
class SeedHoldoutSeriesTest {
    static Stream<Arguments> points() {
        List<Arguments> all = new ArrayList<>();
        for (SeedHoldoutSeries.Series s : SeedHoldoutSeries.all()) {
            for (boolean inverse : new boolean[] {false, true}) {
                all.add(Arguments.of(
                        s.name() + " original" + (inverse ? ", inverse" : ""), s.original(), 0.5, inverse));
                for (SeedHoldoutSeries.Point p : s.checkpoints()) {
                    all.add(Arguments.of(
                            s.name() + " day " + p.day() + (inverse ? ", inverse" : ""), p, 0.05, inverse));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("points")
    void theAnalysisOfTheDataReadsThePoint(String name, SeedHoldoutSeries.Point point, double share, boolean inverse) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("slug", "fixture");
        record.put("controlVariant", "control");
        record.set("treatmentVariants", JsonNodeFactory.instance.arrayNode().add("shipped"));
        record.put("primaryMetricEvent", "purchase");
        record.set(
                "trafficWeights",
                JsonNodeFactory.instance.objectNode().put("control", share).put("shipped", 1 - share));
        record.set("inputData", SeedHoldoutSeries.inputData(point, "purchase", "control", "shipped", share, inverse));

        JsonNode result = Json.toTree(BayesianAnalysis.analyze(record, Instant.parse("2026-06-01T00:00:00Z")));

        JsonNode comparison = result.at("/primary_metric/comparisons/0");
        assertThat(comparison.get("chance_to_win").doubleValue())
                .as("chance to win")
                .isCloseTo(point.chanceToWin(), within(0.005));
        assertThat(comparison.get("relative_change").doubleValue())
                .as("relative lift")
                .isCloseTo(inverse ? -point.relativeLift() : point.relativeLift(), within(0.001));
        assertThat(result.at("/primary_metric/inverse").booleanValue()).isEqualTo(inverse);
        assertThat(result.at("/srm/ok").booleanValue())
                .as("SRM against the split")
                .isTrue();
        assertThat(result.at("/checks/interpretable").booleanValue()).isTrue();
    }
}
