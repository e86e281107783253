package dev.workbench.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;

/**
 * What a tool call answers: the structured result, or an error with its code. {@link #structured()} is the
 * JSON an MCP client gets as {@code structuredContent} and the command line prints; {@link #text()} is the
 * text content ({@code "<CODE>: <message>"} for errors, the same JSON otherwise).
 */
public record ToolResult(JsonNode structured, ErrorCode code, String message) {

    public static ToolResult success(JsonNode structured) {
        return new ToolResult(structured, null, null);
    }

    public static ToolResult error(ErrorCode code, String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.putObject("error").put("code", code.name()).put("message", message);
        return new ToolResult(error, code, message);
    }

    public boolean isError() {
        return code != null;
    }

    public String text() {
        return isError() ? code + ": " + message : structured.toString();
    }
}
