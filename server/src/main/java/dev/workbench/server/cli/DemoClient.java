package dev.workbench.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's side of the MCP session: makes each tool call and resource read as an agent would, and prints it,
 * numbered, with its outcome, so that the steps ({@link DemoExperiment}, {@link DemoPipeline}) are only the script.
 */
final class DemoClient {
    private final PrintStream out;
    private final McpSyncClient client;
    private final AtomicInteger step;

    DemoClient(PrintStream out, McpSyncClient client) {
        this(out, client, new AtomicInteger());
    }

    private DemoClient(PrintStream out, McpSyncClient client, AtomicInteger step) {
        this.out = out;
        this.client = client;
        this.step = step;
    }

    /** Calls made through {@code other} (a second client: the person's), printed and numbered with these. */
    DemoClient through(McpSyncClient other) {
        return new DemoClient(out, other, step);
    }

    JsonNode resourceJson(String uri) {
        try {
            return Json.mapper().readTree(resource(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String resource(String uri) {
        McpSchema.ReadResourceResult result = client.readResource(new McpSchema.ReadResourceRequest(uri));
        return ((McpSchema.TextResourceContents) result.contents().get(0)).text();
    }

    /** Whether the server offers {@code tool} (calling a tool it lacks is a protocol error, not a tool result). */
    boolean hasTool(String tool) {
        return client.listTools().tools().stream().anyMatch(t -> t.name().equals(tool));
    }

    JsonNode call(String tool, Map<String, Object> args) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args));
        JsonNode structured = Json.toTree(result.structuredContent());
        String outcome = Boolean.TRUE.equals(result.isError())
                ? "✗ " + structured.path("error").path("code").asText() + ": "
                        + structured.path("error").path("message").asText()
                : "✓";
        out.printf("%2d. %-18s %s%n    %s%n", step.incrementAndGet(), tool, brief(args), outcome);
        return structured;
    }

    /** Arguments in the order written, so the printed calls read naturally. */
    static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static String pct(double fraction) {
        return String.format("%+.1f%%", fraction * 100);
    }

    /** What a step showed, under its call. */
    void say(String what) {
        out.println("    → " + what);
    }

    /** A line of its own: a section's title, a resource. */
    void println(String line) {
        out.println(line);
    }

    private static String brief(Map<String, Object> args) {
        String json = Json.toLine(args);
        return json.length() > 110 ? json.substring(0, 107) + "…" : json;
    }
}
