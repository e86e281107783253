package dev.workbench.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON configuration of the workbench. Files under {@code .aw/} are pretty-printed with two-space
 * indentation, {@code "key": value} separators, keys in declaration order and a final newline, so that git
 * diffs of the state stay small; absent values are left out rather than written as null.
 *
 * <p>Two readers: {@link #strict()} for what callers send (unknown fields, wrong types and coercions are
 * errors) and {@link #mapper()} for what the store reads back (lenient, so a file a person annotated by hand
 * still loads).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * The strict and canonical mappers are built on first use, in holder classes: a command that only reads its
     * payload and the store (a hook) does not pay for building three mappers at start-up.
     */
    private static final class Strict {
        static final ObjectMapper STRICT = JsonMapper.builder()
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();

        static {
            // A number or boolean sent where text belongs is a mistake to report, not to paper over.
            STRICT.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
    }

    /** Writes every value, nulls included, in the order given: the form hashes are taken over. */
    private static final class Canonical {
        static final ObjectMapper CANONICAL = JsonMapper.builder().build();
    }

    private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

    private Json() {}

    /** The lenient mapper used for the store and for results. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The strict mapper used to bind what a caller sends to a typed input. */
    public static ObjectMapper strict() {
        return Strict.STRICT;
    }

    /** The file form: pretty, stable order, final newline. */
    public static byte[] toFileBytes(Object value) {
        try {
            String text = PRETTY.writeValueAsString(value);
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One compact line, as in the JSONL logs and the text form of a tool result. */
    public static String toLine(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The canonical text of a value for hashing: compact JSON, object keys in the order given, nulls written
     * out, numbers as Jackson writes them (a double always has a fraction: {@code 100.0}), UTF-8.
     */
    public static String canonical(Object value) {
        try {
            return Canonical.CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * Applies a JSON Merge Patch (RFC 7386): objects merge member by member, a null member removes that member,
     * anything else replaces. Neither argument is modified.
     */
    public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (patch == null) {
            return target;
        }
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result =
                target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : MAPPER.createObjectNode();
        for (var member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), mergePatch(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        printer.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        return printer;
    }
}
