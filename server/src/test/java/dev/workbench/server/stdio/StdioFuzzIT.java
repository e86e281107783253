package dev.workbench.server.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.server.Processes;
import dev.workbench.server.RawStdio;
import dev.workbench.server.StdioFuzz;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StdioFuzzTest}'s lines, another seed, against {@code aw serve} as a process: the real stdin and stdout,
 * the process's own JSON settings. Every request is answered once, notifications not at all, a last ping is
 * answered, and the process ends cleanly at end of input.
 */
class StdioFuzzIT {
    static final long SEED = Long.getLong("workbench.fuzz.seed", 11L);
    static final int LINES = Integer.getInteger("workbench.fuzz.itLines", 600);

    @TempDir
    Path root;

    @TempDir
    Path logs;

    @Test
    void everyLineIsAnsweredAsItShouldBe_andTheProcessGoesOn() throws Exception {
        List<StdioFuzz.Case> cases = new StdioFuzz(SEED).generate(LINES);
        Path stderr = logs.resolve("stderr.txt");
        Process p = new ProcessBuilder(Processes.aw("--root", root.toString(), "serve"))
                .redirectError(stderr.toFile())
                .start();
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        Thread reader = StdioFuzzTest.collect(p.getInputStream(), answers);
        try (OutputStream toServer = p.getOutputStream()) {
            StdioFuzzTest.write(toServer, RawStdio.INITIALIZE.getBytes(StandardCharsets.UTF_8));
            StdioFuzzTest.awaitFirst(answers);
            StdioFuzzTest.write(toServer, RawStdio.INITIALIZED.getBytes(StandardCharsets.UTF_8));
            for (StdioFuzz.Case c : cases) {
                StdioFuzzTest.write(toServer, c.line());
            }
            StdioFuzzTest.write(toServer, StdioFuzz.FINAL_PING.getBytes(StandardCharsets.UTF_8));
        } // end of input: the process answers what it read, then exits
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(exited)
                .as("exited after end of input; stderr:\n" + tail(stderr))
                .isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(answers.remove(0)).contains("\"id\":\"init\"");
        System.err.println("StdioFuzzIT: seed " + SEED + ", " + StdioFuzz.summary(cases));
        assertThat(StdioFuzz.check(cases, answers))
                .as("seed " + SEED + "; stderr:\n" + tail(stderr))
                .isEmpty();
        assertThat(StdioFuzz.answersOnly(answers)).hasSize(StdioFuzz.expectedAnswers(cases));
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
