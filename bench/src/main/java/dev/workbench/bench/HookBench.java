package dev.workbench.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a hook costs the agent (issue 12, item 4): the wall time of {@code bin/aw hook …} as an agent runs it (a new
 * process, the payload on stdin, until it exits), without a server and with {@code aw serve} running for the root
 * (on stdio, kept open by the bench, then {@code --http}), beside {@code java -version} measured in the same rounds.
 * It drives the launcher and Claude Code payloads only, nothing inside the workbench, so it measures whatever the
 * hooks do today. Each round runs every measure once, in the same order, so that the machine's load spreads over all
 * of them; two rounds warm up first; medians are reported.
 *
 * <p>Run with {@code bench/run.sh hooks}, or alone: {@code java bench/src/main/java/dev/workbench/bench/HookBench.java
 * bin/aw [rounds]} (plain JDK, no class path).
 */
public final class HookBench {
    private static final int WARM_UP = 2;

    private final Path aw;
    private final Path root;
    private final String java;
    private final Map<String, List<Double>> times = new LinkedHashMap<>();
    private int toolUses;

    private HookBench(Path aw, Path root) {
        this.aw = aw;
        this.root = root;
        String home = System.getenv("JAVA_HOME");
        this.java = home != null && !home.isEmpty() && Files.isExecutable(Path.of(home, "bin", "java"))
                ? Path.of(home, "bin", "java").toString()
                : "java"; // the JVM bin/aw runs
    }

    public static void main(String[] args) throws Exception {
        Path aw = Path.of(args.length > 0 ? args[0] : "bin/aw").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path root = Files.createTempDirectory("aw-hook-bench-");
        HookBench bench = new HookBench(aw, root);
        try {
            bench.workspace();
            System.out.println("load average before: " + loadAverage());
            bench.rounds("no server", rounds, null);
            Process stdio = bench.serve("serve");
            bench.rounds("aw serve (stdio)", rounds, stdio);
            bench.stop(stdio);
            Process http = bench.serve("serve", "--http", "--port", "0");
            bench.rounds("aw serve --http", Math.max(5, rounds / 3), http);
            bench.stop(http);
            System.out.println("load average after: " + loadAverage());
            bench.print(rounds);
        } finally {
            deleteTree(root);
        }
    }

    /** A git repository with 200 source files, a data folder checkpointed, and an initialised .aw/. */
    private void workspace() throws Exception {
        for (int i = 0; i < 200; i++) {
            Path f = root.resolve("src/module" + (i % 10) + "/file" + i + ".py");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "# file " + i + "\n" + "x = 1\n".repeat(50));
        }
        Files.createDirectories(root.resolve("data"));
        StringBuilder csv = new StringBuilder("day,temp,rain\n");
        for (int i = 0; i < 2000; i++) {
            csv.append(i)
                    .append(',')
                    .append(10 + i % 20)
                    .append(',')
                    .append(i % 7 == 0 ? 1 : 0)
                    .append('\n');
        }
        Files.writeString(root.resolve("data/weather.csv"), csv);
        run(List.of("git", "init", "-q"), null);
        run(List.of("git", "add", "-A"), null);
        run(
                List.of(
                        "git",
                        "-c",
                        "user.name=bench",
                        "-c",
                        "user.email=bench@localhost",
                        "commit",
                        "-q",
                        "-m",
                        "start"),
                null);
        run(List.of(aw.toString(), "--root", root.toString(), "update-project", "name=hook bench"), null);
        run(
                List.of(
                        aw.toString(),
                        "--root",
                        root.toString(),
                        "checkpoint",
                        "--json",
                        "{\"paths\": [\"data\"], \"operation\": \"raw\"}"),
                null);
    }

    private String payload(String event, String command) {
        return "{\"session_id\":\"bench\",\"transcript_path\":\"" + root.resolve("transcript.jsonl") + "\",\"cwd\":\""
                + root
                + "\",\"hook_event_name\":\"" + event + "\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\""
                + command
                + "\",\"description\":\"bench\"},\"tool_use_id\":\"toolu_bench_" + (++toolUses) + "\""
                + (event.equals("PreToolUse")
                        ? ""
                        : ",\"tool_response\":{\"stdout\":\"\",\"stderr\":\"\",\"interrupted\":false,"
                                + "\"isImage\":false}")
                + "}";
    }

    /**
     * One round per iteration: java -version; PreToolUse and PostToolUse of a command that changes nothing;
     * SessionStart; Stop with a current runbook; a command that rewrites a checkpointed file (its PreToolUse and
     * the PostToolUse that records it); Stop after it (the runbook is rewritten).
     */
    private void rounds(String setting, int rounds, Process server) throws Exception {
        for (int i = 0; i < WARM_UP + rounds; i++) {
            boolean keep = i >= WARM_UP;
            time(keep, "java -version", List.of(java, "-version"), null, null);
            String quiet = "ls -la data";
            time(
                    keep,
                    setting + ": pre-tool-use, command that changes nothing",
                    hook("pre-tool-use"),
                    payload("PreToolUse", quiet),
                    server);
            time(
                    keep,
                    setting + ": post-tool-use, command that changed nothing",
                    hook("post-tool-use"),
                    payload("PostToolUse", quiet),
                    server);
            time(
                    keep,
                    setting + ": session-start",
                    hook("session-start"),
                    "{\"session_id\":\"bench\",\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}",
                    server);
            time(
                    keep,
                    setting + ": stop, runbook current",
                    hook("stop"),
                    "{\"session_id\":\"bench\",\"hook_event_name\":\"Stop\",\"stop_hook_active\":false}",
                    server);
            String clean = "python3 scripts/clean.py data/weather.csv > data/clean.csv";
            time(
                    keep,
                    setting + ": pre-tool-use before a run",
                    hook("pre-tool-use"),
                    payload("PreToolUse", clean),
                    server);
            Files.writeString(root.resolve("data/clean.csv"), "day,temp\n" + i + ",12\n" + System.nanoTime() + ",13\n");
            int before = runs();
            time(
                    keep,
                    setting + ": post-tool-use that records a run",
                    hook("post-tool-use"),
                    payload("PostToolUse", clean),
                    server);
            if (runs() != before + 1) {
                throw new IllegalStateException(
                        setting + ": the command was not recorded as a run (" + runs() + " runs)");
            }
            time(
                    keep,
                    setting + ": stop after a run (runbook rewritten)",
                    hook("stop"),
                    "{\"session_id\":\"bench\",\"hook_event_name\":\"Stop\",\"stop_hook_active\":false}",
                    server);
        }
    }

    private List<String> hook(String event) {
        return List.of(aw.toString(), "--root", root.toString(), "hook", event);
    }

    /**
     * Runs the command with the payload on stdin and records its wall time. With a server, the hook must have been
     * answered by it: bin/aw says so on stderr in debug mode, naming the server's pid.
     */
    private void time(boolean keep, String what, List<String> command, String payload, Process server)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().remove("CLAUDE_PROJECT_DIR");
        pb.environment().remove("GEMINI_PROJECT_DIR");
        if (server != null) {
            pb.environment().put("AW_LOG_LEVEL", "debug"); // read by bin/aw's forwarder only; the server has its own
        } else {
            pb.environment().remove("AW_LOG_LEVEL");
        }
        long start = System.nanoTime();
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (payload != null) {
                in.write(payload.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] err;
        try (InputStream out = p.getInputStream();
                InputStream errors = p.getErrorStream()) {
            out.readAllBytes();
            err = errors.readAllBytes();
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(what + ": did not finish");
        }
        double ms = (System.nanoTime() - start) / 1e6;
        String stderr = new String(err, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(what + ": exit " + p.exitValue() + ": " + stderr);
        }
        if (server != null && !stderr.contains("answered by the server (pid " + server.pid() + ",")) {
            throw new IllegalStateException(what + ": not answered by the server: " + stderr);
        }
        if (keep) {
            times.computeIfAbsent(what, k -> new ArrayList<>()).add(ms);
        }
    }

    /** Starts bin/aw with these arguments for the root, waits until it has published its hook endpoint and warmed up. */
    private Process serve(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(aw.toString(), "--root", root.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("AW_LOG_LEVEL");
        Process server = pb.start();
        Path file = root.resolve(".aw/run/hook.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(file) && Files.readString(file).contains("\"pid\": " + server.pid() + "}"))) {
            if (System.nanoTime() > deadline || !server.isAlive()) {
                throw new IllegalStateException("the server did not publish its hook endpoint in " + file);
            }
            Thread.sleep(20);
        }
        Thread.sleep(8_000); // its warm-up starts 2 s after start-up: runtimes' versions, JGit's first read
        return server;
    }

    private void stop(Process server) throws Exception {
        server.getOutputStream().close();
        server.destroy(); // SIGTERM for --http; stdio ends with its input
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
        if (Files.exists(root.resolve(".aw/run/hook.json"))) {
            throw new IllegalStateException("the hook endpoint file outlived its server");
        }
    }

    private int runs() throws IOException {
        Path dir = root.resolve(".aw/runs");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    private void run(List<String> command, String stdin) throws Exception {
        Process p = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + ": " + out);
        }
    }

    private void print(int rounds) {
        double javaVersion = median(times.get("java -version"));
        System.out.println();
        System.out.println(
                "| measure (wall time of the process, " + rounds + " rounds) | median | min | max | × java -version |");
        System.out.println("|---|---|---|---|---|");
        times.forEach((what, list) -> {
            double m = median(list);
            System.out.printf(
                    "| %s | %.1f ms | %.1f ms | %.1f ms | %.2f |%n",
                    what,
                    m,
                    list.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    list.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    m / javaVersion);
        });
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
