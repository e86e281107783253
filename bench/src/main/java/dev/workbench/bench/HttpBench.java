package dev.workbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The HTTP targets of issue 6, against {@code bin/aw serve --http} as a separate process: tool calls from 4
 * concurrent clients (each its own Streamable HTTP session, the SDK's client), calls per second and latency
 * percentiles for a mix of reads and writes and for each alone; then the server's heap after a full GC and its
 * RSS while 10,000 calls are driven, with long sessions, with sessions closed and reopened every 100 calls, and
 * with sessions abandoned (no DELETE) every 100 calls. Prints numbers; asserts nothing about time.
 *
 * <p>Arguments: the launcher ({@code bin/aw}), then optionally {@code throughput} (the call rounds, no memory
 * runs) or {@code mixed} (the first mixed round alone: the server's CPU per call, quick enough to run before and
 * after a change, alternately, on a busy machine).
 */
public final class HttpBench {
    static final int CLIENTS = 4;
    static final int WARM_UP_PER_CLIENT = 500;
    private static final int MEASURED_PER_CLIENT = 1000;
    private static final int RECONNECT_EVERY = 100;

    private final Path aw;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final List<String[]> rows = new ArrayList<>();

    private HttpBench(Path aw) {
        this.aw = aw;
    }

    public static void main(String[] args) throws Exception {
        // the SDK client logs every initialize at INFO; with hundreds of sessions that buries the numbers
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        HttpBench bench =
                new HttpBench(Path.of(args.length > 0 ? args[0] : "bin/aw").toAbsolutePath());
        System.out.println("load average before: " + loadAverage());
        String only = args.length > 1 ? args[1] : "";
        bench.throughput(only.equals("mixed"));
        if (!only.isEmpty()) { // "throughput" or "mixed": the calls alone, to compare or profile the server's cost
            bench.print();
            System.exit(0);
        }
        HttpMemoryRun memory = new HttpMemoryRun(bench, bench.aw, bench.token);
        memory.run("4 long sessions, DELETE at the end", HttpBenchClient.Kind.SDK, 0);
        memory.run(
                "new session every " + RECONNECT_EVERY + " calls, old one closed (DELETE)",
                HttpBenchClient.Kind.SDK,
                RECONNECT_EVERY);
        memory.run(
                "new session every " + RECONNECT_EVERY + " calls, old one abandoned (no DELETE)",
                HttpBenchClient.Kind.RAW_ABANDON,
                RECONNECT_EVERY);
        System.out.println("load average after: " + loadAverage());
        bench.print();
        System.exit(0); // the SDK clients' reactor threads are not all daemons
    }

    /** The rounds of calls; {@code mixedOnly}: the first (the measure of CPU per call) and no other. */
    private void throughput(boolean mixedOnly) throws Exception {
        try (HttpServerProcess server =
                HttpServerProcess.start(aw, Files.createTempDirectory("aw-http-bench-"), token)) {
            List<HttpBenchClient> clients = HttpBenchClient.open(server, HttpBenchClient.Kind.SDK, CLIENTS, 0);
            // warm-up: JIT, class loading, the first records
            HttpRound.run(server, clients, HttpBenchClient.Mix.MIXED, WARM_UP_PER_CLIENT);
            report(
                    "mixed (½ get-project, ½ upsert), 4 SDK clients",
                    HttpRound.run(server, clients, HttpBenchClient.Mix.MIXED, MEASURED_PER_CLIENT),
                    "≥ 500 calls/s");
            if (mixedOnly) {
                HttpBenchClient.closeAll(clients);
                return;
            }
            report(
                    "reads only (get-project), 4 SDK clients",
                    HttpRound.run(server, clients, HttpBenchClient.Mix.READS, MEASURED_PER_CLIENT),
                    "(split)");
            report(
                    "writes only (upsert-experiment), 4 SDK clients",
                    HttpRound.run(server, clients, HttpBenchClient.Mix.WRITES, MEASURED_PER_CLIENT),
                    "(split)");
            report(
                    "writes only, 1 SDK client",
                    HttpRound.run(server, clients.subList(0, 1), HttpBenchClient.Mix.WRITES, MEASURED_PER_CLIENT),
                    "(scaling)");
            report(
                    "reads only, 1 SDK client",
                    HttpRound.run(server, clients.subList(0, 1), HttpBenchClient.Mix.READS, MEASURED_PER_CLIENT),
                    "(scaling)");
            HttpBenchClient.closeAll(clients);
            // the same mix from a client that costs almost nothing: how much of the time above is the SDK client's
            List<HttpBenchClient> raw = HttpBenchClient.open(server, HttpBenchClient.Kind.RAW, CLIENTS, 0);
            HttpRound.run(server, raw, HttpBenchClient.Mix.MIXED, WARM_UP_PER_CLIENT);
            report(
                    "mixed, 4 plain HTTP clients (java.net.http)",
                    HttpRound.run(server, raw, HttpBenchClient.Mix.MIXED, MEASURED_PER_CLIENT),
                    "(client cost)");
            HttpBenchClient.closeAll(raw);
            server.checkQuietStdout();
            System.out.println("workspace after these rounds: " + server.describeWorkspace());
        }
    }

    private void report(String what, HttpRound r, String target) {
        String split = "";
        if (r.reads().length > 0 && r.writes().length > 0) {
            split = " (reads p50 " + fmt(HttpRound.percentile(r.reads(), 0.5)) + ", p99 "
                    + fmt(HttpRound.percentile(r.reads(), 0.99))
                    + "; writes p50 " + fmt(HttpRound.percentile(r.writes(), 0.5)) + ", p99 "
                    + fmt(HttpRound.percentile(r.writes(), 0.99))
                    + ")";
        }
        row(
                what,
                fmt(r.rate()) + " calls/s; p50 " + fmt(r.percentile(0.5)) + ", p90 " + fmt(r.percentile(0.9)) + ", p99 "
                        + fmt(r.percentile(0.99)) + ", max " + fmt(r.percentile(1.0)) + " ms" + split,
                target,
                r.calls() + " calls; CPU: server " + fmt(r.serverCpu()) + " s, bench client " + fmt(r.clientCpu())
                        + " s in " + fmt(r.wallSeconds()) + " s wall");
    }

    // ------------------------------------------------------------------ output

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
    }

    /** One line of the summary table, printed as it is measured. */
    void row(String what, String value, String target, String how) {
        rows.add(new String[] {what, value, target, how});
        System.out.printf("%-62s %s   [target %s]%n", what, value, target);
    }

    private void print() {
        System.out.println();
        System.out.println("| measure | result | target | how |");
        System.out.println("|---|---|---|---|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v);
    }
}
