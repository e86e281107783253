package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a hook payload's JSON fields that tolerate whatever an agent sends: a field missing or of another
 * type reads as null rather than failing, since a hook must never stop the agent. Shared by {@link AgentPayloads} and
 * {@link GeminiPayload}.
 */
final class PayloadFields {
    private PayloadFields() {}

    /** A command given as a string, or as an argument list (joined by spaces). */
    static String command(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<String> words = new ArrayList<>();
            node.forEach(w -> words.add(w.asText()));
            return String.join(" ", words);
        }
        return null;
    }

    static Integer integer(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToInt() ? Integer.valueOf(node.asInt()) : null;
    }

    static Long longValue(JsonNode node) {
        return node != null && node.isNumber() && node.asDouble() >= 0
                ? Long.valueOf(Math.round(node.asDouble()))
                : null;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
