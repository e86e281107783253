package dev.workbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.tools.ToolContext;
import dev.workbench.tools.ToolExecutor;
import dev.workbench.tools.ToolResult;
import dev.workbench.tools.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The foundation's speed and memory targets, measured on this machine and printed as a table (issue 2):
 * launch → initialize answered, `aw get-project` wall time and peak RSS, upsert throughput in one stdio
 * session, and get-project pages over 10,000 experiments. Run with {@code bench/run.sh}; it starts the
 * real launcher {@code bin/aw}, so the numbers include the JVM flags and the class-data archive it uses.
 */
public final class FoundationBench {
    private static final String INIT =
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    private final Path aw;
    private final List<String[]> rows = new ArrayList<>();

    private FoundationBench(Path aw) {
        this.aw = aw;
    }

    public static void main(String[] args) throws Exception {
        Path aw = Path.of(args.length > 0 ? args[0] : "bin/aw").toAbsolutePath();
        FoundationBench bench = new FoundationBench(aw);
        bench.launchToInitialize(15);
        bench.getProjectCommand(15);
        bench.upsertThroughput(1000);
        bench.getProjectOnLargeWorkspace(10_000, 50);
        bench.analyzeThroughStdio(500);
        bench.print();
    }

    private void row(String what, String value, String target, String how) {
        rows.add(new String[] {what, value, target, how});
        System.out.printf("%-48s %-26s %s%n", what, value, target);
    }

    /** Start `aw serve`, send initialize, time until the answer line arrives. */
    private void launchToInitialize(int runs) throws Exception {
        Path dir = Files.createTempDirectory("aw-bench-");
        double[] ms = new double[runs];
        for (int i = 0; i < runs + 2; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(aw.toString(), "serve", "--root", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            OutputStream in = p.getOutputStream();
            in.write((INIT + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            long end = System.nanoTime();
            if (line == null || !line.contains("\"result\"")) {
                throw new IllegalStateException("no initialize answer: " + line);
            }
            in.close();
            p.waitFor();
            if (i >= 2) { // the first two runs warm the file cache
                ms[i - 2] = (end - start) / 1e6;
            }
        }
        row(
                "launch → initialize answered (median of " + runs + ")",
                fmt(median(ms)) + " ms (min " + fmt(min(ms)) + ")",
                "≤ 500 ms",
                "bin/aw serve, initialize on stdin");
    }

    /** `aw get-project` as a hook runs it: wall time and peak RSS from GNU time. */
    private void getProjectCommand(int runs) throws Exception {
        Path dir = Files.createTempDirectory("aw-bench-");
        new Workbench(dir).experiments().upsert(patch("one"));
        double[] ms = new double[runs];
        long[] rssKb = new long[runs];
        for (int i = 0; i < runs + 2; i++) {
            Path rssFile = Files.createTempFile("aw-rss-", ".txt");
            long start = System.nanoTime();
            Process p = new ProcessBuilder(
                            "/usr/bin/time",
                            "-f",
                            "%M",
                            "-o",
                            rssFile.toString(),
                            aw.toString(),
                            "get-project",
                            "--root",
                            dir.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            int rc = p.waitFor();
            long end = System.nanoTime();
            if (rc != 0) {
                throw new IllegalStateException("aw get-project exited " + rc);
            }
            if (i >= 2) {
                ms[i - 2] = (end - start) / 1e6;
                rssKb[i - 2] = Long.parseLong(Files.readString(rssFile).trim());
            }
            Files.delete(rssFile);
        }
        row(
                "aw get-project wall (median of " + runs + ")",
                fmt(median(ms)) + " ms (min " + fmt(min(ms)) + ")",
                "≤ 400 ms",
                "/usr/bin/time bin/aw get-project");
        double[] rssMib = Arrays.stream(rssKb).mapToDouble(kb -> kb / 1024.0).toArray();
        row(
                "aw get-project peak RSS (max of " + runs + ")",
                fmt(Arrays.stream(rssMib).max().orElse(0)) + " MiB",
                "≤ 100 MiB",
                "GNU time %M");
    }

    /** N upsert-experiment calls pipelined into one `aw serve` session; time from first send to last answer. */
    private void upsertThroughput(int calls) throws Exception {
        Session session = Session.start(aw);
        Process p = session.process();
        OutputStream in = session.in();
        BufferedReader out = session.out();
        // warm-up round, then the measured one
        double rate = 0;
        for (int round = 0; round < 2; round++) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < calls; i++) {
                batch.append("{\"jsonrpc\":\"2.0\",\"id\":")
                        .append(round * calls + i + 1)
                        .append(",\"method\":\"tools/call\",\"params\":{\"name\":\"upsert-experiment\",\"arguments\":")
                        .append("{\"slug\":\"exp-")
                        .append(i % 50)
                        .append("\",\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\"],")
                        .append("\"claim\":\"round ")
                        .append(round)
                        .append(" call ")
                        .append(i)
                        .append("\"}}}\n");
            }
            long start = System.nanoTime();
            in.write(batch.toString().getBytes(StandardCharsets.UTF_8));
            in.flush();
            for (int i = 0; i < calls; i++) {
                String line = out.readLine();
                if (line == null || line.contains("\"isError\":true")) {
                    throw new IllegalStateException("upsert failed: " + line);
                }
            }
            rate = calls / ((System.nanoTime() - start) / 1e9);
        }
        in.close();
        p.waitFor();
        row(
                calls + " upsert-experiment calls, one stdio session",
                fmt(rate) + " calls/s",
                "≥ 500 calls/s",
                "pipelined tools/call lines, 2nd round");
    }

    /** get-project pages over a workspace of many experiments, in-process after warm-up, and as one `aw` call. */
    private void getProjectOnLargeWorkspace(int experiments, int pageSize) throws Exception {
        Path dir = Files.createTempDirectory("aw-bench-");
        Workbench wb = new Workbench(dir);
        for (int i = 0; i < experiments; i++) {
            wb.experiments().upsert(patch(String.format("exp-%05d", i)));
        }
        var tool = Tools.find("get-project").orElseThrow();
        ToolContext context = new ToolContext(wb);
        JsonNode args = Json.mapper().readTree("{\"limit\":" + pageSize + "}");
        for (int i = 0; i < 50; i++) {
            ToolExecutor.execute(tool, args, context);
        }
        int pages = 40;
        double[] ms = new double[pages];
        String cursor = null;
        for (int i = 0; i < pages; i++) {
            JsonNode pageArgs = Json.mapper()
                    .readTree(
                            cursor == null
                                    ? "{\"limit\":" + pageSize + "}"
                                    : "{\"limit\":" + pageSize + ",\"cursor\":\"" + cursor + "\"}");
            long start = System.nanoTime();
            ToolResult result = ToolExecutor.execute(tool, pageArgs, context);
            ms[i] = (System.nanoTime() - start) / 1e6;
            cursor = result.structured().at("/experiments/nextCursor").asText(null);
        }
        row(
                "get-project, " + experiments + " experiments, page of " + pageSize,
                fmt(median(ms)) + " ms (max " + fmt(Arrays.stream(ms).max().orElse(0)) + ")",
                "≤ 50 ms",
                "in-process, warm, median of " + pages + " pages");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(aw.toString(), "get-project", "--root", dir.toString(), "limit=" + pageSize)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor();
        row(
                "aw get-project, " + experiments + " experiments (cold process)",
                fmt((System.nanoTime() - start) / 1e6) + " ms",
                "(for scale)",
                "bin/aw get-project limit=" + pageSize);
    }

    /** One analyze-bayesian call at a time through `aw serve`: send, wait for the answer, repeat. */
    private void analyzeThroughStdio(int calls) throws Exception {
        Session session = Session.start(aw);
        Process p = session.process();
        OutputStream in = session.in();
        BufferedReader out = session.out();
        String args =
                "{\"experiment\":{\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\"],\"primaryMetricEvent\":\"c\","
                        + "\"guardrailEvents\":[\"g\"],\"inputData\":{\"metrics\":{\"c\":{\"a\":{\"n\":5000,\"k\":500},"
                        + "\"b\":{\"n\":5000,\"k\":560}},\"g\":{\"inverse\":true,\"a\":{\"n\":5000,\"k\":50},\"b\":{\"n\":5000,\"k\":45}}}}}}";
        double[] ms = new double[calls];
        for (int i = 0; i < calls * 2; i++) { // first half warms up
            long start = System.nanoTime();
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":" + (i + 1) + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                            + "\"analyze-bayesian\",\"arguments\":" + args + "}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            in.flush();
            String line = out.readLine();
            if (line == null || line.contains("\"isError\":true")) {
                throw new IllegalStateException("analysis failed: " + line);
            }
            if (i >= calls) {
                ms[i - calls] = (System.nanoTime() - start) / 1e6;
            }
        }
        in.close();
        p.waitFor();
        row(
                "analyze-bayesian through stdio, round trip",
                fmt(median(ms)) + " ms median (p90 " + fmt(percentile(ms, 0.9)) + ")",
                "≤ 5 ms",
                calls + " sequential calls after " + calls + " warm-up");
    }

    /** An initialized `aw serve` session on a fresh temporary root. */
    private record Session(Process process, OutputStream in, BufferedReader out) {
        static Session start(Path aw) throws IOException {
            Path dir = Files.createTempDirectory("aw-bench-");
            Process p = new ProcessBuilder(aw.toString(), "serve", "--root", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            OutputStream in = p.getOutputStream();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            in.write((INIT + "\n" + INITIALIZED + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            out.readLine();
            return new Session(p, in, out);
        }
    }

    private static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static ExperimentPatch patch(String slug) {
        return new ExperimentPatch(
                slug,
                null,
                null,
                null,
                "click",
                null,
                "a",
                List.of("b"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "benchmark record",
                null,
                null);
    }

    private void print() {
        System.out.println();
        System.out.println("| measure | result | target | how |");
        System.out.println("|---|---|---|---|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v);
    }
}
