package dev.workbench.tools;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Binds a call's arguments to the tool's input record strictly (no unknown field, no null item, nothing over
 * {@link ToolExecutor#MAX_INPUT_BYTES}) and, when they do not bind, says in the caller's terms what is wrong: the
 * field's path as sent ({@code checks[2].name}) and what the tool's input schema expects there. Jackson's own
 * messages name Java types and positions in a stream; every binding error goes through here instead. Apart from
 * {@link ToolExecutor}, which runs the bound call and guards its result.
 */
final class ToolArguments {
    private ToolArguments() {}

    /** The arguments as the tool's input record; {@code INVALID_INPUT} or {@code INPUT_TOO_LARGE} saying why not. */
    static <I> I bind(Tool<I, ?> tool, JsonNode arguments) {
        if (!arguments.isObject()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "arguments: expected a JSON object, got "
                            + arguments.getNodeType().name().toLowerCase());
        }
        int size = Json.toLine(arguments).getBytes(StandardCharsets.UTF_8).length;
        if (size > ToolExecutor.MAX_INPUT_BYTES) {
            throw new WorkbenchException(
                    ErrorCode.INPUT_TOO_LARGE,
                    "arguments: " + size + " bytes, over the limit of " + ToolExecutor.MAX_INPUT_BYTES
                            + " bytes; keep large data in files under the root and pass their paths");
        }
        JsonNode schema = schema(tool);
        rejectNullItems(arguments, schema, "");
        try {
            return Json.strict().treeToValue(arguments, tool.inputType());
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WorkbenchException we) {
                throw nested(we, path(e));
            }
            String reason = cause == null || cause.getMessage() == null ? null : cause.getMessage();
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    path(e) + ": " + (reason != null ? reason : "expected " + expectedAt(schema, path(e))));
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null
                    ? ""
                    : e.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", "));
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    path(e) + ": unknown field for " + tool.name() + "; known fields: " + known);
        } catch (InvalidFormatException e) {
            String expected = e.getTargetType().isEnum()
                    ? "one of "
                            + Arrays.stream(e.getTargetType().getEnumConstants())
                                    .map(Json::toLine)
                                    .collect(Collectors.joining(", "))
                    : e.getValue() instanceof Number
                                    || String.valueOf(e.getValue()).matches("-?\\d+")
                            ? range(e.getTargetType())
                            : describe(e.getTargetType());
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, path(e) + ": expected " + expected + ", got " + Json.toLine(e.getValue()));
        } catch (MismatchedInputException e) {
            if (e.getOriginalMessage().startsWith("Missing required creator property")) {
                throw new WorkbenchException(ErrorCode.INVALID_INPUT, path(e) + ": required");
            }
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, path(e) + ": expected " + describe(e.getTargetType()));
        } catch (InputCoercionException e) {
            // a number too large for its field: the mapper does not know the field, the parser's position does
            JsonPointer at = pointer(e);
            String field = display(at, arguments);
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    field + ": expected " + range(e.getTargetType()) + ", got " + Json.toLine(arguments.at(at)));
        } catch (JsonProcessingException e) {
            JsonPointer at = pointer(e);
            String field = display(at, arguments);
            String message = String.valueOf(e.getOriginalMessage());
            String expected = message.contains("out of range of int")
                    ? range(int.class)
                    : message.contains("out of range of long") ? range(long.class) : expectedAt(schema, field);
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    field + ": expected " + expected + ", got " + Json.toLine(arguments.at(at)));
        }
    }

    /** Where the parser stood when it failed, as a pointer into the arguments. */
    private static JsonPointer pointer(JsonProcessingException e) {
        Object processor = e.getProcessor();
        return processor instanceof JsonParser parser && parser.getParsingContext() != null
                ? parser.getParsingContext().pathAsPointer()
                : JsonPointer.empty();
    }

    /** The whole numbers a Java integer type holds, as a caller reads them. */
    private static String range(Class<?> type) {
        if (type != int.class && type != Integer.class && type != long.class && type != Long.class) {
            return describe(type);
        }
        boolean isInt = type == int.class || type == Integer.class;
        return "a whole number between " + (isInt ? Integer.MIN_VALUE : Long.MIN_VALUE) + " and "
                + (isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
    }

    /**
     * No input of any tool takes null inside an array; a null item would reach the input record's constructor as
     * a bare NullPointerException, so it is refused here by its path, with what the schema expects there.
     */
    private static void rejectNullItems(JsonNode node, JsonNode schema, String path) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String item = path + "[" + i + "]";
                if (node.get(i).isNull()) {
                    throw new WorkbenchException(
                            ErrorCode.INVALID_INPUT,
                            item + ": expected " + describe(schema.path("items")) + ", got null");
                }
                rejectNullItems(node.get(i), schema.path("items"), item);
            }
        } else if (node.isObject()) {
            for (var member : node.properties()) {
                JsonNode inner = schema.path("properties").has(member.getKey())
                        ? schema.path("properties").path(member.getKey())
                        : schema.path("additionalProperties");
                rejectNullItems(member.getValue(), inner, (path.isEmpty() ? "" : path + ".") + member.getKey());
            }
        }
    }

    /**
     * A WorkbenchException from the constructor of a nested record (an item of {@code checks}, say) names its
     * field as the record knows it ({@code checks[].name}); the caller gets the full path ({@code checks[2].name}).
     */
    private static WorkbenchException nested(WorkbenchException e, String path) {
        String message = e.getMessage();
        int open = path.lastIndexOf('[');
        if (open > 0 && message != null && message.startsWith(path.substring(0, open) + "[]")) {
            String rest = message.substring(open + 2);
            return new WorkbenchException(e.code(), path.substring(0, path.indexOf(']', open) + 1) + rest, e);
        }
        return e;
    }

    /** Input schemas by tool name, parsed once: binding consults them on every call. Read-only once cached. */
    private static final ConcurrentHashMap<String, JsonNode> INPUT_SCHEMAS = new ConcurrentHashMap<>();

    /** The tool's input schema (an empty one for a tool without a checked-in schema, as in tests). */
    private static JsonNode schema(Tool<?, ?> tool) {
        return INPUT_SCHEMAS.computeIfAbsent(tool.name(), name -> {
            try {
                return Json.toTree(ToolSchemas.input(tool));
            } catch (RuntimeException e) {
                return JsonNodeFactory.instance.objectNode();
            }
        });
    }

    /** The input's fields as a caller reads them: {@code {slug (required), dryRun}}. */
    static String expectedArguments(Tool<?, ?> tool) {
        JsonNode schema = schema(tool);
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<String> fields = new ArrayList<>();
        schema.path("properties")
                .fieldNames()
                .forEachRemaining(name -> fields.add(required.contains(name) ? name + " (required)" : name));
        return "an object with the fields " + String.join(", ", fields);
    }

    /** What the input schema expects at a displayed path such as {@code checks[0].name}. */
    private static String expectedAt(JsonNode schema, String path) {
        JsonNode node = schema;
        for (String step : path.replace("[", ".[").split("\\.")) {
            if (step.isEmpty() || step.equals("arguments")) {
                continue;
            }
            node = step.startsWith("[")
                    ? node.path("items")
                    : node.path("properties").has(step)
                            ? node.path("properties").path(step)
                            : node.path("additionalProperties");
        }
        return describe(node);
    }

    private static String describe(JsonNode schema) {
        if (schema.has("enum")) {
            return "one of "
                    + Json.toLine(schema.get("enum")).replaceAll("^\\[|]$", "").replace(",", ", ");
        }
        List<String> kinds = new ArrayList<>();
        for (JsonNode type : schema.path("type").isArray()
                ? schema.path("type")
                : JsonNodeFactory.instance.arrayNode().add(schema.path("type"))) {
            switch (type.asText()) {
                case "string" -> kinds.add("a string");
                case "integer" -> kinds.add("a whole number");
                case "number" -> kinds.add("a number");
                case "boolean" -> kinds.add("true or false");
                case "array" -> kinds.add("an array");
                case "object" -> kinds.add("an object");
                default -> {}
            }
        }
        return kinds.isEmpty() ? "a value" : String.join(" or ", kinds);
    }

    /** A JSON pointer into the arguments as a field path: {@code /checks/0/name} is {@code checks[0].name}. */
    private static String display(JsonPointer pointer, JsonNode arguments) {
        StringBuilder path = new StringBuilder();
        JsonNode node = arguments;
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (node.isArray()) {
                path.append('[').append(p.getMatchingIndex()).append(']');
                node = node.path(p.getMatchingIndex());
            } else {
                path.append(path.isEmpty() ? "" : ".").append(p.getMatchingProperty());
                node = node.path(p.getMatchingProperty());
            }
        }
        return path.isEmpty() ? "arguments" : path.toString();
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
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class)
            return "a whole number";
        if (type == Double.class || type == double.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (List.class.isAssignableFrom(type)) return "an array";
        if (Map.class.isAssignableFrom(type) || type.isRecord()) return "an object";
        return "a " + type.getSimpleName();
    }
}
