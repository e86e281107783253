package dev.workbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.Workbench;
import dev.workbench.tools.ToolContext;
import dev.workbench.tools.ToolExecutor;
import dev.workbench.tools.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The large project the readers' benchmarks measure, built through the tools as an agent would: 200 decided
 * experiments under one claim, 20 of them launched with a 5 % holdout whose 60 checkpoints are analysed, and as many
 * recorded runs as asked (a sweep over {@code lr} and {@code depth}, metric {@code auc}), the experiment
 * {@code exp-7}'s write-up executed and reviewed. {@link ProgramBench} and {@link PageBench} share it.
 */
final class LargeProject {
    static final int EXPERIMENTS = 200;
    static final int LAUNCHES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LargeProject() {}

    /** Builds the project in {@code wb}'s root; returns the context its tools were called through. */
    static ToolContext build(Workbench wb, int runs) {
        ToolContext context = new ToolContext(wb);
        call(context, "upsert-claim", "{\"slug\":\"forms\",\"statement\":\"Shorter forms convert better\"}");
        for (int i = 0; i < EXPERIMENTS; i++) {
            decided(context, "exp-" + i, 1000 + i, 100 + i % 17, 1000 + i, 112 + i % 23);
        }
        for (int i = 0; i < LAUNCHES; i++) {
            String slug = "exp-" + i;
            call(context, "plan-holdout", "{\"slug\":\"" + slug + "\",\"percentage\":5,\"launchedAt\":\"2026-12-01\"}");
            for (int day : new int[] {30, 60, 90}) {
                String checkpoint = slug + "-holdout-" + day + "d";
                call(
                        context,
                        "upsert-experiment",
                        "{\"slug\":\"" + checkpoint + "\",\"status\":\"collecting\",\"inputData\":"
                                + data(20 * day, 2 * day, 380 * day, 42 * day) + "}");
                call(context, "analyze-bayesian", "{\"slug\":\"" + checkpoint + "\"}");
            }
        }
        double[] rates = {0.001, 0.003, 0.01, 0.03, 0.1};
        for (int i = 0; i < runs; i++) {
            double lr = rates[i % rates.length];
            int depth = 2 + i % 7;
            call(
                    context,
                    "record-run",
                    "{\"command\":\"python3 fit.py --seed " + i + " --lr " + lr + " --depth " + depth
                            + "\",\"area\":\"modeling\",\"experiment\":\"exp-" + (i % EXPERIMENTS)
                            + "\",\"exitCode\":0,\"durationMs\":" + (1000 + i % 500) + ",\"params\":{\"seed\":" + i
                            + ",\"lr\":" + lr + ",\"depth\":" + depth + "},\"metrics\":{\"auc\":"
                            + (0.7 + (i % 100) / 1000.0) + ",\"loss\":" + (0.5 - (i % 50) / 200.0) + "}}");
        }
        call(context, "review-stage", "{\"experiment\":\"exp-7\",\"action\":\"execute\"}");
        call(
                context,
                "review-stage",
                "{\"experiment\":\"exp-7\",\"action\":\"review\",\"checks\":[{\"name\":\"n\",\"passed\":true}]}");
        return context;
    }

    private static void decided(ToolContext context, String slug, int nA, int kA, int nB, int kB) {
        call(
                context,
                "upsert-experiment",
                "{\"slug\":\"" + slug + "\",\"claim\":\"forms\",\"method\":\"bayesian_ab\",\"primaryMetricEvent\":"
                        + "\"purchase\",\"controlVariant\":\"control\",\"treatmentVariants\":[\"shipped\"],"
                        + "\"observationStart\":\"2026-11-01\",\"trafficWeights\":{\"control\":0.5,\"shipped\":0.5}}");
        call(
                context,
                "upsert-experiment",
                "{\"slug\":\"" + slug + "\",\"status\":\"collecting\",\"inputData\":" + data(nA, kA, nB, kB) + "}");
        call(context, "analyze-bayesian", "{\"slug\":\"" + slug + "\"}");
        String decide = "{\"slug\":\"" + slug + "\",\"status\":\"decided\",\"decision\":\"ship\",\"decisionSummary\":"
                + "\"s\",\"decisionReason\":\"r\",\"observationEnd\":\"2026-11-30\"";
        if (call(context, "upsert-experiment", decide + "}").has("error")) { // the gate: decide over it, with a reason
            call(context, "upsert-experiment", decide + ",\"override\":{\"reason\":\"bench data\"}}");
        }
        JsonNode e = call(context, "get-experiment", "{\"slug\":\"" + slug + "\"}");
        if (!"decided".equals(e.path("status").asText())) {
            throw new IllegalStateException(slug + " was not decided: " + e);
        }
    }

    private static String data(int nA, int kA, int nB, int kB) {
        return "{\"metrics\":{\"purchase\":{\"control\":{\"n\":" + nA + ",\"k\":" + kA + "},\"shipped\":{\"n\":" + nB
                + ",\"k\":" + kB + "}}}}";
    }

    /** One tool call through the executor; an error is fatal except where a refusal is expected (the gate). */
    static JsonNode call(ToolContext context, String tool, String json) {
        try {
            JsonNode result =
                    JSON.valueToTree(ToolExecutor.execute(Tools.find(tool).orElseThrow(), JSON.readTree(json), context)
                            .structured());
            if (result.has("error") && !tool.startsWith("upsert-experiment")) {
                throw new IllegalStateException(tool + " " + json + ": " + result);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The median of 21 timed calls, in milliseconds, after 5 untimed ones. */
    static double median(Runnable call) {
        for (int i = 0; i < 5; i++) {
            call.run();
        }
        double[] ms = new double[21];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
