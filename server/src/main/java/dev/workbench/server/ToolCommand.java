package dev.workbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.tools.Tool;
import dev.workbench.tools.ToolContext;
import dev.workbench.tools.ToolExecutor;
import dev.workbench.tools.ToolResult;
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
final class ToolCommand implements Callable<Integer> {
    private final String toolName;

    @ParentCommand
    Main parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", paramLabel = "JSON", description = "The arguments as one JSON object.")
    String json;

    @Parameters(paramLabel = "KEY=VALUE", description = "Arguments; a value is JSON when it parses as JSON, "
            + "otherwise a string. Dotted keys nest (area.name=x).")
    List<String> pairs = new ArrayList<>();

    ToolCommand(String toolName) {
        this.toolName = toolName;
    }

    @Override
    public Integer call() throws IOException {
        ObjectNode arguments;
        try {
            arguments = arguments(json, pairs);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Tool<?, ?> tool = Tools.find(toolName).orElseThrow();
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

    /** Merges {@code --json} with key=value pairs; a pair overrides the JSON. */
    static ObjectNode arguments(String json, List<String> pairs) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        if (json != null) {
            JsonNode parsed;
            try {
                parsed = Json.mapper().readTree(json);
            } catch (IOException e) {
                throw new IllegalArgumentException("--json: not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            if (parsed == null || !parsed.isObject()) {
                throw new IllegalArgumentException("--json: expected a JSON object, e.g. --json '{\"slug\":\"my-test\"}'");
            }
            args.setAll((ObjectNode) parsed);
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got \"" + pair + "\"");
            }
            put(args, pair.substring(0, eq), value(pair.substring(eq + 1)));
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
                throw new IllegalArgumentException("key \"" + key + "\" nests under \"" + parts[i] + "\", which is not an object");
            }
        }
        if (parts[parts.length - 1].isEmpty()) {
            throw new IllegalArgumentException("empty part in key \"" + key + "\"");
        }
        target.set(parts[parts.length - 1], value);
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
