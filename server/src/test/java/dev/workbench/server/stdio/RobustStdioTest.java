package dev.workbench.server.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Workbench;
import dev.workbench.server.RawStdio;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed input on stdin is answered with a JSON-RPC error and the session goes on serving. */
class RobustStdioTest {
    @TempDir
    Path root;

    StdioServer server;
    RawStdio peer;

    @BeforeEach
    void start() {
        Pipe in = new Pipe();
        Pipe out = new Pipe();
        server = StdioServer.start(new Workbench(root), in.source(), out.sink());
        peer = new RawStdio(in.sink(), out.source());
    }

    @AfterEach
    void stop() throws InterruptedException {
        peer.close();
        server.awaitInputEnd();
        server.close();
    }

    private void assertStillServes(String id) {
        peer.send(RawStdio.toolCall(id, "get-project", "{}"));
        JsonNode answer = peer.next();
        assertThat(answer.path("id").asText()).isEqualTo(id);
        assertThat(answer.at("/result/structuredContent/initialized").isBoolean())
                .isTrue();
    }

    @Test
    void notJson_beforeInitialize_isAParseError_thenInitializeWorks() {
        peer.send("this is not json");
        JsonNode error = peer.next();
        assertThat(error.at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(error.get("id").isNull()).isTrue();
        peer.initialize();
        assertStillServes("after-garbage");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "wrong version|{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}|-32600|7",
                "no jsonrpc|{\"id\":8,\"method\":\"ping\"}|-32600|8",
                "batch|[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]|-32600|",
                "scalar|42|-32600|",
                "method not a string|{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":5}|-32600|9",
                "params not an object|{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":\"x\"}|-32600|10",
                "id is an object|{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}|-32600|",
                "neither request nor response|{\"jsonrpc\":\"2.0\",\"id\":11}|-32600|11",
                "truncated json, the id read before the break|{\"jsonrpc\":\"2.0\",\"id\":12,\"method\"|-32700|12",
                "truncated before the id|{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\"|-32700|",
                "id beyond 64 bits|{\"jsonrpc\":\"2.0\",\"id\":99999999999999999999,\"method\":\"ping\"}|-32600|99999999999999999999",
                "id below -2^63|{\"jsonrpc\":\"2.0\",\"id\":-9223372036854775809,\"method\":\"ping\"}|-32600|-9223372036854775809",
                "nested 1001 deep|{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"ping\",\"params\":{\"x\":DEEP}}|-32700|13",
                "id after deep nesting|{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"x\":DEEP},\"id\":\"late\"}|-32700|late",
                "bare NaN|{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"ping\",\"params\":{\"x\":NaN}}|-32700|14",
                "Infinity id|{\"jsonrpc\":\"2.0\",\"id\":Infinity,\"method\":\"ping\"}|-32700|",
                "trailing garbage|{\"jsonrpc\":\"2.0\",\"id\":15,\"method\":\"ping\"} x|-32700|15",
                "response with null result|{\"jsonrpc\":\"2.0\",\"id\":16,\"result\":null}|-32600|16",
                "response error code beyond 32 bits|{\"jsonrpc\":\"2.0\",\"id\":17,\"error\":{\"code\":4294967296,\"message\":\"m\"}}|-32600|17",
                "unknown log level|{\"jsonrpc\":\"2.0\",\"id\":18,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"loud\"}}|-32602|18",
                "log level missing|{\"jsonrpc\":\"2.0\",\"id\":19,\"method\":\"logging/setLevel\",\"params\":{}}|-32602|19"
            })
    void malformedMessage_getsAnErrorAndTheSessionGoesOn(String what, String line, int code, String id) {
        peer.initialize();
        peer.send(line.replace("DEEP", "[".repeat(1001) + "]".repeat(1001)));
        JsonNode error = peer.next();
        assertThat(error.at("/error/code").asInt()).as(what).isEqualTo(code);
        if (id == null) {
            assertThat(error.get("id").isNull()).isTrue();
        } else {
            assertThat(error.get("id").asText()).isEqualTo(id);
        }
        assertStillServes("after-" + what.replace(' ', '-'));
    }

    @Test
    void unknownLogLevel_namesTheFieldAndTheLevels_andAKnownOneIsAccepted() {
        peer.initialize();
        peer.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"loud\"}}");
        JsonNode refused = peer.next();
        assertThat(refused.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(refused.at("/error/message").asText())
                .isEqualTo("params.level: expected one of debug, "
                        + "info, notice, warning, error, critical, alert, emergency; got \"loud\"");
        peer.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"notice\"}}");
        JsonNode ok = peer.next();
        assertThat(ok.path("id").asInt()).isEqualTo(2);
        assertThat(ok.has("result")).as(ok.toString()).isTrue();
    }

    @Test
    void lineStartingWithAByteOrderMark_isProcessed() {
        peer.initialize();
        peer.sendBytes(
                ("\uFEFF" + RawStdio.toolCall("bom", "get-project", "{}") + "\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer = peer.next();
        assertThat(answer.path("id").asText()).isEqualTo("bom");
        assertThat(answer.at("/result/isError").asBoolean())
                .as(answer.toString())
                .isFalse();
        assertStillServes("after-bom");
    }

    @Test
    void carriageReturnBetweenTokens_isWhitespace_notTheEndOfTheLine() {
        peer.initialize();
        peer.send("{\"jsonrpc\":\"2.0\",\r\"id\":\"cr\",\r\"method\":\"ping\"}");
        JsonNode answer = peer.next();
        assertThat(answer.path("id").asText()).isEqualTo("cr");
        assertThat(answer.has("result")).as(answer.toString()).isTrue();
        assertStillServes("after-cr");
    }

    @Test
    void tenMegabyteLine_ofGarbage_isRejected_andTheNextRequestServed() {
        peer.initialize();
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) 'x');
        big[big.length - 1] = '\n';
        peer.sendBytes(big);
        assertThat(peer.next().at("/error/code").asInt()).isEqualTo(-32700);
        assertStillServes("after-10mb");
    }

    @Test
    void lineOverTheLimit_isSkippedWithoutBufferingIt() {
        peer.initialize();
        byte[] huge = new byte[RobustStdio.MAX_LINE_BYTES + 1024];
        Arrays.fill(huge, (byte) 'y');
        peer.sendBytes(huge);
        peer.sendBytes("\n".getBytes(StandardCharsets.UTF_8));
        JsonNode error = peer.next();
        assertThat(error.at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(error.at("/error/message").asText()).contains("longer than");
        assertStillServes("after-huge");
    }

    @Test
    void wellFormedButWrongParams_areAnsweredByTheSdk_andTheSessionGoesOn() {
        peer.initialize();
        peer.send("{\"jsonrpc\":\"2.0\",\"id\":\"bad-name\",\"method\":\"tools/call\",\"params\":{\"name\":5}}");
        assertThat(peer.next().at("/error/code").asInt()).isEqualTo(-32602);
        peer.send(
                "{\"jsonrpc\":\"2.0\",\"id\":\"no-args\",\"method\":\"tools/call\",\"params\":{\"name\":\"get-project\"}}");
        assertThat(peer.next().at("/result/isError").asBoolean())
                .as("arguments may be left out")
                .isFalse();
        peer.send("{\"jsonrpc\":\"2.0\",\"id\":\"no-such\",\"method\":\"no/such/method\"}");
        assertThat(peer.next().at("/error/code").asInt()).isEqualTo(-32601);
        assertStillServes("after-wrong-params");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "arguments a string|{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"tools/call\",\"params\":{\"name\":\"get-project\",\"arguments\":\"str\"}}|arguments: expected a JSON object",
                "arguments an array|{\"jsonrpc\":\"2.0\",\"id\":22,\"method\":\"tools/call\",\"params\":{\"name\":\"get-project\",\"arguments\":[1]}}|arguments: expected a JSON object",
                "no params|{\"jsonrpc\":\"2.0\",\"id\":23,\"method\":\"tools/call\"}|params: required"
            })
    void toolCallWithUnusableArguments_isAToolError_notAnInternalError(String what, String line, String message) {
        peer.initialize();
        peer.send(line);
        JsonNode answer = peer.next();
        assertThat(answer.has("error")).as(answer.toString()).isFalse();
        assertThat(answer.at("/result/isError").asBoolean()).isTrue();
        assertThat(answer.at("/result/structuredContent/error/code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(answer.at("/result/content/0/text").asText()).startsWith("INVALID_INPUT: " + message);
        assertStillServes("after-" + what.replace(' ', '-'));
    }

    @Test
    void endOfInput_withoutInitialize_doesNotWaitForAnswersThatCannotCome() {
        peer.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        peer.closeInput();
        // Not a speed check: well under the 60 s drain, which is what a regression would wait for.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> server.awaitInputEnd());
    }

    @Test
    void requestsWrittenAllAtOnceBeforeEndOfInput_areAllAnswered() {
        peer.send(RawStdio.INITIALIZE);
        peer.send(RawStdio.INITIALIZED);
        for (int i = 0; i < 50; i++) {
            peer.send(
                    RawStdio.toolCall(i, "update-project", "{\"activity\":{\"type\":\"t\",\"title\":\"n" + i + "\"}}"));
        }
        peer.closeInput();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 51; i++) {
            ids.add(peer.next().path("id").asText());
        }
        assertThat(ids).hasSize(51).contains("init", "0", "49");
    }
}
