package dev.workbench.server.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.workbench.server.AwProcess;
import dev.workbench.server.Processes;
import dev.workbench.server.http.HttpToken;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/aw hook …} with and without a running {@code aw serve}: the server's endpoint in {@code .aw/run/hook.json},
 * the bash forwarder, and the fall-back to a JVM. Which side answered is observable three ways: {@code bin/aw}'s
 * debug line (AW_LOG_LEVEL=debug), the server's own debug log, and a PATH without {@code java}, where only an answer
 * that started no JVM can succeed.
 */
class HookForwardingIT {
    private static final Pattern ENDPOINT =
            Pattern.compile("\\{\"port\": ([0-9]+), \"token\": \"([0-9a-f]{64})\", \"pid\": ([0-9]+)}\n");

    @TempDir
    Path root;

    @TempDir
    Path scratch;

    private final List<Process> servers = new ArrayList<>();

    @BeforeEach
    void initialise() throws Exception {
        assertThat(AwProcess.run(root, "update-project", "name=Hooks").exitCode())
                .isZero();
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/in.csv"), "a,b\n1,2\n");
        assertThat(AwProcess.run(root, "checkpoint", "--json", "{\"paths\":[\"data\"],\"operation\":\"raw\"}")
                        .exitCode())
                .isZero();
    }

    @AfterEach
    void stopServers() throws IOException {
        servers.forEach(Process::destroyForcibly);
        if (bashOnly != null) {
            Files.delete(bashOnly.resolve("bash")); // the link, not bash
            Files.delete(bashOnly);
        }
    }

    /** bin/aw of this repository: the launcher that finds the jar under test (server/target/aw.jar). */
    private static Path launcher() {
        return Processes.jar()
                .toAbsolutePath()
                .getParent()
                .getParent()
                .getParent()
                .resolve("bin/aw");
    }

    private int toolUses;

    /** A Claude Code tool-hook payload for a Bash command (the PostToolUse form; PreToolUse reads the same fields). */
    private String payload(String command) {
        return "{\"session_id\":\"abc\",\"transcript_path\":\"/tmp/t.jsonl\",\"cwd\":\"" + root + "\","
                + "\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"" + command
                + "\",\"description\":\"x\"},\"tool_use_id\":\"toolu_" + (++toolUses) + "\",\"tool_response\":"
                + "{\"stdout\":\"\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false}}";
    }

    /** The command that writes data/out.csv, named in it, so that it is a run by effect and by wording. */
    private static final String CLEAN = "python3 clean.py data/in.csv > data/out.csv";

    /** Writes what {@link #CLEAN} writes, as the command would between its two hooks. */
    private void runClean() throws IOException {
        Files.writeString(root.resolve("data/out.csv"), "b\n" + System.nanoTime() + "\n");
    }

    /** PreToolUse, the command's effect, PostToolUse: what the agent's hooks see around a command that is a run. */
    private AwProcess recordedRun(Map<String, String> env) throws Exception {
        String payload = payload(CLEAN);
        AwProcess pre = hook("pre-tool-use", payload, env);
        assertThat(pre.exitCode()).as(pre.stderr()).isZero();
        runClean();
        return hook("post-tool-use", payload, env);
    }

    private AwProcess hook(String event, String payload, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher().toString(), "hook", event).directory(root.toFile());
        pb.environment().remove("CLAUDE_PROJECT_DIR");
        pb.environment().remove("GEMINI_PROJECT_DIR");
        pb.environment().put("AW_LOG_LEVEL", "debug");
        pb.environment().putAll(env);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(payload.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new AwProcess(
                p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private AwProcess hook(String event, String payload) throws Exception {
        return hook(event, payload, Map.of());
    }

    private Path bashOnly;

    /** A PATH holding bash alone: bin/aw can run, java cannot be found, so success means no JVM was started. */
    private Map<String, String> withoutJava() throws IOException {
        if (bashOnly == null) {
            bashOnly = Files.createTempDirectory("aw-bash-only");
            Files.createSymbolicLink(
                    bashOnly.resolve("bash"), Path.of("/bin/bash").toRealPath());
        }
        return Map.of("PATH", bashOnly.toString(), "JAVA_HOME", "");
    }

    /** {@code aw serve --root ROOT} on stdio, its stdin kept open, its stderr (debug log) in a file. */
    private Process serve(String name) throws IOException {
        List<String> cmd = Processes.aw("--root", root.toString(), "serve");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectError(scratch.resolve(name + ".log").toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("AW_LOG_LEVEL", "debug");
        Process p = pb.start();
        servers.add(p);
        return p;
    }

    /** {@code aw serve --http} on a free port, its debug log in a file. */
    private Process serveHttp(String name) throws IOException {
        List<String> cmd = Processes.aw("--root", root.toString(), "serve", "--http", "--port", "0");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectError(scratch.resolve(name + ".log").toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("AW_LOG_LEVEL", "debug");
        pb.environment().put(HttpToken.ENV, "a-token-for-the-http-test-only");
        Process p = pb.start();
        servers.add(p);
        return p;
    }

    private String log(String name) throws IOException {
        return Files.readString(scratch.resolve(name + ".log"));
    }

    private Path endpointFile() {
        return root.resolve(".aw/run/hook.json");
    }

    /** The published endpoint once it names {@code server}. */
    private Matcher publishedBy(Process server) throws Exception {
        await(
                () -> {
                    Matcher m = endpoint();
                    return m != null && Long.parseLong(m.group(3)) == server.pid();
                },
                "the endpoint of pid " + server.pid() + " in " + endpointFile());
        return endpoint();
    }

    private Matcher endpoint() {
        try {
            Matcher m = ENDPOINT.matcher(Files.readString(endpointFile()));
            return m.matches() ? m : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Waits for a condition that another process brings about (no time is asserted: 60 s is only a hang guard). */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never came: " + what);
            }
            Thread.sleep(20);
        }
    }

    private List<Path> runs() throws IOException {
        Path dir = root.resolve(".aw/runs");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }

    private static void exit(Process server) throws Exception {
        server.getOutputStream().close(); // stdin's end: the session is over
        assertThat(server.waitFor(60, TimeUnit.SECONDS))
                .as("the server exits at the end of its input")
                .isTrue();
    }

    @Test
    void withAServer_hooksAreAnsweredByIt_withoutAJvm_andWithoutOne_inProcess() throws Exception {
        Process server = serve("server");
        Matcher published = publishedBy(server);
        assertThat(Files.getPosixFilePermissions(endpointFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(endpointFile().getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));

        AwProcess quiet = hook("post-tool-use", payload("ls -la data"), withoutJava());
        assertThat(quiet.exitCode()).as(quiet.stderr()).isZero();
        assertThat(quiet.stderr())
                .contains("aw: hook post-tool-use answered by the server (pid " + server.pid() + ", port "
                        + published.group(1) + ")");
        assertThat(runs()).isEmpty();

        AwProcess recorded = recordedRun(withoutJava());
        assertThat(recorded.exitCode()).as(recorded.stderr()).isZero();
        assertThat(recorded.stderr()).contains("answered by the server (pid " + server.pid());
        assertThat(runs()).as("the server recorded the run").hasSize(1);
        assertThat(log("server")).contains("hook post-tool-use answered by the server");

        AwProcess pre = hook("PreToolUse", payload("python3 clean.py"), withoutJava());
        assertThat(pre.exitCode()).as(pre.stderr()).isZero();
        assertThat(pre.stderr()).contains("hook PreToolUse answered by the server");

        AwProcess bad = hook("post-tool-use", "not json {", withoutJava());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr())
                .contains("aw hook post-tool-use: INVALID_INPUT: stdin: expected the hook's JSON payload");

        AwProcess summary = hook("session-start", "{\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}");
        assertThat(summary.stderr()).contains("answered by the server");
        assertThat(summary.stdout()).contains("Workbench project: Hooks", "runs: 1");

        exit(server);
        assertThat(endpointFile()).as("removed at exit").doesNotExist();

        AwProcess alone = hook("session-start", "{\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}");
        assertThat(alone.stderr()).contains("runs in a JVM").doesNotContain("answered by the server");
        assertThat(alone.stdout()).as("the same answer in-process").isEqualTo(summary.stdout());
        assertThat(recordedRun(Map.of()).exitCode()).isZero();
        assertThat(runs()).hasSize(2);
        assertThat(hook("post-tool-use", payload("ls"), withoutJava()).exitCode())
                .as("with no server the JVM is needed")
                .isNotZero();
    }

    @Test
    void theHttpServerAnswersHooksToo_andRemovesItsFileOnSigterm() throws Exception {
        Process server = serveHttp("http");
        publishedBy(server);
        AwProcess recorded = recordedRun(withoutJava());
        assertThat(recorded.exitCode()).as(recorded.stderr()).isZero();
        assertThat(recorded.stderr()).contains("answered by the server (pid " + server.pid());
        assertThat(runs()).hasSize(1);
        server.destroy(); // SIGTERM: the shutdown hooks stop HTTP and the hook endpoint
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(endpointFile()).doesNotExist();
    }

    @Test
    void aServerKilledWithSigkill_leavesAStaleFile_thatIsHarmless_andTheNextServerReplacesIt() throws Exception {
        Process first = serve("first");
        publishedBy(first);
        first.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(endpoint()).as("the stale file stays").isNotNull();

        AwProcess fallback = recordedRun(Map.of());
        assertThat(fallback.exitCode()).as(fallback.stderr()).isZero();
        assertThat(fallback.stderr()).contains("runs in a JVM");
        assertThat(runs()).hasSize(1);

        Process second = serve("second");
        publishedBy(second);
        AwProcess forwarded = recordedRun(withoutJava());
        assertThat(forwarded.stderr()).contains("answered by the server (pid " + second.pid());
        assertThat(runs()).hasSize(2);
        exit(second);
        assertThat(endpointFile()).doesNotExist();
    }

    @Test
    void twoServers_theNewestAnswers_andTheFirstTakesOverWhenItExits() throws Exception {
        Process first = serve("first");
        publishedBy(first);
        Process second = serve("second");
        publishedBy(second);
        assertThat(hook("stop", "{}", withoutJava()).stderr()).contains("answered by the server (pid " + second.pid());

        exit(second);
        publishedBy(first);
        assertThat(first.isAlive()).isTrue();
        assertThat(hook("stop", "{}", withoutJava()).stderr()).contains("answered by the server (pid " + first.pid());
        exit(first);
        assertThat(endpointFile()).doesNotExist();
    }

    /** Sends a raw request to the endpoint and returns the whole answer. */
    private static String send(int port, String header, byte[] body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(header.getBytes(StandardCharsets.UTF_8));
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server refused before reading the body and closed the connection
            }
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWrongToken_anOversizedOrMalformedRequest_areRefusedWithoutEffect() throws Exception {
        Process server = serve("server");
        Matcher published = publishedBy(server);
        int port = Integer.parseInt(published.group(1));
        String token = published.group(2);
        byte[] body = payload(CLEAN).getBytes(StandardCharsets.UTF_8);
        assertThat(send(port, "AW-HOOK 1\n" + token + "\npre-tool-use\n\n" + body.length + "\n", body))
                .isEqualTo("AW-HOOK 0 0 0\n");
        runClean();
        String wrong = token.substring(0, 63) + (token.endsWith("0") ? "1" : "0");

        assertThat(send(port, "AW-HOOK 1\n" + wrong + "\npost-tool-use\n\n" + body.length + "\n", body))
                .isEqualTo("AW-HOOK refused wrong token\n");
        assertThat(send(port, "AW-HOOK 1\n\npost-tool-use\n\n" + body.length + "\n", body))
                .isEqualTo("AW-HOOK refused wrong token\n");
        int over = HookEndpoint.MAX_PAYLOAD + 1;
        assertThat(send(port, "AW-HOOK 1\n" + token + "\npost-tool-use\n\n" + over + "\n", new byte[0]))
                .startsWith("AW-HOOK refused payload over 16777216 bytes");
        assertThat(send(port, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", new byte[0]))
                .startsWith("AW-HOOK refused");
        assertThat(send(port, "AW-HOOK 1\n" + token + "\npost-tool-use\n\nten\n", body))
                .isEqualTo("AW-HOOK refused malformed request\n");
        assertThat(runs()).as("nothing refused was run").isEmpty();
        assertThat(log("server")).contains("wrong token", "over the limit");

        // the same request with the token is run: the refusals above were not for want of an effect
        assertThat(send(port, "AW-HOOK 1\n" + token + "\npost-tool-use\n\n" + body.length + "\n", body))
                .isEqualTo("AW-HOOK 0 0 0\n");
        assertThat(runs()).hasSize(1);
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void theEndpointListensOnTheLoopbackAddressOnly() throws Exception {
        Process server = serve("server");
        int port = Integer.parseInt(publishedBy(server).group(1));
        // /proc/net/tcp(6): the one listening socket (state 0A) of that port is bound to 127.0.0.1 (0100007F, or as an
        // IPv4-mapped IPv6 address where Java opened a dual-stack socket), never to a wildcard or another address
        String hexPort = String.format(":%04X", port);
        List<String> local = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                    local.add(f[1]);
                }
            }
        }
        assertThat(local).hasSize(1);
        assertThat(local.get(0)).isIn("0100007F" + hexPort, "0000000000000000FFFF00000100007F" + hexPort);

        List<InetAddress> external = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            Collections.list(nic.getInetAddresses()).stream()
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .forEach(external::add);
        }
        assumeThat(external).as("a non-loopback address to try").isNotEmpty();
        for (InetAddress address : external) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 10_000);
                throw new AssertionError("the endpoint answered on " + address);
            } catch (ConnectException expected) {
                assertThat(expected).hasMessageContaining("refused");
            }
        }
    }

    @Test
    void aRootWithoutAw_toolHooksExitAtOnceInBash_andSessionStartStillPrintsItsHint() throws Exception {
        Path bare = Files.createDirectories(scratch.resolve("bare"));
        for (String event : List.of("pre-tool-use", "post-tool-use", "post-tool-use-failure", "stop", "PostToolUse")) {
            ProcessBuilder pb = new ProcessBuilder(launcher().toString(), "--root", bare.toString(), "hook", event);
            pb.environment().putAll(withoutJava());
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(payload("python3 clean.py").getBytes(StandardCharsets.UTF_8));
            }
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(event + ": " + err).isZero();
        }
        assertThat(bare.resolve(".aw")).doesNotExist();
        ProcessBuilder pb = new ProcessBuilder(
                        launcher().toString(), "--root", bare.toString(), "hook", "session-start")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("no .aw/ here yet");
        assertThat(bare.resolve(".aw")).doesNotExist();
    }

    /**
     * A stand-in endpoint on {@code fake}: takes one connection, reads the request whole (the point after which a real
     * server may have run it), then writes {@code answer} (null: nothing) and closes. Returns the request's event.
     */
    private static Thread fakeEndpoint(ServerSocket fake, String answer, AtomicReference<String> event) {
        Thread t = new Thread(
                () -> {
                    try (Socket s = fake.accept()) {
                        s.setSoTimeout(60_000);
                        InputStream in = new BufferedInputStream(s.getInputStream());
                        String[] header = new String[5];
                        for (int i = 0; i < header.length; i++) {
                            header[i] = HookWire.line(in);
                        }
                        in.readNBytes(Integer.parseInt(header[4]));
                        event.set(header[2]);
                        if (answer != null) {
                            s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                            s.getOutputStream().flush();
                        }
                    } catch (IOException | RuntimeException e) {
                        event.set("failed: " + e);
                    }
                },
                "fake-endpoint");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aServerThatClosesWithoutAnswering_leavesTheEffectUnknown_andOnlyARefusalRunsTheHookInAJvm() throws Exception {
        String payload = payload(CLEAN);
        AwProcess pre = hook("pre-tool-use", payload); // no server yet: the JVM notes the command's start
        assertThat(pre.exitCode()).as(pre.stderr()).isZero();
        runClean();
        try (ServerSocket fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // published as a server would (this user's file, mode 0600, a live pid: this JVM's)
            Files.createDirectories(endpointFile().getParent());
            Files.writeString(
                    endpointFile(),
                    "{\"port\": " + fake.getLocalPort() + ", \"token\": \"" + "ab".repeat(32) + "\", \"pid\": "
                            + ProcessHandle.current().pid() + "}\n");
            Files.setPosixFilePermissions(endpointFile(), PosixFilePermissions.fromString("rw-------"));

            AtomicReference<String> seen = new AtomicReference<>();
            Thread silent = fakeEndpoint(fake, null, seen);
            AwProcess post = hook("post-tool-use", payload);
            silent.join(60_000);
            assertThat(seen.get()).as("the request reached the endpoint").isEqualTo("post-tool-use");
            assertThat(post.exitCode()).isEqualTo(1);
            assertThat(post.stderr())
                    .contains("closed the connection without an answer", "the hook's effect is unknown")
                    .doesNotContain("runs in a JVM");
            assertThat(runs()).as("not run a second time in a JVM").isEmpty();

            // an explicit refusal means nothing ran there: the JVM runs the hook, and records the run
            Thread refusing = fakeEndpoint(fake, "AW-HOOK refused busy\n", seen);
            AwProcess refused = hook("post-tool-use", payload);
            refusing.join(60_000);
            assertThat(refused.exitCode()).as(refused.stderr()).isZero();
            assertThat(refused.stderr()).contains("refused by the server (busy)", "runs in a JVM");
            assertThat(runs()).hasSize(1);
        }
    }

    @Test
    void connectionsWithoutTheToken_cannotHoldTheEndpoint_andTheirExcessIsRefusedAtOnce() throws Exception {
        Process server = serve("server");
        int port = Integer.parseInt(publishedBy(server).group(1));
        // More of them than the endpoint has workers, fewer than it reads headers at once; each sends a byte every
        // half second, so that no single read waits long: only a deadline across reads ends them.
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < HookEndpoint.MAX_UNAUTHENTICATED - 6; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.getOutputStream().write('A');
            stalled.add(s);
        }
        AtomicBoolean trickling = new AtomicBoolean(true);
        Thread trickle = new Thread(
                () -> {
                    while (trickling.get()) {
                        for (Socket s : stalled) {
                            try {
                                s.getOutputStream().write('A');
                            } catch (IOException e) {
                                // refused and closed by the server
                            }
                        }
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "trickle");
        trickle.start();
        try {
            Map<String, String> env = new HashMap<>(withoutJava());
            env.put("AW_HOOK_TIMEOUT", "40"); // a hang guard: the hook is answered, or bin/aw gives up
            AwProcess answered = hook("post-tool-use", payload("ls -la data"), env);
            assertThat(answered.exitCode()).as(answered.stderr()).isZero();
            assertThat(answered.stderr()).contains("answered by the server (pid " + server.pid());
        } finally {
            trickling.set(false);
            trickle.join();
            for (Socket s : stalled) {
                s.close();
            }
        }

        // Silent connections, more than the header readers: every one is refused (nothing runs), the excess at once.
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < HookEndpoint.MAX_UNAUTHENTICATED + 24; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                s.setSoTimeout(60_000);
                flood.add(s);
            }
            List<String> answers = new ArrayList<>();
            for (Socket s : flood) {
                answers.add(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            }
            assertThat(answers).allSatisfy(a -> assertThat(a).startsWith("AW-HOOK refused "));
            assertThat(answers).contains("AW-HOOK refused busy\n");
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
        assertThat(log("server")).contains("sent no complete header");
        assertThat(server.isAlive()).isTrue();
        AwProcess after = hook("stop", "{}", withoutJava());
        assertThat(after.stderr()).contains("answered by the server (pid " + server.pid());
    }
}
