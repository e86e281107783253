package dev.workbench.server;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks that a parsed line is a JSON-RPC 2.0 message the SDK can take without ending the session. */
final class JsonRpcShape {
    private JsonRpcShape() {}

    /** What is wrong with the message, or null when it is a well-formed request, notification or response. */
    static String problem(JsonNode m) {
        if (m.isArray()) {
            return "batches are not supported; send one message per line";
        }
        if (!m.isObject()) {
            return "expected a JSON-RPC 2.0 message object";
        }
        if (!"2.0".equals(m.path("jsonrpc").asText(null)) || !m.path("jsonrpc").isTextual()) {
            return "\"jsonrpc\" must be \"2.0\"";
        }
        JsonNode id = m.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber())) {
            return "\"id\" must be a string or a whole number";
        }
        JsonNode method = m.get("method");
        if (method != null) {
            if (!method.isTextual() || method.asText().isEmpty()) {
                return "\"method\" must be a non-empty string";
            }
            JsonNode params = m.get("params");
            if (params != null && !params.isObject()) {
                return "\"params\" must be an object";
            }
            return null;
        }
        if (id == null) {
            return "a message needs \"method\" (request or notification) or \"id\" with \"result\" or \"error\"";
        }
        boolean result = m.has("result");
        JsonNode error = m.get("error");
        if (result == (error != null)) {
            return "a response needs exactly one of \"result\" and \"error\"";
        }
        if (error != null && !(error.isObject() && error.path("code").isIntegralNumber() && error.path("message").isTextual())) {
            return "\"error\" must be an object with an integer \"code\" and a string \"message\"";
        }
        return null;
    }

    /**
     * For a {@code tools/call} request whose tool name is given but whose arguments cannot be a JSON object
     * (or whose params are missing), what is wrong; the SDK would answer it with an internal error, while
     * the contract wants a tool error naming the field. Null when the call can go to the SDK.
     */
    static String toolCallProblem(JsonNode m) {
        if (!"tools/call".equals(m.path("method").asText()) || !m.has("id")) {
            return null;
        }
        JsonNode params = m.get("params");
        if (params == null || params.isNull()) {
            return "params: required, as {\"name\": tool, \"arguments\": {...}}";
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            return "arguments: expected a JSON object, got " + arguments.getNodeType().name().toLowerCase();
        }
        return null;
    }

    /** The message's id when it can be echoed back in an error reply, otherwise null. */
    static JsonNode usableId(JsonNode m) {
        JsonNode id = m.isObject() ? m.get("id") : null;
        return id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
    }
}
