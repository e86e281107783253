package dev.workbench.server.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SDK's JSON Schema validator, made on the first tool call instead of with the server: it loads about 250
 * classes and the 2020-12 meta-schema, which the answer to {@code initialize} does not need.
 *
 * <ul>
 *   <li>When the server is built, the SDK checks each tool's input and output schema against the meta-schema.
 *       The tools' schemas are packaged, reviewed files, checked the same way by {@code LazySchemaValidatorTest}
 *       (so a bad one fails the build, not a start); they are {@linkplain #trusting trusted} here by identity.
 *       Any other schema is checked as the SDK checks it.</li>
 *   <li>Every tool result is checked against the tool's output schema, as before. The schema cache is keyed by
 *       the schema map's identity (one map per tool for the server's life) instead of by the hash of the whole
 *       nested schema, which the SDK computed again on every call: 4% of the server's CPU per call over HTTP.</li>
 * </ul>
 */
final class LazySchemaValidator implements JsonSchemaValidator {
    private final Set<Map<String, Object>> trusted;
    private volatile JsonSchemaValidator delegate;

    private LazySchemaValidator(Set<Map<String, Object>> trusted) {
        this.trusted = trusted;
    }

    /** A validator that takes these tools' own schemas as conforming (a test checks them against the meta-schema). */
    static LazySchemaValidator trusting(List<SyncToolSpecification> tools) {
        Set<Map<String, Object>> trusted = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SyncToolSpecification spec : tools) {
            trusted.add(spec.tool().inputSchema());
            if (spec.tool().outputSchema() != null) {
                trusted.add(spec.tool().outputSchema());
            }
        }
        return new LazySchemaValidator(trusted);
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return delegate().validate(schema, structuredContent);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return trusted.contains(schema)
                ? ValidationResponse.asValid(null)
                : delegate().validateSchema(schema);
    }

    private JsonSchemaValidator delegate() {
        JsonSchemaValidator made = delegate;
        if (made == null) {
            synchronized (this) {
                made = delegate;
                if (made == null) {
                    made = new IdentityKeyed();
                    delegate = made;
                }
            }
        }
        return made;
    }

    /** The SDK's validator with the cache keyed by identity, for as many schemas as a server has tools. */
    private static final class IdentityKeyed extends DefaultJsonSchemaValidator {
        /** More schemas than any server has: past this, a caller making new maps falls back to the SDK's key. */
        private static final int MAX_KEYED = 256;
        /** Replaced, never changed, when a schema is added: the calls of every session read it without a lock. */
        private volatile Map<Map<String, Object>, String> keys = new IdentityHashMap<>();

        @Override
        protected String generateCacheKey(Map<String, Object> schema) {
            String key = keys.get(schema);
            if (key != null) {
                return key;
            }
            synchronized (this) {
                key = keys.get(schema);
                if (key == null) {
                    if (keys.size() >= MAX_KEYED) {
                        return super.generateCacheKey(schema);
                    }
                    Map<Map<String, Object>, String> added = new IdentityHashMap<>(keys);
                    key = "identity:" + added.size();
                    added.put(schema, key);
                    keys = added;
                }
                return key;
            }
        }
    }
}
