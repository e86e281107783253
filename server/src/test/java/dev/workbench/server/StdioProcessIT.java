package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
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
            assertThat(answer.at("/result/structuredContent/project/name").asText()).isEqualTo("still here");
            peer.send(RawStdio.toolCall(2, "update-project", "{\"name\":\"" + "n".repeat(10 * 1024 * 1024) + "\"}"));
            assertThat(peer.next().at("/result/structuredContent/error/code").asText()).isEqualTo("INPUT_TOO_LARGE");
            peer.closeInput();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exits after end of input").isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }
}
