package dev.workbench.core.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code record-run} sends: the command that ran and what it read, wrote, was given and measured. */
public record RunRequest(
        @JsonProperty(required = true) @JsonPropertyDescription("the command line that ran")
        String command,

        String area,

        @JsonPropertyDescription("slug of the experiment the run belongs to")
        String experiment,

        Integer exitCode,
        Long durationMs,

        @JsonPropertyDescription("files or folders the run read (hashed)")
        List<String> inputs,

        @JsonPropertyDescription("files or folders the run wrote (hashed)")
        List<String> outputs,

        @JsonPropertyDescription("{name: value} settings of the run; values are strings, numbers or booleans")
        Map<String, JsonNode> params,

        @JsonPropertyDescription("{name: number} results of the run")
        Map<String, Double> metrics,

        String note) {
    public static final int MAX_PATHS = 100;
    public static final int MAX_ENTRIES = 100;

    public RunRequest {
        Check.requiredText(command, "command");
        if (area != null) {
            Check.word(area, "area");
        }
        if (experiment != null) {
            Check.slug(experiment, "experiment");
        }
        if (durationMs != null) {
            Check.atLeast(durationMs, 0, "durationMs");
        }
        inputs = paths(inputs, "inputs");
        outputs = paths(outputs, "outputs");
        params = params(params);
        metrics = metrics(metrics);
        Check.text(note, "note");
    }

    private static List<String> paths(List<String> paths, String field) {
        if (paths == null) {
            return List.of();
        }
        if (paths.size() > MAX_PATHS) {
            throw Check.invalid(field, "at most " + MAX_PATHS + " paths", paths.size());
        }
        return List.copyOf(paths);
    }

    private static Map<String, JsonNode> params(Map<String, JsonNode> params) {
        if (params == null) {
            return Map.of();
        }
        size(params.size(), "params");
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            Check.word(name, "params key");
            if (value == null || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
                throw Check.invalid("params." + name, "a string, number or boolean", value);
            }
            if (value.isTextual()) {
                Check.text(value.asText(), "params." + name);
            }
            if (value.isNumber()) {
                Check.finite(value.asDouble(), "params." + name);
            }
            copy.put(name, value);
        });
        return copy;
    }

    private static Map<String, Double> metrics(Map<String, Double> metrics) {
        if (metrics == null) {
            return Map.of();
        }
        size(metrics.size(), "metrics");
        Map<String, Double> copy = new LinkedHashMap<>();
        metrics.forEach((name, value) -> {
            Check.word(name, "metrics key");
            Check.finite(Check.required(value, "metrics." + name), "metrics." + name);
            copy.put(name, value);
        });
        return copy;
    }

    private static void size(int size, String field) {
        if (size > MAX_ENTRIES) {
            throw new WorkbenchException(
                    ErrorCode.INPUT_TOO_LARGE, field + ": at most " + MAX_ENTRIES + " entries, got " + size);
        }
    }
}
