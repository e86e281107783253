package dev.workbench.server.mcp;

import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One lane per HTTP session for the notifications sent to it. The SDK notifies the sessions subscribed to a URI one
 * after the other, and a send blocks until the session's stream has taken it; so one client that stops reading (a
 * suspended laptop, a paused process) held up every other session until its connection timed out. Wrapped by
 * {@link #around}, a transport's {@code notifyClient} only queues the send on the session's lane and returns; each
 * lane is drained by its own worker, in order, so a stalled stream delays nothing but its own notifications. A
 * lane holds at most {@value #MAX_PENDING} sends (a stalled client gets the newest state when it reads again
 * anyway: notifications say "read this again", not what changed); it disappears once drained.
 */
public final class SessionLanes {
    static final int MAX_PENDING = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(SessionLanes.class);
    private static final AtomicInteger WORKER = new AtomicInteger();

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(run -> {
        Thread t = new Thread(run, "aw-notify-" + WORKER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** The sends waiting for one session; touched only inside {@code lanes.compute} for its id. */
    private static final class Lane {
        final ArrayDeque<Mono<Void>> pending = new ArrayDeque<>();
    }

    /** Queues {@code send} on the session's lane; completes at once. */
    Mono<Void> enqueue(String sessionId, Mono<Void> send) {
        return Mono.fromRunnable(() -> lanes.compute(sessionId, (id, lane) -> {
            Lane l = lane == null ? new Lane() : lane;
            if (l.pending.size() >= MAX_PENDING) {
                LOG.debug("session {} takes no notifications; dropped one", id);
            } else {
                l.pending.add(send);
            }
            if (lane == null) {
                workers.execute(() -> drain(id));
            }
            return l;
        }));
    }

    /** Runs a lane's sends in order until it is empty, then removes it (a later send starts a new one). */
    private void drain(String sessionId) {
        while (true) {
            Object[] next = new Object[1];
            lanes.computeIfPresent(sessionId, (id, lane) -> {
                next[0] = lane.pending.poll();
                return next[0] == null ? null : lane;
            });
            if (next[0] == null) {
                return;
            }
            try {
                @SuppressWarnings("unchecked")
                Mono<Void> send = (Mono<Void>) next[0];
                send.block();
            } catch (RuntimeException e) {
                LOG.debug("a notification to session {} was not delivered: {}", sessionId, e.toString());
            }
        }
    }

    /** The Streamable HTTP transport, with per-session notifications going through these lanes. */
    public McpStreamableServerTransportProvider around(McpStreamableServerTransportProvider transport) {
        class Laned extends LanedTransport implements McpStreamableServerTransportProvider {
            Laned() {
                super(transport);
            }

            @Override
            public void setSessionFactory(McpStreamableServerSession.Factory factory) {
                transport.setSessionFactory(factory);
            }
        }
        return new Laned();
    }

    /** The HTTP+SSE transport, the same way. */
    public McpServerTransportProvider around(McpServerTransportProvider transport) {
        class Laned extends LanedTransport implements McpServerTransportProvider {
            Laned() {
                super(transport);
            }

            @Override
            public void setSessionFactory(McpServerSession.Factory factory) {
                transport.setSessionFactory(factory);
            }
        }
        return new Laned();
    }

    /** What both wrapped transports share: everything passes through, except per-session sends, which queue. */
    private abstract class LanedTransport implements McpServerTransportProviderBase {
        private final McpServerTransportProviderBase transport;

        LanedTransport(McpServerTransportProviderBase transport) {
            this.transport = transport;
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return transport.notifyClients(method, params);
        }

        @Override
        public Mono<Void> notifyClient(String sessionId, String method, Object params) {
            return enqueue(sessionId, transport.notifyClient(sessionId, method, params));
        }

        @Override
        public Mono<Void> closeGracefully() {
            return transport.closeGracefully();
        }

        @Override
        public List<String> protocolVersions() {
            return transport.protocolVersions();
        }
    }
}
