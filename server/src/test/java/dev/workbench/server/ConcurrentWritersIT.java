package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes write one workspace at once, as a server, hooks and a second agent do: three
 * `aw serve` sessions and a stream of one-shot `aw` commands. No accepted write may be lost.
 */
class ConcurrentWritersIT {
    static final int SERVERS = 3;
    static final int ROUNDS = 60;
    static final int CLI_CALLS = 6;

    @TempDir
    Path root;

    @Test
    void writersInSeveralProcesses_loseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SERVERS + 2);
        List<Future<Integer>> servers = new ArrayList<>();
        for (int s = 0; s < SERVERS; s++) {
            int server = s;
            servers.add(pool.submit(() -> driveServer(server)));
        }
        List<Future<AwProcess>> cli = new ArrayList<>();
        for (int c = 0; c < CLI_CALLS; c++) {
            int call = c;
            cli.add(pool.submit(
                    () -> AwProcess.run(root, "upsert-experiment", "slug=shared", "hypothesis=cli-" + call)));
        }
        int serverWrites = 0;
        for (Future<Integer> f : servers) {
            serverWrites += f.get(5, TimeUnit.MINUTES);
        }
        for (Future<AwProcess> f : cli) {
            AwProcess r = f.get(5, TimeUnit.MINUTES);
            assertThat(r.exitCode()).as(r.stderr()).isZero();
        }
        pool.shutdown();

        AwFiles.assertAllReadable(root);
        int upserts = SERVERS * ROUNDS + CLI_CALLS;
        JsonNode shared = Json.mapper()
                .readTree(root.resolve(".aw/experiments/shared.json").toFile());
        assertThat(shared.get("revision").asInt())
                .as("every upsert of the shared record applied")
                .isEqualTo(upserts);
        List<JsonNode> journal = AwFiles.lines(root.resolve(".aw/journal.jsonl"));
        Set<Integer> ids = new HashSet<>();
        journal.forEach(e -> ids.add(e.get("id").asInt()));
        assertThat(journal).hasSize(SERVERS * ROUNDS);
        assertThat(ids)
                .as("decision ids are unique and dense")
                .hasSize(SERVERS * ROUNDS)
                .allMatch(id -> id >= 1 && id <= SERVERS * ROUNDS);
        // one activity line per write: upserts, decisions and the explicit activity entries
        assertThat(AwFiles.lines(root.resolve(".aw/activity.jsonl")))
                .hasSize(upserts + serverWrites - SERVERS * ROUNDS);
    }

    /** One `aw serve` process: each round patches the shared record, logs a decision and an activity entry. */
    private int driveServer(int server) throws Exception {
        Process p = AwProcess.serve(root);
        int writes = 0;
        try (RawStdio peer = new RawStdio(p.getOutputStream(), p.getInputStream())) {
            peer.initialize();
            for (int i = 0; i < ROUNDS; i++) {
                String tag = "s" + server + "-" + i;
                peer.send(RawStdio.toolCall(
                        tag + "-u", "upsert-experiment", "{\"slug\":\"shared\",\"hypothesis\":\"" + tag + "\"}"));
                peer.send(RawStdio.toolCall(
                        tag + "-d",
                        "log-decision",
                        "{\"context\":\"" + tag + "\",\"options\":[\"a\",\"b\"],"
                                + "\"chosen\":\"a\",\"rationale\":\"r\"}"));
                peer.send(RawStdio.toolCall(
                        tag + "-a", "update-project", "{\"activity\":{\"type\":\"test\",\"title\":\"" + tag + "\"}}"));
                for (int k = 0; k < 3; k++) {
                    JsonNode answer = peer.next();
                    assertThat(answer.at("/result/isError").asBoolean())
                            .as(answer.toString())
                            .isFalse();
                    writes++;
                }
            }
            peer.closeInput();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        return writes;
    }
}
