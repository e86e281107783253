package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A captured run's params and metrics, found without anyone asking: params from the command line, metrics (and more
 * params) from the conventional files among the run's outputs.
 */
public record RunParams(Map<String, JsonNode> params, Map<String, Double> metrics) {

    /**
     * @param root    the project root
     * @param command the shell command line
     * @param outputs the run's output files (relative to the root) that exist now
     */
    public static RunParams of(Path root, String command, List<String> outputs) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        String[] words = command.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (words[i].startsWith("--") && words[i].length() > 2 && i + 1 < words.length && !words[i + 1].startsWith("-")) {
                params.put(words[i].substring(2), JsonNodeFactory.instance.textNode(words[i + 1]));
            }
        }
        return new RunParams(params, Map.of());
    }
}
