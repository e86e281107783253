package dev.workbench.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a stored analysis or a history line as a tree, key by key, so that an analysis written by an older version
 * (fewer keys, no checks) still shows what it holds: an absent or null key reads as null, never as 0 or false.
 */
final class ExperimentNodes {
    private ExperimentNodes() {}

    static String text(JsonNode node, String key) {
        JsonNode v = node == null ? null : node.get(key);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    static Double number(JsonNode node, String key) {
        JsonNode v = node == null ? null : node.get(key);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    static Long whole(JsonNode node, String key) {
        JsonNode v = node == null ? null : node.get(key);
        return v != null && v.isNumber() ? v.asLong() : null;
    }

    static Boolean bool(JsonNode node, String key) {
        JsonNode v = node == null ? null : node.get(key);
        return v != null && v.isBoolean() ? v.asBoolean() : null;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(t -> {
                if (t.isTextual() && !t.textValue().isBlank()) {
                    out.add(t.textValue());
                }
            });
        }
        return out;
    }

    /** A double for a plot: the value, or NaN where there is none (the plot leaves a gap). */
    static double plotted(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** The engine's name as people say it: {@code Bayesian}, {@code frequentist}, {@code bandit}. */
    static String engine(String type) {
        if (type == null) {
            return "unknown engine";
        }
        return switch (type) {
            case "bayesian" -> "Bayesian";
            case "frequentist" -> "frequentist";
            case "bandit" -> "bandit";
            default -> type;
        };
    }
}
