package dev.workbench.server.mcp;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A tool's schema as the SDK holds it, read from its packaged file when first used ({@code tools/list}, the
 * first check of a result) rather than when the server is built: the answer to {@code initialize} needs none
 * of the 24 files. Read-only, like the map it reads; every read of it sees the file's content.
 */
final class OnDemandSchema extends AbstractMap<String, Object> {
    private final Supplier<Map<String, Object>> reader;
    private volatile Map<String, Object> schema;

    OnDemandSchema(Supplier<Map<String, Object>> reader) {
        this.reader = reader;
    }

    private Map<String, Object> schema() {
        Map<String, Object> read = schema;
        if (read == null) {
            synchronized (this) {
                read = schema;
                if (read == null) {
                    read = Collections.unmodifiableMap(reader.get());
                    schema = read;
                }
            }
        }
        return read;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return schema().entrySet();
    }

    @Override
    public Object get(Object key) {
        return schema().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return schema().containsKey(key);
    }

    @Override
    public int size() {
        return schema().size();
    }
}
