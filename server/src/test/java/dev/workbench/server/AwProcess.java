package dev.workbench.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code aw} as a separate process and captures what it printed. */
public record AwProcess(int exitCode, String stdout, String stderr) {

    public static AwProcess run(Path workingDir, String... args) {
        try {
            Process p = new ProcessBuilder(Processes.aw(args))
                    .directory(workingDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            var out = p.getInputStream().readAllBytes();
            var err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("aw " + List.of(args) + " did not finish in 60 s");
            }
            return new AwProcess(
                    p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts {@code aw serve} with pipes for stdin and stdout; stderr goes to the test's stderr. */
    public static Process serve(Path root) {
        try {
            return new ProcessBuilder(Processes.aw("serve", "--root", root.toString()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
