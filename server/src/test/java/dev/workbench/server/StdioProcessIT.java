package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `aw serve` as a real process: only JSON-RPC on stdout, malformed lines survived, clean exit at end of input. */
class StdioProcessIT {
    @TempDir
    Path root;

    @Test
    void malformedLines_areAnswered_andTheProcessKeepsServing_thenExitsAtEndOfInput() throws Exception {
        Process p = AwProcess.serve(root);
        try (RawStdio peer = new RawStdio(p.getOutputStream(), p.getInputStream())) {
            peer.send("garbage");
            assertThat(peer.next().at("/error/code").asInt()).isEqualTo(-32700);
            peer.initialize();
            byte[] big = new byte[10 * 1024 * 1024 + 1];
            Arrays.fill(big, (byte) '{');
            big[big.length - 1] = '\n';
            peer.sendBytes(big);
            assertThat(peer.next().at("/error/code").asInt()).isEqualTo(-32700);
            peer.send(RawStdio.toolCall(1, "update-project", "{\"name\":\"still here\"}"));
            JsonNode answer = peer.next();
            assertThat(answer.at("/result/structuredContent/project/name").asText())
                    .isEqualTo("still here");
            peer.send(RawStdio.toolCall(2, "update-project", "{\"name\":\"" + "n".repeat(10 * 1024 * 1024) + "\"}"));
            assertThat(peer.next().at("/result/structuredContent/error/code").asText())
                    .isEqualTo("INPUT_TOO_LARGE");
            peer.closeInput();
            assertThat(p.waitFor(20, TimeUnit.SECONDS))
                    .as("exits after end of input")
                    .isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    /** A stdio subscriber hears about a write made by another process (aw in a hook), and the list change. */
    @Test
    void aSubscriber_hearsAWriteByAnotherProcess() throws Exception {
        Process p = AwProcess.serve(root);
        try (RawStdio peer = new RawStdio(p.getOutputStream(), p.getInputStream())) {
            peer.initialize();
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"resources/subscribe\","
                    + "\"params\":{\"uri\":\"aw://experiments/from-hook\"}}");
            assertThat(peer.next().get("id").asText()).isEqualTo("s");
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":\"bad\",\"method\":\"resources/subscribe\",\"params\":{}}");
            JsonNode refused = peer.next();
            assertThat(refused.at("/error/code").asInt()).as(refused.toString()).isEqualTo(-32602);
            assertThat(refused.at("/error/message").asText()).contains("params.uri");
            AwProcess hook = AwProcess.run(root, "upsert-experiment", "slug=from-hook", "hypothesis=written by a hook");
            assertThat(hook.exitCode()).as(hook.stderr()).isZero();
            Set<String> heard = new HashSet<>();
            while (!heard.containsAll(List.of("updated aw://experiments/from-hook", "list_changed"))) {
                JsonNode message = peer.next(); // fails after 20 s without a message
                String method = message.path("method").asText();
                if (method.equals("notifications/resources/updated")) {
                    heard.add("updated " + message.at("/params/uri").asText());
                } else if (method.equals("notifications/resources/list_changed")) {
                    heard.add("list_changed");
                }
            }
            peer.closeInput();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }
}
