package dev.workbench.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.server.AwFiles;
import dev.workbench.server.AwProcess;
import dev.workbench.server.HttpAw;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aw serve --http} end to end, with the SDK's HTTP clients against the built jar. */
class HttpServerIT {
    static final String TOKEN = "it-token-0123456789abcdef";

    @TempDir
    Path root;

    @Test
    void everyRequestNeedsTheRightBearerToken() throws Exception {
        try (HttpAw server = HttpAw.start(root, TOKEN)) {
            var none = server.postInitialize(Map.of());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(none.body()).contains("Authorization: Bearer");
            assertThat(server.postInitialize(Map.of("Authorization", "Bearer " + TOKEN + "x"))
                            .statusCode())
                    .isEqualTo(401);
            assertThat(server.postInitialize(Map.of("Authorization", "Basic " + TOKEN))
                            .statusCode())
                    .isEqualTo(401);
            assertThat(server.postInitialize(Map.of("Authorization", "Bearer " + TOKEN))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(server.postInitialize(Map.of("Authorization", "bearer " + TOKEN))
                            .statusCode())
                    .as("the scheme is case-insensitive")
                    .isEqualTo(200);

            try (McpSyncClient anonymous = server.client(null)) {
                assertThatThrownBy(anonymous::initialize).isInstanceOf(RuntimeException.class);
            }
            try (McpSyncClient wrong = server.client("Bearer not-the-token-at-all")) {
                assertThatThrownBy(wrong::initialize).isInstanceOf(RuntimeException.class);
            }
            try (McpSyncClient client = server.client("Bearer " + TOKEN)) {
                client.initialize();
                var result = client.callTool(McpSchema.CallToolRequest.builder("get-project")
                        .arguments(Map.of())
                        .build());
                assertThat(result.isError()).isFalse();
            }
            assertThat(root.resolve(".aw/http-token"))
                    .as("a given token is not written anywhere")
                    .doesNotExist();
        }
    }

    @Test
    void aForeignHostOrOrigin_isForbidden_evenWithTheToken() throws Exception {
        try (HttpAw server = HttpAw.start(root, TOKEN)) {
            String auth = "Bearer " + TOKEN;
            assertThat(server.postInitialize(Map.of("Authorization", auth, "Origin", "http://evil.example.com"))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(server.postInitialize(Map.of("Authorization", auth, "Origin", "null"))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(server.postInitialize(Map.of("Authorization", auth, "Origin", "http://localhost:6274"))
                            .statusCode())
                    .as("a page on this machine's own name")
                    .isEqualTo(200);
            assertThat(rawStatus(server, "evil.example.com:80", auth)).isEqualTo(403);
            assertThat(rawStatus(server, "127.0.0.1.evil.example.com", auth)).isEqualTo(403);
            assertThat(rawStatus(server, "localhost:" + URI.create(server.base).getPort(), auth))
                    .isEqualTo(200);
            assertThat(rawStatus(server, "[::1]:" + URI.create(server.base).getPort(), auth))
                    .isEqualTo(200);
            assertThat(rawStatus(server, "[::2]:" + URI.create(server.base).getPort(), auth))
                    .isEqualTo(403);
            assertThat(rawStatus(server, "evil.example.com", null))
                    .as("403 comes before 401")
                    .isEqualTo(403);
        }
    }

    @Test
    void withoutAToken_oneIsGeneratedOwnerOnly_andKeptAcrossRestarts() throws Exception {
        String token;
        try (HttpAw server = HttpAw.start(root, null)) {
            Path file = root.resolve(".aw/http-token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            token = Files.readString(file).trim();
            assertThat(token).hasSizeGreaterThanOrEqualTo(40);
            assertThat(server.stderr()).contains(file.toString()).doesNotContain(token);
            assertThat(server.postInitialize(Map.of("Authorization", "Bearer " + token))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(Files.readString(root.resolve(".aw/.gitignore"))).contains("http-token");
        }
        try (HttpAw again = HttpAw.start(root, null)) {
            assertThat(again.postInitialize(Map.of("Authorization", "Bearer " + token))
                            .statusCode())
                    .isEqualTo(200);
        }
        Files.setPosixFilePermissions(root.resolve(".aw/http-token"), PosixFilePermissions.fromString("rw-r--r--"));
        AwProcess refused = AwProcess.run(root, "serve", "--http", "--port", "0");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("chmod 600");
    }

    @Test
    void noAuth_isRefusedOffLoopback_andWorksOnIt() throws Exception {
        AwProcess refused = AwProcess.run(root, "serve", "--http", "--no-auth", "--host", "0.0.0.0", "--port", "0");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("--no-auth").contains("loopback");
        assertThat(root.resolve(".aw")).doesNotExist();

        AwProcess stdioWithHttpFlags = AwProcess.run(root, "serve", "--port", "9");
        assertThat(stdioWithHttpFlags.exitCode()).isEqualTo(2);
        assertThat(stdioWithHttpFlags.stderr()).contains("only apply with --http");

        try (HttpAw server = HttpAw.start(root, null, "--no-auth")) {
            assertThat(server.postInitialize(Map.of()).statusCode()).isEqualTo(200);
            assertThat(awaitStderr(server, "--login-link"))
                    .as("no terminal: the login link is not printed, and a line says how to get it")
                    .doesNotContain("/login?code=");
            assertThat(server.postInitialize(Map.of("Origin", "http://evil.example.com"))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(root.resolve(".aw/http-token")).doesNotExist();
        }
    }

    @Test
    void withoutATerminal_theLoginLinkIsPrintedOnlyWhenAskedFor() throws Exception {
        try (HttpAw server = HttpAw.start(root, TOKEN)) {
            assertThat(awaitStderr(server, "--login-link")).doesNotContain("/login?code=");
        }
        try (HttpAw server = HttpAw.start(root, TOKEN, "--login-link")) {
            assertThat(awaitStderr(server, "/login?code=")).contains(server.base + "/login?code=");
        }
    }

    /** The server's stderr once it holds {@code text} (or after 30 s, for the assertion to show it). */
    private static String awaitStderr(HttpAw server, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.stderr().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.stderr()).contains(text);
        return server.stderr();
    }

    @Test
    void transportErrors_areJsonRpcErrors_andTooLargeBodies413() throws Exception {
        try (HttpAw server = HttpAw.start(root, TOKEN)) {
            var client = HttpClient.newHttpClient();
            var unknownSession = client.send(
                    HttpRequest.newBuilder(URI.create(server.base + "/mcp"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json, text/event-stream")
                            .header("Mcp-Session-Id", "no-such-session")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unknownSession.statusCode()).isEqualTo(404);
            JsonNode body = Json.mapper().readTree(unknownSession.body());
            assertThat(body.at("/error/message").asText()).contains("no-such-session");
            assertThat(unknownSession.body()).doesNotContain("stackTrace");

            // A body declared one byte over the limit, of which a few bytes are sent: the server answers 413 from the
            // declared size without waiting for the rest (sending all 16 MiB raced the server's close on a loaded
            // machine,
            // and the client then saw a reset instead of the answer)
            URI base = URI.create(server.base);
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(30_000); // a guard against a hang, not a speed check
                String head = "POST /mcp HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                        + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n"
                        + "Accept: application/json, text/event-stream\r\n"
                        + "Content-Length: " + (HttpServer.MAX_REQUEST_BYTES + 1L) + "\r\n\r\n{\"jsonrpc\": ";
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String status = new BufferedReader(
                                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                assertThat(status).startsWith("HTTP/1.1 413");
            }
            assertThat(server.postInitialize(Map.of("Authorization", "Bearer " + TOKEN))
                            .statusCode())
                    .as("still serving")
                    .isEqualTo(200);
        }
    }

    @Test
    void aPortInUse_orBadOptions_areOneLineErrors() throws Exception {
        try (HttpAw first = HttpAw.start(root, TOKEN)) {
            String port = Integer.toString(URI.create(first.base).getPort());
            AwProcess second = AwProcess.run(root, "serve", "--http", "--port", port);
            assertThat(second.exitCode()).isEqualTo(2);
            assertThat(second.stderr())
                    .contains("cannot listen on 127.0.0.1 port " + port)
                    .contains("--port")
                    .doesNotContain("\tat ");
        }
        for (List<String> args : List.of(
                List.of("--port", "70000"),
                List.of("--allow-host", "http://box.example:80/"),
                List.of("--allow-host", "[::1"))) {
            List<String> all = new ArrayList<>(List.of("serve", "--http"));
            all.addAll(args);
            AwProcess refused = AwProcess.run(root, all.toArray(String[]::new));
            assertThat(refused.exitCode()).as(args.toString()).isEqualTo(2);
            assertThat(refused.stderr())
                    .as(args.toString())
                    .contains(args.get(0))
                    .doesNotContain("\tat ");
        }
    }

    /** Four Streamable HTTP clients and one HTTP+SSE client write at once; every write is kept. */
    @Test
    void severalClientsWritingAtOnce_loseNothing() throws Exception {
        int clients = 5;
        int rounds = 40;
        try (HttpAw server = HttpAw.start(root, TOKEN)) {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    try (McpSyncClient mcp = client == 0 ? server.sseClient() : server.client("Bearer " + TOKEN)) {
                        mcp.initialize();
                        for (int i = 0; i < rounds; i++) {
                            String tag = "c" + client + "-" + i;
                            call(mcp, "upsert-experiment", Map.of("slug", "shared", "hypothesis", tag));
                            call(
                                    mcp,
                                    "upsert-experiment",
                                    Map.of("slug", "exp-" + client + "-" + i, "hypothesis", tag));
                            call(
                                    mcp,
                                    "log-decision",
                                    Map.of(
                                            "context",
                                            tag,
                                            "options",
                                            List.of("a", "b"),
                                            "chosen",
                                            "a",
                                            "rationale",
                                            "r"));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
        }
        AwFiles.assertAllReadable(root);
        JsonNode shared = Json.mapper()
                .readTree(root.resolve(".aw/experiments/shared.json").toFile());
        assertThat(shared.get("revision").asInt()).isEqualTo(clients * rounds);
        try (Stream<Path> files = Files.list(root.resolve(".aw/experiments"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("exp-")))
                    .hasSize(clients * rounds);
        }
        Set<Integer> ids = new HashSet<>();
        AwFiles.lines(root.resolve(".aw/journal.jsonl"))
                .forEach(e -> ids.add(e.get("id").asInt()));
        assertThat(ids).hasSize(clients * rounds);
    }

    /** Subscribers on both transports hear a write made by another process, and the list change. */
    @Test
    void subscribersOnBothTransports_hearAWriteByAnotherProcess() throws Exception {
        Set<String> streamableHeard = ConcurrentHashMap.newKeySet();
        Set<String> sseHeard = ConcurrentHashMap.newKeySet();
        try (HttpAw server = HttpAw.start(root, TOKEN);
                McpSyncClient streamable = server.client("Bearer " + TOKEN, spec -> listening(spec, streamableHeard));
                McpSyncClient sse = server.sseClient(spec -> listening(spec, sseHeard))) {
            for (McpSyncClient client : List.of(streamable, sse)) {
                client.initialize();
                client.subscribeResource(new McpSchema.SubscribeRequest("aw://experiments/from-hook"));
            }
            AwProcess hook = AwProcess.run(root, "upsert-experiment", "slug=from-hook", "hypothesis=written by a hook");
            assertThat(hook.exitCode()).as(hook.stderr()).isZero();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            List<String> expected = List.of("aw://experiments/from-hook", "list_changed");
            while (!(streamableHeard.containsAll(expected) && sseHeard.containsAll(expected))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(streamableHeard).as("Streamable HTTP").containsAll(expected);
            assertThat(sseHeard).as("HTTP+SSE").containsAll(expected);
        }
    }

    private static McpClient.SyncSpec listening(McpClient.SyncSpec spec, Set<String> heard) {
        return spec.resourcesUpdateConsumer(contents -> contents.forEach(c -> heard.add(c.uri())))
                .resourcesChangeConsumer(resources -> heard.add("list_changed"));
    }

    /**
     * A client that subscribes and then stops reading its event stream (a suspended laptop) must not hold up the
     * others, even on a URI they share: its stream fills up, and another client still hears a change at once.
     */
    @Test
    void aClientThatStopsReading_doesNotHoldUpTheOthers() throws Exception {
        Set<String> heard = ConcurrentHashMap.newKeySet();
        try (HttpAw server = HttpAw.start(root, TOKEN)) {
            call(server.client("Bearer " + TOKEN), "upsert-experiment", Map.of("slug", "seed", "hypothesis", "c"));
            var http = HttpClient.newHttpClient();
            var init = server.postInitialize(Map.of("Authorization", "Bearer " + TOKEN));
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            String slugTail = "-" + "x".repeat(50);
            for (int i = 0; i < 3000; i++) {
                String uri = i == 0 ? "aw://journal" : "aw://experiments/e" + i + slugTail;
                var r = http.send(
                        HttpRequest.newBuilder(URI.create(server.base + "/mcp"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .header("Mcp-Session-Id", session)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":"
                                        + i + ",\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"" + uri
                                        + "\"}}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(r.statusCode()).isEqualTo(200);
            }
            URI base = URI.create(server.base);
            try (Socket stalled = new Socket()) {
                stalled.setReceiveBufferSize(4096);
                stalled.connect(new InetSocketAddress(base.getHost(), base.getPort()));
                stalled.getOutputStream()
                        .write(("GET /mcp HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAuthorization: Bearer "
                                        + TOKEN + "\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + session
                                        + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII)); // and never read
                try (McpSyncClient other = server.client("Bearer " + TOKEN, spec -> listening(spec, heard))) {
                    other.initialize();
                    other.subscribeResource(new McpSchema.SubscribeRequest("aw://journal"));
                    Path experiments = root.resolve(".aw/experiments");
                    Path aside = root.resolve("experiments-aside");
                    for (int k = 0; k < 4; k++) { // the folder going and coming back notifies every subscribed URI
                        Files.move(experiments, aside);
                        Thread.sleep(300);
                        Files.move(aside, experiments);
                        Thread.sleep(300);
                    }
                    heard.clear();
                    AwProcess hook = AwProcess.run(
                            root, "log-decision", "context=c", "options=[\"a\",\"b\"]", "chosen=a", "rationale=r");
                    assertThat(hook.exitCode()).as(hook.stderr()).isZero();
                    // Waits 5 s, not more: the stalled stream would hold a shared send until Jetty's 30 s idle timeout.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (!heard.contains("aw://journal") && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(heard).contains("aw://journal");
                }
            }
        }
    }

    /** SIGTERM while a checkpoint of a large file is being written: the call finishes and answers, then the server exits. */
    @Test
    void sigterm_letsTheCallInFlightFinish() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        try (RandomAccessFile big = new RandomAccessFile(data.resolve("big.bin").toFile(), "rw")) {
            byte[] block = new byte[1 << 20];
            new Random(7).nextBytes(block);
            for (int i = 0; i < 400; i++) {
                big.write(block);
            }
        }
        try (HttpAw server = HttpAw.start(root, TOKEN);
                McpSyncClient client = server.client("Bearer " + TOKEN)) {
            client.initialize();
            CompletableFuture<McpSchema.CallToolResult> call =
                    CompletableFuture.supplyAsync(() -> client.callTool(McpSchema.CallToolRequest.builder("checkpoint")
                            .arguments(Map.of("paths", List.of("data"), "operation", "big"))
                            .build()));
            Path tmp = root.resolve(".aw/tmp");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!call.isDone() && !hasFiles(tmp) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            boolean caughtInFlight = !call.isDone();
            server.process.destroy(); // SIGTERM
            int drained = 0;
            HttpResponse<String> refused = null;
            while (!call.isDone() && drained != 503) { // new requests are turned away while the call finishes
                try {
                    refused = server.postInitialize(Map.of("Authorization", "Bearer " + TOKEN));
                    drained = refused.statusCode();
                } catch (UncheckedIOException e) {
                    break; // already stopped
                }
            }
            McpSchema.CallToolResult result = call.get(60, TimeUnit.SECONDS);
            assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
            assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(root.resolve(".aw/checkpoints/01_big.json")).exists();
            assertThat(caughtInFlight)
                    .as("the call was still running when SIGTERM was sent")
                    .isTrue();
            assertThat(drained).as("a request during the drain").isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After"))
                    .as("README: 503 with Retry-After: 1")
                    .hasValue("1");
            assertThat(Json.mapper().readTree(refused.body()).path("error").asText())
                    .contains("shutting down");
            assertThatThrownBy(() -> server.postInitialize(Map.of("Authorization", "Bearer " + TOKEN)))
                    .as("README: after the drain the server has exited and the port refuses connections")
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(ConnectException.class);
        }
        AwFiles.assertAllReadable(root);
    }

    /** README: with no call running, SIGTERM stops the server at once, and then connections are refused. */
    @Test
    void sigterm_withNothingInFlight_exitsAtOnce_andThePortIsClosed() throws Exception {
        try (HttpAw server = HttpAw.start(root, TOKEN);
                McpSyncClient client = server.client("Bearer " + TOKEN)) {
            client.initialize(); // an open session does not hold the server up
            assertThat(server.stop())
                    .as("the JVM's code for an end by SIGTERM, after the shutdown hook ran")
                    .isEqualTo(143);
            assertThatThrownBy(() -> server.postInitialize(Map.of("Authorization", "Bearer " + TOKEN)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(ConnectException.class);
        }
    }

    private static boolean hasFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isPresent();
        }
    }

    private static void call(McpSyncClient mcp, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = mcp.callTool(
                McpSchema.CallToolRequest.builder(tool).arguments(args).build());
        assertThat(r.isError()).as(tool + " " + args + ": " + r.content()).isFalse();
    }

    /** A POST with a Host header of our choosing (java.net.http does not allow setting it); the status code. */
    private static int rawStatus(HttpAw server, String host, String authorization) throws Exception {
        URI base = URI.create(server.base);
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: " + host + "\r\n"
                            + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                            + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                            + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
