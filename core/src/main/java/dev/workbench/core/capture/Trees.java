package dev.workbench.core.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * A params or metrics file read into a {@link JsonNode} tree straight from Jackson's streaming parser, without an
 * {@code ObjectMapper} (whose set-up would cost a cold hook tens of milliseconds). JSON accepts NaN and Infinity, as
 * Python's {@code json.dump} writes them (they are left out later, as non-finite); YAML goes through {@link Yaml},
 * whose classes load only when a YAML file is actually read.
 */
final class Trees {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 64;

    /**
     * The first document's tree (missing for an empty file) and how many entries were left out of it: those whose
     * value was a YAML alias, or a list holding one.
     */
    record Tree(JsonNode node, int dropped) {}

    private final Predicate<JsonParser> alias;
    private int dropped;

    private Trees(Predicate<JsonParser> alias) {
        this.alias = alias;
    }

    /** One JSON value; trailing content is an error. */
    static Tree json(byte[] bytes) throws IOException {
        try (JsonParser p = JSON.createParser(bytes)) {
            Tree t = new Trees(x -> false).read(p);
            if (p.nextToken() != null) {
                throw new IOException("content after the end of the JSON value, at line "
                        + p.currentLocation().getLineNr());
            }
            return t;
        }
    }

    /** The first YAML document. */
    static Tree yaml(byte[] bytes) throws IOException {
        return Yaml.read(bytes);
    }

    Tree read(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        JsonNode node = first == null ? MissingNode.getInstance() : value(p, first, 0);
        return new Tree(node == null ? MissingNode.getInstance() : node, dropped);
    }

    /** The value at the current token; null for an alias, and for a list that held one. */
    private JsonNode value(JsonParser p, JsonToken token, int depth) throws IOException {
        if (alias.test(p)) {
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
                    return NODES.textNode(p.getText()); // YAML's .inf, .nan: typed as numbers Jackson cannot read
                }
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            default -> {
                return NODES.nullNode(); // null, and YAML's !!binary and other embedded values: nothing a param holds
            }
        }
    }

    /**
     * YAML with Jackson's parser (over SnakeYAML's). An alias ({@code *name}) is left out rather than expanded:
     * Jackson's parser reports an alias as the anchor's name, which would be a wrong value, and its replaying parser
     * lost nested aliases when tried (2.22.4); leaving them out also makes an alias bomb harmless.
     */
    private static final class Yaml {
        private static final YAMLFactory FACTORY = new YAMLFactory();

        static Tree read(byte[] bytes) throws IOException {
            try (JsonParser p = FACTORY.createParser(bytes)) {
                return new Trees(x -> ((YAMLParser) x).isCurrentAlias()).read(p);
            }
        }
    }
}
