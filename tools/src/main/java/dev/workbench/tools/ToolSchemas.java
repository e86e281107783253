package dev.workbench.tools;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.workbench.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON Schemas of each tool's input and output. They are generated from the records by
 * {@code ToolSchemasTest} and kept as resources, so the generator is not loaded at start-up and a schema
 * change shows in review as a diff of {@code schemas/<tool>.input.json} / {@code .output.json}.
 */
public final class ToolSchemas {
    private ToolSchemas() {}

    public static String resourceName(String tool, String kind) {
        return "schemas/" + tool + "." + kind + ".json";
    }

    public static Map<String, Object> input(Tool<?, ?> tool) {
        return load(resourceName(tool.name(), "input"));
    }

    public static Map<String, Object> output(Tool<?, ?> tool) {
        return load(resourceName(tool.name(), "output"));
    }

    private static Map<String, Object> load(String name) {
        try (InputStream in = ToolSchemas.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + name
                        + "; run ToolSchemasTest with -Dworkbench.updateSchemas=true");
            }
            return Json.mapper().readValue(in, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
