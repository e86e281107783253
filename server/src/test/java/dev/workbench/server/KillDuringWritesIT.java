package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL in the middle of a stream of writes leaves every file readable (old or new,
 * never half-written), and the next process carries on from there.
 */
class KillDuringWritesIT {
    @TempDir
    Path root;

    @Test
    void killMinusNine_midWriteLoop_leavesEveryFileReadable() throws Exception {
        int[] killAfter = {1, 7, 23, 61, 150};
        for (int round = 0; round < killAfter.length; round++) {
            Process p = AwProcess.serve(root);
            try (RawStdio peer = new RawStdio(p.getOutputStream(), p.getInputStream())) {
                peer.initialize();
                String bigData = metrics(round);
                for (int i = 0; i < 400; i++) {
                    String slug = "exp-" + (i % 4); // collecting: data comes only after the freeze
                    peer.send(RawStdio.toolCall(
                            i,
                            "upsert-experiment",
                            "{\"slug\":\"" + slug + "\",\"controlVariant\":\"a\","
                                    + "\"treatmentVariants\":[\"b\"],\"primaryMetricEvent\":\"event_0\","
                                    + "\"observationStart\":\"2026-11-01\",\"status\":\"collecting\","
                                    + "\"trafficWeights\":{\"a\":1,\"b\":" + (round * 1000 + i + 1) + "},"
                                    + "\"inputData\":" + bigData + "}"));
                    if (i % 5 == 0) {
                        peer.send(RawStdio.toolCall(
                                "d" + i,
                                "log-decision",
                                "{\"context\":\"round " + round + "\","
                                        + "\"options\":[\"x\",\"y\"],\"chosen\":\"x\",\"rationale\":\""
                                        + "why ".repeat(200) + "\"}"));
                    }
                }
                for (int k = 0; k < killAfter[round]; k++) {
                    peer.next();
                }
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, mid-stream
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(AwFiles.assertAllReadable(root)).isPositive();
        }
        AwProcess after = AwProcess.run(root, "get-project");
        assertThat(after.exitCode()).as(after.stderr()).isZero();
        JsonNode project = Json.mapper().readTree(after.stdout());
        assertThat(project.at("/experiments/total").asInt()).isEqualTo(4);
        AwProcess claim = AwProcess.run(root, "upsert-claim", "slug=after-the-kills", "statement=written after");
        assertThat(claim.exitCode()).as(claim.stderr()).isZero();
        AwProcess next = AwProcess.run(root, "upsert-experiment", "slug=exp-0", "claim=after-the-kills");
        assertThat(next.exitCode()).as(next.stderr()).isZero();
    }

    /** Enough data that a record takes several kilobytes to write. */
    private static String metrics(int round) {
        StringBuilder m = new StringBuilder("{\"metrics\":{");
        for (int e = 0; e < 40; e++) {
            m.append(e == 0 ? "" : ",")
                    .append("\"event_")
                    .append(e)
                    .append("\":{\"a\":{\"n\":")
                    .append(1000 + round)
                    .append(",\"k\":")
                    .append(e)
                    .append("},\"b\":{\"n\":1000,\"k\":")
                    .append(e + 1)
                    .append("}}");
        }
        return m.append("}}").toString();
    }
}
