package dev.workbench.server;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.StoreWatcher;
import dev.workbench.resources.ResourceChanges;
import dev.workbench.resources.WorkbenchResources;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live resources, on every transport: {@code resources/subscribe} and list changes. A change made by this
 * server, by another process ({@code aw} in a hook) or by a person editing {@code .aw/} is seen the same way, by
 * one file watcher ({@link StoreWatcher}), started when the first client subscribes. Each batch it reports becomes
 * {@code notifications/resources/updated} for every affected URI (the SDK sends it only to the sessions
 * subscribed to that URI) and {@code notifications/resources/list_changed} when experiments, checkpoints or runs
 * come or go ({@link ResourceChanges}).
 *
 * <p>SDK 2.1.0 answers subscribe and unsubscribe itself and keeps who subscribed to what, but has no callback. Its
 * handler binds the request's params through the server's JSON mapper, so the servers get {@link #mapper()},
 * which sees every {@link McpSchema.SubscribeRequest}: it refuses a URI that names no resource of the contract
 * (the subscription is then not recorded) and starts the watcher. {@code LiveResourcesTest} pins that behaviour,
 * so an SDK upgrade that changes it fails a test rather than silently dropping notifications.
 */
final class LiveResources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveResources.class);

    private final Workbench wb;
    private final List<McpSyncServer> servers = new CopyOnWriteArrayList<>();
    /** Every URI subscribed to since start: what "everything changed" (a watcher overflow) notifies. */
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
    private final McpJsonMapper mapper = new SubscriptionMapper(McpJsonDefaults.getMapper());
    private ResourceChanges changes;
    private StoreWatcher watcher;
    private boolean closed;

    LiveResources(Workbench wb) {
        this.wb = wb;
    }

    /** The JSON mapper to build each server with. */
    McpJsonMapper mapper() {
        return mapper;
    }

    /** Adds a server whose subscribers are to be notified (one per transport). */
    void attach(McpSyncServer server) {
        servers.add(server);
    }

    private synchronized void subscribing(String uri) {
        try {
            WorkbenchResources.checkSubscribable(uri);
        } catch (WorkbenchException e) {
            throw McpError.builder(e.code() == ErrorCode.NOT_FOUND ? McpSchema.ErrorCodes.RESOURCE_NOT_FOUND
                    : McpSchema.ErrorCodes.INVALID_PARAMS).message(e.toString()).data(Map.of("uri", String.valueOf(uri)))
                    .build();
        }
        subscribed.add(uri);
        if (watcher == null && !closed) {
            changes = new ResourceChanges(wb);
            watcher = StoreWatcher.start(wb.store().root(), this::deliver);
            LOG.info("watching {} for resource subscribers", wb.store().root());
        }
    }

    private void deliver(StoreWatcher.Changes batch) {
        ResourceChanges.Effect effect = changes.apply(batch);
        Set<String> uris = effect.everything() ? subscribed : effect.updated();
        for (McpSyncServer server : servers) {
            try {
                for (String uri : uris) {
                    server.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri));
                }
                if (effect.listChanged()) {
                    server.notifyResourcesListChanged();
                }
            } catch (RuntimeException e) { // a session closing under us: the other transport's clients still hear
                LOG.warn("notifying subscribers: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    /** The SDK's mapper, unchanged, except that binding a subscribe request tells {@link #subscribing}. */
    private final class SubscriptionMapper implements McpJsonMapper {
        private final McpJsonMapper delegate;

        SubscriptionMapper(McpJsonMapper delegate) {
            this.delegate = delegate;
        }

        private <T> T seen(T value) {
            if (value instanceof McpSchema.SubscribeRequest request) {
                subscribing(request.uri());
            }
            return value;
        }

        @Override
        public <T> T convertValue(Object from, Class<T> type) {
            return seen(delegate.convertValue(from, type));
        }

        @Override
        public <T> T convertValue(Object from, TypeRef<T> type) {
            return seen(delegate.convertValue(from, type));
        }

        @Override
        public <T> T readValue(String content, Class<T> type) throws IOException {
            return delegate.readValue(content, type);
        }

        @Override
        public <T> T readValue(byte[] content, Class<T> type) throws IOException {
            return delegate.readValue(content, type);
        }

        @Override
        public <T> T readValue(String content, TypeRef<T> type) throws IOException {
            return delegate.readValue(content, type);
        }

        @Override
        public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
            return delegate.readValue(content, type);
        }

        @Override
        public String writeValueAsString(Object value) throws IOException {
            return delegate.writeValueAsString(value);
        }

        @Override
        public byte[] writeValueAsBytes(Object value) throws IOException {
            return delegate.writeValueAsBytes(value);
        }
    }
}
