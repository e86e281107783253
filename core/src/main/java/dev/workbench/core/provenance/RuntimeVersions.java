package dev.workbench.core.provenance;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The versions of the language runtimes and tools found on {@code PATH}. Each is asked with its own version
 * command, all at once, each for at most {@link #TIMEOUT_MILLIS}; a command not on {@code PATH} is not spawned.
 * Answers are kept for the life of the JVM, per executable and folder (version managers such as pyenv answer
 * per folder) and per the executable's modification time and size (through its links: {@code python3} is
 * usually a link to {@code python3.12}), so that a long-running server notices a runtime upgraded under it.
 */
final class RuntimeVersions {
    static final long TIMEOUT_MILLIS = 2_000;
    private static final int MAX_OUTPUT = 64 * 1024;
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

    /** Runtime name to the arguments that make it print its version. */
    private static final Map<String, List<String>> PROBES = probes();

    private static final ConcurrentMap<Key, CompletableFuture<Optional<String>>> CACHE = new ConcurrentHashMap<>();
    private static final ExecutorService PROBE_THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "workbench-runtime-version");
        thread.setDaemon(true);
        return thread;
    });

    /** @param version the real file's modification time and size, or null when they cannot be read */
    private record Key(Path folder, Path executable, String version) {
        static Key of(Path folder, Path executable) {
            String version;
            try {
                Path real = executable.toRealPath();
                version = real + "@" + Files.getLastModifiedTime(real).toMillis() + "+" + Files.size(real);
            } catch (IOException | SecurityException e) {
                version = null;
            }
            return new Key(folder, executable, version);
        }
    }

    private RuntimeVersions() {}

    private static Map<String, List<String>> probes() {
        Map<String, List<String>> probes = new LinkedHashMap<>();
        for (String name : List.of(
                "python3", "python", "node", "R", "Rscript", "julia", "uv", "poetry", "conda", "mvn", "cargo")) {
            probes.put(name, List.of("--version"));
        }
        probes.put("java", List.of("-version")); // prints to stderr, which is merged
        probes.put("go", List.of("version")); // go has no --version flag
        return probes;
    }

    /** Probes under way for one folder; {@link #await()} collects them. */
    static final class Pending {
        private final Map<String, CompletableFuture<Optional<String>>> probes;

        private Pending(Map<String, CompletableFuture<Optional<String>>> probes) {
            this.probes = probes;
        }

        /** @return name to version line, sorted by name; runtimes that failed or did not answer in time are left out */
        SortedMap<String, String> await() {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS + 250);
            SortedMap<String, String> versions = new TreeMap<>();
            for (Map.Entry<String, CompletableFuture<Optional<String>>> probe : probes.entrySet()) {
                try {
                    probe.getValue()
                            .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                            .ifPresent(line -> versions.put(probe.getKey(), line));
                } catch (TimeoutException | ExecutionException e) {
                    // no answer: leave it out
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return versions;
        }
    }

    /** Starts (or reuses) the probes of every runtime on {@code PATH}, run in {@code folder}. Does not block. */
    static Pending start(Path folder) {
        return start(folder, searchPath());
    }

    /** {@link #start(Path)} with the given search path instead of {@code PATH}. */
    static Pending start(Path folder, List<Path> path) {
        Map<String, CompletableFuture<Optional<String>>> probes = new LinkedHashMap<>();
        PROBES.forEach((name, arguments) -> {
            Path executable = find(path, name);
            if (executable != null) {
                probes.put(
                        name,
                        CACHE.computeIfAbsent(
                                Key.of(folder, executable),
                                key -> CompletableFuture.supplyAsync(
                                        () -> version(executable, arguments, folder), PROBE_THREADS)));
            }
        });
        return new Pending(probes);
    }

    private static List<Path> searchPath() {
        String path = System.getenv("PATH");
        List<Path> folders = new ArrayList<>();
        if (path != null) {
            for (String folder : path.split(File.pathSeparator)) {
                if (!folder.isEmpty()) {
                    try {
                        folders.add(Path.of(folder));
                    } catch (InvalidPathException e) {
                        // a malformed PATH entry names nothing
                    }
                }
            }
        }
        return folders;
    }

    private static Path find(List<Path> path, String command) {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of(command + ".exe", command + ".cmd", command + ".bat") : List.of(command);
        for (Path folder : path) {
            for (String name : names) {
                Path candidate = folder.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
        }
        return null;
    }

    /** Runs the version command; the first meaningful line of its output when it exits with 0 in time. */
    private static Optional<String> version(Path executable, List<String> arguments, Path folder) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (Files.isDirectory(folder)) {
            builder.directory(folder.toFile());
        }
        builder.environment().put("NO_COLOR", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
            process.getOutputStream().close(); // never let a child read the server's stdin
            CompletableFuture<byte[]> output =
                    CompletableFuture.supplyAsync(() -> readBounded(process.getInputStream()), PROBE_THREADS);
            if (!process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            byte[] text = output.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return firstLine(new String(text, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (IOException | ExecutionException | TimeoutException e) {
            return Optional.empty();
        } finally {
            // Scripts (mvn, conda, shims) start children that would keep the pipe open: stop them all.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static byte[] readBounded(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() < MAX_OUTPUT) {
                    out.write(buffer, 0, Math.min(n, MAX_OUTPUT - out.size()));
                }
            }
        } catch (IOException e) {
            // the process was stopped: keep what arrived
        }
        return out.toByteArray();
    }

    static Optional<String> firstLine(String output) {
        for (String line : output.split("\\R")) {
            String clean = ANSI_ESCAPE.matcher(line).replaceAll("").strip();
            // JVMs announce JAVA_TOOL_OPTIONS before their version
            if (!clean.isEmpty() && !clean.startsWith("Picked up ")) {
                return Optional.of(clean);
            }
        }
        return Optional.empty();
    }
}
