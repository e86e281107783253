package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and rollbacks killed with SIGKILL part-way: every manifest names only objects that exist and
 * match their hash, every data file is whole (old or new content, never a mix), and running the same rollback
 * again completes it. Kill points are observed in the workspace (an object written, a file restored), not timed.
 */
class HistoryCrashIT {
    static final int FILES = 40;
    static final int FILE_BYTES = 2 * 1024 * 1024;

    @TempDir
    Path root;

    private Map<String, String> writeData(long seed) throws Exception {
        Random random = new Random(seed);
        Map<String, String> hashes = new HashMap<>();
        Files.createDirectories(root.resolve("data"));
        byte[] bytes = new byte[FILE_BYTES];
        for (int i = 0; i < FILES; i++) {
            random.nextBytes(bytes);
            Path file = root.resolve("data/part-" + i + ".bin");
            Files.write(file, bytes);
            hashes.put(file.getFileName().toString(), sha256(file));
        }
        return hashes;
    }

    @Test
    void checkpointKilledPartWay_neverLeavesAManifestWithMissingObjects() throws Exception {
        writeData(1);
        List<BooleanSupplier> killPoints = List.of(
                () -> count(root.resolve(".aw/tmp")) > 0,
                () -> count(root.resolve(".aw/objects")) >= 10,
                () -> count(root.resolve(".aw/objects")) >= 30);
        for (BooleanSupplier killPoint : killPoints) {
            writeData(killPoints.indexOf(killPoint) + 10); // new content, so every round stores new objects
            killWhen(start("checkpoint", "--json", "{\"paths\":[\"data\"],\"operation\":\"big\"}"), killPoint);
            assertManifestsComplete();
        }
        AwProcess done = AwProcess.run(root, "checkpoint", "--json", "{\"paths\":[\"data\"],\"operation\":\"after\"}");
        assertThat(done.exitCode()).as(done.stderr()).isZero();
        assertManifestsComplete();
    }

    @Test
    void rollbackKilledPartWay_leavesWholeFiles_andRunningItAgainCompletesIt() throws Exception {
        Map<String, String> checkpointed = writeData(1);
        AwProcess cp = AwProcess.run(root, "checkpoint", "--json", "{\"paths\":[\"data\"],\"operation\":\"good\"}");
        assertThat(cp.exitCode()).as(cp.stderr()).isZero();
        for (int round = 0; round < 3; round++) {
            Map<String, String> broken = writeData(100 + round);
            Map<String, Object> inodes = inodes();
            int safetyNumber = (int) count(root.resolve(".aw/checkpoints")) + 1;
            List<BooleanSupplier> killPoints = List.of(
                    () -> count(root.resolve(".aw/tmp")) >= 5, // staging
                    () -> Files.exists(
                            root.resolve(String.format(".aw/checkpoints/%02d_pre-rollback-to-01.json", safetyNumber))),
                    () -> replaced(inodes) >= 1); // renaming
            killWhen(start("rollback", "checkpoint=1"), killPoints.get(round));
            try (Stream<Path> files = Files.list(root.resolve("data"))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".bin")).toList()) {
                    String name = f.getFileName().toString();
                    assertThat(sha256(f))
                            .as("round %d: %s is whole", round, name)
                            .isIn(checkpointed.get(name), broken.get(name));
                }
            }
            assertManifestsComplete();
            AwProcess again = AwProcess.run(root, "rollback", "checkpoint=1");
            assertThat(again.exitCode()).as(again.stderr()).isZero();
            for (Map.Entry<String, String> e : checkpointed.entrySet()) {
                assertThat(sha256(root.resolve("data/" + e.getKey())))
                        .as(e.getKey())
                        .isEqualTo(e.getValue());
            }
        }
    }

    private Map<String, Object> inodes() throws IOException {
        Map<String, Object> inodes = new HashMap<>();
        try (Stream<Path> files = Files.list(root.resolve("data"))) {
            for (Path f : files.toList()) {
                inodes.put(f.getFileName().toString(), Files.getAttribute(f, "unix:ino"));
            }
        }
        return inodes;
    }

    /** Files renamed into place since {@code before} was taken: a restore gives a file a new inode. */
    private int replaced(Map<String, Object> before) {
        int replaced = 0;
        for (Map.Entry<String, Object> e : before.entrySet()) {
            try {
                if (!e.getValue().equals(Files.getAttribute(root.resolve("data/" + e.getKey()), "unix:ino"))) {
                    replaced++;
                }
            } catch (IOException ex) {
                replaced++;
            }
        }
        return replaced;
    }

    private Process start(String... args) throws IOException {
        return new ProcessBuilder(Processes.aw(args))
                .directory(root.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Kills the process with SIGKILL as soon as {@code point} holds (or lets it finish if it never does). */
    private static void killWhen(Process p, BooleanSupplier point) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && !point.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Every manifest parses and every object it names exists with the right content. */
    private void assertManifestsComplete() throws Exception {
        Path dir = root.resolve(".aw/checkpoints");
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> manifests = Files.list(dir)) {
            for (Path m : manifests.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode manifest = Json.mapper().readTree(m.toFile());
                for (JsonNode entry : manifest.get("entries")) {
                    if ("file".equals(entry.get("type").asText())) {
                        String sha = entry.get("sha256").asText();
                        Path object = root.resolve(".aw/objects/" + sha.substring(0, 2) + "/" + sha.substring(2));
                        assertThat(object)
                                .as(m.getFileName() + " names " + entry.get("path"))
                                .exists();
                        assertThat(sha256(object)).isEqualTo(sha);
                    }
                }
            }
        }
    }

    private static long count(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a file vanished while listing: look again
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
