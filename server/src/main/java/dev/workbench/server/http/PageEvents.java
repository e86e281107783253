package dev.workbench.server.http;

import dev.workbench.core.Json;
import dev.workbench.core.store.Change;
import dev.workbench.core.store.ChangeBatch;
import dev.workbench.core.store.ChangeFeed;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: the page's live updates, as server-sent events. Every open page holds one stream; a change
 * to the records, by this server, another {@code aw} process or a person with an editor, reaches them all through
 * one subscription to the back end's change feed (the one resource subscriptions use), started when the first page
 * connects and closed at shutdown. Each batch becomes {@code event: change} with the kinds and keys that changed
 * (the page fetches its view again); a comment every {@link #HEARTBEAT} keeps proxies and the connection's idle
 * timeout from closing a quiet stream, and finds the browsers that went away.
 *
 * <p>The feed's thread never writes to a socket: each stream has a short queue, written by a worker, so a browser
 * that stops reading holds up only its own worker (until the connection's idle timeout) and, when its queue is full,
 * is dropped. A dropped or ended stream costs the browser nothing: EventSource reconnects by itself.
 *
 * <p>Bounded: at most {@code maxStreams} streams are open (beyond, a request gets 503 and the browser retries), and
 * the workers are a pool of that many threads. A stream has at most one write in progress, so every open stream can
 * have its worker and a stalled browser never takes another's; threads idle for a minute end.
 */
final class PageEvents implements AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** Messages one stream may have waiting; a browser this far behind has stopped reading. */
    static final int QUEUE = 32;
    /** At most this many keys in one event: the page only needs to know that something changed. */
    static final int MAX_KEYS = 50;
    /** Open streams at most (every open page holds one). */
    static final int MAX_STREAMS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(PageEvents.class);

    private final ChangeFeed feed;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final int maxStreams;
    private final ThreadPoolExecutor writers;
    private final ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(daemon("aw-page-heartbeat"));
    private ChangeFeed.Subscription subscription;
    private boolean closed;

    PageEvents(ChangeFeed feed, Duration heartbeatEvery, int maxStreams) {
        this.feed = feed;
        this.maxStreams = maxStreams;
        this.writers = new ThreadPoolExecutor(
                maxStreams, maxStreams, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), daemon("aw-page-events"));
        writers.allowCoreThreadTimeOut(true);
        long ms = heartbeatEvery.toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Answers the request with an event stream that stays open until the browser goes, {@code alive} turns false
     * (checked at each heartbeat: the session ended), or the server shuts down. With {@link #maxStreams} open
     * already, answers 503 instead.
     */
    void open(HttpServletRequest request, HttpServletResponse response, BooleanSupplier alive) throws IOException {
        synchronized (this) {
            if (streams.size() >= maxStreams) {
                response.setHeader("Retry-After", "10");
                PageResponses.plain(
                        response,
                        503,
                        "Too many open pages",
                        "aw serve keeps at most " + maxStreams + " pages live; close some, this one retries.");
                return;
            }
        }
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("X-Accel-Buffering", "no"); // a reverse proxy in front must not hold events back
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the heartbeat and the connection's idle timeout decide when a stream is dead
        Stream stream = new Stream(async, response.getOutputStream(), alive);
        async.addListener(stream);
        synchronized (this) {
            if (closed) {
                async.complete();
                return;
            }
            streams.add(stream);
            if (subscription == null) {
                subscription = feed.subscribe(this::deliver);
            }
        }
        // Sent at once, so that the browser's EventSource opens; retry: how soon it reconnects after an end.
        stream.offer("retry: 2000\n: connected\n\n");
    }

    /** Open streams: the tests watch browsers that went away being dropped. */
    int streams() {
        return streams.size();
    }

    private void deliver(ChangeBatch batch) {
        if (batch.changes().isEmpty() && !batch.listChanged() && !batch.everything()) {
            return;
        }
        String message = "event: change\ndata: " + Json.toLine(describe(batch)) + "\n\n";
        streams.forEach(s -> s.offer(message));
    }

    /** What the event says: {@code {"kinds":[...],"keys":[...],"listChanged":b,"everything":b}}, keys as kind:key. */
    static Map<String, Object> describe(ChangeBatch batch) {
        Set<String> kinds = new TreeSet<>();
        Set<String> keys = new TreeSet<>();
        for (Change c : batch.changes()) {
            kinds.add(c.kind().name());
            if (!c.key().isEmpty() && keys.size() < MAX_KEYS) {
                keys.add(c.kind().name() + ":" + c.key());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kinds", kinds);
        out.put("keys", keys);
        out.put("listChanged", batch.listChanged());
        out.put("everything", batch.everything());
        return out;
    }

    private void beat() {
        for (Stream s : streams) {
            if (s.alive.getAsBoolean()) {
                s.offer(": heartbeat\n\n");
            } else {
                s.end();
            }
        }
    }

    /** Ends every stream and stops watching; later requests for a stream get one that ends at once. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
        }
        heartbeat.shutdownNow();
        streams.forEach(Stream::end);
        writers.shutdown();
        try {
            if (!writers.awaitTermination(2, TimeUnit.SECONDS)) {
                writers.shutdownNow(); // a stream stuck on a stalled browser: its socket closes with Jetty
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One browser's stream: its waiting messages, written in order by at most one worker at a time. */
    private final class Stream implements AsyncListener {
        private final AsyncContext async;
        private final ServletOutputStream out;
        private final BooleanSupplier alive;
        private final BlockingQueue<String> waiting = new ArrayBlockingQueue<>(QUEUE);
        private final AtomicBoolean writing = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();

        Stream(AsyncContext async, ServletOutputStream out, BooleanSupplier alive) {
            this.async = async;
            this.out = out;
            this.alive = alive;
        }

        void offer(String message) {
            if (ended.get()) {
                return;
            }
            if (!waiting.offer(message)) {
                LOG.debug("a page stopped reading its events; its stream is dropped");
                end();
                return;
            }
            if (writing.compareAndSet(false, true)) {
                try {
                    writers.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    end(); // shutting down
                }
            }
        }

        private void drain() {
            while (true) {
                String message = waiting.poll();
                if (message == null) {
                    writing.set(false);
                    // a message offered after the poll but before the flag fell would wait for the next one
                    if (waiting.isEmpty() || !writing.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                try {
                    out.write(message.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException | IllegalStateException e) {
                    end(); // the browser went away
                    writing.set(false);
                    return;
                }
            }
        }

        void end() {
            if (ended.compareAndSet(false, true)) {
                streams.remove(this);
                waiting.clear();
                try {
                    async.complete();
                } catch (IllegalStateException e) {
                    // already completed by the container (an error or the connection closing)
                }
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            ended.set(true);
            streams.remove(this);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end();
        }

        @Override
        public void onError(AsyncEvent event) {
            end();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
