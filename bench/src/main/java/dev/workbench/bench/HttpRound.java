package dev.workbench.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One round of calls, every client at once, and what it measured: the latencies of reads and writes, the wall time,
 * and the CPU the server and the bench spent. The unit both the call rounds ({@link HttpBench}) and the memory runs
 * ({@link HttpMemoryRun}) are made of.
 */
record HttpRound(double[] reads, double[] writes, double wallSeconds, double serverCpu, double clientCpu) {
    int calls() {
        return reads.length + writes.length;
    }

    double rate() {
        return calls() / wallSeconds;
    }

    double percentile(double q) {
        return HttpRound.percentile(concat(List.of(reads, writes)), q);
    }

    /** Every client makes {@code perClient} calls at once; latencies of the tool calls, wall time of the round. */
    static HttpRound run(
            HttpServerProcess server, List<HttpBenchClient> clients, HttpBenchClient.Mix mix, int perClient)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            double serverCpu0 = server.cpuSeconds();
            double clientCpu0 = clientCpuSeconds();
            long start = System.nanoTime();
            List<Future<HttpBenchClient.Timings>> futures = new ArrayList<>();
            for (HttpBenchClient c : clients) {
                futures.add(pool.submit(() -> c.calls(mix, perClient)));
            }
            List<double[]> reads = new ArrayList<>();
            List<double[]> writes = new ArrayList<>();
            for (Future<HttpBenchClient.Timings> f : futures) {
                HttpBenchClient.Timings t = f.get(10, TimeUnit.MINUTES);
                reads.add(t.reads());
                writes.add(t.writes());
            }
            double wall = (System.nanoTime() - start) / 1e9;
            return new HttpRound(
                    concat(reads),
                    concat(writes),
                    wall,
                    server.cpuSeconds() - serverCpu0,
                    clientCpuSeconds() - clientCpu0);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    static double percentile(double[] ms, double q) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    private static double clientCpuSeconds() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }
}
