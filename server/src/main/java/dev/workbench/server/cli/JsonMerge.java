package dev.workbench.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The merge of the workbench's MCP server and hooks into an agent's JSON configuration ({@link JsonFile}): what a
 * person added is kept, an entry of ours that names another launcher or root is updated, a missing one is added.
 */
final class JsonMerge {
    private JsonMerge() {}

    /** Sets {@code mcpServers.workbench}'s command and args, keeping any other key a person added (env, timeouts). */
    static boolean server(JsonFile file, String command, List<String> args) {
        ObjectNode servers = JsonFile.object(file.node(), "mcpServers", file.name());
        JsonNode existing = servers.get("workbench");
        if (existing != null && !existing.isObject()) {
            throw new IllegalStateException(
                    file.name() + ": \"mcpServers.workbench\" is not an object; fix it and run aw init again");
        }
        ObjectNode server = existing == null ? servers.putObject("workbench") : (ObjectNode) existing;
        ArrayNode wantedArgs = Json.mapper().createArrayNode();
        args.forEach(wantedArgs::add);
        if (command.equals(server.path("command").asText(null)) && wantedArgs.equals(server.get("args"))) {
            return false;
        }
        server.put("command", command);
        server.set("args", wantedArgs);
        return true;
    }

    /**
     * Hooks in the grouped form Claude Code, Codex and Gemini CLI share: {@code hooks.<Event>: [{matcher, hooks:
     * [{type: "command", command}]}]}. A hook already there is kept; one of ours with another launcher or root (the
     * workbench moved) gets the new command line; a missing one is added as a group of its own.
     */
    static boolean groupedHooks(JsonFile file, String agent, Function<String, String> command, List<String> elsewhere) {
        ObjectNode hooks = JsonFile.object(file.node(), "hooks", file.name());
        boolean changed = false;
        for (AgentSetup.Hook hook : AgentSetup.HOOKS.get(agent)) {
            String wanted = command.apply(hook.event());
            if (elsewhere.contains(wanted)) {
                continue;
            }
            ArrayNode groups =
                    JsonFile.array(hooks, hook.agentEvent(), file.name() + ": \"hooks." + hook.agentEvent() + "\"");
            List<ObjectNode> entries = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                JsonNode group = groups.get(i);
                String where = file.name() + ": \"hooks." + hook.agentEvent() + "[" + i + "]";
                if (!group.isObject()) {
                    throw new IllegalStateException(where + "\" is not an object; fix it and run aw init again");
                }
                JsonNode list = group.get("hooks");
                if (list != null && !list.isArray()) {
                    throw new IllegalStateException(where + ".hooks\" is not an array; fix it and run aw init again");
                }
                if (list != null) {
                    list.forEach(h -> {
                        if (h.isObject()) {
                            entries.add((ObjectNode) h);
                        }
                    });
                }
            }
            changed |= place(entries, wanted, hook.event(), () -> {
                ObjectNode group = groups.addObject();
                if (hook.matcher() != null) {
                    group.put("matcher", hook.matcher());
                }
                ObjectNode h = group.putArray("hooks").addObject();
                if (agent.equals("gemini")) {
                    h.put("name", "workbench-" + hook.event()); // how /hooks enable|disable names it
                }
                h.put("type", "command").put("command", wanted);
            });
        }
        return changed;
    }

    /** Cursor's form: {@code {"version": 1, "hooks": {"<event>": [{"command": ...}]}}}. */
    static boolean flatHooks(JsonFile file, Function<String, String> command) {
        ObjectNode node = file.node();
        boolean changed = false;
        JsonNode version = node.get("version");
        if (version == null) {
            node.put("version", 1);
            changed = true;
        } else if (!version.isIntegralNumber() || version.asInt() != 1) {
            throw new IllegalStateException(file.name() + ": \"version\" is " + version
                    + ", and aw init knows only version 1" + " of Cursor's hooks file; fix it and run aw init again");
        }
        ObjectNode hooks = JsonFile.object(node, "hooks", file.name());
        for (AgentSetup.Hook hook : AgentSetup.HOOKS.get("cursor")) {
            String wanted = command.apply(hook.event());
            ArrayNode list =
                    JsonFile.array(hooks, hook.agentEvent(), file.name() + ": \"hooks." + hook.agentEvent() + "\"");
            List<ObjectNode> entries = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isObject()) {
                    throw new IllegalStateException(file.name() + ": \"hooks." + hook.agentEvent() + "[" + i
                            + "]\" is not an object; fix it and run aw init again");
                }
                entries.add((ObjectNode) list.get(i));
            }
            changed |=
                    place(entries, wanted, hook.event(), () -> list.addObject().put("command", wanted));
        }
        return changed;
    }

    /** Keeps an entry already running {@code wanted}, updates one of ours that runs another command line, else adds. */
    private static boolean place(List<ObjectNode> entries, String wanted, String event, Runnable add) {
        ObjectNode ours = null;
        for (ObjectNode h : entries) {
            String c = h.path("command").asText("");
            if (c.equals(wanted)) {
                return false;
            }
            if (ours == null && AgentSetup.ours(c, event)) {
                ours = h;
            }
        }
        if (ours != null) {
            ours.put("command", wanted);
        } else {
            add.run();
        }
        return true;
    }
}
