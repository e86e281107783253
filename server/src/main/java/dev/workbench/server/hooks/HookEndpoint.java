package dev.workbench.server.hooks;

import dev.workbench.core.Workbench;
import dev.workbench.core.provenance.Environment;
import dev.workbench.core.provenance.GitProvenance;
import dev.workbench.core.workspace.Store;
import dev.workbench.server.Main;
import dev.workbench.server.stdio.RobustStdio;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server's door for hooks: while {@code aw serve} runs for a root, {@code bin/aw hook …} hands the hook's
 * payload to it over a loopback socket instead of starting a JVM, and the server runs {@link Hooks#run} on its own
 * {@link Workbench}.
 *
 * <p>The endpoint is published in {@code .aw/run/hook.json} (folder mode 0700, file mode 0600 from its first byte):
 * one line of JSON with the port on 127.0.0.1, a token of 256 random bits made for this server's life, and the
 * server's pid. Only a process that can read that file, i.e. the same user, can use the endpoint: every request
 * carries the token, compared in constant time, and is refused without effect otherwise.
 *
 * <p>The wire format, what {@code bin/aw} writes with bash's {@code /dev/tcp}: the lines {@code AW-HOOK 1}, the
 * token, the event, the agent (empty for the default) and the payload's length in bytes, each ended by
 * {@code \n}, then the payload (at most {@link #MAX_PAYLOAD} bytes). The answer is one line
 * {@code AW-HOOK <exit code> <stdout bytes> <stderr bytes>} then those bytes, or {@code AW-HOOK refused <reason>}
 * when the request was not run (a bad token, an oversized, malformed or too slow request, a server busy or shutting
 * down), after which the caller runs the hook itself. A connection closed without either line (a server that stopped
 * or crashed mid-call) may have run the hook: the caller must not run it again.
 *
 * <p>Two servers for one root: the newest wins. Each server publishes its file when it starts, replacing the
 * file of any other; an older server keeps serving the connections it has but is no longer advertised, and
 * publishes itself again (within {@link #KEEP_INTERVAL}) when the file goes away, because the newer server
 * exited, or when the file names a process that no longer runs (a server killed with {@code -9}). At exit the
 * file is removed only while it is still this server's. A stale file is harmless: the caller checks the pid,
 * and a port nobody listens on, or a listener without the token, makes it run the hook itself.
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
    static final String FILE = "run/hook.json";
    static final String MAGIC = "AW-HOOK";
    static final String VERSION = "1";
    /** As on stdio and HTTP: one request may carry at most this many bytes of payload. */
    static final int MAX_PAYLOAD = RobustStdio.MAX_LINE_BYTES;
    /** A header line (token, event, agent, length) longer than this is refused. */
    static final int MAX_HEADER_LINE = 1024;
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
    private static final Pattern FILE_FORM = Pattern.compile(
            "\\{\"port\": ([0-9]{1,5}), \"token\": \"([0-9a-f]{64})\", \"pid\": ([0-9]{1,19})}\n");

    private final Workbench wb;
    private final ServerSocket socket;
    private final String token;
    private final byte[] tokenBytes;
    private final long pid = ProcessHandle.current().pid();
    private final ThreadPoolExecutor workers;
    /** Reads headers: at most {@link #MAX_UNAUTHENTICATED} at once, no queue. */
    private final ThreadPoolExecutor doorkeepers;
    private final Thread acceptor;
    private final Thread keeper;
    private final Object closing = new Object();
    private volatile boolean closed;
    private final java.util.concurrent.CountDownLatch closedDone = new java.util.concurrent.CountDownLatch(1);
    /** Removes the file at SIGTERM too; unregistered by a normal {@link #close}. */
    private Thread shutdownHook;

    private HookEndpoint(Workbench wb, ServerSocket socket, String token) {
        this.wb = wb;
        this.socket = socket;
        this.token = token;
        this.tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "aw-hook-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
        AtomicInteger d = new AtomicInteger();
        this.doorkeepers = new ThreadPoolExecutor(MAX_UNAUTHENTICATED, MAX_UNAUTHENTICATED, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
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

    int port() {
        return socket.getLocalPort();
    }

    /** The published file's text for this server. */
    private byte[] fileBytes() {
        return ("{\"port\": " + port() + ", \"token\": \"" + token + "\", \"pid\": " + pid + "}\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** What a published file says, or null when it is not in the form this class writes. */
    record Published(int port, String token, long pid) {
        static Published parse(String text) {
            Matcher m = FILE_FORM.matcher(text);
            return m.matches() ? new Published(Integer.parseInt(m.group(1)), m.group(2), Long.parseLong(m.group(3))) : null;
        }
    }

    /** The published file's content, or null when there is none (or it cannot be read). */
    private String current() {
        try {
            return Files.readString(wb.store().path(FILE), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private boolean ours(String text) {
        Published p = text == null ? null : Published.parse(text);
        return p != null && p.pid() == pid && MessageDigest.isEqual(p.token().getBytes(StandardCharsets.US_ASCII), tokenBytes);
    }

    /**
     * Writes the file when {@code .aw/} exists and ({@code force}, at start: the newest wins) the file is missing,
     * unreadable, or names a process that no longer runs. Under the store's lock, so that of two servers deciding
     * at once, one writes and the other sees its file.
     */
    private void publish(boolean force) {
        Store store = wb.store();
        store.transaction(() -> {
            if (closed || !store.initialized()) {
                return; // with no .aw/ the body runs unlocked and must write nothing
            }
            String text = current();
            if (ours(text)) {
                return;
            }
            Published other = text == null ? null : Published.parse(text);
            if (!force && other != null && ProcessHandle.of(other.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                return; // a newer server's: it answers hooks now
            }
            store.privateFolder("run");
            store.writePrivate(FILE, fileBytes());
            LOG.debug("hook endpoint published in {} (port {}{})", store.path(FILE), port(),
                    other == null ? "" : ", replacing the endpoint of pid " + other.pid());
        });
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
            if (closed || !wb.store().initialized()) {
                return;
            }
            long start = System.nanoTime();
            Environment.warmUp(wb.store().root());
            GitProvenance.describe(wb.store().root());
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
                if (!closed && wb.store().initialized() && !ours(current())) {
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
                refuse(s, "busy"); // the caller runs the hook itself
            }
        }
    }

    /** A request's header, read and checked; its payload is still to be read from {@code in}. */
    private record Request(Socket socket, DeadlineInput deadline, InputStream in, String event, String agent, int length) {}

    /** Reads and checks a connection's header within its deadline, then hands it to a worker. */
    private void admit(Socket s, long deadline) {
        Request r;
        try {
            s.setTcpNoDelay(true);
            DeadlineInput timed = new DeadlineInput(s, deadline);
            InputStream in = new BufferedInputStream(timed);
            r = header(s, timed, in);
        } catch (java.net.SocketTimeoutException e) {
            LOG.debug("a hook connection sent no complete header within {} ms", HEADER_DEADLINE.toMillis());
            refuse(s, "no request within " + HEADER_DEADLINE.toMillis() + " ms");
            return;
        } catch (IOException | RuntimeException e) {
            LOG.debug("a hook connection failed: {}", e.toString());
            close(s);
            return;
        }
        if (r == null) {
            return; // refused
        }
        try {
            workers.execute(() -> serve(r));
        } catch (RejectedExecutionException e) {
            refuse(s, closed ? "server stopping" : "busy");
        }
    }

    /** The header, or null when it was refused (and the connection closed). */
    private Request header(Socket s, DeadlineInput timed, InputStream in) throws IOException {
        if (!(MAGIC + " " + VERSION).equals(line(in))) {
            refuse(s, "expected " + MAGIC + " " + VERSION);
            return null;
        }
        String presented = line(in);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), tokenBytes)) {
            LOG.warn("hook request refused: wrong token");
            refuse(s, "wrong token");
            return null;
        }
        String event = line(in);
        String agent = line(in);
        String length = line(in);
        long n = length != null && length.matches("[0-9]{1,12}") ? Long.parseLong(length) : -1;
        if (event == null || agent == null || n < 0) {
            refuse(s, "malformed request");
            return null;
        }
        if (n > MAX_PAYLOAD) {
            LOG.warn("hook request refused: a payload of {} bytes, over the limit of {}", n, MAX_PAYLOAD);
            refuse(s, "payload over " + MAX_PAYLOAD + " bytes");
            return null;
        }
        return new Request(s, timed, in, event, agent, (int) n);
    }

    /** One verified request: its payload read (within its deadline), run, answered. */
    private void serve(Request q) {
        Socket s = q.socket();
        try { // closed in finally, not by try-with-resources: a refusal in a catch must still reach the caller
            if (closed) {
                refuse(s, "server stopping");
                return;
            }
            q.deadline().extend(PAYLOAD_DEADLINE.toNanos() + q.length() * 1_000L); // + 1 s per MB
            byte[] payload = q.in().readNBytes(q.length());
            if (payload.length < q.length() || closed) {
                refuse(s, closed ? "server stopping" : "payload cut short");
                return;
            }
            String event = q.event();
            long start = System.nanoTime();
            Hooks.Result r = run(event, q.agent().isEmpty() ? null : q.agent(), new String(payload, StandardCharsets.UTF_8));
            byte[] out = r.stdout().getBytes(StandardCharsets.UTF_8);
            byte[] err = r.stderr().getBytes(StandardCharsets.UTF_8);
            s.setSoTimeout(0); // the answer is written whole; the caller reads it
            OutputStream o = s.getOutputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream(32 + out.length + err.length);
            reply.writeBytes((MAGIC + " " + r.exitCode() + " " + out.length + " " + err.length + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            reply.writeBytes(out);
            reply.writeBytes(err);
            o.write(reply.toByteArray());
            o.flush();
            LOG.debug("hook {} answered by the server in {} ms (exit {})", event,
                    (System.nanoTime() - start) / 1_000_000, r.exitCode());
        } catch (java.net.SocketTimeoutException e) {
            LOG.debug("a hook connection sent its payload too slowly");
            refuse(s, "payload not received in time");
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

    /**
     * A socket's input with one deadline across all reads: each read waits at most until the deadline (the socket's
     * timeout shrinks to what is left), then fails with {@link java.net.SocketTimeoutException}.
     */
    static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private volatile long deadline;

        DeadlineInput(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        /** A new deadline, {@code nanos} from now. */
        void extend(long nanos) {
            deadline = System.nanoTime() + nanos;
        }

        private void arm() throws IOException {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new java.net.SocketTimeoutException("deadline passed");
            }
            socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
        }

        @Override
        public int read() throws IOException {
            arm();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return in.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return in.available();
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

    /** A header line in ASCII up to {@code \n}, or null at the end of input or past {@link #MAX_HEADER_LINE}. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0 || buf.size() >= MAX_HEADER_LINE) {
                return null;
            }
            buf.write(c);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }

    private static void refuse(Socket s, String reason) {
        try (s) {
            s.getOutputStream().write((MAGIC + " refused " + reason + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        } catch (IOException e) {
            // the caller is gone; it runs the hook itself when it sees no answer
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
        // Headers being read end within HEADER_DEADLINE; those that pass then find the workers shut down and are refused.
        doorkeepers.shutdown();
        workers.shutdown();
        try {
            doorkeepers.awaitTermination(HEADER_DEADLINE.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            if (!workers.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} hook call(s) still running after {} s; stopping anyway", workers.getActiveCount(),
                        DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Store store = wb.store();
            store.transaction(() -> {
                if (store.initialized() && ours(current())) {
                    try {
                        Files.deleteIfExists(store.path(FILE));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("cannot remove {}: {}", wb.store().path(FILE), e.toString());
        }
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
