package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From definitions to a decision through the tools, without anyone typing a count. */
class CollectMetricsToolTest {
    @TempDir
    Path root;

    ToolContext context;

    @BeforeEach
    void setUp() throws Exception {
        context = new ToolContext(new Workbench(root));
        Random r = new Random(7);
        StringBuilder exposures = new StringBuilder("unit_id,variant,exposed_at\n");
        StringBuilder facts = new StringBuilder("unit_id,at,value\n");
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < 4000; i++) {
            String variant = i % 2 == 0 ? "control" : "treatment";
            Instant at = start.plusSeconds(r.nextInt(9 * 86_400));
            exposures
                    .append("u")
                    .append(i)
                    .append(',')
                    .append(variant)
                    .append(',')
                    .append(at)
                    .append('\n');
            if (r.nextDouble() < (variant.equals("control") ? 0.10 : 0.14)) {
                facts.append("u")
                        .append(i)
                        .append(',')
                        .append(at.plusSeconds(r.nextInt(3600)))
                        .append(",1\n");
            }
        }
        Path data = Files.createDirectories(root.resolve("data"));
        Files.writeString(data.resolve("exposures.csv"), exposures);
        Files.writeString(data.resolve("purchases.csv"), facts);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + data.resolve("purchases.csv") + "')) TO '"
                    + data.resolve("purchases.parquet") + "' (FORMAT parquet)");
        }
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

    @Test
    void definitions_collect_analyse_decide() throws IOException {
        ok("upsert-experiment", """
                {"slug":"checkout","method":"bayesian_ab","primaryMetricEvent":"purchase",
                 "controlVariant":"control","treatmentVariants":["treatment"],
                 "observationStart":"2026-11-01","observationEnd":"2026-11-10","minimumSample":1000,
                 "trafficWeights":{"control":0.5,"treatment":0.5},
                 "assignment":{"source":"local",
                   "sql":"SELECT unit_id, variant, exposed_at FROM read_csv('data/exposures.csv')"},
                 "metricDefinitions":{"purchase":{"type":"binary","windowHours":24,
                   "sql":"SELECT unit_id, \\"at\\", value FROM read_parquet('data/purchases.parquet')"}}}""");
        JsonNode dry = ok("collect-metrics", "{\"slug\":\"checkout\",\"dryRun\":true}");
        assertThat(dry.has("metrics")).as("no aggregates from a draft").isFalse();
        assertThat(dry.get("sql").asText()).contains("read_parquet('data/purchases.parquet')");

        ok("upsert-experiment", "{\"slug\":\"checkout\",\"status\":\"collecting\"}");
        JsonNode collected = ok("collect-metrics", "{\"slug\":\"checkout\"}");
        assertThat(collected.get("as_of").asText()).isEqualTo("2026-11-11T00:00:00Z");
        assertThat(collected.get("units").get("control").asLong()
                        + collected.get("units").get("treatment").asLong())
                .isEqualTo(4000);
        assertThat(collected.get("run").asText()).isNotBlank();
        assertThat(collected.get("query_sha256").asText()).hasSize(64);
        JsonNode purchase = collected.get("metrics").get("purchase");
        assertThat(purchase.get("treatment").get("k").asLong())
                .isGreaterThan(purchase.get("control").get("k").asLong());

        JsonNode analysis = ok("analyze-bayesian", "{\"slug\":\"checkout\"}");
        assertThat(analysis.get("experiment").asText()).isEqualTo("checkout");
        JsonNode decided = ok("upsert-experiment", """
                {"slug":"checkout","status":"decided","decision":"ship treatment",
                 "decisionSummary":"purchases up","decisionReason":"collected from the data, analysed, gate passed"}""");
        assertThat(decided.path("status").asText()).isEqualTo("decided");
        JsonNode record = ok("get-experiment", "{\"slug\":\"checkout\"}");
        assertThat(record.get("inputData").get("metrics").get("purchase").toString())
                .isEqualTo(purchase.toString());
        assertThat(Files.readAllLines(root.resolve(".aw/series/checkout.jsonl")))
                .hasSize(1);

        JsonNode dryAfter = ok("collect-metrics", "{\"slug\":\"checkout\",\"dryRun\":true}");
        assertThat(dryAfter.get("metrics").get("purchase").toString()).isEqualTo(purchase.toString());
        assertThat(dryAfter.has("run")).isFalse();
        assertThat(Files.readAllLines(root.resolve(".aw/series/checkout.jsonl")))
                .hasSize(1);

        ToolResult again = run("collect-metrics", "{\"slug\":\"checkout\"}");
        assertThat(again.isError()).isTrue();
        assertThat(again.code().name()).isEqualTo("INVALID_TRANSITION");
    }
}
