package dev.workbench.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Workbench;
import dev.workbench.core.review.StageCheck;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's door, over real HTTP against an in-process server: the login link, the session cookie, CSRF and
 * origin checks on actions, the answers to bad input, and the event stream. Views themselves are the page module's.
 */
class PageHttpTest {
    static final String TOKEN = "page-test-token-0123456789";
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final BlockingQueue<String> links = new LinkedBlockingQueue<>();
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        Workbench wb = new Workbench(root);
        Files.writeString(root.resolve("report.md"), "# secret-report-text\n");
        wb.stages().execute("secret-area", List.of("report.md"));
        server = HttpServer.start(wb, settings(new HttpToken(TOKEN, "test")), links::add);
        server.announceLogin();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.shutdown(Duration.ofSeconds(5));
    }

    private static HttpServer.Settings settings(HttpToken token) {
        return new HttpServer.Settings("127.0.0.1", 0, token, List.of());
    }

    @Test
    void withoutASession_everyPagePathIs401_saysHowToLogIn_andShowsNothingOfTheState() throws Exception {
        for (String path : List.of("/", "/review", "/experiments/secret-area", "/runs?metric=x", "/events", "/mcp/")) {
            HttpResponse<String> r = get(path, Map.of());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).contains("login link aw serve printed on stderr");
            assertThat(r.body()).as(path).doesNotContain("secret-area", "secret-report-text", "csrf");
            assertSecurityHeaders(r);
        }
        HttpResponse<String> forged = get("/", Map.of("Cookie", PageServlet.cookieName(server.port()) + "=forged"));
        assertThat(forged.statusCode()).isEqualTo(401);
        HttpResponse<String> post = post("/actions/approve", "stage=secret-area", Map.of());
        assertThat(post.statusCode()).isEqualTo(401);
    }

    @Test
    void theLoginLink_setsAStrictHttpOnlyCookie_andRedirectsToTheOverview_once() throws Exception {
        String link = links.take();
        assertThat(link).startsWith(base + "/login?code=");

        HttpResponse<String> login =
                http.send(HttpRequest.newBuilder(URI.create(link)).build(), ofString());

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/");
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .startsWith("aw_session_" + server.port() + "=")
                .contains("; Path=/", "; HttpOnly", "; SameSite=Strict");
        assertSecurityHeaders(login);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> page = get("/no-such-view", Map.of("Cookie", cookie));
        assertThat(page.statusCode()).as("logged in: the page's own 404").isEqualTo(404);
        assertThat(page.body()).contains("data-served", "data-view=\"error\"", "/no-such-view");

        HttpResponse<String> again =
                http.send(HttpRequest.newBuilder(URI.create(link)).build(), ofString());
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(again.body()).contains("works once", "prints a fresh one");
        assertThat(links.poll()).as("a fresh link for the next browser").startsWith(base + "/login?code=");
    }

    @Test
    void theBearerToken_opensNoPage_andTheCookieNoMcp() throws Exception {
        String cookie = login();
        assertThat(get("/", Map.of("Authorization", "Bearer " + TOKEN)).statusCode())
                .isEqualTo(401);
        HttpResponse<String> mcp = http.send(
                HttpRequest.newBuilder(URI.create(base + "/mcp"))
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                        .build(),
                ofString());
        assertThat(mcp.statusCode()).isEqualTo(401);
        assertThat(mcp.body()).as("MCP refusals stay JSON").startsWith("{\"error\"");
    }

    @Test
    void withNoAuth_thePageStillNeedsTheLoginLink() throws Exception {
        server.shutdown(Duration.ofSeconds(5));
        server = HttpServer.start(new Workbench(root), settings(null), links::add);
        base = "http://127.0.0.1:" + server.port();
        assertThat(get("/", Map.of()).statusCode()).isEqualTo(401);
        links.clear();
        server.announceLogin();
        login();
    }

    @Test
    void anAction_needsThisSessionsCsrfToken_andThisOrigin() throws Exception {
        String cookie = login();
        String csrf = csrf(cookie);
        String otherPort = "http://127.0.0.1:" + (server.port() == 65535 ? 1 : server.port() + 1);
        Map<String, Map<String, String>> refused = Map.of(
                "no token", Map.of(),
                "another token", Map.of("X-CSRF-Token", csrf + "x"),
                "another site", Map.of("X-CSRF-Token", csrf, "Origin", "http://evil.example"),
                "another port of this host", Map.of("X-CSRF-Token", csrf, "Origin", otherPort),
                "a null origin", Map.of("X-CSRF-Token", csrf, "Origin", "null"),
                "a cross-site fetch", Map.of("X-CSRF-Token", csrf, "Sec-Fetch-Site", "same-site"));
        for (var e : refused.entrySet()) {
            Map<String, String> headers = new java.util.HashMap<>(e.getValue());
            headers.put("Cookie", cookie);
            HttpResponse<String> r = post("/actions/no-such-action", "stage=secret-area", headers);
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(403);
            assertSecurityHeaders(r);
        }
        assertThat(post("/actions/no-such-action", "stage=x&csrf=" + csrf + "x", Map.of("Cookie", cookie))
                        .statusCode())
                .as("a wrong token in the form")
                .isEqualTo(403);

        // The control: with the token (as a field or a header) and this origin, the request reaches the actions.
        HttpResponse<String> field =
                post("/actions/no-such-action", "stage=x&csrf=" + csrf, Map.of("Cookie", cookie, "Origin", base));
        assertThat(field.statusCode()).isEqualTo(404);
        assertThat(field.body()).contains("no-such-action");
        HttpResponse<String> header = post(
                "/actions/no-such-action",
                "stage=x",
                Map.of("Cookie", cookie, "X-CSRF-Token", csrf, "Sec-Fetch-Site", "same-origin"));
        assertThat(header.statusCode()).isEqualTo(404);
    }

    @Test
    void badInput_isAClear400Or404_neverAStackTrace() throws Exception {
        String cookie = login();
        String csrf = csrf(cookie);
        Map<String, Integer> expected = Map.of(
                "/runs?metric=%zz", 400,
                "/experiments/%ff", 400,
                "/experiments/a%00b", 400,
                "/no/such/view", 404,
                "/actions/approve", 405);
        for (var e : expected.entrySet()) {
            String answer = raw("GET", e.getKey(), cookie);
            assertThat(answer).as(e.getKey()).startsWith("HTTP/1.1 " + e.getValue() + " ");
            assertThat(answer)
                    .as(e.getKey())
                    .contains("Content-Type: text/html")
                    .doesNotContain("\tat ", "Exception");
        }
        assertThat(raw("GET", "/runs?metric=%zz", cookie)).contains("two hex digits");
        HttpResponse<String> json = http.send(
                HttpRequest.newBuilder(URI.create(base + "/actions/approve"))
                        .header("Cookie", cookie)
                        .header("X-CSRF-Token", csrf)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"stage\":\"secret-area\"}"))
                        .build(),
                ofString());
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).contains("application/x-www-form-urlencoded");
        HttpResponse<String> big = post(
                "/actions/approve",
                "feedback=" + "x".repeat(PageServlet.MAX_FORM_BYTES) + "&csrf=" + csrf,
                Map.of("Cookie", cookie));
        assertThat(big.statusCode()).isEqualTo(400);
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(URI.create(base + "/"))
                        .header("Cookie", cookie)
                        .PUT(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                ofString());
        assertThat(put.statusCode()).isEqualTo(405);
    }

    @Test
    void theEventStream_tellsOfAChangeByAnotherWriter() throws Exception {
        String cookie = login();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/events"))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> response.body().forEach(lines::add), "events-reader");
        reader.setDaemon(true);
        reader.start();
        assertThat(next(lines, l -> l.equals(": connected"), 10)).isNotNull();

        Workbench another = new Workbench(root); // its own store, as another process has
        long wrote = System.nanoTime();
        another.stages().review("secret-area", List.of(new StageCheck("renders", true, null)), "looked at it");

        // No timed assertion (house rule): a generous bound for arrival, and the latency printed for whoever reads.
        String data = next(lines, l -> l.startsWith("data: ") && l.contains("STAGE"), 60);
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - wrote);
        System.err.println("PageHttpTest: the event stream heard a write after " + latencyMs + " ms");
        assertThat(data).contains("\"kinds\":[", "STAGE:secret-area");
    }

    @Test
    void eventStreams_endAtShutdown_andBrowsersThatWentAwayAreDropped() throws Exception {
        String cookie = login();
        URI uri = URI.create(base);
        try (Socket gone = new Socket(uri.getHost(), uri.getPort())) {
            gone.getOutputStream()
                    .write(("GET /events HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nCookie: " + cookie
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(gone.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(server.pageStreams()).isEqualTo(1);
        }
        Workbench another = new Workbench(root);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int i = 0; server.pageStreams() > 0 && System.nanoTime() < deadline; i++) {
            Files.writeString(root.resolve("runbook.md"), "# change " + i + "\n"); // each write is an event to send
            Thread.sleep(300);
        }
        assertThat(server.pageStreams())
                .as("the closed connection's stream is dropped")
                .isZero();

        CompletableFuture<HttpResponse<Stream<String>>> open = http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/events"))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> live = open.get(10, TimeUnit.SECONDS);
        CompletableFuture<Long> ended =
                CompletableFuture.supplyAsync(() -> live.body().count());
        assertThat(server.pageStreams()).isEqualTo(1);
        another.stages().review("secret-area", List.of(new StageCheck("renders", true, null)), "still open");
        server.shutdown(Duration.ofSeconds(5));
        assertThat(ended.get(10, TimeUnit.SECONDS))
                .as("the stream ended with the server")
                .isPositive();
    }

    @Test
    void headOnTheLoginLink_spendsNothing_andTheLinkStillLogsIn() throws Exception {
        String link = links.take();
        HttpResponse<String> head = http.send(
                HttpRequest.newBuilder(URI.create(link))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                ofString());
        assertThat(head.statusCode()).isIn(200, 204);
        assertThat(head.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(links).as("no fresh link: nothing was spent").isEmpty();

        HttpResponse<String> get =
                http.send(HttpRequest.newBuilder(URI.create(link)).build(), ofString());
        assertThat(get.statusCode()).isEqualTo(303);
        assertThat(get.headers().firstValue("Set-Cookie")).isPresent();
    }

    @Test
    void theServedPagesScript_isTheOneTheContentSecurityPolicyAllows_byItsHash() throws Exception {
        String cookie = login();
        HttpResponse<String> page = get("/no-such-view", Map.of("Cookie", cookie));
        Matcher script =
                Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        assertThat(script.find()).isTrue();
        String hash = java.util.Base64.getEncoder()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(script.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(script.find()).as("one script").isFalse();
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'sha256-" + hash + "';");
        assertThat(csp.substring(csp.indexOf("script-src")).split(";")[0]).doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
    }

    @Test
    void anUnknownAction_is404_andTheDashboardSaysNotFound() throws Exception {
        String cookie = login();
        String csrf = csrf(cookie);
        HttpResponse<String> r = post("/actions/no-such-action", "csrf=" + csrf, Map.of("Cookie", cookie));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                                dev.workbench.core.WorkbenchException.class,
                                () -> new dev.workbench.page.Dashboard(new Workbench(root))
                                        .act("no-such-action", Map.of(), "someone"))
                        .code())
                .isEqualTo(dev.workbench.core.ErrorCode.NOT_FOUND);
    }

    @Test
    void theMcpPaths_takeOnlyTheBearerToken_whateverTheSpelling() throws Exception {
        String cookie = login();
        assertThat(raw("POST", "/x/../mcp", cookie))
                .as("dot segments still reach /mcp")
                .startsWith("HTTP/1.1 401 ");
        assertThat(raw("GET", "//mcp", cookie)).startsWith("HTTP/1.1 400 ");
        assertThat(raw("GET", "/%2e/mcp", cookie)).startsWith("HTTP/1.1 400 ");
        for (String path : List.of("/", "/review", "/runs", "/events", "/experiments/secret-area")) {
            assertThat(get(path, Map.of("Authorization", "Bearer " + TOKEN)).statusCode())
                    .as("the bearer token opens no page: " + path)
                    .isEqualTo(401);
        }
    }

    @Test
    void eventStreams_beyondTheCap_are503_andAClosedOneFreesItsPlace() throws Exception {
        server.shutdown(Duration.ofSeconds(5));
        server = HttpServer.start(new Workbench(root), settings(new HttpToken(TOKEN, "test")), links::add, 2);
        base = "http://127.0.0.1:" + server.port();
        links.clear();
        server.announceLogin();
        String cookie = login();
        URI uri = URI.create(base);
        String request = "GET /events HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nCookie: " + cookie + "\r\n\r\n";
        try (Socket first = new Socket(uri.getHost(), uri.getPort());
                Socket second = new Socket(uri.getHost(), uri.getPort())) {
            for (Socket s : List.of(first, second)) {
                s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                assertThat(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                                .readLine())
                        .isEqualTo("HTTP/1.1 200 OK");
            }
            String third = raw("GET", "/events", cookie);
            assertThat(third).startsWith("HTTP/1.1 503 ").contains("Retry-After:");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; server.pageStreams() > 0 && System.nanoTime() < deadline; i++) {
            Files.writeString(root.resolve("runbook.md"), "# change " + i + "\n"); // a write finds the closed ones
            Thread.sleep(200);
        }
        assertThat(server.pageStreams()).isZero();
        CompletableFuture<HttpResponse<Stream<String>>> open = http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/events"))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(open.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private String login() throws Exception {
        String link = links.poll(10, TimeUnit.SECONDS);
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(link)).build(), ofString());
        assertThat(r.statusCode()).isEqualTo(303);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** The session's CSRF token, as the page carries it. */
    private String csrf(String cookie) throws Exception {
        Matcher m = CSRF.matcher(get("/no-such-view", Map.of("Cookie", cookie)).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** A request java.net.http would not send (a malformed escape): the whole answer, headers and body. */
    private String raw(String method, String path, String cookie) throws Exception {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000); // an answer that never ends (an event stream) fails instead of hanging
            socket.getOutputStream()
                    .write((method + " " + path + " HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nCookie: " + cookie
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        headers.forEach(b::header);
        return http.send(b.build(), ofString());
    }

    private HttpResponse<String> post(String path, String form, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(b::header);
        return http.send(b.build(), ofString());
    }

    private static HttpResponse.BodyHandler<String> ofString() {
        return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    }

    private static void assertSecurityHeaders(HttpResponse<?> r) {
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .startsWith("default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-")
                        .endsWith("'; img-src data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
                                + " base-uri 'none'"));
        assertThat(r.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
    }

    private static String next(BlockingQueue<String> lines, java.util.function.Predicate<String> wanted, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no such line within " + seconds + " s");
    }
}
