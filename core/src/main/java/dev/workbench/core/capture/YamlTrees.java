package dev.workbench.core.capture;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * YAML read into the same {@link JsonNode} trees as JSON, with Jackson's YAML parser (over SnakeYAML's). A class of
 * its own so that the YAML classes load only when a YAML file is actually read, never on a hook's start path.
 *
 * <p>An alias ({@code *name}) is left out rather than expanded: Jackson's parser reports an alias as the anchor's
 * name, which would be a wrong value, and its replaying parser lost nested aliases when tried (2.22.4); leaving
 * them out also makes an alias bomb harmless. The caller is told how many were left out.
 */
final class YamlTrees {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 64;

    /**
     * The first document's tree (missing for an empty file) and how many entries were left out of it: those whose
     * value was an alias, or a list holding one.
     */
    record Tree(JsonNode node, int dropped) {}

    private int dropped;

    private YamlTrees() {}

    static Tree read(byte[] bytes) throws IOException {
        YamlTrees t = new YamlTrees();
        try (YAMLParser p = FACTORY.createParser(bytes)) {
            JsonToken first = p.nextToken();
            JsonNode node = first == null ? MissingNode.getInstance() : t.value(p, first, 0);
            return new Tree(node == null ? MissingNode.getInstance() : node, t.dropped);
        }
    }

    /** The value at the current token; null for an alias. */
    private JsonNode value(YAMLParser p, JsonToken token, int depth) throws IOException {
        if (p.isCurrentAlias()) {
            return null;
        }
        if (depth > MAX_DEPTH) {
            throw new IOException("nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (token) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonNode v = value(p, p.nextToken(), depth + 1);
                    if (v != null) {
                        o.set(name, v);
                    } else {
                        dropped++;
                    }
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                boolean whole = true;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
                    JsonNode v = value(p, t, depth + 1);
                    if (v != null) {
                        a.add(v);
                    }
                    whole &= v != null;
                }
                return whole ? a : null; // a list short of its aliased items would be a wrong value
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                try {
                    return NODES.numberNode(p.getDoubleValue());
                } catch (IOException e) {
                    return NODES.textNode(p.getText()); // .inf, .nan: Jackson types them as numbers it cannot read
                }
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                return NODES.nullNode(); // !!binary and other embedded values: nothing a param can hold
            }
        }
    }
}
