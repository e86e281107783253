package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.run.RunRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A captured run's params and metrics, found without anyone asking: params from the command line, metrics (and more
 * params) from the conventional files among the run's outputs. The rules are in the README ("Params and metrics").
 */
public record RunParams(Map<String, JsonNode> params, Map<String, Double> metrics) {
    /** The most JSON text the params (and, apart, the metrics) of one run may take: a fifth of a run record's limit. */
    static final int MAX_CHARS = 10_000;

    /** Both maps copied, read-only, in their order; null reads as empty. */
    public RunParams {
        params = Collections.unmodifiableMap(params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params));
        metrics = Collections.unmodifiableMap(metrics == null ? new LinkedHashMap<>() : new LinkedHashMap<>(metrics));
    }

    /** What was found, with a note for each file skipped or value replaced, to show a person; never an error. */
    public record Found(RunParams runParams, List<String> notes) {}

    /**
     * @param root    the project root
     * @param command the shell command line
     * @param outputs the run's output files (relative to the root) that exist now
     */
    public static RunParams of(Path root, String command, List<String> outputs) {
        return find(root, command, outputs).runParams();
    }

    /**
     * Params from {@code command} and from the conventional files among {@code outputs}, metrics from those files.
     * The command line's params come first, in the order typed; a file's value replaces a command-line value of the
     * same key when they differ (the file holds the config the program resolved and ran with), with a note. Each map
     * keeps its first {@value RunRequest#MAX_ENTRIES} keys.
     */
    public static Found find(Path root, String command, List<String> outputs) {
        List<String> notes = new ArrayList<>();
        Map<String, JsonNode> params =
                new LinkedHashMap<>(command == null ? Map.of() : CommandLineParams.parse(command));
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (outputs != null && !outputs.isEmpty()) {
            ConventionalFiles files = new ConventionalFiles(real(root));
            files.read(outputs);
            notes.addAll(files.notes);
            files.params.forEach((key, value) -> {
                JsonNode typed = params.get(key);
                if (typed != null && !same(typed, value)) {
                    notes.add("param " + key + ": the command line gave " + typed + ", the run's files " + value
                            + "; kept the files' value");
                }
                params.put(key, value);
            });
            metrics.putAll(files.metrics);
        }
        return new Found(
                new RunParams(first(params, "params", notes), first(metrics, "metrics", notes)), List.copyOf(notes));
    }

    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath().normalize();
        }
    }

    /** 7 and 7.0 are the same value; otherwise equal JSON. */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /**
     * The first entries of {@code all}: at most {@value RunRequest#MAX_ENTRIES}, and at most {@value #MAX_CHARS}
     * characters of JSON, so that a run record stays well inside its size limit (a record over it would be refused,
     * and the hook would lose the whole run for its params).
     */
    private static <V> Map<String, V> first(Map<String, V> all, String what, List<String> notes) {
        Map<String, V> kept = new LinkedHashMap<>();
        int chars = 0;
        for (Map.Entry<String, V> e : all.entrySet()) {
            chars += e.getKey().length() + String.valueOf(e.getValue()).length() + 4; // "key":value,
            if (kept.size() == RunRequest.MAX_ENTRIES || chars > MAX_CHARS) {
                notes.add(what + ": kept the first " + kept.size() + " of " + all.size() + " (at most "
                        + RunRequest.MAX_ENTRIES + " and " + MAX_CHARS + " characters a run)");
                break;
            }
            kept.put(e.getKey(), e.getValue());
        }
        return kept;
    }
}
