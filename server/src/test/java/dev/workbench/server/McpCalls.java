package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The calls the in-process MCP tests make, in one place: a tool's structured answer, a success, a refusal, a read. */
final class McpCalls {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private McpCalls() {}

    /** Arguments in the order written. */
    static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** The tool's structured content, a success or an {@code {"error": …}}. */
    static JsonNode call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        return PLAIN.valueToTree(result.structuredContent());
    }

    /** A call that must succeed; its structured content. */
    static JsonNode ok(McpSyncClient client, String tool, Map<String, Object> arguments) {
        JsonNode structured = call(client, tool, arguments);
        assertThat(structured.has("error"))
                .as("%s failed: %s", tool, structured)
                .isFalse();
        return structured;
    }

    /** A call that must fail with {@code code} and change nothing under {@code root}'s .aw/; its message. */
    static String refused(McpSyncClient client, Path root, String code, String tool, Map<String, Object> arguments) {
        Map<String, String> before = McpToolScenarios.snapshot(root);
        JsonNode structured = call(client, tool, arguments);
        assertThat(structured.at("/error/code").asText())
                .as(structured.toString())
                .isEqualTo(code);
        assertThat(McpToolScenarios.snapshot(root))
                .as("files under .aw/ after a refused %s", tool)
                .isEqualTo(before);
        return structured.at("/error/message").asText();
    }

    /** A resource's text. */
    static String text(McpSyncClient client, String uri) {
        McpSchema.ReadResourceResult r = client.readResource(new McpSchema.ReadResourceRequest(uri));
        return ((McpSchema.TextResourceContents) r.contents().get(0)).text();
    }
}
