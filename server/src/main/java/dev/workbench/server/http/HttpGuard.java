package dev.workbench.server.http;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import dev.workbench.server.mcp.JsonRpcShape;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The door of {@code aw serve --http}, in front of every endpoint. In this order: a request whose Host, or
 * Origin when it has one, names anything but an allowed host gets 403 (DNS-rebinding protection: a page on
 * evil.example that resolves to 127.0.0.1 still sends its own name); on the MCP endpoints ({@code /mcp},
 * {@code /sse}, {@code /message}) a missing or wrong bearer token gets 401, compared in constant time (the page's
 * paths check their session cookie instead, in {@link PageServlet}); a declared body over the limit gets 413; after
 * {@link #drain} new requests get 503; a POST body to an MCP endpoint that the SDK cannot take gets 400 with a
 * JSON-RPC error carrying the request's id (see {@link #checkedBody}). It also counts the requests in flight, page
 * requests too, so that shutdown can wait for them. Refusals are JSON on the MCP endpoints and a short HTML page
 * elsewhere, where a browser shows them.
 */
final class HttpGuard implements Filter {
    private final Set<String> allowedHosts;
    private final byte[] tokenHash;
    private final long maxBody;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    /**
     * @param allowedHosts host names (lower case, IPv6 in brackets) a request may name, on any port
     * @param token the bearer token every request must carry, or null when authentication is off
     */
    HttpGuard(Set<String> allowedHosts, String token, long maxBody) {
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.tokenHash = token == null ? null : Sha256.digest().digest(token.getBytes(StandardCharsets.UTF_8));
        this.maxBody = maxBody;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        boolean mcp = isMcp(request);
        String host = request.getHeader("Host");
        if (!allowed(host == null ? null : hostName(host))) {
            refuse(
                    mcp,
                    response,
                    403,
                    "the Host header must name this server (" + String.join(", ", allowedHosts) + "); got "
                            + quote(host));
            return;
        }
        String origin = request.getHeader("Origin");
        Origin parsed = origin == null ? null : origin(origin);
        if (origin != null && !allowed(parsed == null ? null : parsed.host())) {
            refuse(
                    mcp,
                    response,
                    403,
                    "requests from the web page " + quote(origin) + " are not accepted; allowed hosts: "
                            + String.join(", ", allowedHosts));
            return;
        }
        if (mcp && tokenHash != null && !authorized(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"workbench\"");
            refuse(
                    mcp,
                    response,
                    401,
                    "send Authorization: Bearer <token>; the token is in AW_HTTP_TOKEN, the --token-file "
                            + "given to aw serve, or .aw/http-token");
            return;
        }
        if (request.getContentLengthLong() > maxBody) {
            refuse(mcp, response, 413, "a request body may have at most " + maxBody + " bytes");
            return;
        }
        inFlight.incrementAndGet();
        try {
            if (draining) {
                response.setHeader("Retry-After", "1");
                refuse(mcp, response, 503, "the server is shutting down");
                return;
            }
            if (mcp && "POST".equals(request.getMethod())) {
                request = checkedBody(request, response);
                if (request == null) {
                    return;
                }
            }
            chain.doFilter(request, res);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Reads a POST body and checks it as stdio checks a line ({@link JsonRpcShape#check}): a message the SDK
     * cannot take is answered here, 400 with a JSON-RPC error carrying the request's id when it can be read (the
     * SDK would answer it without the id); a tools/call to /mcp whose arguments are not an object gets the tool
     * error stdio gives; the others go on with a leading byte-order mark removed. Returns the
     * request to pass on, or null when it has been answered.
     */
    private HttpServletRequest checkedBody(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        if (body.length > maxBody) {
            refuse(true, response, 413, "a request body may have at most " + maxBody + " bytes");
            return null;
        }
        JsonRpcShape.Verdict verdict = JsonRpcShape.check(body, body.length);
        if (verdict instanceof JsonRpcShape.Blank) {
            verdict = new JsonRpcShape.Reject(
                    null,
                    McpSchema.ErrorCodes.PARSE_ERROR,
                    "Parse error: the body is empty; send one JSON-RPC message");
        }
        if (verdict instanceof JsonRpcShape.Reject reject) {
            ObjectNode error = Json.mapper().createObjectNode().put("jsonrpc", "2.0");
            error.set("id", reject.id() == null ? NullNode.getInstance() : reject.id());
            error.putObject("error").put("code", reject.code()).put("message", reject.message());
            response.setStatus(400);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.toLine(error));
            return null;
        }
        if (verdict instanceof JsonRpcShape.ToolError toolError
                && request.getRequestURI().equals(HttpServer.MCP)) {
            // Streamable HTTP may answer a request with plain JSON; the older transport answers on its stream only.
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.toLine(toolError.reply()));
            return null;
        }
        byte[] pass = verdict instanceof JsonRpcShape.Forward forward ? forward.bytes() : body;
        return new BodyRequest(request, pass);
    }

    /** The request with its body already read: the servlets read {@code bytes} instead. */
    private static final class BodyRequest extends HttpServletRequestWrapper {
        private final byte[] bytes;

        BodyRequest(HttpServletRequest request, byte[] bytes) {
            super(request);
            this.bytes = bytes;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body has already been read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return bytes.length;
        }

        @Override
        public long getContentLengthLong() {
            return bytes.length;
        }

        @Override
        public String getHeader(String name) {
            return "Content-Length".equalsIgnoreCase(name) ? Integer.toString(bytes.length) : super.getHeader(name);
        }
    }

    /** Refuses new requests from now on and waits up to {@code grace} for those in flight; returns whether they all finished. */
    boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Requests whose filter has not returned: calls being answered (a GET event stream returns at once). */
    int inFlight() {
        return inFlight.get();
    }

    /** Whether the request goes to an MCP transport (by the servlet path Jetty matched, so after normalising). */
    static boolean isMcp(HttpServletRequest request) {
        String path = request.getServletPath();
        return HttpServer.MCP.equals(path) || HttpServer.SSE.equals(path) || HttpServer.MESSAGE.equals(path);
    }

    private boolean allowed(String hostName) {
        return hostName != null && allowedHosts.contains(hostName);
    }

    private boolean authorized(String header) {
        String prefix = "bearer ";
        if (header == null
                || header.length() <= prefix.length()
                || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return false;
        }
        byte[] given =
                Sha256.digest().digest(header.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8));
        // Both sides are 32-byte digests: isEqual's time does not depend on where they differ.
        return MessageDigest.isEqual(given, tokenHash);
    }

    /** The host name of a Host header ({@code name}, {@code name:port}, {@code [v6]:port}), lower case. */
    static String hostName(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** The port a Host header names: -1 when it names none, -2 when what follows the colon is not a port. */
    static int hostPort(String hostHeader) {
        String h = hostHeader.trim();
        int close = h.startsWith("[") ? h.indexOf(']') : -1;
        int colon = h.indexOf(':', close + 1);
        if (colon < 0) {
            return -1;
        }
        try {
            int port = Integer.parseInt(h.substring(colon + 1));
            return port >= 0 && port <= 65535 ? port : -2;
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    /** An Origin header's parts: scheme and host lower case, the port made explicit. */
    record Origin(String scheme, String host, int port) {
        int defaultPort() {
            return scheme.equals("https") ? 443 : 80;
        }
    }

    /** The Origin header as http(s) scheme, host and port, or null when it names no web origin. */
    static Origin origin(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return null; // "null" (a sandboxed or file: page) and other schemes are never ours
            }
            int port = uri.getPort() < 0 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
            return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String quote(String value) {
        return value == null ? "none" : "\"" + (value.length() > 100 ? value.substring(0, 100) + "…" : value) + "\"";
    }

    private static void refuse(boolean mcp, HttpServletResponse response, int status, String message)
            throws IOException {
        if (!mcp) {
            PageResponses.secure(response);
            PageResponses.plain(response, status, status == 503 ? "Shutting down" : "Refused", message + ".");
            return;
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.toLine(Map.of("error", message)));
    }
}
