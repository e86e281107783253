package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.stats.StatsVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The analysis tools: every shared reference vector through the tool, and the stored-record behaviour. */
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
            assertThat(result.isError()).as("%s should fail: %s", c.id(), result.text()).isTrue();
            assertThat(result.code().name()).isEqualTo(c.expectedError());
        } else {
            assertThat(result.isError()).as("%s: %s", c.id(), result.text()).isFalse();
            assertThat(StatsVectors.mismatches(c.expected(), result.structured())).as(c.id()).isEmpty();
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
        assertThat(record.get("analysisResult").toString()).isEqualTo(result.structured().toString());
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
        assertThat(run("analyze-bayesian", "{\"slug\":\"cta\",\"expectedRevision\":9}").code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(run("analyze-bayesian", "{\"slug\":\"cta\",\"expectedRevision\":1}").isError()).isFalse();
    }

    @Test
    void decidedExperiment_keepsTheAnalysisItsDecisionRestsOn() throws IOException {
        collectingExperiment();
        run("analyze-bayesian", "{\"slug\":\"cta\"}");
        run("upsert-experiment", "{\"slug\":\"cta\",\"status\":\"decided\",\"decision\":\"ship b\","
                + "\"decisionSummary\":\"b wins\",\"decisionReason\":\"p_win 0.98\"}");
        assertThat(run("analyze-bayesian", "{\"slug\":\"cta\"}").code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(run("analyze-bayesian", "{\"slug\":\"cta\",\"dryRun\":true}").isError()).isFalse();
    }

    @Test
    void slugAndExperimentTogether_orNeither_isInvalidInput() throws IOException {
        assertThat(run("analyze-bayesian", "{}").code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(run("analyze-bayesian", "{\"slug\":\"a\",\"experiment\":{}}").code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(run("analyze-bayesian", "{\"slug\":\"missing\"}").code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void banditOptions_areChecked() throws IOException {
        String inline = "\"experiment\":{\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\"],\"primaryMetricEvent\":\"c\","
                + "\"inputData\":{\"metrics\":{\"c\":{\"a\":{\"n\":500,\"k\":50},\"b\":{\"n\":500,\"k\":60}}}}}";
        assertThat(run("analyze-bandit", "{" + inline + ",\"allocation\":\"greedy\"}").code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(run("analyze-bandit", "{" + inline + ",\"minWeight\":2}").code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(run("analyze-bandit", "{" + inline + ",\"armPrior\":{\"mean\":0,\"stddev\":0}}").code())
                .isEqualTo(ErrorCode.INVALID_PRIOR);
        for (String prior : new String[] {"{\"mean\":1e300,\"stddev\":1}", "{\"mean\":0,\"stddev\":1e-10}",
                "{\"mean\":0,\"stddev\":2e9}"}) {
            ToolResult refused = run("analyze-bandit", "{" + inline + ",\"armPrior\":" + prior + "}");
            assertThat(refused.code()).as(refused.text()).isEqualTo(ErrorCode.INVALID_PRIOR);
            assertThat(refused.message()).matches("armPrior\\.(mean|stddev): expected a number from .* to .*, got .*");
        }
        assertThat(run("analyze-bandit", "{" + inline + ",\"armPrior\":{\"mean\":-1e9,\"stddev\":1e9}}").isError()).isFalse();
        String proper = inline.replace("\"controlVariant\"", "\"priorProper\":true,\"priorMean\":1e300,\"priorStddev\":0.3,\"controlVariant\"");
        ToolResult lift = run("analyze-bayesian", "{" + proper + "}");
        assertThat(lift.code()).as("an inline record's prior is checked as a stored one's: %s", lift.text()).isEqualTo(ErrorCode.INVALID_PRIOR);
        assertThat(lift.message()).startsWith("priorMean: expected a number from -100 to 100");
        ToolResult topTwo = run("analyze-bandit", "{" + inline + ",\"allocation\":\"top-two\",\"minWeight\":0.05}");
        assertThat(topTwo.isError()).as(topTwo.text()).isFalse();
        double sum = 0;
        for (JsonNode w : topTwo.structured().get("bandit_weights")) {
            assertThat(w.asDouble()).isGreaterThanOrEqualTo(0.05);
            sum += w.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
