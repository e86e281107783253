package dev.workbench.core.stats;

import static dev.workbench.core.stats.TestExperiments.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact JSON of both analyses, byte for byte, against {@code analysis-golden.txt}: written by the ObjectNode
 * builders the typed result records replaced, so every key, its order, each null against an absent key and every
 * number's digits are the same as before. Covers every reference vector, the bandit's second rounds (units since a
 * round, the same data again, a round from before {@code units}) and records the vectors do not reach (a slug and a
 * window, guardrails of every shape, a failed comparison, an arm prior, an arm without units).
 * To rewrite the file (only ever on purpose): {@code -Dworkbench.updateGolden=true}.
 */
class AnalysisGoldenTest {
    private static final Path FILE = Path.of("src/test/resources/dev/workbench/core/stats/analysis-golden.txt");
    private static final Instant NOW = Instant.parse("2026-03-15T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-22T09:00:00Z");

    @Test
    void everyCase_writesTheSameJsonAsTheBuildersBefore() throws IOException {
        Map<String, String> actual = produce();
        if (Boolean.getBoolean("workbench.updateGolden")) {
            StringBuilder text = new StringBuilder();
            actual.forEach(
                    (id, json) -> text.append(id).append('\t').append(json).append('\n'));
            Files.writeString(FILE, text.toString(), StandardCharsets.UTF_8);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            expected.put(line.substring(0, tab), line.substring(tab + 1));
        }
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(expected).hasSizeGreaterThan(120);
        expected.forEach((id, json) -> assertThat(actual.get(id)).as(id).isEqualTo(json));
    }

    /** Every case's result as the wire carries it (the tree's text), checked against the direct serialisation. */
    private static Map<String, String> produce() {
        Map<String, String> out = new LinkedHashMap<>();
        for (StatsVectors.Case c : StatsVectors.load()) {
            if (c.expectedError() != null) {
                continue;
            }
            JsonNode experiment = c.arguments().get("experiment");
            if (c.tool().equals("analyze-bayesian")) {
                put(out, c.id(), BayesianAnalysis.analyze(experiment, NOW));
                continue;
            }
            BanditAnalysis.Options options = BanditAnalysis.Options.fromArguments(c.arguments());
            JsonNode first = put(out, c.id(), BanditAnalysis.analyze(experiment, options, NOW));
            put(out, c.id() + "/again", BanditAnalysis.analyze(experiment, options, LATER, first));
            ObjectNode fewer = first.deepCopy();
            if (fewer.get("units").isObject()) {
                ObjectNode units = (ObjectNode) fewer.get("units");
                units.properties()
                        .forEach(e -> units.put(e.getKey(), e.getValue().longValue() * 2 / 3));
            }
            put(out, c.id() + "/grown", BanditAnalysis.analyze(experiment, options, LATER, fewer));
            ObjectNode legacy = first.deepCopy();
            legacy.remove("units");
            put(out, c.id() + "/legacy", BanditAnalysis.analyze(experiment, options, LATER, legacy));
        }
        extras(out);
        return out;
    }

    private static void extras(Map<String, String> out) {
        ObjectNode full = json("{'slug': 'full', 'controlVariant': 'c', 'treatmentVariants': ['t1', 't2', 't3'],"
                + " 'primaryMetricEvent': 'revenue', 'guardrailEvents': ['errors', 'latency', 'click'],"
                + " 'observationStart': '2026-03-01', 'observationEnd': '2026-03-14', 'minimumSample': 900,"
                + " 'trafficWeights': {'c': 2, 't1': 1, 't2': 1, 't3': 1},"
                + " 'inputData': {'metrics': {"
                + "  'revenue': {'c': {'n': 2000, 'sum': 4100.5, 'sum_squares': 17000.25},"
                + "   't1': {'n': 1000, 'sum': 2210.0, 'sum_squares': 9100.0},"
                + "   't2': {'n': 1000, 'sum': 2000.0, 'sum_squares': 8200.0},"
                + "   't3': {'n': 0, 'sum': 0, 'sum_squares': 0}},"
                + "  'errors': {'inverse': true, 'c': {'n': 2000, 'k': 40}, 't1': {'n': 1000, 'k': 31},"
                + "   't2': {'n': 1000, 'k': 20}, 't3': {'n': 0, 'k': 0}},"
                + "  'latency': {'inverse': true, 'c': {'n': 2000, 'mean': 120.5, 'variance': 400.0},"
                + "   't1': {'n': 1000, 'mean': 119.0, 'variance': 390.0},"
                + "   't2': {'n': 1000, 'mean': 125.25, 'variance': 420.0}, 't3': {'n': 0, 'mean': 0, 'variance': 0}},"
                + "  'click': {'c': {'n': 2000, 'k': 0}, 't1': {'n': 1000, 'k': 0}, 't2': {'n': 1000, 'k': 1000},"
                + "   't3': {'n': 0, 'k': 0}}}}}");
        put(out, "extra/bayesian-full", BayesianAnalysis.analyze(full, NOW));
        full.put("priorProper", true).put("priorMean", 0.01).put("priorStddev", 0.05);
        put(out, "extra/bayesian-full-prior", BayesianAnalysis.analyze(full, NOW));
        ObjectNode small = json("{'slug': 'small', 'controlVariant': 'c', 'treatmentVariants': ['t'],"
                + " 'primaryMetricEvent': 'click', 'minimumSample': 100, 'trafficWeights': {'c': 1},"
                + " 'inputData': {'metrics': {'click': {'c': {'n': 10, 'k': 1}, 't': {'n': 12, 'k': 3}}}}}");
        put(out, "extra/bayesian-srm-zero-weight", BayesianAnalysis.analyze(small, NOW));
        ObjectNode none = json("{'controlVariant': 'c', 'treatmentVariants': ['t'], 'primaryMetricEvent': 'click',"
                + " 'inputData': {'metrics': {'click': {'c': {'n': 0, 'k': 0}, 't': {'n': 0, 'k': 0}}}}}");
        put(out, "extra/bayesian-no-units", BayesianAnalysis.analyze(none, NOW));
        ObjectNode bandit = json("{'slug': 'arms', 'controlVariant': 'c', 'treatmentVariants': ['a', 'b'],"
                + " 'primaryMetricEvent': 'spend', 'inputData': {'metrics': {'spend': {"
                + "  'c': {'n': 300, 'mean': 2.5, 'variance': 1.5}, 'a': {'n': 280, 'mean': 2.9, 'variance': 1.7},"
                + "  'b': {'n': 0, 'mean': 0, 'variance': 0}}}}}");
        BanditAnalysis.Options prior = new BanditAnalysis.Options(
                BanditAnalysis.TOP_TWO, 0.05, 50, new BanditAnalysis.ArmPrior(2.0, 1.0), 0.9);
        put(out, "extra/bandit-prior-empty-arm", BanditAnalysis.analyze(bandit, prior, NOW));
        put(out, "extra/bandit-empty-arm", BanditAnalysis.analyze(bandit, BanditAnalysis.Options.defaults(), NOW));
        ObjectNode decided = json("{'slug': 'arms', 'controlVariant': 'c', 'treatmentVariants': ['a'],"
                + " 'primaryMetricEvent': 'click', 'inputData': {'metrics': {'click': {'inverse': true,"
                + "  'c': {'n': 5000, 'k': 900}, 'a': {'n': 5000, 'k': 700}}}}}");
        BanditAnalysis.Options stop = new BanditAnalysis.Options(null, 0.0, 0, null, 0.5);
        JsonNode first = put(out, "extra/bandit-stop-met", BanditAnalysis.analyze(decided, stop, NOW));
        ObjectNode carried = first.deepCopy();
        ((ObjectNode) carried.get("srm")).set("period", json("{'from': 'x', 'to': 'y'}"));
        put(out, "extra/bandit-carried-period", BanditAnalysis.analyze(decided, stop, LATER, carried));
        for (String previous : List.of(
                "{'type': 'bandit', 'bandit_weights': {'c': 0.5}, 'units': {'c': 1, 'a': 1}}",
                "{'type': 'bandit', 'bandit_weights': {'c': 0.5, 'a': 0.5}}")) {
            put(
                    out,
                    "extra/bandit-previous-" + out.size(),
                    BanditAnalysis.analyze(decided, stop, LATER, json(previous)));
        }
    }

    /** Records the result's wire text; the direct serialisation must be the same text. */
    private static JsonNode put(Map<String, String> out, String id, Object result) {
        JsonNode tree = Json.toTree(result);
        assertThat(Json.toLine(result)).as(id).isEqualTo(tree.toString());
        out.put(id, tree.toString());
        return tree;
    }
}
