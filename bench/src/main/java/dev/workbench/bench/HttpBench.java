package dev.workbench.bench;

import dev.workbench.core.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final int CLIENTS = 4;
    private static final int WARM_UP_PER_CLIENT = 500;
    private static final int MEASURED_PER_CLIENT = 1000;
    private static final int[] MEMORY_SAMPLES = {1000, 2500, 5000, 7500, 10_000};
    private static final int RECONNECT_EVERY = 100;
    private static final String SESSION_CLASS = "io.modelcontextprotocol.spec.McpStreamableServerSession";
    private static final long IDLE_MS = 35_000;

    private final Path aw;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final List<String[]> rows = new ArrayList<>();
    private final HttpClient rawHttp =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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
        bench.memory("4 long sessions, DELETE at the end", Kind.SDK, 0);
        bench.memory(
                "new session every " + RECONNECT_EVERY + " calls, old one closed (DELETE)", Kind.SDK, RECONNECT_EVERY);
        bench.memory(
                "new session every " + RECONNECT_EVERY + " calls, old one abandoned (no DELETE)",
                Kind.RAW_ABANDON,
                RECONNECT_EVERY);
        System.out.println("load average after: " + loadAverage());
        bench.print();
        System.exit(0); // the SDK clients' reactor threads are not all daemons
    }

    // ------------------------------------------------------------------ throughput and latency

    private enum Mix {
        MIXED,
        READS,
        WRITES
    }

    private enum Kind {
        SDK,
        RAW,
        RAW_ABANDON
    }

    /** The rounds of calls; {@code mixedOnly}: the first (the measure of CPU per call) and no other. */
    private void throughput(boolean mixedOnly) throws Exception {
        try (Server server = Server.start(aw, Files.createTempDirectory("aw-http-bench-"), token)) {
            List<Client> clients = clients(server, Kind.SDK, CLIENTS, 0);
            round(server, clients, Mix.MIXED, WARM_UP_PER_CLIENT); // JIT, class loading, the first records
            report(
                    "mixed (½ get-project, ½ upsert), 4 SDK clients",
                    round(server, clients, Mix.MIXED, MEASURED_PER_CLIENT),
                    "≥ 500 calls/s");
            if (mixedOnly) {
                closeAll(clients);
                return;
            }
            report(
                    "reads only (get-project), 4 SDK clients",
                    round(server, clients, Mix.READS, MEASURED_PER_CLIENT),
                    "(split)");
            report(
                    "writes only (upsert-experiment), 4 SDK clients",
                    round(server, clients, Mix.WRITES, MEASURED_PER_CLIENT),
                    "(split)");
            report(
                    "writes only, 1 SDK client",
                    round(server, clients.subList(0, 1), Mix.WRITES, MEASURED_PER_CLIENT),
                    "(scaling)");
            report(
                    "reads only, 1 SDK client",
                    round(server, clients.subList(0, 1), Mix.READS, MEASURED_PER_CLIENT),
                    "(scaling)");
            closeAll(clients);
            // the same mix from a client that costs almost nothing: how much of the time above is the SDK client's
            List<Client> raw = clients(server, Kind.RAW, CLIENTS, 0);
            round(server, raw, Mix.MIXED, WARM_UP_PER_CLIENT);
            report(
                    "mixed, 4 plain HTTP clients (java.net.http)",
                    round(server, raw, Mix.MIXED, MEASURED_PER_CLIENT),
                    "(client cost)");
            closeAll(raw);
            server.checkQuietStdout();
            System.out.println("workspace after these rounds: " + server.describeWorkspace());
        }
    }

    private void report(String what, Round r, String target) {
        String split = "";
        if (r.reads().length > 0 && r.writes().length > 0) {
            split = " (reads p50 " + fmt(percentile(r.reads(), 0.5)) + ", p99 " + fmt(percentile(r.reads(), 0.99))
                    + "; writes p50 " + fmt(percentile(r.writes(), 0.5)) + ", p99 " + fmt(percentile(r.writes(), 0.99))
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

    /** Every client makes {@code perClient} calls at once; latencies of the tool calls, wall time of the round. */
    private Round round(Server server, List<Client> clients, Mix mix, int perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            double serverCpu0 = server.cpuSeconds();
            double clientCpu0 = clientCpuSeconds();
            long start = System.nanoTime();
            List<Future<Timings>> futures = new ArrayList<>();
            for (Client c : clients) {
                futures.add(pool.submit(() -> c.calls(mix, perClient)));
            }
            List<double[]> reads = new ArrayList<>();
            List<double[]> writes = new ArrayList<>();
            for (Future<Timings> f : futures) {
                Timings t = f.get(10, TimeUnit.MINUTES);
                reads.add(t.reads());
                writes.add(t.writes());
            }
            double wall = (System.nanoTime() - start) / 1e9;
            return new Round(
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

    /** One client's latencies in milliseconds, reads and writes apart. */
    private record Timings(double[] reads, double[] writes) {}

    private record Round(double[] reads, double[] writes, double wallSeconds, double serverCpu, double clientCpu) {
        int calls() {
            return reads.length + writes.length;
        }

        double rate() {
            return calls() / wallSeconds;
        }

        double percentile(double q) {
            return HttpBench.percentile(concat(List.of(reads, writes)), q);
        }
    }

    private static double percentile(double[] ms, double q) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    // ------------------------------------------------------------------ memory

    /**
     * A fresh server; a warm-up of 2,000 calls, then 10,000 mixed calls from 4 clients, pausing at each sample
     * point for a full GC and a look at the heap. {@code reconnectEvery} 0 keeps one session per client.
     */
    private void memory(String variant, Kind kind, int reconnectEvery) throws Exception {
        System.out.println();
        System.out.println("memory: " + variant);
        try (Server server = Server.start(aw, Files.createTempDirectory("aw-http-bench-"), token)) {
            List<Client> clients = clients(server, kind, CLIENTS, reconnectEvery);
            round(server, clients, Mix.MIXED, WARM_UP_PER_CLIENT);
            List<Sample> samples = new ArrayList<>();
            samples.add(server.sample(0));
            int done = 0;
            double wall = 0;
            for (int target : MEMORY_SAMPLES) {
                wall += round(server, clients, Mix.MIXED, (target - done) / CLIENTS)
                        .wallSeconds();
                done = target;
                samples.add(server.sample(done));
            }
            closeAll(clients);
            Sample closed = server.sample(done);
            Thread.sleep(IDLE_MS); // past Jetty's idle timeout (30 s): connections the clients left open are closed
            Sample idle = server.sample(done);
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
            for (Sample s : samples) {
                print(s, "");
            }
            print(closed, "  (clients closed)");
            print(idle, "  (then " + IDLE_MS / 1000 + " s idle)");
            Sample first = samples.get(1);
            Sample last = samples.get(samples.size() - 1);
            String growth = signedMib(last.liveKiB() - first.liveKiB()) + " live objects, "
                    + signedMib(last.heapKiB() - first.heapKiB()) + " heap after GC, "
                    + signedMib(last.rssKiB() - first.rssKiB()) + " RSS";
            System.out.printf(
                    "  growth from 1,000 to 10,000 calls: %s; %s live objects from the warmed-up start; %.0f calls/s%n",
                    growth, signedMib(last.liveKiB() - samples.get(0).liveKiB()), done / wall);
            System.out.println("  live bytes that grew most, 1,000 → 10,000 calls:" + largestGrowth(first, last, 8));
            row(
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

    private static void print(Sample s, String note) {
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

    /**
     * Live objects (the class histogram's total, taken after its own full GC); heap in use just after a full GC, which
     * also counts the thread-local allocation buffers handed out since, and its committed size; metaspace, RSS,
     * threads, open file descriptors (sockets included), live MCP sessions, and instances and bytes per class.
     */
    private record Sample(
            int calls,
            long liveKiB,
            long heapKiB,
            long committedKiB,
            long metaspaceKiB,
            long rssKiB,
            int threads,
            int fds,
            long sessions,
            Map<String, long[]> histogram) {}

    /** The classes whose live instances grew most in bytes between two samples. */
    private static String largestGrowth(Sample from, Sample to, int n) {
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

    // ------------------------------------------------------------------ clients

    private List<Client> clients(Server server, Kind kind, int n, int reconnectEvery) {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(new Client(server, kind, i, reconnectEvery));
        }
        return clients;
    }

    private static void closeAll(List<Client> clients) {
        clients.forEach(Client::close);
    }

    /** One MCP session at a time; the calls a client makes, and which records it writes. */
    private final class Client {
        private final Server server;
        private final Kind kind;
        private final int index;
        private final int reconnectEvery;
        private Session session;
        private int sinceConnect;
        private int calls;
        private int writes;

        Client(Server server, Kind kind, int index, int reconnectEvery) {
            this.server = server;
            this.kind = kind;
            this.index = index;
            this.reconnectEvery = reconnectEvery;
            this.session = open();
        }

        private Session open() {
            return kind == Kind.SDK ? new SdkSession(server.base, token) : new RawSession(rawHttp, server.base, token);
        }

        Timings calls(Mix mix, int n) throws Exception {
            double[] readMs = new double[n];
            double[] writeMs = new double[n];
            int r = 0;
            int w = 0;
            for (int i = 0; i < n; i++) {
                if (reconnectEvery > 0 && sinceConnect == reconnectEvery) {
                    if (kind != Kind.RAW_ABANDON) {
                        session.close();
                    }
                    session = open();
                    sinceConnect = 0;
                }
                boolean write = mix == Mix.WRITES || (mix == Mix.MIXED && calls % 2 == 1);
                String tool;
                Map<String, Object> args = new LinkedHashMap<>();
                if (write) {
                    tool = "upsert-experiment";
                    // a quarter of the writes patch one record every client shares; the rest, 20 records of its own
                    args.put("slug", writes % 4 == 0 ? "shared" : "c" + index + "-" + (writes % 20));
                    args.put("controlVariant", "a");
                    args.put("treatmentVariants", List.of("b"));
                    args.put("claim", "client " + index + ", write " + writes);
                    writes++;
                } else {
                    tool = "get-project";
                }
                long start = System.nanoTime();
                session.call(tool, args);
                double ms = (System.nanoTime() - start) / 1e6;
                if (write) {
                    writeMs[w++] = ms;
                } else {
                    readMs[r++] = ms;
                }
                calls++;
                sinceConnect++;
            }
            return new Timings(Arrays.copyOf(readMs, r), Arrays.copyOf(writeMs, w));
        }

        void close() {
            if (kind != Kind.RAW_ABANDON) {
                session.close();
            }
        }
    }

    private interface Session {
        void call(String tool, Map<String, Object> args) throws Exception;

        void close();
    }

    /** The SDK's Streamable HTTP client, as the integration tests build it; close() sends DELETE. */
    private static final class SdkSession implements Session {
        private final McpSyncClient client;

        SdkSession(String base, String token) {
            var transport = HttpClientStreamableHttpTransport.builder(base)
                    .endpoint("/mcp")
                    .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                    .build();
            client = McpClient.sync(transport)
                    .clientInfo(new McpSchema.Implementation("aw-http-bench", "1"))
                    .requestTimeout(Duration.ofSeconds(60))
                    .initializationTimeout(Duration.ofSeconds(60))
                    .build();
            client.initialize();
        }

        @Override
        public void call(String tool, Map<String, Object> args) {
            McpSchema.CallToolResult result = client.callTool(
                    McpSchema.CallToolRequest.builder(tool).arguments(args).build());
            if (Boolean.TRUE.equals(result.isError())) {
                throw new IllegalStateException(tool + " failed: " + result.content());
            }
        }

        @Override
        public void close() {
            client.closeGracefully();
        }
    }

    /**
     * Plain POSTs with java.net.http on one shared client: initialize, the initialized notification, tool calls with
     * the session id. Costs the bench almost nothing, and can vanish without DELETE like a client that crashed.
     */
    private static final class RawSession implements Session {
        private static final Pattern VERSION = Pattern.compile("\"protocolVersion\"\\s*:\\s*\"([^\"]+)\"");
        private final HttpClient http;
        private final URI uri;
        private final String token;
        private final String sessionId;
        private final String version;
        private int id = 1;

        RawSession(HttpClient http, String base, String token) {
            this.http = http;
            this.uri = URI.create(base + "/mcp");
            this.token = token;
            try {
                HttpResponse<String> init = post(
                        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"aw-http-bench\","
                                + "\"version\":\"1\"}}}",
                        null,
                        null);
                if (init.statusCode() != 200) {
                    throw new IllegalStateException("initialize: HTTP " + init.statusCode() + " " + init.body());
                }
                sessionId = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
                Matcher m = VERSION.matcher(init.body());
                version = m.find() ? m.group(1) : "2025-06-18";
                HttpResponse<String> initialized =
                        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", sessionId, version);
                if (initialized.statusCode() / 100 != 2) {
                    throw new IllegalStateException("initialized: HTTP " + initialized.statusCode());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private HttpResponse<String> post(String body, String session, String protocol)
                throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (session != null) {
                b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", protocol);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void call(String tool, Map<String, Object> args) throws Exception {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + (id++) + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                    + tool + "\",\"arguments\":" + Json.mapper().writeValueAsString(args) + "}}";
            HttpResponse<String> r = post(body, sessionId, version);
            if (r.statusCode() != 200
                    || !r.body().contains("\"result\"")
                    || r.body().contains("\"isError\":true")) {
                throw new IllegalStateException(tool + ": HTTP " + r.statusCode() + " " + r.body());
            }
        }

        @Override
        public void close() {
            try {
                http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(60))
                                .header("Authorization", "Bearer " + token)
                                .header("Mcp-Session-Id", sessionId)
                                .header("MCP-Protocol-Version", version)
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ the server process

    /** {@code bin/aw --root DIR serve --http --port 0} with the token in its environment; the JVM's pid for jcmd. */
    private static final class Server implements AutoCloseable {
        private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)/mcp");
        private static final Pattern USED =
                Pattern.compile("(generation|Metaspace)\\s+(?:total (\\d+)K, )?used (\\d+)K");
        private static final long CLOCK_TICKS = clockTicks();

        final Process process;
        final String base;
        final long pid;
        final Path root;
        final Path stdout;
        final StringBuffer stderr;

        private Server(Process process, String base, Path root, Path stdout, StringBuffer stderr) {
            this.process = process;
            this.base = base;
            this.pid = process.pid(); // bin/aw execs java, so the launcher's pid is the JVM's
            this.root = root;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        static Server start(Path aw, Path root, String token) throws Exception {
            Path stdout = Files.createTempFile("aw-http-bench-stdout-", ".txt");
            ProcessBuilder pb = new ProcessBuilder(
                            aw.toString(), "--root", root.toString(), "serve", "--http", "--port", "0")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile());
            pb.environment().put("AW_HTTP_TOKEN", token);
            Process p = pb.start();
            StringBuffer err = new StringBuffer();
            Thread reader = new Thread(() -> copy(p.getErrorStream(), err), "aw-stderr");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                Matcher m = URL.matcher(err);
                if (m.find()) {
                    Server server = new Server(p, m.group(1), root, stdout, err);
                    String comm = Files.readString(Path.of("/proc/" + server.pid + "/comm"))
                            .trim();
                    if (!comm.equals("java")) {
                        throw new IllegalStateException("pid " + server.pid + " is " + comm + ", not the JVM");
                    }
                    return server;
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("aw serve --http exited with " + p.exitValue() + ":\n" + err);
                }
                Thread.sleep(20);
            }
            p.destroyForcibly();
            throw new IllegalStateException("aw serve --http did not start in 60 s:\n" + err);
        }

        /** User + system CPU seconds of the server so far, from /proc/PID/stat. */
        double cpuSeconds() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        }

        /** Full GC, then heap and metaspace in use, live MCP sessions, RSS and threads. */
        Sample sample(int calls) throws Exception {
            jcmd("GC.run");
            long heap = 0;
            long committed = 0;
            long meta = 0;
            Matcher m = USED.matcher(jcmd("GC.heap_info"));
            while (m.find()) {
                if (m.group(1).equals("Metaspace")) {
                    meta = Long.parseLong(m.group(3));
                } else {
                    committed += Long.parseLong(m.group(2));
                    heap += Long.parseLong(m.group(3));
                }
            }
            Map<String, long[]> histogram = new LinkedHashMap<>();
            for (String line : jcmd("GC.class_histogram").split("\n")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length >= 4 && parts[0].endsWith(":")) {
                    histogram.put(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
                }
            }
            long sessions = histogram.getOrDefault(SESSION_CLASS, new long[2])[0];
            long live = histogram.values().stream().mapToLong(v -> v[1]).sum() / 1024;
            int fds;
            try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                fds = (int) list.count();
            }
            long rss = 0;
            int threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("\\D", ""));
                }
            }
            return new Sample(calls, live, heap, committed, meta, rss, threads, fds, sessions, histogram);
        }

        private String jcmd(String command) throws Exception {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + out);
            }
            return out;
        }

        /** How many records get-project pages through and how long the activity log it counts has grown. */
        String describeWorkspace() throws IOException {
            Path aw = root.resolve(".aw");
            long experiments;
            try (var list = Files.list(aw.resolve("experiments"))) {
                experiments = list.filter(p -> p.toString().endsWith(".json")).count();
            }
            Path activity = aw.resolve("activity.jsonl");
            long lines;
            try (var all = Files.lines(activity)) {
                lines = all.count();
            }
            return experiments + " experiments, activity.jsonl " + lines + " lines (" + Files.size(activity) / 1024
                    + " KiB)";
        }

        /** In HTTP mode the server has no MCP channel on stdout: anything there is a bug worth showing. */
        void checkQuietStdout() throws IOException {
            long bytes = Files.size(stdout);
            if (bytes > 0) {
                System.out.println(
                        "WARNING: the server wrote " + bytes + " bytes to stdout: " + Files.readString(stdout));
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy(); // SIGTERM: the graceful stop
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("aw serve --http did not stop within 60 s:\n" + stderr);
            }
            String warnings = stderr.toString()
                    .lines()
                    .filter(l -> !l.startsWith("aw: "))
                    .limit(5)
                    .reduce("", (a, b) -> a + "\n  " + b);
            if (!warnings.isEmpty()) {
                System.out.println("server stderr (first lines other than aw:'s own):" + warnings);
            }
            Files.deleteIfExists(stdout);
            new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor();
        }

        private static void copy(InputStream in, StringBuffer into) {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        private static long clockTicks() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
                return Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
            } catch (IOException | NumberFormatException e) {
                return 100;
            }
        }
    }

    // ------------------------------------------------------------------ output

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
    }

    private static double clientCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    private void row(String what, String value, String target, String how) {
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

    private static String mib(long kib) {
        return String.format("%.1f MiB", kib / 1024.0);
    }

    private static String signedMib(long kib) {
        return String.format("%+.1f MiB", kib / 1024.0);
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v);
    }
}
