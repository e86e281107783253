package dev.workbench.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.store.ChangeFeed;
import dev.workbench.core.store.SharedChangeFeed;
import dev.workbench.page.Dashboard;
import dev.workbench.server.mcp.ForwardingJsonMapper;
import dev.workbench.server.mcp.LiveResources;
import dev.workbench.server.mcp.SessionLanes;
import dev.workbench.server.mcp.WorkbenchServer;
import dev.workbench.server.stdio.RobustStdio;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aw serve --http}: one workbench served to many clients. Streamable HTTP at {@code /mcp}, and the older
 * HTTP+SSE transport ({@code GET /sse}, {@code POST /message}) for clients that still use it, both the SDK's
 * servlets on Jetty; the page for people ({@link PageServlet}) on every other path; all behind {@link HttpGuard}.
 * Every session shares the one {@link Workbench}: its store serialises writers across threads and processes, so
 * concurrent calls lose nothing.
 */
public final class HttpServer {
    public static final String MCP = "/mcp";
    public static final String SSE = "/sse";
    static final String MESSAGE = "/message";
    /** As on stdio: one JSON-RPC message may have at most this many bytes. */
    static final int MAX_REQUEST_BYTES = RobustStdio.MAX_LINE_BYTES;

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /**
     * The transports answer HTTP-level failures (an unknown or missing session, a bad body) by serialising an
     * {@link McpError}, an exception: 7 KB of stack trace. This mapper writes it as the JSON-RPC error it carries.
     */
    private static final McpJsonMapper TRANSPORT_MAPPER = new ForwardingJsonMapper(McpJsonDefaults.getMapper()) {
        @Override
        public String writeValueAsString(Object value) throws IOException {
            if (value instanceof McpError error) {
                ObjectNode out =
                        Json.mapper().createObjectNode().put("jsonrpc", "2.0").putNull("id");
                out.putObject("error")
                        .put("code", error.getJsonRpcError().code())
                        .put("message", error.getJsonRpcError().message());
                return Json.toLine(out);
            }
            return super.writeValueAsString(value);
        }
    };
    /** A DNS name or IPv4 address, or an IPv6 address in brackets: what a Host header carries, without the port. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\\[[0-9a-f:.]+]");

    /**
     * @param token the bearer token, or null for {@code --no-auth}
     * @param allowHosts further host names clients may use to reach the server (a DNS name on a team machine)
     */
    public record Settings(String host, int port, HttpToken token, List<String> allowHosts) {}

    private final Server jetty;
    private final HttpGuard guard;
    private final List<McpSyncServer> servers;
    private final LiveResources live;
    private final PageEvents events;
    private final PageSessions sessions;
    private final int port;

    private HttpServer(
            Server jetty,
            HttpGuard guard,
            List<McpSyncServer> servers,
            LiveResources live,
            PageEvents events,
            PageSessions sessions,
            int port) {
        this.jetty = jetty;
        this.guard = guard;
        this.servers = servers;
        this.live = live;
        this.events = events;
        this.sessions = sessions;
        this.port = port;
    }

    /**
     * Starts serving. {@code loginLinks} is told every login link of the page ({@code <base>/login?code=...}): the
     * first when {@link #announceLogin} is called, then a fresh one after each login; {@code aw serve} prints them
     * on stderr, which only the person who started it reads.
     */
    public static HttpServer start(Workbench wb, Settings settings, Consumer<String> loginLinks) throws Exception {
        return start(wb, settings, loginLinks, PageEvents.MAX_STREAMS);
    }

    /** As {@link #start(Workbench, Settings, Consumer)}, with at most {@code pageStreams} open event streams. */
    static HttpServer start(Workbench wb, Settings settings, Consumer<String> loginLinks, int pageStreams)
            throws Exception {
        if (settings.port() < 0 || settings.port() > 65535) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, "--port: expected 0 to 65535 (0: any free port), got " + settings.port());
        }
        if (settings.token() == null && !isLoopback(settings.host())) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "--no-auth is only allowed on a loopback host " + "(127.0.0.1, ::1, localhost); " + settings.host()
                            + " is not a loopback address");
        }
        HttpGuard guard = new HttpGuard(
                allowedHosts(settings),
                settings.token() == null ? null : settings.token().value(),
                MAX_REQUEST_BYTES);
        var streamable = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(TRANSPORT_MAPPER)
                .mcpEndpoint(MCP)
                .maxRequestSize(MAX_REQUEST_BYTES)
                // Clients that vanish without DELETE: idle sessions are pinged and dropped when the ping fails.
                .sessionSweepInterval(Duration.ofMinutes(5))
                .build();
        var sse = HttpServletSseServerTransportProvider.builder()
                .jsonMapper(TRANSPORT_MAPPER)
                .sseEndpoint(SSE)
                .messageEndpoint(MESSAGE)
                .maxRequestSize(MAX_REQUEST_BYTES)
                .build();
        // One watcher for every MCP session of both transports and every open page.
        ChangeFeed changes = new SharedChangeFeed(wb.backend().changes());
        LiveResources live = new LiveResources(wb, changes);
        SessionLanes lanes = new SessionLanes(); // a client that stops reading holds up only itself
        List<McpSyncServer> servers = List.of(
                WorkbenchServer.create(wb, lanes.around(streamable), live),
                WorkbenchServer.create(wb, lanes.around(sse), live));

        PageEvents events = new PageEvents(changes, PageEvents.HEARTBEAT, pageStreams);
        AtomicReference<String> base = new AtomicReference<>(); // known once the connector is bound (--port 0)
        PageSessions sessions = new PageSessions(
                Clock.systemUTC(),
                new SecureRandom(),
                code -> loginLinks.accept(base.get() + PageServlet.LOGIN + "?code=" + code));
        PageServlet page = new PageServlet(new Dashboard(wb), sessions, events, person());
        Server jetty = jetty(settings, guard, streamable, sse, page);
        ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
        try {
            // Bound first, so that the base is set before any request (a /login announces a link) can arrive.
            connector.open();
            base.set(pageBase(settings.host(), connector.getLocalPort()));
            jetty.start();
        } catch (IOException | IllegalArgumentException e) { // the address is taken, or not this machine's
            jetty.stop();
            events.close();
            live.close();
            servers.forEach(McpSyncServer::close);
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "cannot listen on " + settings.host() + " port "
                            + settings.port() + " ("
                            + (e.getCause() == null
                                    ? e.getMessage()
                                    : e.getCause().getMessage())
                            + "); choose another --port (0: any free one) or --host");
        }
        return new HttpServer(jetty, guard, servers, live, events, sessions, connector.getLocalPort());
    }

    /** What the page's actions are recorded as done by: whoever runs this server, through the page. */
    static String person() {
        return System.getProperty("user.name", "someone") + " (page)";
    }

    /** Where a browser on this machine reaches the page: the bound host, or 127.0.0.1 for a wildcard address. */
    static String pageBase(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]")) {
            h = "127.0.0.1";
        }
        return "http://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port;
    }

    /** The page's open event streams. */
    int pageStreams() {
        return events.streams();
    }

    /** Prints (through the consumer given to start) the first login link of the page. */
    public void announceLogin() {
        sessions.announceCode();
    }

    /** Jetty with one connector, the guard in front of every path, the two transports' servlets and the page. */
    private static Server jetty(
            Settings settings, HttpGuard guard, HttpServlet streamable, HttpServlet sse, HttpServlet page) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("aw-http");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder door = new FilterHolder(guard);
        door.setAsyncSupported(true);
        context.addFilter(door, "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder streamableHolder = new ServletHolder("streamable", streamable);
        streamableHolder.setAsyncSupported(true); // the transports answer on an AsyncContext
        context.addServlet(streamableHolder, MCP);
        ServletHolder sseHolder = new ServletHolder("sse", sse);
        sseHolder.setAsyncSupported(true);
        context.getServletHandler().addServlet(sseHolder);
        ServletMapping sseMapping = new ServletMapping();
        sseMapping.setServletName("sse");
        sseMapping.setPathSpecs(new String[] {SSE, MESSAGE});
        context.getServletHandler().addServletMapping(sseMapping);
        ServletHolder pageHolder = new ServletHolder("page", page);
        pageHolder.setAsyncSupported(true); // the event stream
        context.addServlet(pageHolder, "/"); // every path the transports do not take
        jetty.setHandler(context);
        return jetty;
    }

    public int port() {
        return port;
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /**
     * Stops in order: new requests get 503, calls in flight finish (up to {@code grace}), the page's event streams
     * and the MCP sessions close (their event streams end), then Jetty stops. Every write is atomic, so even a call cut off by the grace
     * period leaves each file old or new.
     */
    public void shutdown(Duration grace) {
        try {
            if (!guard.drain(grace)) {
                LOG.warn("{} call(s) still running after {} s; stopping anyway", guard.inFlight(), grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        live.close();
        for (McpSyncServer server : servers) {
            // closeGracefully has no timeout of its own (java-sdk#635)
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::closeGracefully);
            try {
                closing.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.close();
            }
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping Jetty: {}", e.toString());
        }
    }

    /** Whether every address the name resolves to is a loopback address. */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The loopback names, the bound host unless it is a wildcard, and the names given with --allow-host. */
    static Set<String> allowedHosts(Settings settings) {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        String bound = settings.host().toLowerCase(Locale.ROOT);
        if (!bound.equals("0.0.0.0") && !bound.equals("::") && !bound.equals("[::]")) {
            hosts.add(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound);
        }
        for (String extra : settings.allowHosts()) {
            String name = extra.trim().toLowerCase(Locale.ROOT);
            if (!HOST_NAME.matcher(name).matches()) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "--allow-host: expected a host name or address "
                                + "as clients write it in URLs (box.example.internal, 192.168.1.20, [fd00::1]), got "
                                + extra);
            }
            hosts.add(name);
        }
        return hosts;
    }
}
