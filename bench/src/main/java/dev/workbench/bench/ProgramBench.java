package dev.workbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.Workbench;
import dev.workbench.core.program.CleanResultMarkdown;
import dev.workbench.core.program.CleanResults;
import dev.workbench.tools.ToolContext;
import dev.workbench.tools.ToolExecutor;
import dev.workbench.tools.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A benchmark, not a test: what the program's readers cost on a large project, built through the tools as an agent
 * would (200 decided experiments under one claim, 20 of them launched with a 5 % holdout whose 60 checkpoints are
 * analysed, and as many recorded runs as the first argument says, 10,000 by default): the median time of one read of
 * an experiment's clean result, of its review stage's state (which renders the result to compare it with what was
 * approved), of the claim's roll-up, of analyze-holdout and of get-project, each beside get-experiment (one record
 * through the tool executor), in one run, after a warm-up. Run by {@code bench/run.sh program}.
 */
public final class ProgramBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXPERIMENTS = 200;
    private static final int LAUNCHES = 20;

    private ProgramBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path root = Files.createTempDirectory("program-bench");
        Workbench wb = new Workbench(root);
        ToolContext context = new ToolContext(wb);
        long built = System.nanoTime();
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
        for (int i = 0; i < runs; i++) {
            call(
                    context,
                    "record-run",
                    "{\"command\":\"python3 fit.py --seed " + i + "\",\"experiment\":\"exp-" + (i % EXPERIMENTS)
                            + "\",\"exitCode\":0,\"metrics\":{\"auc\":" + (0.7 + (i % 100) / 1000.0) + "}}");
        }
        call(context, "review-stage", "{\"experiment\":\"exp-7\",\"action\":\"execute\"}");
        call(
                context,
                "review-stage",
                "{\"experiment\":\"exp-7\",\"action\":\"review\",\"checks\":[{\"name\":\"n\",\"passed\":true}]}");
        System.out.printf(
                Locale.ROOT,
                "program bench: %d experiments (%d launches, %d checkpoints), %d runs, built in %.1f s%n",
                EXPERIMENTS + 3 * LAUNCHES,
                LAUNCHES,
                3 * LAUNCHES,
                runs,
                (System.nanoTime() - built) / 1e9);

        CleanResults results = new CleanResults(wb);
        for (int round = 0; round < 3; round++) {
            double one = median(() -> call(context, "get-experiment", "{\"slug\":\"exp-7\"}"));
            double result = median(() -> CleanResultMarkdown.render(results.of("exp-7")));
            double stage = median(() -> wb.stages().status("experiment:exp-7"));
            double rollup = median(() -> wb.claims().rollup("forms"));
            double holdout = median(() -> call(context, "analyze-holdout", "{\"slug\":\"exp-7\"}"));
            double project = median(() -> call(context, "get-project", "{}"));
            System.out.printf(
                    Locale.ROOT,
                    "round %d: get-experiment %.2f ms | clean result %.1f ms (%.0f×) | experiment stage state %.1f ms"
                            + " (%.0f×) | claim roll-up %.1f ms (%.0f×) | analyze-holdout %.2f ms (%.0f×) | get-project"
                            + " %.1f ms (%.0f×)%n",
                    round,
                    one,
                    result,
                    result / one,
                    stage,
                    stage / one,
                    rollup,
                    rollup / one,
                    holdout,
                    holdout / one,
                    project,
                    project / one);
        }
    }

    private static void decided(ToolContext context, String slug, int nA, int kA, int nB, int kB) throws Exception {
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

    private static JsonNode call(ToolContext context, String tool, String json) {
        try {
            JsonNode result =
                    JSON.valueToTree(ToolExecutor.execute(Tools.find(tool).orElseThrow(), JSON.readTree(json), context)
                            .structured());
            if (result.has("error") && !tool.startsWith("upsert-experiment")) {
                throw new IllegalStateException(tool + " " + json + ": " + result);
            }
            return result;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The median of 21 timed calls, in milliseconds, after 5 untimed ones. */
    private static double median(Runnable call) {
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
