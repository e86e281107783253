package dev.workbench.core;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;

/**
 * The 100 KB limit on any response (CONTRACT section 2), measured as it goes on the wire: a tool result carries
 * its JSON twice, once as {@code structuredContent} and once escaped inside a text string; a resource carries its
 * text escaped inside a JSON string. Writes check their future responses against this budget before they
 * commit, so an accepted write can always be read back and is never reported as a failure.
 */
public final class ResponseBudget {
    /** The contract's limit on one response. */
    public static final int LIMIT = 100_000;
    /** Room for the JSON-RPC envelope, ids and content wrappers. */
    private static final int ENVELOPE = 400;

    private ResponseBudget() {}

    /** Bytes of a tool response whose structured content is {@code value}. */
    public static int toolResponse(Object value) {
        return toolResponseOfJson(Json.toLine(value));
    }

    /** {@link #toolResponse(Object)} of a value already written out compactly as {@code compactJson}. */
    public static int toolResponseOfJson(String compactJson) {
        return utf8(compactJson) + escaped(compactJson) + ENVELOPE;
    }

    /** Bytes of a resource response whose content is {@code text}. */
    public static int resource(String text) {
        return escaped(text) + ENVELOPE;
    }

    public static boolean fitsTool(Object value) {
        return toolResponse(value) <= LIMIT;
    }

    public static boolean fitsResource(String text) {
        return resource(text) <= LIMIT;
    }

    private static int escaped(String text) {
        return utf8(TextNode.valueOf(text).toString());
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
