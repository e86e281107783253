package dev.workbench.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.server.Main;
import dev.workbench.tools.Tool;
import dev.workbench.tools.ToolContext;
import dev.workbench.tools.ToolExecutor;
import dev.workbench.tools.ToolResult;
import dev.workbench.tools.ToolSchemas;
import dev.workbench.tools.Tools;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code aw <tool> --json '{...}'} or {@code aw <tool> key=value ...}: one tool call, in this process. */
@Command(mixinStandardHelpOptions = true)
public final class ToolCommand implements Callable<Integer> {
    private final String toolName;

    @ParentCommand
    Main parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", paramLabel = "JSON", description = "The arguments as one JSON object.")
    String json;

    @Parameters(
            paramLabel = "KEY=VALUE",
            description = "Arguments; a value is JSON when it parses as JSON, "
                    + "otherwise a string. Dotted keys nest (area.name=x).")
    List<String> pairs = new ArrayList<>();

    public ToolCommand(String toolName) {
        this.toolName = toolName;
    }

    @Override
    public Integer call() throws IOException {
        Tool<?, ?> tool = Tools.find(toolName).orElseThrow();
        ObjectNode arguments;
        try {
            arguments = arguments(json, pairs, Json.toTree(ToolSchemas.input(tool)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ToolResult result = ToolExecutor.execute(tool, arguments, new ToolContext(parent.workbench()));
        PrintStream out = Main.stdout();
        out.write(Json.toFileBytes(result.structured()));
        out.flush();
        if (result.isError()) {
            spec.commandLine().getErr().println("aw " + toolName + ": " + result.text());
            return Main.TOOL_ERROR;
        }
        return 0;
    }

    /**
     * Merges {@code --json} with key=value pairs; a pair overrides the JSON. A value is taken as text when the
     * tool's input schema declares that field a string (so {@code slug=2024} stays "2024"), otherwise as JSON
     * when it parses as JSON, otherwise as text.
     */
    static ObjectNode arguments(String json, List<String> pairs, JsonNode schema) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        if (json != null) {
            JsonNode parsed;
            try {
                parsed = Json.mapper().readTree(json);
            } catch (IOException e) {
                throw new IllegalArgumentException("--json: not valid JSON ("
                        + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            if (parsed == null || !parsed.isObject()) {
                throw new IllegalArgumentException(
                        "--json: expected a JSON object, e.g. --json '{\"slug\":\"my-test\"}'");
            }
            args.setAll((ObjectNode) parsed);
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got \"" + pair + "\"");
            }
            String key = pair.substring(0, eq);
            String text = pair.substring(eq + 1);
            put(args, key, isString(schema, key) ? JsonNodeFactory.instance.textNode(text) : value(text));
        }
        return args;
    }

    private static void put(ObjectNode args, String key, JsonNode value) {
        String[] parts = key.split("\\.", -1);
        ObjectNode target = args;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                throw new IllegalArgumentException("empty part in key \"" + key + "\"");
            }
            JsonNode child = target.get(parts[i]);
            if (child == null) {
                target = target.putObject(parts[i]);
            } else if (child.isObject()) {
                target = (ObjectNode) child;
            } else {
                throw new IllegalArgumentException(
                        "key \"" + key + "\" nests under \"" + parts[i] + "\", which is not an object");
            }
        }
        if (parts[parts.length - 1].isEmpty()) {
            throw new IllegalArgumentException("empty part in key \"" + key + "\"");
        }
        target.set(parts[parts.length - 1], value);
    }

    /** The tool's fields for {@code aw <tool> --help}, read from its input schema. */
    public static String[] fieldsHelp(Tool<?, ?> tool) {
        JsonNode schema = Json.toTree(ToolSchemas.input(tool));
        List<String> lines = new ArrayList<>(List.of("", "Fields:"));
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        schema.path("properties").properties().forEach(field -> {
            JsonNode type = resolve(schema, field.getValue());
            String kind = type.has("enum")
                    ? String.join("|", toStrings(type.get("enum")))
                    : type.path("type").asText("any");
            String description = field.getValue().path("description").asText("");
            lines.add(String.format(
                    "  %-20s %s%s%s",
                    field.getKey(),
                    kind,
                    required.contains(field.getKey()) ? ", required" : "",
                    description.isEmpty() ? "" : " - " + description));
        });
        return lines.toArray(String[]::new);
    }

    private static List<String> toStrings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Whether the schema declares the (dotted) field a string, following {@code $ref}s into {@code $defs}. */
    static boolean isString(JsonNode schema, String dottedKey) {
        JsonNode node = schema;
        for (String part : dottedKey.split("\\.")) {
            node = resolve(schema, node).path("properties").path(part);
            if (node.isMissingNode()) {
                return false;
            }
        }
        return "string".equals(resolve(schema, node).path("type").asText());
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/$defs/") ? root.path("$defs").path(ref.substring("#/$defs/".length())) : node;
    }

    private static JsonNode value(String text) {
        try {
            JsonNode parsed = Json.mapper().readTree(text);
            if (parsed != null && !parsed.isMissingNode()) {
                return parsed;
            }
        } catch (IOException e) {
            // not JSON: a plain string
        }
        return JsonNodeFactory.instance.textNode(text);
    }
}
