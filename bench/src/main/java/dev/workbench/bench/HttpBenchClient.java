package dev.workbench.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the bench's concurrent clients: one MCP session at a time (a new one every {@code reconnectEvery} calls,
 * the old one closed or abandoned), the calls it makes for a mix of reads and writes, which records it writes,
 * and the latency of each call.
 */
final class HttpBenchClient {
    /** The plain HTTP client every {@link HttpSession.Raw} shares. */
    private static final HttpClient RAW_HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Which calls a round makes: reads and writes alternately, or one kind alone. */
    enum Mix {
        MIXED,
        READS,
        WRITES
    }

    /** The client's sessions: the SDK's, or plain HTTP, closed with DELETE or abandoned. */
    enum Kind {
        SDK,
        RAW,
        RAW_ABANDON
    }

    /** One client's latencies in milliseconds, reads and writes apart. */
    record Timings(double[] reads, double[] writes) {}

    private final HttpServerProcess server;
    private final Kind kind;
    private final int index;
    private final int reconnectEvery;
    private HttpSession session;
    private int sinceConnect;
    private int calls;
    private int writes;

    HttpBenchClient(HttpServerProcess server, Kind kind, int index, int reconnectEvery) {
        this.server = server;
        this.kind = kind;
        this.index = index;
        this.reconnectEvery = reconnectEvery;
        this.session = open();
    }

    private HttpSession open() {
        return kind == Kind.SDK
                ? new HttpSession.Sdk(server.base, server.token)
                : new HttpSession.Raw(RAW_HTTP, server.base, server.token);
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
                args.put("hypothesis", "client " + index + ", write " + writes);
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

    static List<HttpBenchClient> open(HttpServerProcess server, Kind kind, int n, int reconnectEvery) {
        List<HttpBenchClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(new HttpBenchClient(server, kind, i, reconnectEvery));
        }
        return clients;
    }

    static void closeAll(List<HttpBenchClient> clients) {
        clients.forEach(HttpBenchClient::close);
    }
}
