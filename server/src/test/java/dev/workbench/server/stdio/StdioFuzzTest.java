package dev.workbench.server.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Workbench;
import dev.workbench.server.RawStdio;
import dev.workbench.server.StdioFuzz;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated stdio lines, good and bad mixed (see {@link StdioFuzz}), against the real server behind
 * {@link RobustStdio}: every line with a usable id is answered exactly once with that id, every line without
 * one that is not a notification or response exactly once with id null, notifications and responses not at
 * all, and a ping after them all is still answered. {@code -Dworkbench.fuzz.seed} and
 * {@code -Dworkbench.fuzz.lines} replay or widen a run.
 */
class StdioFuzzTest {
    static final long SEED = Long.getLong("workbench.fuzz.seed", 20261201L);
    static final int LINES = Integer.getInteger("workbench.fuzz.lines", 3000);

    @TempDir
    Path root;

    @Test
    void everyLineIsAnsweredAsItShouldBe_andTheSessionGoesOn() throws Exception {
        List<StdioFuzz.Case> cases = new StdioFuzz(SEED).generate(LINES);
        Pipe in = new Pipe();
        Pipe out = new Pipe();
        StdioServer server = StdioServer.start(new Workbench(root), in.source(), out.sink());
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        Thread reader = collect(out.source(), answers);
        try {
            OutputStream toServer = in.sink();
            write(toServer, RawStdio.INITIALIZE.getBytes(StandardCharsets.UTF_8));
            awaitFirst(answers);
            write(toServer, RawStdio.INITIALIZED.getBytes(StandardCharsets.UTF_8));
            for (StdioFuzz.Case c : cases) {
                write(toServer, c.line());
            }
            write(toServer, StdioFuzz.FINAL_PING.getBytes(StandardCharsets.UTF_8));
        } finally {
            in.sink().close(); // the server answers everything read before it lets the session end
            server.awaitInputEnd();
            server.close();
            out.sink().close();
            reader.join();
        }
        assertThat(answers.remove(0)).contains("\"id\":\"init\"");
        System.err.println("StdioFuzzTest: seed " + SEED + ", " + StdioFuzz.summary(cases));
        assertThat(StdioFuzz.check(cases, answers)).as("seed " + SEED).isEmpty();
        assertThat(StdioFuzz.answersOnly(answers)).hasSize(StdioFuzz.expectedAnswers(cases));
    }

    static void write(OutputStream out, byte[] line) throws IOException {
        out.write(line);
        out.write('\n');
        out.flush();
    }

    static Thread collect(InputStream from, List<String> into) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            into.add(line);
                        }
                    } catch (IOException e) {
                        into.add("reading the answers failed: " + e);
                    }
                },
                "fuzz-answers");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for the answer to initialize (the server answers nothing else before it, so it comes first). */
    static void awaitFirst(List<String> answers) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (answers.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(answers).as("the answer to initialize").isNotEmpty();
    }
}
