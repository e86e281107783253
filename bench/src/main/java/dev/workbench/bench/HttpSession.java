package dev.workbench.bench;

import dev.workbench.core.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One MCP session over Streamable HTTP, the wire as the bench speaks it: the SDK's client ({@link Sdk}), or plain
 * POSTs that cost the bench almost nothing ({@link Raw}). Apart from {@link HttpBenchClient}, which decides which
 * calls to make and when to reconnect, so that both kinds of session are driven by the same calls.
 */
interface HttpSession {
    void call(String tool, Map<String, Object> args) throws Exception;

    void close();

    /** The SDK's Streamable HTTP client, as the integration tests build it; close() sends DELETE. */
    final class Sdk implements HttpSession {
        private final McpSyncClient client;

        Sdk(String base, String token) {
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
    final class Raw implements HttpSession {
        private static final Pattern VERSION = Pattern.compile("\"protocolVersion\"\\s*:\\s*\"([^\"]+)\"");
        private final HttpClient http;
        private final URI uri;
        private final String token;
        private final String sessionId;
        private final String version;
        private int id = 1;

        Raw(HttpClient http, String base, String token) {
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
                throw new UncheckedIOException(e);
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
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
