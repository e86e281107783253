package dev.workbench.bench;

import dev.workbench.core.provenance.Environment;
import dev.workbench.core.provenance.EnvironmentSnapshot;
import dev.workbench.core.provenance.GitProvenance;
import dev.workbench.core.provenance.GitState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;

/**
 * Not a test: times provenance on a repository of 10,000 committed files with 10 modified and 5 untracked.
 * Prints one table; the first row of each operation is its first call in this JVM (class loading, JGit's
 * file-system probe, spawning the runtimes' version commands).
 *
 * <pre>
 * java -cp core/target/test-classes:core/target/classes:$(cat cp.txt) dev.workbench.core.provenance.ProvenanceBench [files] [runs]
 * ... ProvenanceBench create DIR [files]   # leaves a dirty repository in DIR
 * ... ProvenanceBench first DIR            # first calls of a fresh JVM on it
 * </pre>
 */
public final class ProvenanceBench {
    private ProvenanceBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("create")) {
            createRepository(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 10_000);
            return;
        }
        if (args.length > 0 && args[0].equals("first")) {
            firstCalls(Path.of(args[1]));
            return;
        }
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path root = Files.createTempDirectory("provenance-bench");
        try {
            long setup = System.nanoTime();
            createRepository(root, files);
            System.out.printf(
                    "setup: %d files committed in %d ms (%s)%n", files, (System.nanoTime() - setup) / 1_000_000, root);
            System.out.printf(
                    "%-26s %10s %10s %10s %10s%n", "operation (warm JVM)", "first ms", "median ms", "min ms", "max ms");
            int[] id = {0};
            System.out.println(time("describe, dirty", runs, () -> GitProvenance.describe(root)));
            System.out.println(time("snapshot, dirty", runs, () -> GitProvenance.snapshot(root, "bench-" + id[0]++)));
            System.out.println(time("Environment.capture", runs, () -> Environment.capture(root)));
            System.out.println(time("snapshot + capture", runs, () -> {
                GitProvenance.snapshot(root, "bench-" + id[0]++);
                return Environment.capture(root);
            }));
            try (Git git = Git.open(root.toFile())) {
                git.add().addFilepattern(".").call();
                git.commit()
                        .setMessage("dirt")
                        .setAuthor("Bench", "bench@example.org")
                        .setCommitter("Bench", "bench@example.org")
                        .setSign(false)
                        .call();
            }
            System.out.println(time("describe, clean (full walk)", runs, () -> GitProvenance.describe(root)));
            System.out.println(time("snapshot, clean (full walk)", runs, () -> GitProvenance.snapshot(root, "clean")));
            System.out.println("state: " + GitProvenance.describe(root));
            System.out.println("runtimes: " + Environment.capture(root).runtimes());
        } finally {
            deleteTree(root);
        }
    }

    /** The first calls of a fresh JVM on an existing repository, as a hook's {@code aw record-run} would make them. */
    private static void firstCalls(Path root) {
        long start = System.nanoTime();
        GitState described = GitProvenance.describe(root);
        long describe = System.nanoTime();
        GitState snapshot = GitProvenance.snapshot(root, "first-" + System.currentTimeMillis());
        long snap = System.nanoTime();
        EnvironmentSnapshot environment = Environment.capture(root);
        long capture = System.nanoTime();
        System.out.printf(
                "first describe %.1f ms, then first snapshot %.1f ms, then first capture %.1f ms; total %.1f ms%n",
                (describe - start) / 1e6, (snap - describe) / 1e6, (capture - snap) / 1e6, (capture - start) / 1e6);
        System.out.println(described + "\n" + snapshot + "\n" + environment.runtimes());
    }

    private static String time(String name, int runs, Supplier<Object> operation) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            long start = System.nanoTime();
            Object result = operation.get();
            millis.add((System.nanoTime() - start) / 1e6);
            if (result == null) {
                throw new IllegalStateException(name + " answered null");
            }
        }
        double first = millis.remove(0);
        Collections.sort(millis);
        return String.format(
                "%-26s %10.1f %10.1f %10.1f %10.1f",
                name, first, millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1));
    }

    /** files spread over folders of 100, committed with an old modification time (as in a real checkout), then dirtied. */
    private static void createRepository(Path root, int files) throws Exception {
        FileTime anHourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        for (int i = 0; i < files; i++) {
            Path file = root.resolve(String.format("module%03d/file%05d.py", i / 100, i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, "# file " + i + "\n" + "x = " + i + "\n".repeat(1) + "print(x * 2)\n".repeat(5));
            Files.setLastModifiedTime(file, anHourAgo);
        }
        Files.writeString(root.resolve(".gitignore"), "*.log\n");
        try (Git git =
                Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("10k files")
                    .setAuthor("Bench", "bench@example.org")
                    .setCommitter("Bench", "bench@example.org")
                    .setSign(false)
                    .call();
        }
        for (int i = 0; i < 10; i++) {
            int n = i * 997 % files;
            Files.writeString(
                    root.resolve(String.format("module%03d/file%05d.py", n / 100, n)),
                    "# modified " + i + "\n",
                    StandardOpenOption.APPEND);
        }
        for (int i = 0; i < 5; i++) {
            Files.writeString(root.resolve("new" + i + ".csv"), "a,b\n" + i + "," + i + "\n");
        }
        Files.writeString(root.resolve("run.log"), "ignored\n");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
