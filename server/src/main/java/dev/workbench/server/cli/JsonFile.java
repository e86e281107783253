package dev.workbench.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A JSON object file, or a new object when the file does not exist; anything else is refused. */
record JsonFile(Path file, String name, ObjectNode node, boolean existed) {
    static JsonFile read(Path root, String name) {
        Path file = AgentSetup.file(root, name);
        if (!Files.exists(file)) {
            return new JsonFile(file, name, Json.mapper().createObjectNode(), false);
        }
        JsonNode parsed;
        try {
            parsed = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(name + " is not plain JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + "); fix it and run aw init again");
        }
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalStateException(name + " is not a JSON object; fix it and run aw init again");
        }
        return new JsonFile(file, name, (ObjectNode) parsed, true);
    }

    AgentSetup.Change change(boolean changed) {
        return new AgentSetup.Change(file, changed ? Json.toFileBytes(node) : null, existed);
    }

    /** The container at {@code key}, which must be an object when present: what a person put there is never replaced. */
    static ObjectNode object(ObjectNode parent, String key, String file) {
        JsonNode existing = parent.get(key);
        if (existing == null) {
            return parent.putObject(key);
        }
        if (!existing.isObject()) {
            throw new IllegalStateException(file + ": \"" + key + "\" is not an object; fix it and run aw init again");
        }
        return (ObjectNode) existing;
    }

    static ArrayNode array(ObjectNode parent, String key, String what) {
        JsonNode existing = parent.get(key);
        if (existing == null) {
            return parent.putArray(key);
        }
        if (!existing.isArray()) {
            throw new IllegalStateException(what + " is not an array; fix it and run aw init again");
        }
        return (ArrayNode) existing;
    }
}
