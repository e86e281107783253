package dev.workbench.server.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.tools.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks one incoming JSON-RPC message (a stdio line or an HTTP POST body) before the SDK sees it: the SDK ends a
 * stdio session on a message it cannot map (an id beyond 64 bits, a leading byte-order mark, a bare carriage
 * return, a response without result) and answers such a POST without the request's id. Whatever the bytes hold,
 * {@link #check} says either "forward these bytes", "ignore" (blank), or "answer this error", with the request's
 * id whenever it can be read, even from a message that does not parse.
 */
public final class JsonRpcShape {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    /**
     * Reads past what the strict parse refuses (NaN, more than 1000 levels, very long numbers), only to find the
     * id; its depth is still bounded, so a 16 MiB line of brackets costs a few megabytes at most.
     */
    private static final JsonFactory LENIENT = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(100_000)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private JsonRpcShape() {}

    /** What to do with one message. */
    public sealed interface Verdict {}

    /** Nothing but whitespace: no answer. */
    public record Blank() implements Verdict {}

    /** Hand {@code bytes} (one line, without its end) to the SDK; {@code message} is what they parse to. */
    public record Forward(byte[] bytes, JsonNode message) implements Verdict {}

    /** Answer with a JSON-RPC error; {@code id} is the request's id as sent, or null. */
    public record Reject(JsonNode id, int code, String message) implements Verdict {}

    /** A tools/call answered as the tool itself answers bad input: an isError result naming the field. */
    public record ToolError(JsonNode id, String problem) implements Verdict {
        /** The answer, on any transport: an INVALID_INPUT tool result. */
        public ObjectNode reply() {
            ToolResult error = ToolResult.error(ErrorCode.INVALID_INPUT, problem);
            ObjectNode reply = JsonNodeFactory.instance.objectNode();
            reply.put("jsonrpc", "2.0");
            reply.set("id", id);
            reply.set("result", Json.mapper().valueToTree(McpFeatures.toCallResult(error)));
            return reply;
        }
    }

    /** Checks {@code length} bytes of {@code bytes}, one message without its line end. */
    public static Verdict check(byte[] bytes, int length) {
        int start = 0;
        while (startsWith(bytes, start, length, BOM)) { // byte-order marks at the start are tolerated
            start += BOM.length;
        }
        if (isBlank(bytes, start, length)) {
            return new Blank();
        }
        JsonNode message;
        try {
            // UTF-8 only, as the SDK reads it: Jackson would also take UTF-16 and UTF-32, which the SDK then garbles.
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, length - start))
                    .toString();
            message = Json.mapper().readTree(text);
        } catch (CharacterCodingException e) {
            return new Reject(
                    recoverId(bytes, start, length),
                    McpSchema.ErrorCodes.PARSE_ERROR,
                    "Parse error: the message is not UTF-8 text");
        } catch (StreamConstraintsException e) {
            return new Reject(
                    recoverId(bytes, start, length), McpSchema.ErrorCodes.PARSE_ERROR, "Parse error: " + readable(e));
        } catch (IOException | RuntimeException e) {
            return new Reject(
                    recoverId(bytes, start, length),
                    McpSchema.ErrorCodes.PARSE_ERROR,
                    "Parse error: not JSON (" + readable(e) + ")");
        }
        String problem = problem(message);
        if (problem != null) {
            return new Reject(
                    recoverId(bytes, start, length),
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: " + problem);
        }
        String paramsProblem = completionProblem(message);
        if (paramsProblem != null) {
            return new Reject(message.get("id"), McpSchema.ErrorCodes.INVALID_PARAMS, paramsProblem);
        }
        String toolProblem = toolCallProblem(message);
        if (toolProblem != null) {
            return new ToolError(message.get("id"), toolProblem);
        }
        byte[] forward = new byte[length - start];
        for (int i = start; i < length; i++) {
            // The message parsed, so a carriage return can only be whitespace between tokens; the SDK would
            // take it for the end of a line and end the session on the two halves.
            forward[i - start] = bytes[i] == '\r' ? (byte) ' ' : bytes[i];
        }
        return new Forward(forward, message);
    }

    /** What is wrong with the message, or null when it is a well-formed request, notification or response. */
    static String problem(JsonNode m) {
        if (m.isArray()) {
            return "batches are not supported; send one message at a time";
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
        if (id != null && id.isIntegralNumber() && !id.canConvertToLong()) {
            return "\"id\" must be a whole number from -2^63 to 2^63-1 (this server keeps ids as 64-bit integers), got "
                    + id.asText() + "; use a string id";
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
        JsonNode result = m.get("result");
        JsonNode error = m.get("error");
        if ((result != null && !result.isNull()) == (error != null)) {
            return "a response needs exactly one of \"result\" (not null) and \"error\"";
        }
        if (error != null
                && !(error.isObject()
                        && error.path("code").isIntegralNumber()
                        && error.path("code").canConvertToInt()
                        && error.path("message").isTextual())) {
            return "\"error\" must be an object with an integer \"code\" (32 bits) and a string \"message\"";
        }
        return null;
    }

    /**
     * For a {@code completion/complete} request, what is wrong with its params, or null. The SDK binds them
     * outside its reactive chain, so params that do not bind went unanswered on Streamable HTTP (an empty 200)
     * and were an internal error on stdio.
     */
    static String completionProblem(JsonNode m) {
        if (!"completion/complete".equals(m.path("method").asText()) || !m.has("id")) {
            return null;
        }
        JsonNode ref = m.path("params").path("ref");
        String type = ref.path("type").asText("");
        boolean refOk = ref.isObject()
                && (type.equals("ref/prompt") && ref.path("name").isTextual()
                        || type.equals("ref/resource") && ref.path("uri").isTextual());
        if (!refOk) {
            return "params.ref: expected {\"type\": \"ref/prompt\", \"name\": prompt} or {\"type\": \"ref/resource\", "
                    + "\"uri\": template}, got " + (ref.isMissingNode() ? "none" : abbreviate(ref.toString()));
        }
        JsonNode argument = m.path("params").path("argument");
        if (!(argument.isObject()
                && argument.path("name").isTextual()
                && argument.path("value").isTextual())) {
            return "params.argument: expected {\"name\": argument, \"value\": text typed so far}, got "
                    + (argument.isMissingNode() ? "none" : abbreviate(argument.toString()));
        }
        return null;
    }

    private static String abbreviate(String json) {
        return json.length() > 100 ? json.substring(0, 100) + "…" : json;
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
            return "arguments: expected a JSON object, got "
                    + arguments.getNodeType().name().toLowerCase(Locale.ROOT);
        }
        return null;
    }

    /**
     * The id of a top-level object as it was sent, read as far as the bytes allow: a string, or a number
     * echoed digit for digit (also one beyond 64 bits, or with a fraction). Null when there is none, it is
     * null, an object, an array, a boolean or NaN, or the message breaks off before it.
     */
    static JsonNode recoverId(byte[] bytes, int start, int end) {
        JsonNode found = null;
        try (JsonParser p = LENIENT.createParser(bytes, start, end - start)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == null) {
                    break;
                }
                if (name.equals("id")) { // the last one counts, as for the parsers that read the message
                    found = switch (value) {
                        case VALUE_STRING -> JsonNodeFactory.instance.textNode(p.getText());
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                            JSON_NUMBER.matcher(p.getText()).matches()
                                    ? JsonNodeFactory.instance.rawValueNode(new RawValue(p.getText()))
                                    : null;
                        default -> null;
                    };
                }
                p.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            // the message breaks off here: keep the id read so far
        }
        return found;
    }

    private static boolean startsWith(byte[] bytes, int from, int length, byte[] prefix) {
        if (length - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte[] bytes, int start, int length) {
        for (int i = start; i < length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r'
                    && b != '\n') { // JSON's whitespace; other control bytes are an error
                return false;
            }
        }
        return true;
    }

    /**
     * What the parser found, for the client: Jackson's own words without its hints about its settings ("enable
     * `JsonReadFeature...` to allow", "from `StreamReadConstraints...`", "not allowed as per `Deserialization...`"),
     * the Java type it bound to and its source excerpt, with the place.
     */
    static String readable(Exception e) {
        if (!(e instanceof JsonProcessingException j)) {
            return firstLine(e.getMessage());
        }
        String text = firstLine(j.getOriginalMessage())
                .replaceAll(",? ?(?::\\s*)?(?:from|enable|not allowed as per) `[^`]*`(?: to allow)?", "")
                .replaceAll(" \\(bound as `[^`]*`\\)", "")
                .replace("`", "'")
                .strip();
        var at = j.getLocation();
        return at == null || at.getLineNr() < 1
                ? text
                : text + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
