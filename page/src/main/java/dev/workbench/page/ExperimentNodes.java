package dev.workbench.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
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

    /**
     * A tick on a relative axis: a signed percent with no more decimals than it needs ({@code +20 %}, {@code -2.5 %},
     * {@code 0 %}): ticks are round numbers, and short labels leave room for the axis title.
     */
    static String axisPercent(double v) {
        BigDecimal pct = new BigDecimal(Double.toString(v * 100))
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        String digits = (pct.scale() < 0 ? pct.setScale(0) : pct).toPlainString();
        return (pct.signum() > 0 ? "+" : "") + (pct.signum() == 0 ? "0" : digits) + " %";
    }

    /** A share on an axis (a weight): {@code 40 %}. */
    static String axisShare(double v) {
        return axisPercent(v).replace("+", "");
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
