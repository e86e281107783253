package dev.workbench.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;

/**
 * What a tool call answers: the structured result, or an error with its code. {@link #structured()} is the
 * JSON an MCP client gets as {@code structuredContent} and the command line prints; {@link #text()} is the
 * text content ({@code "<CODE>: <message>"} for errors, the same JSON otherwise). The text is made once, with
 * the result: {@link ToolExecutor} measures the response budget on it, and MCP sends it, from the same string.
 */
public record ToolResult(JsonNode structured, ErrorCode code, String message, String text) {

    public static ToolResult success(JsonNode structured) {
        return success(structured, structured.toString());
    }

    /** A success whose compact JSON text the caller already has ({@code text} is {@code structured} written out). */
    static ToolResult success(JsonNode structured, String text) {
        return new ToolResult(structured, null, null, text);
    }

    public static ToolResult error(ErrorCode code, String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.putObject("error").put("code", code.name()).put("message", message);
        return new ToolResult(error, code, message, code + ": " + message);
    }

    public boolean isError() {
        return code != null;
    }
}
