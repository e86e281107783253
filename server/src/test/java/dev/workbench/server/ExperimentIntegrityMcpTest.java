package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.capture.SessionSummary;
import dev.workbench.server.stdio.InProcessSession;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Integrity rules of experiments (issue 10, Deliver 1-3) through a real MCP client: the exact reproductions of
 * findings 1 (data before the freeze) and 2 (a stale analysis behind a decision), and the decision gate.
 */
class ExperimentIntegrityMcpTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @TempDir
    Path root;

    InProcessSession session;

    @BeforeEach
    void start() {
        session = InProcessSession.open(new Workbench(root));
    }

    @AfterEach
    void stop() {
        session.close();
    }

    static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return session.client().callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    JsonNode ok(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = call(tool, arguments);
        JsonNode structured = PLAIN.valueToTree(result.structuredContent());
        assertThat(result.isError()).as("%s failed: %s", tool, structured).isFalse();
        return structured;
    }

    /** A call that must fail with {@code code} and change nothing under .aw/; returns the error's message. */
    String refused(String code, String tool, Map<String, Object> arguments) {
        Map<String, String> before = McpToolScenarios.snapshot(root);
        JsonNode structured = PLAIN.valueToTree(call(tool, arguments).structuredContent());
        assertThat(structured.at("/error/code").asText())
                .as(structured.toString())
                .isEqualTo(code);
        assertThat(McpToolScenarios.snapshot(root))
                .as("files under .aw/ after a refused %s", tool)
                .isEqualTo(before);
        return structured.at("/error/message").asText();
    }

    private JsonNode resource(String uri) {
        McpSchema.ReadResourceResult result = session.client().readResource(new McpSchema.ReadResourceRequest(uri));
        try {
            return Json.mapper()
                    .readTree(
                            ((McpSchema.TextResourceContents) result.contents().get(0)).text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text(String uri) {
        McpSchema.ReadResourceResult result = session.client().readResource(new McpSchema.ReadResourceRequest(uri));
        return ((McpSchema.TextResourceContents) result.contents().get(0)).text();
    }

    private static Map<String, Object> clicks(int nA, int kA, int nB, int kB) {
        return args("metrics", args("click", args("a", args("n", nA, "k", kA), "b", args("n", nB, "k", kB))));
    }

    private void draft(String slug) {
        ok(
                "upsert-experiment",
                args(
                        "slug",
                        slug,
                        "method",
                        "bayesian_ab",
                        "primaryMetricEvent",
                        "click",
                        "controlVariant",
                        "a",
                        "treatmentVariants",
                        List.of("b"),
                        "observationStart",
                        "2026-11-01",
                        "minimumSample",
                        100,
                        "trafficWeights",
                        args("a", 0.5, "b", 0.5)));
    }

    private Map<String, Object> decide(Object... more) {
        Map<String, Object> call = args(
                "slug",
                "cta",
                "status",
                "decided",
                "decision",
                "ship b",
                "decisionSummary",
                "b wins +40 %",
                "decisionReason",
                "strong signal");
        for (int i = 0; i < more.length; i += 2) {
            call.put((String) more[i], more[i + 1]);
        }
        return call;
    }

    /** Finding 1: data in a draft, analysed by slug, then the metric swapped, then frozen. Each step is now refused. */
    @Test
    void finding1_dataBeforeTheFreeze_isRefused_andADraftIsNotAnalysedBySlug() {
        draft("cta");
        String message = refused(
                "NOT_COLLECTING", "upsert-experiment", args("slug", "cta", "inputData", clicks(2000, 200, 2000, 280)));
        assertThat(message).contains("status: collecting");
        assertThat(refused("NOT_COLLECTING", "analyze-bayesian", args("slug", "cta")))
                .contains("status: collecting");
        refused("NOT_COLLECTING", "analyze-bayesian", args("slug", "cta", "dryRun", true));
        refused("NOT_COLLECTING", "analyze-bandit", args("slug", "cta", "dryRun", true));
        JsonNode inline = ok(
                "analyze-bayesian",
                args(
                        "experiment",
                        args(
                                "controlVariant",
                                "a",
                                "treatmentVariants",
                                List.of("b"),
                                "primaryMetricEvent",
                                "click",
                                "inputData",
                                clicks(2000, 200, 2000, 280))));
        assertThat(inline.at("/primary_metric/verdict").asText()).isEqualTo("strong signal → adopt treatment");
        assertThat(ok("get-experiment", args("slug", "cta")).has("inputData"))
                .as("inline stores nothing")
                .isFalse();
        ok("upsert-experiment", args("slug", "cta", "primaryMetricEvent", "purchase"));
        JsonNode frozen = ok(
                "upsert-experiment",
                args(
                        "slug",
                        "cta",
                        "status",
                        "collecting",
                        "inputData",
                        args(
                                "metrics",
                                args(
                                        "purchase",
                                        args("a", args("n", 2000, "k", 200), "b", args("n", 2000, "k", 210))))));
        assertThat(frozen.at("/preregistration/sha256").asText()).hasSize(64);
        assertThat(frozen.at("/preregistration").has("dataBeforeFreeze"))
                .as("data came with the freeze, not before")
                .isFalse();
        assertThat(frozen.at("/inputData/metrics/purchase/b/k").asInt()).isEqualTo(210);
    }

    /** A draft an older version let hold data (and analysed) still loads, is not analysed, and freezes saying so. */
    @Test
    void finding1_draftWithDataFromAnOlderVersion_freezesWithDataBeforeFreeze() throws IOException {
        draft("cta");
        Path file = root.resolve(".aw/experiments/cta.json");
        ObjectNode old = (ObjectNode) Json.mapper().readTree(Files.readString(file));
        old.set("inputData", Json.toTree(clicks(2000, 200, 2000, 280)));
        old.putObject("analysisResult")
                .put("type", "bayesian")
                .putObject("primary_metric")
                .put("verdict", "strong signal → adopt treatment");
        Files.write(file, Json.toFileBytes(old));
        assertThat(ok("get-experiment", args("slug", "cta"))
                        .get("analysisStale")
                        .asBoolean())
                .as("an analysis without input_sha256 cannot be shown current")
                .isTrue();
        refused("NOT_COLLECTING", "analyze-bayesian", args("slug", "cta"));
        JsonNode frozen = ok("upsert-experiment", args("slug", "cta", "status", "collecting"));
        assertThat(frozen.at("/preregistration/dataBeforeFreeze").asBoolean()).isTrue();
        assertThat(resource("aw://experiments/cta")
                        .at("/preregistration/dataBeforeFreeze")
                        .asBoolean())
                .isTrue();
    }

    /**
     * Finding 2: analysed (b wins), then new data in which b loses, then decided "ship b". The record now reads
     * analysisStale everywhere, and the decision is refused until the data is analysed again.
     */
    @Test
    void finding2_newDataAfterTheAnalysis_readsStaleEverywhere_andTheDecisionIsRefused() {
        draft("cta");
        ok("upsert-experiment", args("slug", "cta", "status", "collecting", "inputData", clicks(2000, 200, 2000, 280)));
        JsonNode first = ok("analyze-bayesian", args("slug", "cta"));
        assertThat(first.at("/primary_metric/verdict").asText()).isEqualTo("strong signal → adopt treatment");
        assertThat(first.get("input_sha256").asText()).hasSize(64);
        assertThat(ok("get-experiment", args("slug", "cta"))
                        .get("analysisStale")
                        .asBoolean(true))
                .isFalse();

        JsonNode written = ok("upsert-experiment", args("slug", "cta", "inputData", clicks(4000, 400, 4000, 330)));
        assertThat(written.get("analysisStale").asBoolean()).isTrue();
        assertThat(ok("get-experiment", args("slug", "cta"))
                        .get("analysisStale")
                        .asBoolean())
                .isTrue();
        assertThat(ok("get-project", args())
                        .at("/experiments/items/0/analysisStale")
                        .asBoolean())
                .isTrue();
        assertThat(resource("aw://experiments").at("/items/0/analysisStale").asBoolean())
                .isTrue();
        assertThat(resource("aw://experiments/cta").get("analysisStale").asBoolean())
                .isTrue();
        assertThat(resource("aw://experiments/cta/analysis")
                        .get("analysisStale")
                        .asBoolean())
                .isTrue();
        assertThat(sessionStart()).contains("cta (analyzing, analysis stale: analyse again)");

        String message = refused("ANALYSIS_STALE", "upsert-experiment", decide());
        assertThat(message).contains("inputData changed", "analyze-bayesian");

        JsonNode second = ok("analyze-bayesian", args("slug", "cta"));
        assertThat(second.at("/primary_metric/rows/1/rel_delta").asDouble()).isNegative();
        assertThat(second.get("input_sha256").asText())
                .isNotEqualTo(first.get("input_sha256").asText());
        assertThat(ok("get-experiment", args("slug", "cta"))
                        .get("analysisStale")
                        .asBoolean(true))
                .isFalse();
        assertThat(resource("aw://experiments/cta/analysis")
                        .get("analysisStale")
                        .asBoolean(true))
                .isFalse();
        assertThat(sessionStart()).contains("cta (analyzing)");
        JsonNode history = resource("aw://experiments/cta/analyses");
        assertThat(history.get("total").asInt()).isEqualTo(2);
        assertThat(history.at("/analyses/0/treatments/0/lift").asDouble()).isPositive();
        assertThat(history.at("/analyses/1/treatments/0/lift").asDouble()).isNegative();
        assertThat(history.at("/analyses/1/n/b").asInt()).isEqualTo(4000);
    }

    /** A current analysis whose checks passed lets the decision through. */
    @Test
    void gate_currentAnalysisWithPassingChecks_decides() {
        draft("cta");
        ok("upsert-experiment", args("slug", "cta", "status", "collecting", "inputData", clicks(2000, 200, 2000, 280)));
        JsonNode analysis = ok("analyze-bayesian", args("slug", "cta"));
        assertThat(analysis.has("checks")).as("the analysis writes its checks").isTrue();
        assertThat(analysis.at("/checks/interpretable").asBoolean()).isTrue();
        JsonNode decided = ok("upsert-experiment", decide());
        assertThat(decided.get("status").asText()).isEqualTo("decided");
        assertThat(decided.has("override")).isFalse();
        refused("INVALID_TRANSITION", "analyze-bayesian", args("slug", "cta"));
    }

    /** A frequentist analysis, stored through MCP, goes stale when the data changes and then passes the gate. */
    @Test
    void gate_acceptsACurrentFrequentistAnalysis_andRefusesAStaleOne() {
        draft("cta");
        ok("upsert-experiment", args("slug", "cta", "status", "collecting", "inputData", clicks(2000, 200, 2000, 280)));
        JsonNode analysis = ok("analyze-frequentist", args("slug", "cta", "sequential", true, "correction", "holm"));
        assertThat(analysis.get("type").asText()).isEqualTo("frequentist");
        assertThat(analysis.at("/primary_metric/verdict").asText()).isEqualTo("significant improvement");
        assertThat(analysis.at("/settings/correction").asText()).isEqualTo("holm");
        ok("upsert-experiment", args("slug", "cta", "inputData", clicks(2100, 210, 2100, 290)));
        refused("ANALYSIS_STALE", "upsert-experiment", decide());
        ok("analyze-frequentist", args("slug", "cta", "sequential", true));
        JsonNode history = resource("aw://experiments/cta/analyses");
        assertThat(history.at("/analyses/1/type").asText()).isEqualTo("frequentist");
        assertThat(history.at("/analyses/1/treatments/0/p_value").asDouble()).isBetween(0.0, 0.05);
        JsonNode decided = ok("upsert-experiment", decide());
        assertThat(decided.get("status").asText()).isEqualTo("decided");
        assertThat(decided.has("override")).isFalse();
    }

    /** SRM failed: the gate names it, an override decides and is journaled. */
    @Test
    void gate_failedSrm_isGateFailed_andAnOverrideIsJournaled() {
        draft("cta");
        ok("upsert-experiment", args("slug", "cta", "status", "collecting", "inputData", clicks(2000, 200, 2600, 300)));
        JsonNode analysis = ok("analyze-bayesian", args("slug", "cta"));
        assertThat(analysis.has("checks")).as("the analysis writes its checks").isTrue();
        assertThat(analysis.at("/checks/srm_ok").asBoolean()).isFalse();
        String message = refused("GATE_FAILED", "upsert-experiment", decide());
        assertThat(message).contains("srm_ok").doesNotContain("sample_ok");
        refused("INVALID_INPUT", "upsert-experiment", decide("override", args("reason", "")));
        JsonNode decided = ok("upsert-experiment", decide("override", args("reason", "the split was 45/55 by design")));
        assertThat(decided.at("/override/failedChecks/0").asText()).isEqualTo("srm_ok");
        assertThat(decided.at("/override/reason").asText()).isEqualTo("the split was 45/55 by design");
        assertThat(text("aw://journal")).contains("override", "srm_ok", "the split was 45/55 by design");
    }

    /** An override of a stale analysis (works with or without the checks block): kept on the record and journaled. */
    @Test
    void gate_overrideOfAStaleAnalysis_isKeptOnTheRecordAndJournaled() {
        draft("cta");
        ok("upsert-experiment", args("slug", "cta", "status", "collecting", "inputData", clicks(2000, 200, 2000, 280)));
        ok("analyze-bayesian", args("slug", "cta"));
        ok("upsert-experiment", args("slug", "cta", "inputData", clicks(4000, 400, 4000, 330)));
        refused(
                "INVALID_INPUT",
                "upsert-experiment",
                args("slug", "cta", "claim", "x", "override", args("reason", "r")));
        JsonNode decided =
                ok("upsert-experiment", decide("override", args("reason", "leadership call, numbers known")));
        assertThat(decided.get("status").asText()).isEqualTo("decided");
        assertThat(decided.at("/override/failedChecks").toString()).isEqualTo("[\"analysis stale\"]");
        assertThat(decided.at("/override/at").asText()).isNotEmpty();
        JsonNode project = ok("get-project", args());
        assertThat(project.at("/counts/decisions").asInt()).isEqualTo(1);
        assertThat(text("aw://journal"))
                .contains("override", "analysis stale", "leadership call, numbers known", "cta");
        refused("INVALID_TRANSITION", "analyze-bayesian", args("slug", "cta"));
        assertThat(ok("analyze-bayesian", args("slug", "cta", "dryRun", true)).has("primary_metric"))
                .isTrue();
    }

    /** Without any analysis the gate asks for one; the message names the tool. */
    @Test
    void gate_withoutAnalysis_isAnalysisStale() {
        draft("cta");
        ok("upsert-experiment", args("slug", "cta", "status", "collecting", "inputData", clicks(2000, 200, 2000, 280)));
        ok("upsert-experiment", args("slug", "cta", "status", "analyzing"));
        assertThat(refused("ANALYSIS_STALE", "upsert-experiment", decide())).contains("analyze-bayesian");
    }

    /** What the session-start hook prints into the agent's context. */
    private String sessionStart() {
        return SessionSummary.text(new Workbench(root));
    }
}
