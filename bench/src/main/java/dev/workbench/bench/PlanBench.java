package dev.workbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.Workbench;
import dev.workbench.core.stats.plan.SamplePlanRequest;
import dev.workbench.core.stats.plan.SamplePlanner;
import dev.workbench.tools.ToolContext;
import dev.workbench.tools.ToolExecutor;
import dev.workbench.tools.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A tiny benchmark, not a test: microseconds per {@code plan-sample-size} in-process (target ≤ 1 ms), fixed and
 * sequential, once on the planner alone (request record → plan) and once through the tool executor (JSON arguments
 * bound strictly → plan → JSON result), after a warm-up. Run by {@code bench/run.sh plan}.
 */
public final class PlanBench {
    private PlanBench() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String fixedJson = "{\"baseline\": {\"rate\": 0.04}, \"mde\": 0.1, \"dailyUnits\": 4000}";
        String sequentialJson =
                "{\"baseline\": {\"rate\": 0.04}, \"mde\": 0.1, \"dailyUnits\": 4000, \"sequential\": true}";
        String tinyMdeJson = "{\"baseline\": {\"mean\": 25, \"stddev\": 40}, \"mde\": 0.001, \"sequential\": true,"
                + " \"arms\": 5, \"correction\": \"holm\"}";
        SamplePlanRequest fixed = mapper.readValue(fixedJson, SamplePlanRequest.class);
        SamplePlanRequest sequential = mapper.readValue(sequentialJson, SamplePlanRequest.class);
        SamplePlanRequest tinyMde = mapper.readValue(tinyMdeJson, SamplePlanRequest.class);
        JsonNode fixedArgs = mapper.readTree(fixedJson);
        JsonNode sequentialArgs = mapper.readTree(sequentialJson);
        Path root = Files.createTempDirectory("plan-bench");
        ToolContext context = new ToolContext(new Workbench(root));
        var tool = Tools.find("plan-sample-size").orElseThrow();

        for (int round = 0; round < 3; round++) {
            double planFixed = time(100_000, () -> SamplePlanner.plan(fixed)) * 1e6;
            double planSequential = time(100_000, () -> SamplePlanner.plan(sequential)) * 1e6;
            double planTiny = time(20_000, () -> SamplePlanner.plan(tinyMde)) * 1e6;
            double toolFixed = time(50_000, () -> ToolExecutor.execute(tool, fixedArgs, context)) * 1e6;
            double toolSequential = time(50_000, () -> ToolExecutor.execute(tool, sequentialArgs, context)) * 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: plan-sample-size planner fixed %.2f µs, sequential %.2f µs (mde 0.1%%, 5 arms: %.2f µs)"
                            + " | through the tool executor fixed %.2f µs, sequential %.2f µs%n",
                    round,
                    planFixed,
                    planSequential,
                    planTiny,
                    toolFixed,
                    toolSequential);
        }
        Files.deleteIfExists(root);
    }

    /** Seconds per call, averaged over {@code iterations} after as many warm-up calls. */
    private static double time(int iterations, Runnable call) {
        for (int i = 0; i < iterations; i++) {
            call.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1e9 / iterations;
    }
}
