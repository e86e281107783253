package dev.workbench.server.hooks;

import dev.workbench.core.Workbench;
import dev.workbench.core.provenance.Environment;
import dev.workbench.core.provenance.GitProvenance;
import dev.workbench.server.Main;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server's door for hooks: while {@code aw serve} runs for a root, {@code bin/aw hook …} hands the hook's
 * payload to it over a loopback socket instead of starting a JVM, and the server runs {@link Hooks#run} on its own
 * {@link Workbench}.
 *
 * <p>The endpoint is published in {@code .aw/run/hook.json} ({@link HookFile}: who may use it, and which of two
 * servers for one root answers), and speaks {@link HookWire}'s format. An older server whose file was replaced
 * publishes itself again within {@link #KEEP_INTERVAL} once the newer one is gone.
 *
 * <p>A local user without the token cannot hold the endpoint: a connection is first read by a small pool of
 * {@link #MAX_UNAUTHENTICATED} threads (more waiting connections are refused at once), which must receive the header
 * and the token within {@link #HEADER_DEADLINE} of being accepted, across all its reads; only then does the request
 * go to the workers that run hooks, which read the payload within {@link #PAYLOAD_DEADLINE} plus a second per MB
 * declared.
 *
 * <p>Nothing is created while the root has no {@code .aw/} (a hook there has nothing to do, and creating it
 * would make the root look initialised); the file is published once {@code .aw/} appears.
 */
public final class HookEndpoint implements AutoCloseable {
    /** As on stdio and HTTP: one request may carry at most this many bytes of payload. */
    static final int MAX_PAYLOAD = HookWire.MAX_PAYLOAD;
    /** How often the published file is checked (gone, replaced by a dead server's, or the root initialised). */
    static final Duration KEEP_INTERVAL = Duration.ofSeconds(1);
    /** How long after being accepted a connection may take to send its header (magic, token, event, agent, length). */
    static final Duration HEADER_DEADLINE = Duration.ofSeconds(2);
    /** How long a verified request may take to send its payload, plus a second per MB (1,000,000 bytes) declared. */
    static final Duration PAYLOAD_DEADLINE = Duration.ofSeconds(10);
    /** Connections whose header is being read at once; more are refused when accepted. */
    static final int MAX_UNAUTHENTICATED = 16;
    /** At exit, how long hook calls in flight may take to finish before the server stops anyway. */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private static final int WORKERS = 8;
    /** How long after start-up {@link #warmUp} begins. */
    private static final Duration WARM_UP_DELAY = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(HookEndpoint.class);

    private final Workbench wb;
    private final ServerSocket socket;
    private final byte[] tokenBytes;
    private final HookFile file;
    private final ThreadPoolExecutor workers;
    /** Reads headers: at most {@link #MAX_UNAUTHENTICATED} at once, no queue. */
    private final ThreadPoolExecutor doorkeepers;

    private final Thread acceptor;
    private final Thread keeper;
    private final Object closing = new Object();
    private volatile boolean closed;
    private final CountDownLatch closedDone = new CountDownLatch(1);
    /** Removes the file at SIGTERM too; unregistered by a normal {@link #close}. */
    private Thread shutdownHook;

    private HookEndpoint(Workbench wb, ServerSocket socket, String token) {
        this.wb = wb;
        this.socket = socket;
        this.tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
        this.file = new HookFile(
                wb.store(),
                socket.getLocalPort(),
                token,
                ProcessHandle.current().pid());
        AtomicInteger n = new AtomicInteger();
        this.workers =
                new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
                    Thread t = new Thread(r, "aw-hook-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
        AtomicInteger d = new AtomicInteger();
        this.doorkeepers = new ThreadPoolExecutor(
                MAX_UNAUTHENTICATED, MAX_UNAUTHENTICATED, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "aw-hook-door-" + d.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        doorkeepers.allowCoreThreadTimeOut(true);
        this.acceptor = new Thread(this::accept, "aw-hook-accept");
        acceptor.setDaemon(true);
        this.keeper = new Thread(this::keep, "aw-hook-keeper");
        keeper.setDaemon(true);
    }

    /**
     * Listens on a free port of 127.0.0.1 and publishes it (when {@code .aw/} exists). A failure to listen or to
     * publish is logged, not thrown: without the endpoint, hooks start their own JVM as before.
     */
    public static HookEndpoint start(Workbench wb) {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            HookEndpoint endpoint = new HookEndpoint(wb, socket, HexFormat.of().formatHex(random));
            endpoint.publish(true);
            endpoint.acceptor.start();
            endpoint.keeper.start();
            Thread warm = new Thread(endpoint::warmUp, "aw-hook-warm-up");
            warm.setDaemon(true);
            warm.start();
            endpoint.shutdownHook = new Thread(endpoint::close, "aw-hook-stop");
            Runtime.getRuntime().addShutdownHook(endpoint.shutdownHook);
            return endpoint;
        } catch (IOException | RuntimeException e) {
            LOG.warn("hooks will start their own JVM: cannot open the hook endpoint ({})", e.toString());
            return null;
        }
    }

    private void publish(boolean force) {
        file.publish(force, () -> closed);
    }

    /**
     * Makes the first run recorded through a hook as quick as the next ones: a while after start-up (so as not to
     * compete with the client's first requests), the runtimes on {@code PATH} are asked for their versions (kept by
     * {@link Environment} for the process's life, per executable) and JGit reads the repository once (its classes,
     * and its measure of the file system's timestamp resolution). Both are what recording a run needs; neither
     * writes anything. Only for an initialised root: elsewhere no hook records.
     */
    private void warmUp() {
        try {
            synchronized (closing) {
                closing.wait(WARM_UP_DELAY.toMillis());
            }
            if (closed || !wb.backend().initialized()) {
                return;
            }
            long start = System.nanoTime();
            Environment.warmUp(wb.backend().root());
            GitProvenance.describe(wb.backend().root());
            LOG.debug("warmed up for recording runs in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("warm-up: {}", e.toString()); // the first run then pays for it, nothing more
        }
    }

    /** Keeps the file published: once a second, a read without the lock; the lock only when something changed. */
    private void keep() {
        while (!closed) {
            try {
                synchronized (closing) {
                    closing.wait(KEEP_INTERVAL.toMillis());
                }
                if (!closed && wb.backend().initialized() && !file.ours(file.current())) {
                    publish(false);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.debug("cannot check the hook endpoint file: {}", e.toString());
            }
        }
    }

    private void accept() {
        while (!closed) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("the hook endpoint stopped accepting: {}", e.toString());
                }
                return;
            }
            long deadline = System.nanoTime() + HEADER_DEADLINE.toNanos();
            try {
                doorkeepers.execute(() -> admit(s, deadline));
            } catch (RejectedExecutionException e) {
                HookWire.refuse(s, "busy"); // the caller runs the hook itself
            }
        }
    }

    /** Reads and checks a connection's header within its deadline, then hands it to a worker. */
    private void admit(Socket s, long deadline) {
        HookWire.Request r;
        try {
            s.setTcpNoDelay(true);
            DeadlineInput timed = new DeadlineInput(s, deadline);
            InputStream in = new BufferedInputStream(timed);
            r = HookWire.header(s, timed, in, tokenBytes);
        } catch (SocketTimeoutException e) {
            LOG.debug("a hook connection sent no complete header within {} ms", HEADER_DEADLINE.toMillis());
            HookWire.refuse(s, "no request within " + HEADER_DEADLINE.toMillis() + " ms");
            return;
        } catch (IOException | RuntimeException e) {
            LOG.debug("a hook connection failed: {}", e.toString());
            HookWire.close(s);
            return;
        }
        if (r == null) {
            return; // refused
        }
        try {
            workers.execute(() -> serve(r));
        } catch (RejectedExecutionException e) {
            HookWire.refuse(s, closed ? "server stopping" : "busy");
        }
    }

    /** One verified request: its payload read (within its deadline), run, answered. */
    private void serve(HookWire.Request q) {
        Socket s = q.socket();
        try { // closed in finally, not by try-with-resources: a refusal in a catch must still reach the caller
            if (closed) {
                HookWire.refuse(s, "server stopping");
                return;
            }
            q.deadline().extend(PAYLOAD_DEADLINE.toNanos() + q.length() * 1_000L); // + 1 s per MB
            byte[] payload = q.in().readNBytes(q.length());
            if (payload.length < q.length() || closed) {
                HookWire.refuse(s, closed ? "server stopping" : "payload cut short");
                return;
            }
            String event = q.event();
            long start = System.nanoTime();
            Hooks.Result r =
                    run(event, q.agent().isEmpty() ? null : q.agent(), new String(payload, StandardCharsets.UTF_8));
            HookWire.answer(s, r);
            LOG.debug(
                    "hook {} answered by the server in {} ms (exit {})",
                    event,
                    (System.nanoTime() - start) / 1_000_000,
                    r.exitCode());
        } catch (SocketTimeoutException e) {
            LOG.debug("a hook connection sent its payload too slowly");
            HookWire.refuse(s, "payload not received in time");
        } catch (IOException e) {
            LOG.debug("a hook connection failed: {}", e.toString());
        } finally {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing a hook connection: {}", e.toString());
            }
        }
    }

    /** {@link Hooks#run}, with an unexpected failure answered as one (exit 1, the reason on stderr), as in-process. */
    private Hooks.Result run(String event, String agent, String payload) {
        try {
            return Hooks.run(wb, event, agent, payload);
        } catch (RuntimeException e) {
            LOG.warn("hook {} failed", event, e);
            return new Hooks.Result(Main.TOOL_ERROR, "", "aw hook " + event + ": " + e + "\n");
        }
    }

    /**
     * Stops accepting, lets hook calls in flight finish (up to {@link #DRAIN}), and removes the published file if
     * it is still this server's. Idempotent: called at the end of the session and by the shutdown hook.
     */
    @Override
    public void close() {
        boolean first;
        synchronized (closing) {
            first = !closed;
            closed = true;
            closing.notifyAll();
        }
        if (!first) {
            awaitClosed(); // e.g. SIGTERM while the session ends: the JVM must not halt before the file is gone
            return;
        }
        try {
            stop();
        } finally {
            closedDone.countDown();
        }
    }

    private void awaitClosed() {
        try {
            closedDone.await(DRAIN.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a listening socket does not fail in a way that matters here
        }
        // Headers being read end within HEADER_DEADLINE; those that pass then find the workers shut down and are
        // refused.
        doorkeepers.shutdown();
        workers.shutdown();
        try {
            doorkeepers.awaitTermination(HEADER_DEADLINE.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            if (!workers.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "{} hook call(s) still running after {} s; stopping anyway",
                        workers.getActiveCount(),
                        DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        file.remove();
        // Only now: a SIGTERM that came while the file was being removed ran the hook, which waited for this.
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook found this endpoint closed
            }
        }
    }
}
