package dev.workbench.server;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code aw serve --http} as a separate process on a free port, and clients for it. */
public final class HttpAw implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:(\\d+))/mcp");

    public final Process process;
    public final String base;
    public final String token;
    private final StringBuffer stderr;

    private HttpAw(Process process, String base, String token, StringBuffer stderr) {
        this.process = process;
        this.base = base;
        this.token = token;
        this.stderr = stderr;
    }

    /** Starts the server with {@code AW_HTTP_TOKEN=token} (null: no token in the environment) and waits until it listens. */
    public static HttpAw start(Path root, String token, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--root", root.toString(), "serve", "--http", "--port", "0"));
        args.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(Processes.aw(args.toArray(String[]::new)))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("AW_HTTP_TOKEN");
        if (token != null) {
            pb.environment().put("AW_HTTP_TOKEN", token);
        }
        try {
            Process p = pb.start();
            StringBuffer err = new StringBuffer();
            Thread reader = new Thread(() -> copy(p.getErrorStream(), err), "aw-stderr");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                Matcher m = URL.matcher(err);
                if (m.find()) {
                    return new HttpAw(p, m.group(1), token, err);
                }
                if (!p.isAlive()) {
                    throw new AssertionError("aw serve --http exited with " + p.exitValue() + ":\n" + err);
                }
                Thread.sleep(20);
            }
            p.destroyForcibly();
            throw new AssertionError("aw serve --http did not start in 60 s:\n" + err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
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

    public String stderr() {
        return stderr.toString();
    }

    /** A Streamable HTTP client sending {@code authorization} (null: no header). */
    public McpSyncClient client(String authorization) {
        return client(authorization, spec -> spec);
    }

    public McpSyncClient client(String authorization, UnaryOperator<McpClient.SyncSpec> customize) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        var transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint("/mcp")
                .requestBuilder(request)
                .build();
        return customize
                .apply(McpClient.sync(transport)
                        .requestTimeout(Duration.ofSeconds(60))
                        .initializationTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** A client of the older HTTP+SSE transport, with the right token. */
    public McpSyncClient sseClient() {
        return sseClient(spec -> spec);
    }

    public McpSyncClient sseClient(UnaryOperator<McpClient.SyncSpec> customize) {
        var transport = HttpClientSseClientTransport.builder(base)
                .sseEndpoint("/sse")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        return customize
                .apply(McpClient.sync(transport)
                        .requestTimeout(Duration.ofSeconds(60))
                        .initializationTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** One raw POST of an initialize request with the given headers; the response. */
    public HttpResponse<String> postInitialize(Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(
                        HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"));
        headers.forEach(b::header);
        try {
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGTERM, then waits for the exit; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aw serve --http did not stop within 60 s of SIGTERM:\n" + stderr);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
