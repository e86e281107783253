package dev.workbench.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.workbench.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Codex's config.toml. Jackson's TOML writer would drop a person's comments and layout, so the file is never
 * rewritten from its tree: the {@code [mcp_servers.workbench]} table is appended as text when absent, or its
 * {@code command} and {@code args} lines are replaced in place when they differ; either way the result is parsed
 * again and must equal the old content with only that server changed, or the file is left alone with a message.
 */
record TomlFile(Path file, String name, String text, JsonNode tree, boolean existed) {
    private static final Pattern HEADER = Pattern.compile("(?m)^[ \\t]*\\[[ \\t]*mcp_servers[ \\t]*\\.[ \\t]*"
            + "(?:workbench|\"workbench\")[ \\t]*\\][ \\t]*(?:#.*)?$");
    private static final Pattern NEXT_HEADER = Pattern.compile("(?m)^[ \\t]*\\[");

    static TomlFile read(Path root, String name) {
        Path file = AgentSetup.file(root, name);
        if (!Files.exists(file)) {
            return new TomlFile(file, name, "", Json.mapper().createObjectNode(), false);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(name + " cannot be read as UTF-8 text (" + e.getMessage() + ")");
        }
        return new TomlFile(file, name, text, parse(name, text), true);
    }

    private static JsonNode parse(String name, String text) {
        try {
            JsonNode tree = new TomlMapper().readTree(text);
            return tree == null ? Json.mapper().createObjectNode() : tree;
        } catch (IOException e) {
            throw new IllegalStateException(name + " is not valid TOML ("
                    + e.getMessage().lines().findFirst().orElse("") + "); fix it and run aw init again");
        }
    }

    /** The file's new bytes with the server set, or null when it already is. */
    byte[] withServer(String command, List<String> args) {
        JsonNode servers = tree.get("mcp_servers");
        if (servers != null && !servers.isObject()) {
            throw new IllegalStateException(name + ": \"mcp_servers\" is not a table; fix it and run aw init again");
        }
        JsonNode existing = servers == null ? null : servers.get("workbench");
        if (existing != null && !existing.isObject()) {
            throw new IllegalStateException(
                    name + ": \"mcp_servers.workbench\" is not a table; fix it and run aw init again");
        }
        ArrayNode wantedArgs = Json.mapper().createArrayNode();
        args.forEach(wantedArgs::add);
        if (existing != null
                && command.equals(existing.path("command").asText(null))
                && wantedArgs.equals(existing.get("args"))) {
            return null;
        }
        String commandLine = "command = " + string(command);
        String argsLine = "args = ["
                + String.join(", ", args.stream().map(TomlFile::string).toList()) + "]";
        String updated;
        if (existing == null) {
            String sep = text.isEmpty() ? "" : text.endsWith("\n") ? "\n" : "\n\n";
            updated = text + sep + "# The Workbench MCP server, written by aw init\n[mcp_servers.workbench]\n"
                    + commandLine + "\n" + argsLine + "\n";
        } else {
            updated = replaced(commandLine, argsLine);
        }
        ObjectNode expected = tree.deepCopy();
        ObjectNode server = JsonFile.object(JsonFile.object(expected, "mcp_servers", name), "workbench", name);
        server.put("command", command);
        server.set("args", wantedArgs);
        JsonNode result;
        try {
            result = updated == null ? null : new TomlMapper().readTree(updated);
        } catch (IOException e) {
            result = null;
        }
        if (!expected.equals(result)) {
            throw new IllegalStateException(name
                    + ": cannot set [mcp_servers.workbench] without rewriting other parts of"
                    + " the file (it is defined in a form aw init does not edit); set command = " + string(command)
                    + " and " + argsLine + " in it yourself, or remove it, and run aw init again");
        }
        return updated.getBytes(StandardCharsets.UTF_8);
    }

    /** The text with the table's command and args lines replaced (or added under its header); null if no header. */
    private String replaced(String commandLine, String argsLine) {
        Matcher header = HEADER.matcher(text);
        if (!header.find()) {
            return null;
        }
        int bodyStart = header.end();
        Matcher next = NEXT_HEADER.matcher(text);
        int bodyEnd = next.find(Math.min(text.length(), bodyStart + 1)) ? next.start() : text.length();
        String body = text.substring(bodyStart, bodyEnd);
        String newBody = body;
        for (String[] line : new String[][] {{"command", commandLine}, {"args", argsLine}}) {
            Pattern key = Pattern.compile("(?m)^[ \\t]*" + line[0] + "[ \\t]*=.*$");
            Matcher m = key.matcher(newBody);
            newBody = m.find()
                    ? newBody.substring(0, m.start()) + line[1] + newBody.substring(m.end())
                    : "\n" + line[1] + (newBody.startsWith("\n") ? newBody : "\n" + newBody);
        }
        return text.substring(0, bodyStart) + newBody + text.substring(bodyEnd);
    }

    /** A TOML basic string. */
    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
