package dev.workbench.server;

import static dev.workbench.server.McpCalls.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.program.SeedHoldoutSeries;
import dev.workbench.server.stdio.InProcessSession;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holdout of a launch through a real MCP client: plan-holdout on a decided experiment, the checks get-project lists
 * as due, each checkpoint analysed on data that reproduces the seed's "improves" series, and analyze-holdout's trend;
 * a changed plan refused once a checkpoint left draft, with nothing changed.
 */
class HoldoutMcpTest {

    @TempDir
    Path root;

    InProcessSession session;

    private void on(String day) {
        if (session != null) {
            session.close();
        }
        session = InProcessSession.open(
                new Workbench(root, Clock.fixed(Instant.parse(day + "T09:00:00Z"), ZoneOffset.UTC)));
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private JsonNode call(String tool, Map<String, Object> arguments) {
        return McpCalls.call(session.client(), tool, arguments);
    }

    private JsonNode ok(String tool, Map<String, Object> arguments) {
        return McpCalls.ok(session.client(), tool, arguments);
    }

    private void analysed(String slug, SeedHoldoutSeries.Point point, double share) {
        Object data = Json.mapper()
                .convertValue(SeedHoldoutSeries.inputData(point, "purchase", "control", "shipped", share), Map.class);
        ok("upsert-experiment", args("slug", slug, "status", "collecting", "inputData", data));
        ok("analyze-bayesian", args("slug", slug));
    }

    @Test
    void aLaunch_plannedDueAnalysedAndClassified_overMcp() {
        SeedHoldoutSeries.Series s = SeedHoldoutSeries.IMPROVES;
        on("2026-05-20");
        ok(
                "upsert-experiment",
                args(
                        "slug", "onboarding",
                        "method", "bayesian_ab",
                        "primaryMetricEvent", "purchase",
                        "controlVariant", "control",
                        "treatmentVariants", List.of("shipped"),
                        "observationStart", "2026-05-01",
                        "trafficWeights", args("control", 0.5, "shipped", 0.5)));
        analysed("onboarding", s.original(), 0.5);
        ok(
                "upsert-experiment",
                args(
                        "slug", "onboarding",
                        "status", "decided",
                        "decision", "ship",
                        "decisionSummary", "leaning shipped",
                        "decisionReason", "the seed's primacy example"));
        JsonNode plan = ok("plan-holdout", args("slug", "onboarding", "percentage", 5, "launchedAt", "2026-06-01"));
        assertThat(plan.at("/checkpoints/2/slug").asText()).isEqualTo("onboarding-holdout-90d");
        JsonNode checkpoint = ok("get-experiment", args("slug", "onboarding-holdout-30d"));
        assertThat(checkpoint.get("parent").asText()).isEqualTo("onboarding");
        assertThat(checkpoint.get("holdoutDay").asInt()).isEqualTo(30);
        assertThat(checkpoint.get("trafficWeights").toString()).isEqualTo("{\"control\":0.05,\"shipped\":0.95}");

        on("2026-09-15");
        assertThat(ok("get-project", args()).get("holdoutChecksDue"))
                .extracting(d -> d.get("checkpoint").asText())
                .containsExactly("onboarding-holdout-30d", "onboarding-holdout-60d", "onboarding-holdout-90d");
        analysed("onboarding-holdout-30d", s.checkpoints().get(0), 0.05);

        Map<String, String> before = McpToolScenarios.snapshot(root);
        JsonNode refused =
                call("plan-holdout", args("slug", "onboarding", "percentage", 10, "launchedAt", "2026-06-01"));
        assertThat(refused.at("/error/code").asText()).isEqualTo("CONFLICT");
        assertThat(refused.at("/error/message").asText()).contains("onboarding-holdout-30d", "analyzing");
        assertThat(McpToolScenarios.snapshot(root)).isEqualTo(before);

        analysed("onboarding-holdout-60d", s.checkpoints().get(1), 0.05);
        analysed("onboarding-holdout-90d", s.checkpoints().get(2), 0.05);
        assertThat(ok("get-project", args()).get("holdoutChecksDue")).isEmpty();
        JsonNode report = ok("analyze-holdout", args("slug", "onboarding"));
        assertThat(report.get("trend").asText())
                .as(report.get("reason").asText())
                .isEqualTo("improves");
        assertThat(report.at("/checkpoints/2/reading/chanceToWin").asDouble()).isBetween(0.955, 0.965);
    }
}
