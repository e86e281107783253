package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.program.SeedHoldoutSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan-holdout and analyze-holdout through the executor: a launch checked by hand-entered data (the seed's decaying
 * series) and listed as due by get-project, and a checkpoint whose data collect-metrics pulls with the definitions it
 * inherited.
 */
class HoldoutToolsTest {
    @TempDir
    Path root;

    ToolContext context;

    private void on(String day) {
        context = new ToolContext(new Workbench(root, Clock.fixed(Instant.parse(day + "T12:00:00Z"), ZoneOffset.UTC)));
    }

    private ToolResult run(String tool, String json) throws IOException {
        return ToolExecutor.execute(
                Tools.find(tool).orElseThrow(), Json.mapper().readTree(json), context);
    }

    private JsonNode ok(String tool, String json) throws IOException {
        ToolResult result = run(tool, json);
        assertThat(result.isError()).as(tool + ": " + result.text()).isFalse();
        return result.structured();
    }

    private void dataAndAnalysis(String slug, SeedHoldoutSeries.Point p, double share) throws IOException {
        JsonNode data = SeedHoldoutSeries.inputData(p, "purchase", "control", "shipped", share);
        ok("upsert-experiment", "{\"slug\":\"" + slug + "\",\"status\":\"collecting\",\"inputData\":" + data + "}");
        ok("analyze-bayesian", "{\"slug\":\"" + slug + "\"}");
    }

    @Test
    void getProject_cutsTheDueChecksAt50_andSaysHowManyAreDue() throws IOException {
        on("2026-05-20");
        String days = "[1,2,3,4,5,6,7,8,9,10]";
        for (int i = 0; i < 6; i++) {
            String slug = "launch-" + i;
            ok(
                    "upsert-experiment",
                    "{\"slug\":\"" + slug + "\",\"method\":\"bayesian_ab\","
                            + "\"primaryMetricEvent\":\"purchase\",\"controlVariant\":\"control\","
                            + "\"treatmentVariants\":[\"shipped\"],\"observationStart\":\"2026-05-01\","
                            + "\"trafficWeights\":{\"control\":0.5,\"shipped\":0.5}}");
            dataAndAnalysis(slug, SeedHoldoutSeries.HOLDS.original(), 0.5);
            ok(
                    "upsert-experiment",
                    "{\"slug\":\"" + slug + "\",\"status\":\"decided\",\"decision\":\"ship\","
                            + "\"decisionSummary\":\"s\",\"decisionReason\":\"r\"}");
            ok(
                    "plan-holdout",
                    "{\"slug\":\"" + slug + "\",\"percentage\":5,\"launchedAt\":\"2026-06-01\"," + "\"checkAtDays\":"
                            + days + "}");
        }
        on("2026-07-01");
        JsonNode project = ok("get-project", "{}");
        assertThat(project.get("holdoutChecksDue")).hasSize(GetProjectTool.MAX_DUE);
        assertThat(project.get("holdoutChecksDueTotal").asInt()).isEqualTo(60);
    }

    @Test
    void aLaunch_planned_dueInGetProject_analysedCheckpointByCheckpoint_decays() throws IOException {
        on("2026-05-20");
        SeedHoldoutSeries.Series s = SeedHoldoutSeries.DECAYS;
        ok("upsert-experiment", """
                {"slug":"banner","method":"bayesian_ab","primaryMetricEvent":"purchase","controlVariant":"control",
                 "treatmentVariants":["shipped"],"observationStart":"2026-05-01",
                 "trafficWeights":{"control":0.5,"shipped":0.5}}""");
        dataAndAnalysis("banner", s.original(), 0.5);
        ToolResult early = run("plan-holdout", "{\"slug\":\"banner\",\"percentage\":5,\"launchedAt\":\"2026-06-01\"}");
        assertThat(early.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(early.message()).startsWith("slug: expected a decided experiment");
        ok(
                "upsert-experiment",
                "{\"slug\":\"banner\",\"status\":\"decided\",\"decision\":\"ship\",\"decisionSummary\":\"s\","
                        + "\"decisionReason\":\"r\"}");
        ToolResult bad = run("plan-holdout", "{\"slug\":\"banner\",\"percentage\":50,\"launchedAt\":\"2026-06-01\"}");
        assertThat(bad.message()).startsWith("percentage: expected a percentage above 0 and below 50");

        JsonNode plan = ok("plan-holdout", "{\"slug\":\"banner\",\"percentage\":5,\"launchedAt\":\"2026-06-01\"}");
        assertThat(plan.get("changed").asBoolean()).isTrue();
        assertThat(plan.at("/holdout/checkAtDays").toString()).isEqualTo("[30,60,90]");
        assertThat(plan.at("/checkpoints/0/slug").asText()).isEqualTo("banner-holdout-30d");
        assertThat(plan.at("/checkpoints/0/action").asText()).isEqualTo("created");
        assertThat(plan.at("/checkpoints/0/status").asText()).isEqualTo("draft");
        assertThat(ok("plan-holdout", "{\"slug\":\"banner\",\"percentage\":5,\"launchedAt\":\"2026-06-01\"}")
                        .get("changed")
                        .asBoolean())
                .isFalse();

        on("2026-08-01");
        JsonNode due = ok("get-project", "{}").get("holdoutChecksDue");
        assertThat(due).hasSize(2);
        assertThat(due.get(0).toString())
                .isEqualTo("{\"experiment\":\"banner\",\"checkpoint\":\"banner-holdout-30d\",\"day\":30,"
                        + "\"dueOn\":\"2026-07-01\",\"state\":\"draft\"}");

        for (SeedHoldoutSeries.Point p : s.checkpoints()) {
            dataAndAnalysis("banner-holdout-" + p.day() + "d", p, 0.05);
        }
        assertThat(ok("get-project", "{}").get("holdoutChecksDue")).isEmpty();
        JsonNode report = ok("analyze-holdout", "{\"slug\":\"banner\"}");
        assertThat(report.get("trend").asText()).isEqualTo("decays");
        assertThat(report.get("reason").asText()).startsWith("Day 90: lift +0.5 % (chance to win 51 %)");
        assertThat(report.at("/original/chanceToWin").asDouble()).isBetween(0.965, 0.975);
        assertThat(report.at("/checkpoints/2/reading/relativeLift").asDouble()).isBetween(0.004, 0.006);
        ToolResult none = run("analyze-holdout", "{\"slug\":\"banner-holdout-30d\"}");
        assertThat(none.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void aCheckpoint_collectsItsDataWithTheDefinitionsItInherited_inItsWindow() throws IOException {
        Random r = new Random(11);
        StringBuilder exposures = new StringBuilder("unit_id,variant,exposed_at\n");
        StringBuilder facts = new StringBuilder("unit_id,at,value\n");
        long[] inWindow = new long[2];
        for (int i = 0; i < 6000; i++) {
            boolean launched = i >= 2000; // the test ran May 1-10; the launch, 5/95, from June 1
            Instant at = launched
                    ? Instant.parse("2026-06-01T00:00:00Z").plusSeconds(r.nextInt(60 * 86_400))
                    : Instant.parse("2026-05-01T00:00:00Z").plusSeconds(r.nextInt(9 * 86_400));
            boolean control = launched ? r.nextDouble() < 0.05 : i % 2 == 0;
            if (launched && at.isBefore(Instant.parse("2026-07-02T00:00:00Z"))) {
                inWindow[control ? 0 : 1]++;
            }
            exposures.append("u").append(i).append(',').append(control ? "control" : "shipped");
            exposures.append(',').append(at).append('\n');
            if (r.nextDouble() < (control ? 0.10 : 0.12)) {
                facts.append("u")
                        .append(i)
                        .append(',')
                        .append(at.plusSeconds(60))
                        .append(",1\n");
            }
        }
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/exposures.csv"), exposures);
        Files.writeString(root.resolve("data/purchases.csv"), facts);
        on("2026-05-11");
        ok("upsert-experiment", """
                {"slug":"checkout","method":"bayesian_ab","primaryMetricEvent":"purchase","controlVariant":"control",
                 "treatmentVariants":["shipped"],"observationStart":"2026-05-01","observationEnd":"2026-05-10",
                 "trafficWeights":{"control":0.5,"shipped":0.5},"status":"collecting",
                 "assignment":{"source":"local",
                   "sql":"SELECT unit_id, variant, exposed_at FROM read_csv('data/exposures.csv')"},
                 "metricDefinitions":{"purchase":{"type":"binary",
                   "sql":"SELECT unit_id, \\"at\\", value FROM read_csv('data/purchases.csv')"}}}""");
        ok("collect-metrics", "{\"slug\":\"checkout\"}");
        ok("analyze-bayesian", "{\"slug\":\"checkout\"}");
        ok(
                "upsert-experiment",
                "{\"slug\":\"checkout\",\"status\":\"decided\",\"decision\":\"ship\",\"decisionSummary\":\"s\","
                        + "\"decisionReason\":\"r\"}");
        ok(
                "plan-holdout",
                "{\"slug\":\"checkout\",\"percentage\":5,\"launchedAt\":\"2026-06-01\",\"checkAtDays\":[30]}");

        on("2026-07-03");
        ok("upsert-experiment", "{\"slug\":\"checkout-holdout-30d\",\"status\":\"collecting\"}");
        JsonNode collected = ok("collect-metrics", "{\"slug\":\"checkout-holdout-30d\"}");
        JsonNode stored = ok("get-experiment", "{\"slug\":\"checkout-holdout-30d\"}");
        assertThat(stored.at("/inputData/metrics/purchase/control/n").asLong())
                .as(collected.toString())
                .isEqualTo(inWindow[0]);
        assertThat(stored.at("/inputData/metrics/purchase/shipped/n").asLong()).isEqualTo(inWindow[1]);
        JsonNode analysis = ok("analyze-bayesian", "{\"slug\":\"checkout-holdout-30d\"}");
        assertThat(analysis.at("/srm/ok").asBoolean())
                .as("the holdout's split is what the SRM check expects")
                .isTrue();
        assertThat(ok("analyze-holdout", "{\"slug\":\"checkout\"}")
                        .at("/checkpoints/0/status")
                        .asText())
                .isEqualTo("analyzing");
    }
}
