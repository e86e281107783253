package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;

/**
 * YAML read into the same {@link JsonNode} trees as JSON (Jackson's YAML format, over SnakeYAML). A class of its own
 * so that the YAML classes load only when a YAML file is actually read, never on a hook's start path.
 */
final class YamlTrees {
    private static final YAMLMapper MAPPER = new YAMLMapper();

    private YamlTrees() {}

    /** The first document of {@code bytes}; a missing node for an empty one. */
    static JsonNode read(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }
}
