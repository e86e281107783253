package dev.workbench.server;

import static dev.workbench.server.McpCalls.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Workbench;
import dev.workbench.core.program.CleanResultFormat;
import dev.workbench.server.stdio.InProcessSession;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment's clean result through a real MCP client: listed as a template, read with {@code resources/read} as
 * Markdown once the experiment is decided through the tools, its numbers those the analyze tool answered.
 */
class CleanResultMcpTest {

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

    private JsonNode ok(String tool, Map<String, Object> arguments) {
        return McpCalls.ok(session.client(), tool, arguments);
    }

    @Test
    void aDecidedExperiment_readsAsACleanResult_overResourcesRead() {
        assertThat(session.client().listResourceTemplates().resourceTemplates())
                .extracting(McpSchema.ResourceTemplate::uriTemplate)
                .contains("aw://experiments/{slug}/result");
        ok("update-project", args("name", "Checkout", "hypothesis", "Shorter forms convert better"));
        ok(
                "upsert-experiment",
                args(
                        "slug", "cta",
                        "method", "bayesian_ab",
                        "primaryMetricEvent", "click",
                        "controlVariant", "a",
                        "treatmentVariants", List.of("b"),
                        "minimumSample", 1000,
                        "observationStart", "2026-11-01",
                        "status", "collecting",
                        "inputData",
                                args(
                                        "metrics",
                                        args(
                                                "click",
                                                args(
                                                        "a", args("n", 2400, "k", 240),
                                                        "b", args("n", 2400, "k", 300))))));
        JsonNode analysis = ok("analyze-bayesian", args("slug", "cta"));
        ok(
                "upsert-experiment",
                args(
                        "slug", "cta",
                        "status", "decided",
                        "decision", "ship b",
                        "decisionSummary", "b converts better",
                        "decisionReason", analysis.at("/primary_metric/verdict").asText()));

        McpSchema.ReadResourceResult read =
                session.client().readResource(new McpSchema.ReadResourceRequest("aw://experiments/cta/result"));
        McpSchema.TextResourceContents content =
                (McpSchema.TextResourceContents) read.contents().get(0);
        JsonNode c = analysis.at("/primary_metric/comparisons/0");
        assertThat(content.mimeType()).isEqualTo("text/markdown");
        assertThat(content.text())
                .startsWith("> **Draft — awaiting approval**: not reviewed")
                .contains("**Checkout:** Shorter forms convert better")
                .contains("| b | "
                        + CleanResultFormat.change(c.get("relative_change").asDouble()) + " | "
                        + CleanResultFormat.interval(
                                c.get("ci_lower").asDouble(), c.get("ci_upper").asDouble()))
                .contains("- **Choice:** ship b");
    }
}
