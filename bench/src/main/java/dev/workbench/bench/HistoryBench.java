package dev.workbench.bench;

import dev.workbench.core.Workbench;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The history targets of issue 4, through one `aw serve` session (what an agent's calls cost): checkpoint of a
 * 1 GiB file against `cp` of it (and `cp` + `sync`, since a checkpoint forces its objects to disk), an unchanged
 * re-checkpoint, a rollback of the changed file, and record-run on a repository of 10,000 files.
 *
 * <p>{@code HistoryBench --in-process [rounds]} times the checkpoint alone, inside this JVM (no jar needed, only the
 * class path): rounds of {@code cp && sync} and a checkpoint of new content (the objects removed before each), one
 * after the other, so both see the same machine; run it on a quiet machine, since hashing competes for the CPU.
 */
public final class HistoryBench {
    private static final String INIT =
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}";
    private static final long GIB = 1L << 30;

    private final Path aw;

    private HistoryBench(Path aw) {
        this.aw = aw;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--in-process")) {
            inProcess(args.length > 1 ? Integer.parseInt(args[1]) : 5);
            return;
        }
        HistoryBench bench =
                new HistoryBench(Path.of(args.length > 0 ? args[0] : "bin/aw").toAbsolutePath());
        bench.bigFile();
        bench.recordRun(10_000);
    }

    private void bigFile() throws Exception {
        Path root = Files.createTempDirectory("aw-hbench-");
        Path big = root.resolve("big.bin");
        write(big, GIB, 1);
        double cp = median(
                3,
                () -> time(() ->
                        command("cp", big.toString(), root.resolve("copy.bin").toString())),
                () -> Files.deleteIfExists(root.resolve("copy.bin")));
        double cpSync = median(
                3,
                () -> time(() -> command("sh", "-c", "cp " + big + " " + root.resolve("copy.bin") + " && sync")),
                () -> Files.deleteIfExists(root.resolve("copy.bin")));
        try (Session s = Session.start(aw, root)) {
            double first = s.timed("checkpoint", "{\"paths\":[\"big.bin\"],\"operation\":\"first\"}");
            double again = median(
                    5, () -> s.timed("checkpoint", "{\"paths\":[\"big.bin\"],\"operation\":\"again\"}"), () -> {});
            // change the file the way a pipeline step would: rewritten in full
            write(big, GIB, 2);
            double rollback = s.timed("rollback", "{\"checkpoint\":\"01_first\"}");
            row("checkpoint of a 1 GiB file (new content)", first, cp, cpSync);
            row("re-checkpoint of the unchanged file (median of 5)", again, cp, cpSync);
            row("rollback of the rewritten 1 GiB file", rollback, cp, cpSync);
        }
        System.out.printf("cp: %.0f ms, cp + sync: %.0f ms (median of 3)%n", cp, cpSync);
        command("rm", "-rf", root.toString());
    }

    private static void inProcess(int rounds) throws Exception {
        Path root = Files.createTempDirectory("aw-hbench-");
        Path big = root.resolve("big.bin");
        write(big, GIB, 1);
        Workbench wb = new Workbench(root);
        double first = time(() -> wb.checkpoints().create(List.of("big.bin"), "first", null));
        double[] cpSync = new double[rounds];
        double[] checkpoint = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            cpSync[i] = time(() -> command("sh", "-c", "cp " + big + " " + root.resolve("copy.bin") + " && sync"));
            Files.delete(root.resolve("copy.bin"));
            command("sh", "-c", "rm -rf " + root.resolve(".aw/objects") + " " + root.resolve(".aw/cache") + " && sync");
            int n = i;
            checkpoint[i] = time(() -> wb.checkpoints().create(List.of("big.bin"), "round" + n, null));
        }
        Arrays.sort(cpSync);
        Arrays.sort(checkpoint);
        double cp = cpSync[rounds / 2];
        System.out.printf(
                "%-52s %8.0f ms   %.2f× cp+sync%n", "checkpoint of a 1 GiB file, first in the JVM", first, first / cp);
        System.out.printf(
                "%-52s %8.0f ms   %.2f× cp+sync%n",
                "checkpoint of a 1 GiB file (new content, median of " + rounds + ")",
                checkpoint[rounds / 2],
                checkpoint[rounds / 2] / cp);
        System.out.printf("cp + sync: %.0f ms (median of %d, interleaved)%n", cp, rounds);
        command("rm", "-rf", root.toString());
    }

    private void recordRun(int files) throws Exception {
        Path root = Files.createTempDirectory("aw-hbench-repo-");
        for (int i = 0; i < files; i++) {
            Path f = root.resolve("src/pkg" + (i % 100) + "/file" + i + ".txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "line " + i + "\n");
        }
        command("git", "-C", root.toString(), "init", "-q");
        command("git", "-C", root.toString(), "add", ".");
        command("git", "-C", root.toString(), "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "init");
        for (int i = 0; i < 10; i++) {
            Files.writeString(root.resolve("src/pkg" + i + "/file" + i + ".txt"), "changed " + i + "\n");
        }
        Files.writeString(root.resolve("new_step.py"), "print(1)\n");
        try (Session s = Session.start(aw, root)) {
            s.timed("record-run", "{\"command\":\"warm up\"}");
            double run = median(
                    7,
                    () -> s.timed("record-run", "{\"command\":\"python new_step.py\",\"inputs\":[\"new_step.py\"]}"),
                    () -> {});
            System.out.printf(
                    "%-52s %8.0f ms   target ≤ 300 ms (dirty tree: snapshot commit each time)%n",
                    "record-run, repository of " + files + " files (median of 7)", run);
        }
        long start = System.nanoTime();
        command(aw.toString(), "record-run", "--root", root.toString(), "command=one-shot");
        System.out.printf(
                "%-52s %8.0f ms   (a fresh JVM, as a hook runs it)%n",
                "aw record-run, same repository", (System.nanoTime() - start) / 1e6);
        command("rm", "-rf", root.toString());
    }

    private static void row(String what, double ms, double cp, double cpSync) {
        System.out.printf("%-52s %8.0f ms   %.2f× cp   %.2f× cp+sync%n", what, ms, ms / cp, ms / cpSync);
    }

    private static void write(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                out.write(chunk);
            }
        }
    }

    private static void command(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }

    interface Measured {
        double run() throws Exception;
    }

    interface Step {
        void run() throws Exception;
    }

    private static double time(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(int n, Measured measured, Step after) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ms[i] = measured.run();
            after.run();
        }
        Arrays.sort(ms);
        return ms[n / 2];
    }

    /** One `aw serve` session; tool calls are timed from sending to the answer line. */
    private static final class Session implements AutoCloseable {
        private final AtomicInteger ids = new AtomicInteger(1);
        private final Process process;
        private final OutputStream in;
        private final BufferedReader out;

        private Session(Process process) {
            this.process = process;
            this.in = process.getOutputStream();
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Session start(Path aw, Path root) throws IOException {
            Process p = new ProcessBuilder(aw.toString(), "serve", "--root", root.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            Session session = new Session(p);
            session.in.write((INIT + "\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
            session.in.flush();
            session.out.readLine();
            return session;
        }

        double timed(String tool, String arguments) throws IOException {
            String line = "{\"jsonrpc\":\"2.0\",\"id\":" + ids.incrementAndGet()
                    + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments
                    + "}}\n";
            long start = System.nanoTime();
            in.write(line.getBytes(StandardCharsets.UTF_8));
            in.flush();
            String answer = out.readLine();
            double ms = (System.nanoTime() - start) / 1e6;
            if (answer == null || answer.contains("\"isError\":true")) {
                throw new IllegalStateException(tool + " failed: " + answer);
            }
            return ms;
        }

        @Override
        public void close() throws Exception {
            in.close();
            process.waitFor();
        }
    }
}
