package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.capture.SessionSummary;
import dev.workbench.core.review.HumanApproval;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Every tool end to end through a real MCP client: the happy path and each error code it can return, with the
 * workspace checked unchanged after each refusal. Subclasses supply the client: in-process over pipes, or the
 * built jar as a subprocess.
 */
abstract class McpToolScenarios {
    /** Reads structuredContent as sent, explicit nulls included. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    abstract McpSyncClient client();

    abstract Path root();

    static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private Map<String, McpSchema.Tool> listed;

    /** Checks {@code instance} against the schema a client sees, with the SDK's validator (as strict clients do). */
    private void assertConforms(String tool, boolean input, Object instance) {
        if (listed == null) {
            listed = new HashMap<>();
            client().listTools().tools().forEach(t -> listed.put(t.name(), t));
        }
        McpSchema.Tool definition = listed.get(tool);
        var schema = input ? definition.inputSchema() : definition.outputSchema();
        var response = McpJsonDefaults.getSchemaValidator().validate(schema, instance);
        assertThat(response.valid())
                .as("%s %s conforms to its schema: %s", tool, input ? "input" : "output", response.errorMessage())
                .isTrue();
    }

    JsonNode ok(String tool, Map<String, Object> arguments) {
        assertConforms(tool, true, arguments);
        McpSchema.CallToolResult result = client().callTool(new McpSchema.CallToolRequest(tool, arguments));
        JsonNode structured = PLAIN.valueToTree(result.structuredContent());
        assertThat(result.isError()).as("%s failed: %s", tool, structured).isFalse();
        assertConforms(tool, false, result.structuredContent());
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        assertThat(parse(text)).as("text content is the same JSON").isEqualTo(structured);
        return structured;
    }

    /** Calls a tool that must fail with {@code code}, and checks that nothing under .aw/ changed. */
    JsonNode refused(String code, String tool, Map<String, Object> arguments) {
        Map<String, String> before = snapshot();
        McpSchema.CallToolResult result = client().callTool(new McpSchema.CallToolRequest(tool, arguments));
        JsonNode structured = PLAIN.valueToTree(result.structuredContent());
        assertThat(result.isError()).as("%s should fail with %s", tool, code).isTrue();
        assertThat(structured.at("/error/code").asText())
                .as(structured.toString())
                .isEqualTo(code);
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        assertThat(text).isEqualTo(code + ": " + structured.at("/error/message").asText());
        assertThat(snapshot()).as("files under .aw/ after a refused %s", tool).isEqualTo(before);
        return structured.get("error");
    }

    private static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under .aw/ (but the lock) with its content. */
    Map<String, String> snapshot() {
        return snapshot(root());
    }

    /** Every file under {@code root}'s .aw/ (but the lock) with its content; for the other MCP tests too. */
    static Map<String, String> snapshot(Path root) {
        Path aw = root.resolve(".aw");
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(aw)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(aw)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                // the lock, and run/: what a running server publishes for hooks (its endpoint), not the workbench's
                // state
                if (!p.getFileName().toString().equals(".lock")
                        && !aw.relativize(p).startsWith("run")) {
                    files.put(aw.relativize(p).toString(), Files.readString(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    Map<String, Object> readyExperiment(String slug) {
        return args(
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
                100);
    }

    @Test
    void listTools_describesEveryToolWithSchemasAndAnnotations() {
        List<McpSchema.Tool> tools = client().listTools().tools();
        assertThat(tools)
                .extracting(McpSchema.Tool::name)
                .containsExactly(
                        "get-project",
                        "update-project",
                        "get-experiment",
                        "upsert-experiment",
                        "log-decision",
                        "record-learning",
                        "propose-follow-ups",
                        "plan-sample-size",
                        "profile-data",
                        "collect-metrics",
                        "analyze-bayesian",
                        "analyze-frequentist",
                        "analyze-bandit",
                        "plan-holdout",
                        "analyze-holdout",
                        "checkpoint",
                        "rollback",
                        "record-run",
                        "review-stage",
                        "write-plan",
                        "upsert-claim",
                        "write-runbook");
        for (McpSchema.Tool tool : tools) {
            assertThat(tool.title()).isNotBlank();
            assertThat(tool.description()).isNotBlank().doesNotContain("\n");
            assertThat(tool.inputSchema()).containsEntry("type", "object");
            assertThat(tool.outputSchema()).containsEntry("type", "object");
            assertThat(tool.annotations().readOnlyHint()).isNotNull();
            assertThat(tool.annotations().openWorldHint()).isFalse();
        }
        assertThat(tools.get(0).annotations().readOnlyHint()).isTrue();
        assertThat(tools.get(3).annotations().destructiveHint())
                .as("upsert overwrites fields")
                .isTrue();
        assertThat(tools.get(3).annotations().idempotentHint()).isTrue();
        assertThat(tools.get(4).annotations().destructiveHint())
                .as("log-decision only appends")
                .isFalse();
    }

    @Test
    void planSampleSize_answersWithItsBasis_andStoresNothing() {
        JsonNode plan = ok(
                "plan-sample-size",
                args("baseline", Map.of("rate", 0.04), "mde", 0.1, "sequential", true, "dailyUnits", 4000));
        assertThat(plan.get("per_variant").asLong()).isEqualTo(130_589);
        assertThat(plan.get("days").asLong()).isEqualTo(66);
        assertThat(plan.get("minimumSampleBasis").asText()).contains("sequential (N* 5,000)");
        assertThat(ok("plan-sample-size", Map.of()).at("/basis/step").asText()).isEqualTo("default 1,000");
        refused("INVALID_INPUT", "plan-sample-size", args("baseline", Map.of("rate", 1.5), "mde", 0.1));
        assertThat(root().resolve(".aw")).doesNotExist();
    }

    @Test
    void getProject_onAnEmptyFolder_readsWithoutCreatingAnything() {
        JsonNode project = ok("get-project", Map.of());
        assertThat(project.get("initialized").asBoolean()).isFalse();
        assertThat(project.at("/experiments/total").asInt()).isZero();
        assertThat(root().resolve(".aw")).doesNotExist();
        refused("INVALID_INPUT", "get-project", args("limit", 1000));
        refused("INVALID_INPUT", "get-project", args("cursor", "bogus!"));
        refused("INVALID_INPUT", "get-project", args("unknown", true));
    }

    @Test
    void updateProject_setsFieldsAndAreas_andRefusesBadInput() {
        JsonNode updated = ok(
                "update-project",
                args(
                        "name",
                        "Checkout",
                        "hypothesis",
                        "Short forms win",
                        "area",
                        args("name", "cleaning", "mode", "explore", "reviewSurface", "report.md")));
        assertThat(updated.at("/project/revision").asInt()).isEqualTo(1);
        assertThat(updated.at("/project/areas/cleaning/mode").asText()).isEqualTo("explore");
        JsonNode logged = ok("update-project", args("activity", args("type", "data.cleaned", "title", "Deduplicated")));
        assertThat(logged.at("/activity/type").asText()).isEqualTo("data.cleaned");
        refused("INVALID_INPUT", "update-project", Map.of());
        refused("INVALID_INPUT", "update-project", args("area", args("name", "x", "mode", "flying")));
        refused("INVALID_INPUT", "update-project", args("name", 42));
        refused("CONFLICT", "update-project", args("name", "Other", "expectedRevision", 0));
        refused("INPUT_TOO_LARGE", "update-project", args("hypothesis", "h".repeat(5000)));
        JsonNode project = ok("get-project", args("activity", 5));
        assertThat(project.at("/project/name").asText()).isEqualTo("Checkout");
        assertThat(project.get("recentActivity")).hasSize(2);
        assertThat(project.at("/runbook/stale").asBoolean()).isTrue();
    }

    @Test
    void experimentLifecycle_endToEnd() {
        JsonNode created = ok("upsert-experiment", readyExperiment("cta"));
        assertThat(created.get("created").asBoolean()).isTrue();
        assertThat(created.get("status").asText()).isEqualTo("draft");
        JsonNode collecting =
                ok("upsert-experiment", args("slug", "cta", "status", "collecting", "expectedRevision", 1));
        assertThat(collecting.at("/preregistration/sha256").asText()).hasSize(64);
        assertThat(collecting.get("created").asBoolean()).isFalse();
        JsonNode fetched = ok("get-experiment", args("slug", "cta"));
        assertThat(fetched.get("revision").asInt()).isEqualTo(2);
        assertThat(fetched.has("created")).isFalse();
        JsonNode project = ok("get-project", Map.of());
        assertThat(project.at("/experiments/items/0/slug").asText()).isEqualTo("cta");
        assertThat(project.at("/experiments/items/0/status").asText()).isEqualTo("collecting");
    }

    @Test
    void upsertExperiment_eachErrorCode() {
        ok("upsert-experiment", readyExperiment("cta"));
        refused("INVALID_INPUT", "upsert-experiment", args("slug", "../etc/passwd"));
        refused("INVALID_INPUT", "upsert-experiment", args("slug", "cta", "colour", "red"));
        refused("INVALID_INPUT", "upsert-experiment", args("slug", "cta", "minimumSample", "many"));
        refused("CONFLICT", "upsert-experiment", args("slug", "cta", "claim", "x", "expectedRevision", 7));
        refused("INVALID_TRANSITION", "upsert-experiment", args("slug", "cta", "status", "decided"));
        refused("INVALID_PRIOR", "upsert-experiment", args("slug", "cta", "priorStddev", -1));
        refused("INPUT_TOO_LARGE", "upsert-experiment", args("slug", "cta", "claim", "x".repeat(10 * 1024 * 1024)));
        refused(
                "NOT_COLLECTING",
                "upsert-experiment",
                args(
                        "slug",
                        "cta",
                        "inputData",
                        args("metrics", args("click", args("a", args("n", 10, "k", 1), "b", args("n", 10, "k", 1))))));
        ok("upsert-experiment", args("slug", "cta", "status", "collecting"));
        refused(
                "UNKNOWN_VARIANT",
                "upsert-experiment",
                args(
                        "slug",
                        "cta",
                        "inputData",
                        args("metrics", args("click", args("a", args("n", 10, "k", 1), "c", args("n", 10, "k", 1))))));
        refused(
                "INVALID_COUNTS",
                "upsert-experiment",
                args("slug", "cta", "inputData", args("metrics", args("click", args("a", args("n", 100, "k", 150))))));
        refused(
                "INVALID_COUNTS",
                "upsert-experiment",
                args("slug", "cta", "inputData", args("metrics", args("click", args("a", args("n", -5, "k", 0))))));
        refused(
                "NON_FINITE_INPUT",
                "upsert-experiment",
                args(
                        "slug",
                        "cta",
                        "inputData",
                        args("metrics", args("click", args("a", args("n", 100, "k", "NaN"))))));
        refused(
                "NON_FINITE_INPUT",
                "upsert-experiment",
                args(
                        "slug",
                        "cta",
                        "inputData",
                        args(
                                "metrics",
                                args(
                                        "click",
                                        args("a", args("n", 100, "mean", Double.POSITIVE_INFINITY, "variance", 1))))));
        refused(
                "INVALID_METRIC_SHAPE",
                "upsert-experiment",
                args(
                        "slug",
                        "cta",
                        "inputData",
                        args(
                                "metrics",
                                args(
                                        "click",
                                        args(
                                                "a",
                                                args("n", 100, "k", 1),
                                                "b",
                                                args("n", 100, "mean", 1.0, "variance", 1.0))))));
        refused("CONTRACT_FROZEN", "upsert-experiment", args("slug", "cta", "primaryMetricEvent", "purchase"));
        refused("INVALID_TRANSITION", "upsert-experiment", args("slug", "cta", "status", "draft"));
    }

    /**
     * The Integrity issue's reproductions of finding 3 through the client: an SRM failure (p = 0) gates every
     * verdict; after a bandit reweighting the next round's SRM counts only the units since that round.
     */
    @Test
    void analysis_checksGateTheVerdicts_andBanditRoundsCountTheUnitsSince() {
        JsonNode srmFailed = ok(
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
                                "guardrailEvents",
                                List.of("refund"),
                                "trafficWeights",
                                args("a", 1, "b", 0),
                                "inputData",
                                args(
                                        "metrics",
                                        args(
                                                "click",
                                                        args(
                                                                "a",
                                                                args("n", 2000, "k", 200),
                                                                "b",
                                                                args("n", 2000, "k", 260)),
                                                "refund",
                                                        args(
                                                                "a",
                                                                args("n", 2000, "k", 20),
                                                                "b",
                                                                args("n", 2000, "k", 20)))))));
        assertThat(srmFailed.at("/srm/chi2_p_value").asDouble()).isZero();
        assertThat(srmFailed.at("/checks/interpretable").asBoolean()).isFalse();
        assertThat(srmFailed.at("/primary_metric/verdict").asText())
                .isEqualTo("do not interpret: sample ratio mismatch");
        assertThat(srmFailed.at("/primary_metric/raw_verdict").asText()).isEqualTo("strong signal → adopt treatment");
        assertThat(srmFailed.at("/guardrails/0/verdict").asText()).isEqualTo("do not interpret: sample ratio mismatch");

        ok(
                "upsert-experiment",
                args(
                        "slug",
                        "arms",
                        "method",
                        "bandit",
                        "primaryMetricEvent",
                        "click",
                        "controlVariant",
                        "a",
                        "treatmentVariants",
                        List.of("b"),
                        "observationStart",
                        "2026-11-01",
                        "status",
                        "collecting",
                        "inputData",
                        args(
                                "metrics",
                                args("click", args("a", args("n", 1000, "k", 100), "b", args("n", 1000, "k", 140))))));
        JsonNode first = ok("analyze-bandit", args("slug", "arms"));
        long addedA = Math.round(first.at("/bandit_weights/a").asDouble() * 4000);
        ok(
                "upsert-experiment",
                args(
                        "slug",
                        "arms",
                        "trafficWeights",
                        first.get("bandit_weights"),
                        "inputData",
                        args(
                                "metrics",
                                args(
                                        "click",
                                        args(
                                                "a", args("n", 1000 + addedA, "k", 100 + addedA / 10),
                                                "b", args("n", 5000 - addedA, "k", 140 + (4000 - addedA) / 7))))));
        JsonNode second = ok("analyze-bandit", args("slug", "arms"));
        assertThat(second.at("/srm/period/from").asText())
                .isEqualTo(first.get("computed_at").asText());
        assertThat(second.at("/srm/observed/a").asLong()).isEqualTo(addedA);
        assertThat(second.at("/srm/ok").asBoolean())
                .as(second.get("srm").toString())
                .isTrue();
        assertThat(second.at("/checks/interpretable").asBoolean()).isTrue();
    }

    @Test
    void analysis_bySlug_isStoredAndReadableAsAResource() {
        ok("upsert-experiment", readyExperiment("cta"));
        ok(
                "upsert-experiment",
                args(
                        "slug",
                        "cta",
                        "status",
                        "collecting",
                        "inputData",
                        args(
                                "metrics",
                                args("click", args("a", args("n", 2000, "k", 200), "b", args("n", 2000, "k", 260))))));
        JsonNode result = ok("analyze-bayesian", args("slug", "cta"));
        assertThat(result.at("/primary_metric/verdict").asText()).isEqualTo("strong signal → adopt treatment");
        assertThat(ok("get-experiment", args("slug", "cta")).get("status").asText())
                .isEqualTo("analyzing");
        assertThat(parse(text("aw://experiments/cta/analysis"))
                        .at("/primary_metric/rows/1/p_win")
                        .asDouble())
                .isEqualTo(result.at("/primary_metric/rows/1/p_win").asDouble());
        JsonNode bandit = ok("analyze-bandit", args("slug", "cta", "dryRun", true, "burnIn", 50));
        assertThat(bandit.at("/stopping/best_arm").asText()).isEqualTo("b");
        refused(
                "INVALID_COUNTS",
                "analyze-bayesian",
                args(
                        "experiment",
                        args(
                                "controlVariant",
                                "a",
                                "treatmentVariants",
                                List.of("b"),
                                "primaryMetricEvent",
                                "c",
                                "inputData",
                                args(
                                        "metrics",
                                        args("c", args("a", args("n", 10, "k", 11), "b", args("n", 10, "k", 1)))))));
        refused(
                "TOO_FEW_ARMS",
                "analyze-bandit",
                args(
                        "experiment",
                        args(
                                "controlVariant",
                                "a",
                                "treatmentVariants",
                                List.of(),
                                "primaryMetricEvent",
                                "c",
                                "inputData",
                                args("metrics", args("c", args("a", args("n", 10, "k", 1)))))));
        refused("CONFLICT", "analyze-bayesian", args("slug", "cta", "expectedRevision", 1));
    }

    @Test
    void checkpointRollbackAndRuns_endToEnd() throws IOException {
        Path data = Files.createDirectories(root().resolve("data"));
        Files.writeString(data.resolve("orders.csv"), "order,amount\n1,20\n1,20\n");
        JsonNode cp = ok("checkpoint", args("paths", List.of("data"), "operation", "raw"));
        assertThat(cp.get("name").asText()).isEqualTo("01_raw");
        Files.writeString(data.resolve("orders.csv"), "order,amount\n1,20\n");
        JsonNode run = ok(
                "record-run",
                args(
                        "command",
                        "dedupe data/orders.csv",
                        "area",
                        "cleaning",
                        "exitCode",
                        0,
                        "inputs",
                        List.of("data/orders.csv"),
                        "outputs",
                        List.of("data"),
                        "params",
                        args("key", "order"),
                        "metrics",
                        args("rows", 1)));
        assertThat(run.at("/outputs/0/type").asText()).isEqualTo("dir");
        assertThat(run.at("/environment/cpus").asInt()).isPositive();
        assertThat(run.get("git").isNull())
                .as("a folder outside git has git: null")
                .isTrue();
        JsonNode dry = ok("rollback", args("checkpoint", 1, "dryRun", true));
        assertThat(dry.get("restored").get(0).asText()).isEqualTo("data/orders.csv");
        JsonNode rolled = ok("rollback", args("checkpoint", "01_raw", "reason", "keep the raw rows"));
        assertThat(rolled.get("safetyCheckpoint").asText()).isEqualTo("02_pre-rollback-to-01");
        assertThat(Files.readString(data.resolve("orders.csv"))).isEqualTo("order,amount\n1,20\n1,20\n");
        assertThat(parse(text("aw://checkpoints"))).hasSize(2);
        assertThat(parse(text("aw://checkpoints/01_raw")).get("entries")).hasSize(2);
        assertThat(parse(text("aw://runs")).get(0).get("id").asText())
                .isEqualTo(run.get("id").asText());
        assertThat(parse(text("aw://runs/" + run.get("id").asText()))
                        .at("/params/key")
                        .asText())
                .isEqualTo("order");
        assertThat(text("aw://runs/comparison"))
                .contains("## cleaning", "| key |", "| rows |", "dedupe data/orders.csv");
        JsonNode project = ok("get-project", Map.of());
        assertThat(project.at("/counts/checkpoints").asInt()).isEqualTo(2);
        assertThat(project.at("/counts/runs").asInt()).isEqualTo(1);
        refused("PATH_OUTSIDE_ROOT", "checkpoint", args("paths", List.of("../elsewhere"), "operation", "x"));
        refused("NOT_FOUND", "checkpoint", args("paths", List.of("nope.csv"), "operation", "x"));
        refused("NOT_FOUND", "rollback", args("checkpoint", 9));
        refused("INVALID_INPUT", "rollback", args("checkpoint", List.of(1)));
        refused("NOT_FOUND", "record-run", args("command", "x", "inputs", List.of("missing.csv")));
        refused("PATH_OUTSIDE_ROOT", "record-run", args("command", "x", "outputs", List.of("/etc")));
        refused("NON_FINITE_INPUT", "record-run", args("command", "x", "metrics", args("auc", "NaN")));
    }

    @Test
    void getExperiment_errors() {
        refused("NOT_FOUND", "get-experiment", args("slug", "missing"));
        refused("INVALID_INPUT", "get-experiment", args("slug", "../../etc"));
        refused("INVALID_INPUT", "get-experiment", Map.of());
    }

    @Test
    void logDecision_appendsToTheJournal_andRefusesBadInput() {
        ok("upsert-experiment", readyExperiment("cta"));
        JsonNode entry = ok(
                "log-decision",
                args(
                        "context",
                        "Which prior",
                        "options",
                        List.of("flat", "skeptical"),
                        "chosen",
                        "skeptical",
                        "rationale",
                        "small lifts are the norm",
                        "experiment",
                        "cta",
                        "area",
                        "analysis"));
        assertThat(entry.get("id").asInt()).isEqualTo(1);
        refused(
                "INVALID_INPUT",
                "log-decision",
                args("context", "c", "options", List.of("a"), "chosen", "b", "rationale", "r"));
        refused("INVALID_INPUT", "log-decision", args("context", "c", "options", List.of("a"), "chosen", "a"));
        refused(
                "NOT_FOUND",
                "log-decision",
                args("context", "c", "options", List.of("a"), "chosen", "a", "rationale", "r", "experiment", "nope"));
        McpSchema.ReadResourceResult journal = client().readResource(new McpSchema.ReadResourceRequest("aw://journal"));
        assertThat(((McpSchema.TextResourceContents) journal.contents().get(0)).text())
                .contains("## 1. skeptical", "small lifts are the norm");
    }

    @Test
    void resources_listAndRead() {
        ok("upsert-experiment", readyExperiment("cta"));
        assertThat(client().listResources().resources())
                .extracting(McpSchema.Resource::uri)
                .containsExactlyInAnyOrder(
                        "aw://project",
                        "aw://experiments",
                        "aw://journal",
                        "aw://activity",
                        "aw://checkpoints",
                        "aw://runs",
                        "aw://runs/comparison",
                        "aw://runbook",
                        "aw://claims");
        assertThat(client().listResourceTemplates().resourceTemplates())
                .extracting(McpSchema.ResourceTemplate::uriTemplate)
                .contains("aw://experiments/{slug}", "aw://experiments/{slug}/analysis");
        JsonNode record = parse(text("aw://experiments/cta"));
        assertThat(record.get("slug").asText()).isEqualTo("cta");
        assertThat(parse(text("aw://experiments")).at("/items/0/slug").asText()).isEqualTo("cta");
        assertThat(parse(text("aw://activity")).get(0).get("type").asText()).isEqualTo("experiment.created");
        assertThat(parse(text("aw://project")).has("revision")).isTrue();
        Assertions.assertThatThrownBy(() -> text("aw://experiments/missing"))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("NOT_FOUND");
    }

    @Test
    void anApprovedFileEditedAfterwards_readsStale_inGetProject_theResources_andTheSessionStartHook()
            throws IOException {
        Files.createDirectories(root().resolve("data"));
        Files.writeString(root().resolve("data/clean.csv"), "day,sales\n1,10\n2,12\n");
        ok("review-stage", args("area", "cleaning", "action", "execute", "artifacts", List.of("data/clean.csv")));
        ok(
                "review-stage",
                args("area", "cleaning", "action", "review", "checks", List.of(args("name", "rows", "passed", true))));
        // the person's approval, as `aw approve cleaning` gives it at a terminal
        new Workbench(root())
                .stages()
                .approve("cleaning", r -> Optional.of(new HumanApproval.Answer(true, "Ada at a terminal", null)));
        assertThat(ok("get-project", args()).at("/stages/0/state").asText()).isEqualTo("APPROVED");

        Files.writeString(root().resolve("data/clean.csv"), "day,sales\n1,10\n2,99\n");
        Map<String, String> before = snapshot();
        JsonNode stage = ok("get-project", args()).at("/stages/0");
        assertThat(stage.get("area").asText()).isEqualTo("cleaning");
        assertThat(stage.get("state").asText()).isEqualTo("STALE");
        assertThat(stage.get("staleReason").asText()).isEqualTo("data/clean.csv changed since approval");
        JsonNode status = parse(text("aw://stages/cleaning/status.json"));
        assertThat(status.get("state").asText()).isEqualTo("STALE");
        assertThat(status.get("staleReason").asText()).isEqualTo("data/clean.csv changed since approval");
        JsonNode approval = parse(text("aw://stages/cleaning/approval.json"));
        assertThat(approval.get("stale").asBoolean()).isTrue();
        assertThat(approval.get("staleReason").asText()).isEqualTo("data/clean.csv changed since approval");
        assertThat(SessionSummary.text(new Workbench(root())))
                .contains(
                        "Area cleaning: review STALE (data/clean.csv changed since approval; execute and review it again)");
        assertThat(snapshot()).as("reading wrote nothing under .aw/").isEqualTo(before);

        JsonNode again = ok(
                "review-stage", args("area", "cleaning", "action", "execute", "artifacts", List.of("data/clean.csv")));
        assertThat(again.get("state").asText()).isEqualTo("EXECUTED");
        assertThat(ok("get-project", args()).at("/stages/0/staleReason").isMissingNode())
                .isTrue();
    }

    private String text(String uri) {
        McpSchema.ReadResourceResult result = client().readResource(new McpSchema.ReadResourceRequest(uri));
        return ((McpSchema.TextResourceContents) result.contents().get(0)).text();
    }

    /**
     * The runbook reproduces the work (issue 10, finding 7): a checkpoint with an area, a bad step that cuts the
     * data, a rollback, a command that changes nothing and a real step, all through the client; the runbook's
     * numbered commands run in a fresh copy of the project as it was at the start give the same files.
     */
    @Test
    void runbook_listsUndoneAndNoOpRunsApart_andItsNumberedCommandsReproduceTheFiles(
            @org.junit.jupiter.api.io.TempDir Path initial) throws Exception {
        Path data = Files.createDirectories(root().resolve("data"));
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 365; i++) {
            lines.append(i).append('\n');
        }
        Files.writeString(data.resolve("days.txt"), lines.toString());
        copyTree(root(), initial);
        assertThat(ok("checkpoint", args("paths", List.of("data"), "operation", "raw", "area", "cleaning"))
                        .get("name")
                        .asText())
                .isEqualTo("01_raw");
        refused("INVALID_INPUT", "checkpoint", args("paths", List.of("data"), "operation", "x", "area", "no such"));
        String bad = "sh -c 'head -n 221 data/days.txt > data/t && mv data/t data/days.txt'";
        recordRun(bad, "cleaning", List.of("data/days.txt"));
        ok("rollback", args("checkpoint", 1, "reason", "the cut dropped 144 days"));
        recordRun("echo timing", null, List.of());
        String count = "sh -c 'mkdir -p out && wc -l < data/days.txt > out/count.txt'";
        recordRun(count, "modelling", List.of("out/count.txt"));
        assertThat(ok("write-runbook", Map.of()).get("changed").asBoolean()).isTrue();
        assertThat(ok("write-runbook", Map.of()).get("changed").asBoolean())
                .as("no state change")
                .isFalse();

        String md = Files.readString(root().resolve("runbook.md"));
        assertThat(md)
                .contains("### Step 1 (modelling) — `" + count + "`")
                .doesNotContain("### Step 2")
                .contains("- `" + bad + "` (run `")
                .contains("— undone by the rollback to 01_raw at ")
                .contains("(safety checkpoint 02_pre-rollback-to-01)")
                .contains("- `echo timing` (run `")
                .contains("area cleaning\n  [01_raw] --> (undone: ");
        Matcher m = Pattern.compile("(?m)^### Step (\\d+)\\b.*\\n(?:(?!^#)[\\s\\S])*?^(`{3,})sh\\n([\\s\\S]*?)\\n\\2$")
                .matcher(md);
        List<String> commands = new ArrayList<>();
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(commands.size() + 1);
            commands.add(m.group(3));
        }
        assertThat(commands).containsExactly(count);
        for (String command : commands) {
            sh(initial, command);
        }
        Map<String, String> expected = tree(root());
        expected.remove("runbook.md");
        assertThat(tree(initial)).isEqualTo(expected);
        assertThat(Files.readString(initial.resolve("out/count.txt")).strip()).isEqualTo("365");
    }

    private void recordRun(String command, String area, List<String> outputs) throws Exception {
        long start = System.nanoTime();
        int exit = sh(root(), command);
        Map<String, Object> arguments = args(
                "command",
                command,
                "exitCode",
                exit,
                "durationMs",
                (System.nanoTime() - start) / 1_000_000,
                "outputs",
                outputs);
        if (area != null) {
            arguments.put("area", area);
        }
        ok("record-run", arguments);
    }

    private static int sh(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-ec", script)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s: %s", script, output).isZero();
        return 0;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                String rel = from.relativize(p).toString();
                if (!rel.startsWith(".aw") && !rel.startsWith(".git")) {
                    Path target = to.resolve(rel);
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }
    }

    /** Files under {@code dir} but .aw/ and .git/, by relative path, with their bytes in hex. */
    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (!rel.startsWith(".aw/") && !rel.startsWith(".git/")) {
                    files.put(rel, HexFormat.of().formatHex(Files.readAllBytes(f)));
                }
            }
        }
        return files;
    }
}
