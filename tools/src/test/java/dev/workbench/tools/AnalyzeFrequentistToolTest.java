package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze-frequentist through the tool: inline, by slug (stored, then the decision gate), and its refusals. */
class AnalyzeFrequentistToolTest {
    @TempDir
    Path root;

    ToolContext context;

    @BeforeEach
    void setUp() {
        context = new ToolContext(new Workbench(root));
    }

    private ToolResult run(String tool, String json) throws IOException {
        return ToolExecutor.execute(
                Tools.find(tool).orElseThrow(), Json.mapper().readTree(json), context);
    }

    private void collecting(long minimumSample) throws IOException {
        ToolResult upsert = run("upsert-experiment", """
                {"slug":"cta","method":"frequentist","primaryMetricEvent":"click","controlVariant":"a",
                 "treatmentVariants":["b"],"observationStart":"2026-11-01","status":"collecting",
                 "minimumSample":%d,
                 "inputData":{"metrics":{"click":{"a":{"n":3000,"k":300},"b":{"n":3000,"k":420}}}}}""".formatted(minimumSample));
        assertThat(upsert.isError()).as(upsert.text()).isFalse();
    }

    @Test
    void bySlug_storesTheResultWithItsSettings_andTheGateAcceptsIt() throws IOException {
        collecting(0);
        ToolResult result = run(
                "analyze-frequentist",
                "{\"slug\":\"cta\",\"sequential\":true,\"sequentialTuning\":2000,\"alpha\":0.1}");
        assertThat(result.isError()).as(result.text()).isFalse();
        JsonNode record = run("get-experiment", "{\"slug\":\"cta\"}").structured();
        assertThat(record.get("method").asText()).isEqualTo("frequentist");
        assertThat(record.get("status").asText()).isEqualTo("analyzing");
        JsonNode stored = record.get("analysisResult");
        assertThat(stored.get("type").asText()).isEqualTo("frequentist");
        assertThat(stored.get("input_sha256").asText()).hasSize(64);
        assertThat(stored.get("settings").toString())
                .isEqualTo("{\"alpha\":0.1,\"sequential\":true,\"sequential_tuning\":2000.0,\"correction\":\"none\"}");
        assertThat(stored.toString()).isEqualTo(result.structured().toString());
        assertThat(stored.at("/primary_metric/verdict").asText()).isEqualTo("significant improvement");
        ToolResult decided = run(
                "upsert-experiment",
                "{\"slug\":\"cta\",\"status\":\"decided\",\"decision\":\"ship b\","
                        + "\"decisionSummary\":\"b wins\",\"decisionReason\":\"sequential p < 0.1\"}");
        assertThat(decided.isError()).as(decided.text()).isFalse();
    }

    @Test
    void theGateRefusesAFailedCheck_andNamesThisToolWhenThereIsNoAnalysis() throws IOException {
        collecting(5000);
        assertThat(run("upsert-experiment", "{\"slug\":\"cta\",\"status\":\"analyzing\"}")
                        .isError())
                .isFalse();
        ToolResult premature = run(
                "upsert-experiment",
                "{\"slug\":\"cta\",\"status\":\"decided\",\"decision\":\"ship b\","
                        + "\"decisionSummary\":\"s\",\"decisionReason\":\"r\"}");
        assertThat(premature.code()).isEqualTo(ErrorCode.ANALYSIS_STALE);
        assertThat(premature.text()).contains("run analyze-frequentist with its slug first");
        ToolResult analysis = run("analyze-frequentist", "{\"slug\":\"cta\"}");
        assertThat(analysis.structured().at("/primary_metric/verdict").asText())
                .isEqualTo("do not interpret: not enough data");
        ToolResult decided = run(
                "upsert-experiment",
                "{\"slug\":\"cta\",\"status\":\"decided\",\"decision\":\"ship b\","
                        + "\"decisionSummary\":\"s\",\"decisionReason\":\"r\"}");
        assertThat(decided.code()).isEqualTo(ErrorCode.GATE_FAILED);
    }

    @Test
    void badSettingsAreRefusedNamingTheField() throws IOException {
        String inline = "\"experiment\":{\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\"],"
                + "\"primaryMetricEvent\":\"click\",\"inputData\":{\"metrics\":{\"click\":{\"a\":{\"n\":100,\"k\":10},"
                + "\"b\":{\"n\":100,\"k\":12}}}}}";
        ToolResult alpha = run("analyze-frequentist", "{" + inline + ",\"alpha\":0.5}");
        assertThat(alpha.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(alpha.text()).contains("alpha: must be a number 0 < alpha < 0.5");
        ToolResult correction = run("analyze-frequentist", "{" + inline + ",\"correction\":\"bonferroni\"}");
        assertThat(correction.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(correction.text()).contains("correction: must be 'none', 'holm' or 'benjamini-hochberg'");
        ToolResult ok = run("analyze-frequentist", "{" + inline + ",\"correction\":\"holm\"}");
        assertThat(ok.isError()).as(ok.text()).isFalse();
        assertThat(ok.structured()
                        .at("/primary_metric/comparisons/0/p_value_adjusted")
                        .asDouble())
                .isEqualTo(ok.structured()
                        .at("/primary_metric/comparisons/0/p_value")
                        .asDouble());
        assertThat(root.resolve(".aw")).as("an inline analysis stores nothing").doesNotExist();
    }
}
