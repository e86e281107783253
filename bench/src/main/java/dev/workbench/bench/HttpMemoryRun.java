package dev.workbench.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory runs: a fresh server driven through 10,000 mixed calls with one way of holding sessions, its heap,
 * live objects, RSS and sessions sampled along the way, after the clients close and after an idle spell, printed
 * as a table with the classes that grew most. Apart from the call rounds ({@link HttpBench}) because what it
 * measures is what stays behind, not how fast the calls were.
 */
final class HttpMemoryRun {
    private static final int[] MEMORY_SAMPLES = {1000, 2500, 5000, 7500, 10_000};
    private static final long IDLE_MS = 35_000;

    private final HttpBench bench;
    private final Path aw;
    private final String token;

    HttpMemoryRun(HttpBench bench, Path aw, String token) {
        this.bench = bench;
        this.aw = aw;
        this.token = token;
    }

    /**
     * A fresh server; a warm-up of 2,000 calls, then 10,000 mixed calls from 4 clients, pausing at each sample
     * point for a full GC and a look at the heap. {@code reconnectEvery} 0 keeps one session per client.
     */
    void run(String variant, HttpBenchClient.Kind kind, int reconnectEvery) throws Exception {
        System.out.println();
        System.out.println("memory: " + variant);
        try (HttpServerProcess server =
                HttpServerProcess.start(aw, Files.createTempDirectory("aw-http-bench-"), token)) {
            List<HttpBenchClient> clients = HttpBenchClient.open(server, kind, HttpBench.CLIENTS, reconnectEvery);
            HttpRound.run(server, clients, HttpBenchClient.Mix.MIXED, HttpBench.WARM_UP_PER_CLIENT);
            List<HttpServerProcess.Sample> samples = new ArrayList<>();
            samples.add(server.sample(0));
            int done = 0;
            double wall = 0;
            for (int target : MEMORY_SAMPLES) {
                wall += HttpRound.run(server, clients, HttpBenchClient.Mix.MIXED, (target - done) / HttpBench.CLIENTS)
                        .wallSeconds();
                done = target;
                samples.add(server.sample(done));
            }
            HttpBenchClient.closeAll(clients);
            HttpServerProcess.Sample closed = server.sample(done);
            Thread.sleep(IDLE_MS); // past Jetty's idle timeout (30 s): connections the clients left open are closed
            HttpServerProcess.Sample idle = server.sample(done);
            System.out.printf(
                    "  %8s %12s %14s %15s %12s %11s %8s %5s %9s%n",
                    "calls",
                    "live objects",
                    "heap after GC",
                    "heap committed",
                    "metaspace",
                    "VmRSS",
                    "threads",
                    "fds",
                    "sessions");
            for (HttpServerProcess.Sample s : samples) {
                print(s, "");
            }
            print(closed, "  (clients closed)");
            print(idle, "  (then " + IDLE_MS / 1000 + " s idle)");
            HttpServerProcess.Sample first = samples.get(1);
            HttpServerProcess.Sample last = samples.get(samples.size() - 1);
            String growth = signedMib(last.liveKiB() - first.liveKiB()) + " live objects, "
                    + signedMib(last.heapKiB() - first.heapKiB()) + " heap after GC, "
                    + signedMib(last.rssKiB() - first.rssKiB()) + " RSS";
            System.out.printf(
                    "  growth from 1,000 to 10,000 calls: %s; %s live objects from the warmed-up start; %.0f calls/s%n",
                    growth, signedMib(last.liveKiB() - samples.get(0).liveKiB()), done / wall);
            System.out.println("  live bytes that grew most, 1,000 → 10,000 calls:" + largestGrowth(first, last, 8));
            bench.row(
                    "memory, " + variant,
                    "live objects " + mib(first.liveKiB()) + " → " + mib(last.liveKiB()) + " ("
                            + signedMib(last.liveKiB() - first.liveKiB()) + "), heap after GC " + mib(first.heapKiB())
                            + " → "
                            + mib(last.heapKiB()) + ", RSS " + mib(first.rssKiB()) + " → " + mib(last.rssKiB())
                            + "; MCP sessions " + first.sessions() + " → " + last.sessions() + " (" + closed.sessions()
                            + " after the clients closed); " + mib(idle.liveKiB()) + " live after " + IDLE_MS / 1000
                            + " s idle",
                    "no growth",
                    "from 1,000 to 10,000 calls after a 2,000-call warm-up; jcmd GC.class_histogram, "
                            + "GC.run + GC.heap_info, /proc VmRSS");
            server.checkQuietStdout();
        }
    }

    private static void print(HttpServerProcess.Sample s, String note) {
        System.out.printf(
                "  %8d %12s %14s %15s %12s %11s %8d %5d %9d%s%n",
                s.calls(),
                mib(s.liveKiB()),
                mib(s.heapKiB()),
                mib(s.committedKiB()),
                mib(s.metaspaceKiB()),
                mib(s.rssKiB()),
                s.threads(),
                s.fds(),
                s.sessions(),
                note);
    }

    /** The classes whose live instances grew most in bytes between two samples. */
    private static String largestGrowth(HttpServerProcess.Sample from, HttpServerProcess.Sample to, int n) {
        record Growth(String name, long instances, long bytes) {}
        List<Growth> growth = new ArrayList<>();
        to.histogram().forEach((name, now) -> {
            long[] before = from.histogram().getOrDefault(name, new long[2]);
            growth.add(new Growth(name, now[0] - before[0], now[1] - before[1]));
        });
        growth.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        StringBuilder out = new StringBuilder();
        for (Growth g : growth.subList(0, Math.min(n, growth.size()))) {
            out.append(String.format("%n    %+9.1f KiB %+7d  %s", g.bytes() / 1024.0, g.instances(), g.name()));
        }
        return out.toString();
    }

    static String mib(long kib) {
        return String.format("%.1f MiB", kib / 1024.0);
    }

    private static String signedMib(long kib) {
        return String.format("%+.1f MiB", kib / 1024.0);
    }
}
