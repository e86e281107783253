package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.stats.StatsVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The analysis tools: every reference vector (version 2) through the tool, and the stored-record behaviour. */
class AnalysisToolsTest {
    @TempDir
    Path root;

    ToolContext context;

    @BeforeEach
    void setUp() {
        context = new ToolContext(new Workbench(root));
    }

    private ToolResult run(String tool, JsonNode args) {
        return ToolExecutor.execute(Tools.find(tool).orElseThrow(), args, context);
    }

    private ToolResult run(String tool, String json) throws IOException {
        return run(tool, Json.mapper().readTree(json));
    }

    static List<StatsVectors.Case> vectors() {
        return StatsVectors.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void referenceVector_throughTheTool(StatsVectors.Case c) {
        ToolResult result = run(c.tool(), c.arguments());
        if (c.expectedError() != null) {
            assertThat(result.isError())
                    .as("%s should fail: %s", c.id(), result.text())
                    .isTrue();
            assertThat(result.code().name()).isEqualTo(c.expectedError());
        } else {
            assertThat(result.isError()).as("%s: %s", c.id(), result.text()).isFalse();
            assertThat(StatsVectors.mismatches(c.expected(), result.structured()))
                    .as(c.id())
                    .isEmpty();
            assertThat(result.text()).doesNotContain("NaN", "Infinity");
        }
        assertThat(root.resolve(".aw")).as("an inline analysis stores nothing").doesNotExist();
    }

    private void collectingExperiment() throws IOException {
        assertThat(run("upsert-experiment", """
                {"slug":"cta","method":"bayesian_ab","primaryMetricEvent":"click","controlVariant":"a",
                 "treatmentVariants":["b"],"observationStart":"2026-11-01","status":"collecting",
                 "inputData":{"metrics":{"click":{"a":{"n":1000,"k":100},"b":{"n":1000,"k":130}}}}}""").isError()).isFalse();
    }

    @Test
    void bySlug_storesTheResult_andMovesCollectingToAnalyzing() throws IOException {
        collectingExperiment();
        ToolResult result = run("analyze-bayesian", "{\"slug\":\"cta\"}");
        assertThat(result.isError()).as(result.text()).isFalse();
        assertThat(result.structured().get("experiment").asText()).isEqualTo("cta");
        JsonNode record = run("get-experiment", "{\"slug\":\"cta\"}").structured();
        assertThat(record.get("status").asText()).isEqualTo("analyzing");
        assertThat(record.get("revision").asInt()).isEqualTo(2);
        assertThat(record.get("analysisResult").toString())
                .isEqualTo(result.structured().toString());
        assertThat(context.workbench().activity().recent(1).get(0).type()).isEqualTo("experiment.analyzed");
    }

    @Test
    void dryRun_computesWithoutStoring() throws IOException {
        collectingExperiment();
        String before = Files.readString(root.resolve(".aw/experiments/cta.json"));
        ToolResult result = run("analyze-bandit", "{\"slug\":\"cta\",\"dryRun\":true,\"burnIn\":10}");
        assertThat(result.isError()).as(result.text()).isFalse();
        assertThat(result.structured().get("type").asText()).isEqualTo("bandit");
        assertThat(Files.readString(root.resolve(".aw/experiments/cta.json"))).isEqualTo(before);
    }

    @Test
    void staleExpectedRevision_conflicts() throws IOException {
        collectingExperiment();
        assertThat(run("analyze-bayesian", "{\"slug\":\"cta\",\"expectedRevision\":9}")
                        .code())
                .isEqualTo(ErrorCode.CONFLICT);
        assertThat(run("analyze-bayesian", "{\"slug\":\"cta\",\"expectedRevision\":1}")
                        .isError())
                .isFalse();
    }

    @Test
    void decidedExperiment_keepsTheAnalysisItsDecisionRestsOn() throws IOException {
        collectingExperiment();
        ToolResult analysis = run("analyze-bayesian", "{\"slug\":\"cta\"}");
        assertThat(analysis.structured().at("/checks/interpretable").asBoolean())
                .as(analysis.text())
                .isTrue();
        ToolResult decided = run(
                "upsert-experiment",
                "{\"slug\":\"cta\",\"status\":\"decided\",\"decision\":\"ship b\","
                        + "\"decisionSummary\":\"b wins\",\"decisionReason\":\"p_win 0.98\"}");
        assertThat(decided.isError()).as(decided.text()).isFalse();
        assertThat(run("analyze-bayesian", "{\"slug\":\"cta\"}").code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(run("analyze-bayesian", "{\"slug\":\"cta\",\"dryRun\":true}").isError())
                .isFalse();
    }

    @Test
    void draft_bySlug_isNotCollecting_dryRunToo_whileInlineStillWorks() throws IOException {
        assertThat(run("upsert-experiment", """
                {"slug":"cta","method":"bayesian_ab","primaryMetricEvent":"click","controlVariant":"a",
                 "treatmentVariants":["b"],"observationStart":"2026-11-01"}""").isError()).isFalse();
        String before = Files.readString(root.resolve(".aw/experiments/cta.json"));
        assertThat(run("analyze-bayesian", "{\"slug\":\"cta\"}").code()).isEqualTo(ErrorCode.NOT_COLLECTING);
        assertThat(run("analyze-bayesian", "{\"slug\":\"cta\",\"dryRun\":true}").code())
                .isEqualTo(ErrorCode.NOT_COLLECTING);
        assertThat(run("analyze-bandit", "{\"slug\":\"cta\",\"dryRun\":true}").code())
                .isEqualTo(ErrorCode.NOT_COLLECTING);
        ToolResult inline = run(
                "analyze-bayesian",
                "{\"experiment\":{\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\"],"
                        + "\"primaryMetricEvent\":\"click\",\"inputData\":{\"metrics\":{\"click\":{\"a\":{\"n\":100,\"k\":10},"
                        + "\"b\":{\"n\":100,\"k\":12}}}}}}");
        assertThat(inline.isError()).as(inline.text()).isFalse();
        assertThat(inline.structured().has("input_sha256"))
                .as("inline: nothing stored, nothing bound")
                .isFalse();
        assertThat(Files.readString(root.resolve(".aw/experiments/cta.json"))).isEqualTo(before);
        assertThat(root.resolve(".aw/analyses")).doesNotExist();
    }

    @Test
    void storedResult_carriesTheHashOfItsData_andIsAppendedToTheHistory() throws IOException {
        collectingExperiment();
        ToolResult bayes = run("analyze-bayesian", "{\"slug\":\"cta\"}");
        ToolResult bandit = run("analyze-bandit", "{\"slug\":\"cta\",\"burnIn\":10}");
        Experiment record = context.workbench().experiments().get("cta");
        String hash = Experiment.inputSha256(record.inputData());
        assertThat(bayes.structured().get("input_sha256").asText()).isEqualTo(hash);
        assertThat(bandit.structured().get("input_sha256").asText()).isEqualTo(hash);
        assertThat(record.analysisStale()).isFalse();
        List<JsonNode> history = context.workbench().experiments().history().recent("cta", 10);
        assertThat(history).extracting(n -> n.get("type").asText()).containsExactly("bayesian", "bandit");
        assertThat(history.get(0).at("/treatments/0/variant").asText()).isEqualTo("b");
        assertThat(history.get(0).at("/treatments/0/lift").asDouble())
                .isEqualTo(bayes.structured()
                        .at("/primary_metric/comparisons/0/relative_change")
                        .asDouble());
        assertThat(history.get(0).at("/n/b").asInt()).isEqualTo(1000);
        assertThat(history.get(1).at("/bandit_weights/b").asDouble())
                .isEqualTo(bandit.structured().at("/bandit_weights/b").asDouble());
        assertThat(history.get(1).at("/best_arm_probabilities/b").asDouble())
                .isEqualTo(bandit.structured().at("/best_arm_probabilities/b").asDouble());
        assertThat(history.get(1).get("input_sha256").asText()).isEqualTo(hash);
    }

    @Test
    void dryRunBySlug_bindsTheHashOfTheDataItRead_andStoresNothing() throws IOException {
        collectingExperiment();
        String before = Files.readString(root.resolve(".aw/experiments/cta.json"));
        String hash = Experiment.inputSha256(
                context.workbench().experiments().get("cta").inputData());
        for (String tool : List.of("analyze-bayesian", "analyze-bandit")) {
            ToolResult result = run(tool, "{\"slug\":\"cta\",\"dryRun\":true}");
            assertThat(result.isError()).as(result.text()).isFalse();
            assertThat(result.structured().get("input_sha256").asText())
                    .as(tool)
                    .isEqualTo(hash);
            assertThat(result.text())
                    .as("input_sha256 is the last key")
                    .endsWith(",\"input_sha256\":\"" + hash + "\"}");
        }
        assertThat(Files.readString(root.resolve(".aw/experiments/cta.json"))).isEqualTo(before);
    }

    /** The activity feed names the primary verdict, or the bandit's best arm once weights moved. */
    @Test
    void storedAnalysis_titlesItsActivityWithTheHeadline() throws IOException {
        collectingExperiment();
        JsonNode bayes = run("analyze-bayesian", "{\"slug\":\"cta\"}").structured();
        assertThat(context.workbench().activity().recent(1).get(0).title())
                .isEqualTo("Bayesian analysis of cta: "
                        + bayes.at("/primary_metric/verdict").asText());
        JsonNode burnIn =
                run("analyze-bandit", "{\"slug\":\"cta\",\"burnIn\":5000}").structured();
        assertThat(burnIn.get("bandit_weights").isNull()).isTrue();
        assertThat(context.workbench().activity().recent(1).get(0).title())
                .isEqualTo("Bandit analysis of cta: "
                        + burnIn.get("update_message").asText());
        JsonNode bandit =
                run("analyze-bandit", "{\"slug\":\"cta\",\"burnIn\":10}").structured();
        assertThat(context.workbench().activity().recent(1).get(0).title())
                .isEqualTo("Bandit analysis of cta: best arm "
                        + bandit.at("/stopping/best_arm").asText() + " (P(best) "
                        + String.format("%.3f", bandit.at("/stopping/p_best").asDouble()) + ")");
    }

    @Test
    void slugAndExperimentTogether_orNeither_isInvalidInput() throws IOException {
        assertThat(run("analyze-bayesian", "{}").code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(run("analyze-bayesian", "{\"slug\":\"a\",\"experiment\":{}}").code())
                .isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(run("analyze-bayesian", "{\"slug\":\"missing\"}").code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    private void banditRecord(long nA, long kA, long nB, long kB, String trafficWeights) throws IOException {
        ToolResult upsert = run("upsert-experiment", """
                {"slug":"arms","method":"bandit","primaryMetricEvent":"click","controlVariant":"a",
                 "treatmentVariants":["b"],"observationStart":"2026-11-01","status":"collecting",
                 "trafficWeights":%s,
                 "inputData":{"metrics":{"click":{"a":{"n":%d,"k":%d},"b":{"n":%d,"k":%d}}}}}""".formatted(trafficWeights, nA, kA, nB, kB));
        assertThat(upsert.isError()).as(upsert.text()).isFalse();
    }

    /** By slug, the stored previous round bounds the SRM check: units since it, against the weights it set. */
    @Test
    void banditBySlug_srmSpansTheUnitsSinceTheStoredPreviousRound() throws IOException {
        banditRecord(1000, 100, 1000, 140, "{\"a\":1,\"b\":1}");
        JsonNode first = run("analyze-bandit", "{\"slug\":\"arms\"}").structured();
        assertThat(first.at("/srm/period").isNull()).isTrue();
        double wA = first.at("/bandit_weights/a").doubleValue();
        long addedA = Math.round(wA * 4000);
        banditRecord(
                1000 + addedA,
                100 + addedA / 10,
                1000 + 4000 - addedA,
                140 + (4000 - addedA) * 14 / 100,
                first.get("bandit_weights").toString());

        JsonNode inline = run(
                        "analyze-bandit",
                        "{\"experiment\":"
                                + Json.toTree(context.workbench().experiments().get("arms")) + "}")
                .structured();
        assertThat(inline.at("/srm/ok").booleanValue())
                .as("inline: the cumulative check, which fails")
                .isFalse();

        ToolResult second = run("analyze-bandit", "{\"slug\":\"arms\"}");
        assertThat(second.isError()).as(second.text()).isFalse();
        JsonNode srm = second.structured().get("srm");
        assertThat(srm.at("/period/from").asText())
                .isEqualTo(first.get("computed_at").asText());
        assertThat(srm.at("/period/to").asText())
                .isEqualTo(second.structured().get("computed_at").asText());
        assertThat(srm.at("/observed/a").longValue()).isEqualTo(addedA);
        assertThat(srm.get("ok").booleanValue()).isTrue();
        assertThat(second.structured().at("/checks/interpretable").booleanValue())
                .isTrue();
    }

    @Test
    void banditOptions_areChecked() throws IOException {
        String inline =
                "\"experiment\":{\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\"],\"primaryMetricEvent\":\"c\","
                        + "\"inputData\":{\"metrics\":{\"c\":{\"a\":{\"n\":500,\"k\":50},\"b\":{\"n\":500,\"k\":60}}}}}";
        assertThat(run("analyze-bandit", "{" + inline + ",\"allocation\":\"greedy\"}")
                        .code())
                .isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(run("analyze-bandit", "{" + inline + ",\"minWeight\":2}").code())
                .isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(run("analyze-bandit", "{" + inline + ",\"armPrior\":{\"mean\":0,\"stddev\":0}}")
                        .code())
                .isEqualTo(ErrorCode.INVALID_PRIOR);
        for (String prior : new String[] {
            "{\"mean\":1e300,\"stddev\":1}", "{\"mean\":0,\"stddev\":1e-10}", "{\"mean\":0,\"stddev\":2e9}"
        }) {
            ToolResult refused = run("analyze-bandit", "{" + inline + ",\"armPrior\":" + prior + "}");
            assertThat(refused.code()).as(refused.text()).isEqualTo(ErrorCode.INVALID_PRIOR);
            assertThat(refused.message()).matches("armPrior\\.(mean|stddev): expected a number from .* to .*, got .*");
        }
        assertThat(run("analyze-bandit", "{" + inline + ",\"armPrior\":{\"mean\":-1e9,\"stddev\":1e9}}")
                        .isError())
                .isFalse();
        String proper = inline.replace(
                "\"controlVariant\"",
                "\"priorProper\":true,\"priorMean\":1e300,\"priorStddev\":0.3,\"controlVariant\"");
        ToolResult lift = run("analyze-bayesian", "{" + proper + "}");
        assertThat(lift.code())
                .as("an inline record's prior is checked as a stored one's: %s", lift.text())
                .isEqualTo(ErrorCode.INVALID_PRIOR);
        assertThat(lift.message()).startsWith("priorMean: expected a number from -100 to 100");
        ToolResult topTwo = run("analyze-bandit", "{" + inline + ",\"allocation\":\"top-two\",\"minWeight\":0.05}");
        assertThat(topTwo.isError()).as(topTwo.text()).isFalse();
        double sum = 0;
        for (JsonNode w : topTwo.structured().get("bandit_weights")) {
            assertThat(w.asDouble()).isGreaterThanOrEqualTo(0.05);
            sum += w.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, Offset.offset(1e-9));
    }
}
