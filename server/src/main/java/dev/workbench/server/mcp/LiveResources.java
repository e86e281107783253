package dev.workbench.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.store.ChangeBatch;
import dev.workbench.core.store.ChangeFeed;
import dev.workbench.resources.WorkbenchResources;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Live resources, on every transport: {@code resources/subscribe} and list changes. A change made by this
 * server, by another process ({@code aw} in a hook) or by a person editing {@code .aw/} is seen the same way, by
 * one subscription to the back end's change feed ({@link ChangeFeed}), started when the first client subscribes.
 * Each batch it reports becomes {@code notifications/resources/updated} for every URI the views say it affects
 * ({@link WorkbenchResources#updated}; the SDK sends it only to the sessions subscribed to that URI) and
 * {@code notifications/resources/list_changed} when experiments, checkpoints or runs come or go.
 *
 * <p>SDK 2.1.0 answers subscribe and unsubscribe itself and keeps who subscribed to what, but has no callback. Its
 * handler binds the request's params through the server's JSON mapper, so the servers get {@link #mapper()},
 * which sees every {@link McpSchema.SubscribeRequest}: it refuses a URI that names no resource of the contract
 * (the subscription is then not recorded) and starts the feed. {@code LiveResourcesTest} pins that behaviour,
 * so an SDK upgrade that changes it fails a test rather than silently dropping notifications.
 */
public final class LiveResources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveResources.class);
    /** How long one notification may wait on a session's stream before it is given up. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Workbench wb;
    private final ChangeFeed changes;
    private final List<McpSyncServer> servers = new CopyOnWriteArrayList<>();
    /** Every URI subscribed to since start: what "everything changed" (a watcher overflow, say) notifies. */
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();

    private final McpJsonMapper mapper = new SubscriptionMapper(McpJsonDefaults.getMapper());
    private final WorkbenchResources views;
    private ChangeFeed.Subscription feed;
    private boolean closed;

    public LiveResources(Workbench wb) {
        this(wb, wb.backend().changes());
    }

    /** Following {@code changes} (a feed shared with the page's event streams, over HTTP). */
    public LiveResources(Workbench wb, ChangeFeed changes) {
        this.wb = wb;
        this.changes = changes;
        this.views = new WorkbenchResources(wb);
    }

    /** The JSON mapper to build each server with. */
    public McpJsonMapper mapper() {
        return mapper;
    }

    /** Adds a server whose subscribers are to be notified (one per transport). */
    public void attach(McpSyncServer server) {
        servers.add(server);
    }

    private synchronized void subscribing(String uri) {
        try {
            WorkbenchResources.checkSubscribable(uri);
        } catch (WorkbenchException e) {
            throw McpError.builder(
                            e.code() == ErrorCode.NOT_FOUND
                                    ? McpSchema.ErrorCodes.RESOURCE_NOT_FOUND
                                    : McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message(e.toString())
                    .data(Map.of("uri", String.valueOf(uri)))
                    .build();
        }
        subscribed.add(uri);
        if (feed == null && !closed) {
            feed = changes.subscribe(this::deliver);
            LOG.info("watching {} for resource subscribers", wb.backend().root());
        }
    }

    /**
     * Hands the batch's notifications to the SDK without waiting for them, so that the feed never waits on a
     * client. (Over HTTP, {@code SessionLanes} keeps a client that stopped reading from holding up the others;
     * a broadcast such as {@code list_changed} still waits for every session, hence the worker here too.)
     */
    private void deliver(ChangeBatch batch) {
        Set<String> uris = batch.everything() ? Set.copyOf(subscribed) : views.updated(batch);
        for (McpSyncServer server : servers) {
            McpAsyncServer async = server.getAsyncServer();
            Flux.fromIterable(uris)
                    .flatMap(uri ->
                            quietly(async.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri))))
                    .then(batch.listChanged() ? quietly(async.notifyResourcesListChanged()) : Mono.empty())
                    .subscribe();
        }
    }

    private static Mono<Void> quietly(Mono<Void> send) {
        return send.subscribeOn(Schedulers.boundedElastic())
                .timeout(SEND_TIMEOUT)
                .onErrorResume(e -> {
                    LOG.debug("a notification was not delivered: {}", e.toString()); // the session went away, or stalls
                    return Mono.empty();
                });
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (feed != null) {
            feed.close();
            feed = null;
        }
    }

    /** The levels of {@code logging/setLevel}, as the MCP specification names them. */
    public static final List<String> LOG_LEVELS =
            List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

    /**
     * The SDK's mapper, unchanged, except that binding a subscribe request tells {@link #subscribing}, a
     * {@code logging/setLevel} request with a level that does not exist is refused, and params that do not bind
     * are -32602.
     */
    private final class SubscriptionMapper extends ForwardingJsonMapper {
        SubscriptionMapper(McpJsonMapper delegate) {
            super(delegate);
        }

        /** Checks a subscribe request's params before they are bound (the SDK would fail on them with -32603). */
        private void before(Object from, Type type) {
            if (type == McpSchema.SubscribeRequest.class
                    && !(from instanceof Map<?, ?> params && params.get("uri") instanceof String)) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message("params.uri: expected the URI of a resource to subscribe to, e.g. aw://project")
                        .build();
            }
            // The SDK would take an unknown level without a word (and keep the old one).
            Object level =
                    type == McpSchema.SetLevelRequest.class && from instanceof Map<?, ?> m ? m.get("level") : null;
            if (type == McpSchema.SetLevelRequest.class && !(level instanceof String && LOG_LEVELS.contains(level))) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message("params.level: expected one of " + String.join(", ", LOG_LEVELS) + "; got "
                                + (level == null ? "none" : Json.toLine(level)))
                        .build();
            }
        }

        private <T> T after(T value) {
            if (value instanceof McpSchema.SubscribeRequest request) {
                subscribing(request.uri());
            }
            return value;
        }

        @Override
        public <T> T convertValue(Object from, Class<T> type) {
            before(from, type);
            try {
                return after(super.convertValue(from, type));
            } catch (IllegalArgumentException e) {
                throw invalidParams(e);
            }
        }

        @Override
        public <T> T convertValue(Object from, TypeRef<T> type) {
            before(from, type.getType());
            try {
                return after(super.convertValue(from, type));
            } catch (IllegalArgumentException e) {
                throw invalidParams(e);
            }
        }

        /**
         * Params that do not bind ({@code completion/complete} without {@code ref}, say) as -32602 naming the
         * problem: the SDK answers other exceptions on stdio as internal errors, and on Streamable HTTP not at all
         * (an empty 200, so the client waited for its timeout).
         */
        private McpError invalidParams(IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            if (cause instanceof JsonProcessingException json) {
                message = json.getOriginalMessage();
            }
            return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("params: " + message.lines().findFirst().orElse(""))
                    .build();
        }
    }
}
