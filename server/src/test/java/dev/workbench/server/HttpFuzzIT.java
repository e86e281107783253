package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz lines of {@link StdioFuzz} as POST bodies, to {@code /mcp} in one Streamable HTTP session and to
 * {@code /message}: never a 500 or a stack trace; a body with a usable id gets exactly one JSON-RPC answer with
 * that id (200 from the SDK, or 400 from the guard), one without gets a 400 JSON-RPC error with id null, a
 * notification 202; and the session still answers a ping at the end. The SDK's own 500s for a notification or
 * response (see {@link #problem}) are let through only as one-line JSON-RPC errors, never a stack trace.
 */
class HttpFuzzIT {
    static final long SEED = Long.getLong("workbench.fuzz.seed", 29L);
    static final int BODIES = Integer.getInteger("workbench.fuzz.httpBodies", 300);
    static final String TOKEN = "fuzz-token-0123456789abcdef";

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyBodyIsAnsweredAsItShouldBe_andTheSessionGoesOn() throws Exception {
        List<StdioFuzz.Case> cases = new StdioFuzz(SEED).generate(BODIES);
        try (HttpAw server = HttpAw.start(root, TOKEN)) {
            HttpResponse<String> init =
                    post(server, "/mcp", null, RawStdio.INITIALIZE.getBytes(StandardCharsets.UTF_8));
            assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertThat(post(server, "/mcp", session, RawStdio.INITIALIZED.getBytes(StandardCharsets.UTF_8))
                            .statusCode())
                    .isEqualTo(202);
            List<String> problems = new ArrayList<>();
            for (StdioFuzz.Case c : cases) {
                HttpResponse<String> r = post(server, "/mcp", session, c.line());
                String problem = problem(c, r);
                if (problem != null) {
                    problems.add(problem + " for " + c.show());
                }
            }
            HttpResponse<String> last =
                    post(server, "/mcp", session, StdioFuzz.FINAL_PING.getBytes(StandardCharsets.UTF_8));
            System.err.println("HttpFuzzIT: seed " + SEED + ", " + StdioFuzz.summary(cases));
            assertThat(problems).as("seed " + SEED).isEmpty();
            assertThat(messages(last))
                    .singleElement()
                    .satisfies(m -> assertThat(m.has("result")).isTrue());
        }
    }

    /** The guard answers what the SDK cannot take before it looks for a session: the same on the older transport. */
    @Test
    void theOlderTransport_getsTheSameAnswers() throws Exception {
        try (HttpAw server = HttpAw.start(root, TOKEN)) {
            String[][] bodies = {
                {"{\"jsonrpc\":\"2.0\",\"id\":99999999999999999999,\"method\":\"ping\"}", "99999999999999999999"},
                {"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":{\"x\":NaN}}", "7"},
                {
                    "{\"jsonrpc\":\"2.0\",\"id\":\"deep\",\"method\":\"ping\",\"params\":{\"x\":" + "[".repeat(1500)
                            + "]".repeat(1500) + "}}",
                    "\"deep\""
                },
                {"[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", "null"},
                {"", "null"},
            };
            for (String[] body : bodies) {
                HttpResponse<String> r =
                        post(server, "/message?sessionId=none", null, body[0].getBytes(StandardCharsets.UTF_8));
                assertThat(r.statusCode()).as(body[0]).isEqualTo(400);
                assertThat(Json.mapper().readTree(r.body()).get("id").toString())
                        .as(body[0])
                        .isEqualTo(body[1]);
            }
            assertThat(server.postInitialize(Map.of("Authorization", "Bearer " + TOKEN))
                            .statusCode())
                    .as("still serving")
                    .isEqualTo(200);
        }
    }

    private static String problem(StdioFuzz.Case c, HttpResponse<String> r) {
        if (c.expect() == StdioFuzz.Expect.NONE
                && r.statusCode() == 500
                && r.body()
                        .startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,"
                                + "\"error\":{\"code\":-32603,\"message\":\"Error processing message: ")
                && !r.body().contains("\n")) {
            // The SDK's own 500s, as one-line JSON-RPC errors: a response to a request it never sent ("Unexpected
            // response for unknown id"), and roots/list_changed when it cannot ask for the roots at once ("Stream
            // unavailable for session", a race with the session's GET stream).
            return null;
        }
        if (r.statusCode() >= 500 || r.body().contains("stackTrace") || r.body().contains("\tat ")) {
            return "status " + r.statusCode() + ", body " + r.body();
        }
        boolean blank = new String(c.line(), StandardCharsets.UTF_8)
                .replace("\uFEFF", "")
                .isBlank();
        List<JsonNode> messages;
        try {
            messages = messages(r);
        } catch (Exception e) {
            return "status " + r.statusCode() + ", a body that is not JSON-RPC: " + r.body();
        }
        StdioFuzz.Expect expect = blank ? StdioFuzz.Expect.NULL_ID : c.expect(); // an empty body is refused
        switch (expect) {
            case NONE:
                return r.statusCode() == 202 && messages.isEmpty()
                        ? null
                        : "expected 202, got " + r.statusCode() + " " + r.body();
            case NULL_ID:
                return r.statusCode() == 400
                                && messages.size() == 1
                                && messages.get(0).get("id").isNull()
                                && messages.get(0).has("error")
                        ? null
                        : "expected 400 with id null, got " + r.statusCode() + " " + r.body();
            default:
                if (messages.size() != 1 || (r.statusCode() != 200 && r.statusCode() != 400)) {
                    return "expected one answer, got " + r.statusCode() + " " + r.body();
                }
                String key = StdioFuzz.idKey(rawMessage(r));
                return key.equals(c.idKey()) ? null : "expected id " + c.idKey() + ", got " + key + ": " + r.body();
        }
    }

    /** The JSON-RPC messages of a response: its JSON body, or the data lines of its event stream. */
    private static List<JsonNode> messages(HttpResponse<String> r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("text/event-stream")) {
            for (String line : r.body().split("\n")) {
                if (line.startsWith("data:")) {
                    out.add(Json.mapper().readTree(line.substring(5).trim()));
                }
            }
        } else if (!r.body().isBlank()) {
            out.add(Json.mapper().readTree(r.body()));
        }
        return out;
    }

    /** The one message's text as the server wrote it (ids are compared as written, digit for digit). */
    private static String rawMessage(HttpResponse<String> r) {
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data:")) {
                return line.substring(5).trim();
            }
        }
        return r.body();
    }

    private HttpResponse<String> post(HttpAw server, String path, String session, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
