package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** review-stage's experiment and write-plan, through the executor as MCP and {@code aw} call them. */
class StageToolsTest {
    @TempDir
    Path root;

    ToolContext context;

    @BeforeEach
    void setUp() throws Exception {
        context = new ToolContext(new Workbench(root));
        Files.writeString(root.resolve("result.md"), "# Result\n");
    }

    private ToolResult run(String tool, String json) {
        try {
            return ToolExecutor.execute(
                    Tools.find(tool).orElseThrow(), Json.mapper().readTree(json), context);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode ok(String tool, String json) {
        ToolResult r = run(tool, json);
        assertThat(r.isError()).as(r.text()).isFalse();
        return r.structured();
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "review-stage|{\"action\":\"execute\",\"artifacts\":[\"result.md\"]}|INVALID_INPUT|area, experiment: expected exactly one of them (an area's stage or an experiment's), got neither",
                "review-stage|{\"area\":\"a\",\"experiment\":\"a\",\"action\":\"execute\",\"artifacts\":[\"result.md\"]}|INVALID_INPUT|area, experiment: expected exactly one of them (an area's stage or an experiment's), got both",
                "review-stage|{\"experiment\":\"Not A Slug\",\"action\":\"execute\"}|INVALID_INPUT|experiment:",
                "review-stage|{\"area\":\"experiment:x\",\"action\":\"execute\",\"artifacts\":[\"result.md\"]}|INVALID_INPUT|area:",
                "review-stage|{\"experiment\":\"missing\",\"action\":\"execute\"}|NOT_FOUND|experiment: no experiment \"missing\"",
                "review-stage|{\"area\":\"a\",\"action\":\"execute\"}|INVALID_INPUT|artifacts",
                "write-plan|{\"text\":\"x\"}|INVALID_INPUT|area, experiment: expected exactly one of them (an area's plan or an experiment's), got neither",
                "write-plan|{\"area\":\"a\",\"experiment\":\"b\",\"text\":\"x\"}|INVALID_INPUT|got both",
                "write-plan|{\"area\":\"a\"}|INVALID_INPUT|text: required",
                "write-plan|{\"area\":\"a\",\"text\":\"x\",\"expectedVersion\":-1}|INVALID_INPUT|expectedVersion",
                "write-plan|{\"area\":\"a\",\"text\":\"x\",\"expectedVersion\":3}|CONFLICT|expectedVersion: the latest plan of a is none"
            })
    void badCalls_areRefused_namingTheFields_andChangeNothing(
            String tool, String json, ErrorCode code, String message) {
        ToolResult r = run(tool, json);
        assertThat(r.code()).as(r.text()).isEqualTo(code);
        assertThat(r.message()).contains(message);
        assertThat(root.resolve(".aw/stages")).doesNotExist();
        assertThat(root.resolve(".aw/experiments")).doesNotExist();
    }

    @Test
    void anExperimentsStage_andItsPlan_throughTheTools() {
        ok("upsert-experiment", "{\"slug\":\"checkout\"}");
        JsonNode plan = ok("write-plan", "{\"experiment\":\"checkout\",\"text\":\"# Plan\\n\"}");
        assertThat(plan.get("stage").asText()).isEqualTo("experiment:checkout");
        assertThat(plan.get("version").asInt()).isEqualTo(1);
        assertThat(plan.get("path").asText()).isEqualTo(".aw/experiments/checkout/plans/v1.md");
        assertThat(plan.has("previous")).isFalse();
        assertThat(ok("write-plan", "{\"experiment\":\"checkout\",\"text\":\"# Plan 2\\n\",\"expectedVersion\":1}")
                        .get("previous")
                        .asInt())
                .isEqualTo(1);

        JsonNode executed = ok(
                "review-stage",
                "{\"experiment\":\"checkout\",\"action\":\"execute\","
                        + "\"artifacts\":[\"result.md\",\".aw/experiments/checkout/plan.md\"]}");
        assertThat(executed.get("area").asText()).isEqualTo("experiment:checkout");
        assertThat(executed.get("state").asText()).isEqualTo("EXECUTED");
        assertThat(executed.get("artifacts").findValuesAsText("path"))
                .containsExactly("aw://experiments/checkout/result", "result.md", ".aw/experiments/checkout/plan.md");
        assertThat(ok(
                                "review-stage",
                                "{\"experiment\":\"checkout\",\"action\":\"review\","
                                        + "\"checks\":[{\"name\":\"traced\",\"passed\":true}]}")
                        .get("state")
                        .asText())
                .isEqualTo("REVIEWED");
        ToolResult approve = run("review-stage", "{\"experiment\":\"checkout\",\"action\":\"approve\"}");
        assertThat(approve.code()).isEqualTo(ErrorCode.HUMAN_APPROVAL_REQUIRED);
        assertThat(approve.message()).contains("aw approve experiment:checkout");
    }
}
