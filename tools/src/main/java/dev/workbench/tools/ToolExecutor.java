package dev.workbench.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.WorkbenchException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single place a tool is run: binds the arguments to the input record strictly, calls the tool, and
 * turns every failure into a {@link ToolResult} error with a code; nothing escapes as an exception. Inputs
 * over {@link #MAX_INPUT_BYTES} and results over the {@link dev.workbench.core.ResponseBudget} are refused.
 */
public final class ToolExecutor {
    public static final int MAX_INPUT_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ToolExecutor.class);

    private ToolExecutor() {}

    public static <I, O> ToolResult execute(Tool<I, O> tool, JsonNode arguments, ToolContext context) {
        try {
            boolean absent = arguments == null || arguments.isNull() || arguments.isMissingNode();
            I input = bind(tool, absent ? JsonNodeFactory.instance.objectNode() : arguments);
            JsonNode result = Json.toTree(tool.call(input, context));
            // Writes check their responses before committing and lists trim themselves, so this is a last guard.
            int size = ResponseBudget.toolResponse(result);
            if (size > ResponseBudget.LIMIT) {
                LOG.error("{} produced a {}-byte response", tool.name(), size);
                return ToolResult.error(ErrorCode.INTERNAL, tool.name() + " produced a response of " + size
                        + " bytes, over the " + ResponseBudget.LIMIT + "-byte limit");
            }
            return ToolResult.success(result);
        } catch (WorkbenchException e) {
            return ToolResult.error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} failed", tool.name(), e);
            return ToolResult.error(ErrorCode.INTERNAL, tool.name() + " failed: " + e
                    + " (details on the server's stderr)");
        }
    }

    static <I> I bind(Tool<I, ?> tool, JsonNode arguments) {
        if (!arguments.isObject()) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "arguments: expected a JSON object, got "
                    + arguments.getNodeType().name().toLowerCase());
        }
        int size = Json.toLine(arguments).getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_INPUT_BYTES) {
            throw new WorkbenchException(ErrorCode.INPUT_TOO_LARGE, "arguments: " + size + " bytes, over the limit of "
                    + MAX_INPUT_BYTES + " bytes; keep large data in files under the root and pass their paths");
        }
        try {
            return Json.strict().treeToValue(arguments, tool.inputType());
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WorkbenchException we) {
                throw we;
            }
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, path(e) + ": " + (cause == null ? e.getOriginalMessage() : cause.getMessage()));
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, path(e) + ": unknown field for " + tool.name()
                    + "; known fields: " + known);
        } catch (InvalidFormatException e) {
            String expected = e.getTargetType().isEnum()
                    ? "one of " + Arrays.stream(e.getTargetType().getEnumConstants()).map(Json::toLine)
                            .collect(Collectors.joining(", "))
                    : describe(e.getTargetType());
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, path(e) + ": expected " + expected + ", got "
                    + Json.toLine(e.getValue()));
        } catch (MismatchedInputException e) {
            if (e.getOriginalMessage().startsWith("Missing required creator property")) {
                throw new WorkbenchException(ErrorCode.INVALID_INPUT, path(e) + ": required");
            }
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, path(e) + ": expected " + describe(e.getTargetType()));
        } catch (JsonProcessingException e) {
            // e.g. a number too large for its field: the parser knows the value, not the field
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "arguments: "
                    + e.getOriginalMessage().lines().findFirst().orElse("a value cannot be read")
                    .replaceAll(" \\(.*?\\)", ""));
        }
    }

    /** The field path of a binding error, as {@code area.mode} or {@code options[2]}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "arguments" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == String.class) return "a string";
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) return "a whole number";
        if (type == Double.class || type == double.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (java.util.List.class.isAssignableFrom(type)) return "an array";
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) return "an object";
        return "a " + type.getSimpleName();
    }
}
