package dev.workbench.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under measure: {@code bin/aw --root DIR serve --http --port 0} with the token in its environment, as a
 * separate process, and what the bench reads of it from outside: its CPU time (/proc), its heap, live objects and MCP
 * sessions (jcmd), RSS, threads and file descriptors. The JVM's pid is the launcher's, since bin/aw execs java.
 */
final class HttpServerProcess implements AutoCloseable {
    private static final String SESSION_CLASS = "io.modelcontextprotocol.spec.McpStreamableServerSession";
    private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)/mcp");
    private static final Pattern USED = Pattern.compile("(generation|Metaspace)\\s+(?:total (\\d+)K, )?used (\\d+)K");
    private static final long CLOCK_TICKS = clockTicks();

    final Process process;
    final String base;
    final long pid;
    final Path root;
    final Path stdout;
    final StringBuffer stderr;
    /** The bearer token the server was started with, which every client sends. */
    final String token;

    private HttpServerProcess(Process process, String base, Path root, Path stdout, StringBuffer stderr, String token) {
        this.process = process;
        this.base = base;
        this.pid = process.pid(); // bin/aw execs java, so the launcher's pid is the JVM's
        this.root = root;
        this.stdout = stdout;
        this.stderr = stderr;
        this.token = token;
    }

    static HttpServerProcess start(Path aw, Path root, String token) throws Exception {
        Path stdout = Files.createTempFile("aw-http-bench-stdout-", ".txt");
        ProcessBuilder pb = new ProcessBuilder(
                        aw.toString(), "--root", root.toString(), "serve", "--http", "--port", "0")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile());
        pb.environment().put("AW_HTTP_TOKEN", token);
        Process p = pb.start();
        StringBuffer err = new StringBuffer();
        Thread reader = new Thread(() -> copy(p.getErrorStream(), err), "aw-stderr");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = URL.matcher(err);
            if (m.find()) {
                HttpServerProcess server = new HttpServerProcess(p, m.group(1), root, stdout, err, token);
                String comm = Files.readString(Path.of("/proc/" + server.pid + "/comm"))
                        .trim();
                if (!comm.equals("java")) {
                    throw new IllegalStateException("pid " + server.pid + " is " + comm + ", not the JVM");
                }
                return server;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("aw serve --http exited with " + p.exitValue() + ":\n" + err);
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new IllegalStateException("aw serve --http did not start in 60 s:\n" + err);
    }

    /** User + system CPU seconds of the server so far, from /proc/PID/stat. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
    }

    /** Full GC, then heap and metaspace in use, live MCP sessions, RSS and threads. */
    Sample sample(int calls) throws Exception {
        jcmd("GC.run");
        long heap = 0;
        long committed = 0;
        long meta = 0;
        Matcher m = USED.matcher(jcmd("GC.heap_info"));
        while (m.find()) {
            if (m.group(1).equals("Metaspace")) {
                meta = Long.parseLong(m.group(3));
            } else {
                committed += Long.parseLong(m.group(2));
                heap += Long.parseLong(m.group(3));
            }
        }
        Map<String, long[]> histogram = new LinkedHashMap<>();
        for (String line : jcmd("GC.class_histogram").split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && parts[0].endsWith(":")) {
                histogram.put(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
            }
        }
        long sessions = histogram.getOrDefault(SESSION_CLASS, new long[2])[0];
        long live = histogram.values().stream().mapToLong(v -> v[1]).sum() / 1024;
        int fds;
        try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds = (int) list.count();
        }
        long rss = 0;
        int threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("\\D", ""));
            }
        }
        return new Sample(calls, live, heap, committed, meta, rss, threads, fds, sessions, histogram);
    }

    private String jcmd(String command) throws Exception {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + out);
        }
        return out;
    }

    /** How many records get-project pages through and how long the activity log it counts has grown. */
    String describeWorkspace() throws IOException {
        Path aw = root.resolve(".aw");
        long experiments;
        try (var list = Files.list(aw.resolve("experiments"))) {
            experiments = list.filter(p -> p.toString().endsWith(".json")).count();
        }
        Path activity = aw.resolve("activity.jsonl");
        long lines;
        try (var all = Files.lines(activity)) {
            lines = all.count();
        }
        return experiments + " experiments, activity.jsonl " + lines + " lines (" + Files.size(activity) / 1024
                + " KiB)";
    }

    /** In HTTP mode the server has no MCP channel on stdout: anything there is a bug worth showing. */
    void checkQuietStdout() throws IOException {
        long bytes = Files.size(stdout);
        if (bytes > 0) {
            System.out.println("WARNING: the server wrote " + bytes + " bytes to stdout: " + Files.readString(stdout));
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: the graceful stop
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("aw serve --http did not stop within 60 s:\n" + stderr);
        }
        String warnings = stderr.toString()
                .lines()
                .filter(l -> !l.startsWith("aw: "))
                .limit(5)
                .reduce("", (a, b) -> a + "\n  " + b);
        if (!warnings.isEmpty()) {
            System.out.println("server stderr (first lines other than aw:'s own):" + warnings);
        }
        Files.deleteIfExists(stdout);
        new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor();
    }

    private static void copy(InputStream in, StringBuffer into) {
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return 100;
        }
    }

    /**
     * Live objects (the class histogram's total, taken after its own full GC); heap in use just after a full GC, which
     * also counts the thread-local allocation buffers handed out since, and its committed size; metaspace, RSS,
     * threads, open file descriptors (sockets included), live MCP sessions, and instances and bytes per class.
     */
    record Sample(
            int calls,
            long liveKiB,
            long heapKiB,
            long committedKiB,
            long metaspaceKiB,
            long rssKiB,
            int threads,
            int fds,
            long sessions,
            Map<String, long[]> histogram) {}
}
