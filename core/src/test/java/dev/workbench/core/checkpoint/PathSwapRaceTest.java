package dev.workbench.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Sha256;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 11, kept as tests: a thread swaps {@code data/} for a symbolic link to a folder outside the
 * root, over and over, while checkpoints (finding 1) or rollbacks (finding 2) run. Nothing from outside may end up
 * in {@code .aw/objects/}, nothing outside may be deleted, changed or created, and every call ends in a result or a
 * coded error. Each test stops after {@link #MAX_ITERATIONS} calls or {@link #MAX_MILLIS}, whichever comes first,
 * and prints its counts and timings to stderr.
 */
class PathSwapRaceTest {
    static final int MAX_ITERATIONS = 200;
    static final long MAX_MILLIS = 20_000;
    /** What a call may answer while its folder is being swapped: a result, or one of these. */
    static final Set<ErrorCode> CLEAN =
            Set.of(ErrorCode.PATH_OUTSIDE_ROOT, ErrorCode.NOT_FOUND, ErrorCode.INVALID_INPUT);

    @TempDir
    Path base;

    Path root;
    Path outside;
    Path data;
    Path parked;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(base.resolve("project"));
        outside = Files.createDirectories(base.resolve("elsewhere"));
        data = root.resolve("data");
        Files.createDirectories(data.resolve("sub"));
        parked = root.resolve("data.real");
    }

    @Test
    void checkpointsWhileDataIsSwappedForALinkOutside_neverStoreTheOutsideFiles() throws Exception {
        String secret = "outside secret " + System.nanoTime() + "\n";
        Files.writeString(outside.resolve("secret.txt"), secret);
        Files.createDirectories(outside.resolve("sub"));
        Files.writeString(outside.resolve("sub/secret.txt"), secret + "2\n");
        Files.writeString(data.resolve("secret.txt"), "inside\n");
        Files.writeString(data.resolve("sub/secret.txt"), "inside too\n");
        Map<String, String> outsideBefore = snapshot(outside);
        Workbench wb = new Workbench(root);
        List<String> targets = List.of("data", "data/secret.txt", "data/sub", "data/sub/secret.txt");

        Outcomes outcomes = new Outcomes();
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        Swapper swapper = new Swapper(2);
        swapper.start();
        // two callers, so one waits for the workspace lock while the other holds it (where finding 1 struck)
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread caller = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < MAX_ITERATIONS && !overTime(started); ) {
                    String path = targets.get(i % targets.size());
                    // Call while data/ is the real folder, so the check passes and the swap meets the use.
                    while (Files.isSymbolicLink(data) && !overTime(started)) {
                        Thread.onSpinWait();
                    }
                    outcomes.record(() -> wb.checkpoints().create(List.of(path), "race", null));
                }
            });
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }
        swapper.stopAndRestore();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf(
                "checkpoint race: %d checkpoints (%s) in %.1f s, %d swaps%n",
                outcomes.total(), outcomes, seconds, swapper.swaps.get());

        assertThat(outcomes.total()).isPositive();
        assertThat(outcomes.ok.get())
                .as("checkpoints that completed under the attack (not everything refused)")
                .isPositive();
        assertThat(swapper.swaps.get()).as("the attack ran").isPositive();
        for (String sha : List.of(
                Sha256.of(secret.getBytes(StandardCharsets.UTF_8)),
                Sha256.of((secret + "2\n").getBytes(StandardCharsets.UTF_8)))) {
            assertThat(root.resolve(".aw/objects/" + sha.substring(0, 2) + "/" + sha.substring(2)))
                    .doesNotExist();
        }
        assertThat(objectContents()).noneMatch(content -> content.contains("outside secret"));
        assertThat(differences(outsideBefore, snapshot(outside)))
                .as("files outside changed, created or deleted")
                .isEmpty();
        assertThat(outcomes.unexpected)
                .as("calls that ended in an uncoded error")
                .isEmpty();
    }

    @Test
    void rollbacksWhileDataIsSwappedForALinkOutside_neverDeleteOrWriteOutside() throws Exception {
        byte[] big = new byte[24 << 20]; // large enough that staging its copy takes a while
        ThreadLocalRandom.current().nextBytes(big);
        Files.write(data.resolve("big.bin"), big);
        Files.writeString(data.resolve("keep.csv"), "a,b\n1,2\n");
        Files.writeString(data.resolve("sub/keep.csv"), "c\n3\n");
        // outside: the same names as inside and the names of the extras each rollback will remove
        Files.writeString(outside.resolve("keep.csv"), "outside keep\n");
        Files.writeString(outside.resolve("big.bin"), "outside big\n");
        Files.createDirectories(outside.resolve("sub"));
        Files.writeString(outside.resolve("sub/keep.csv"), "outside sub keep\n");
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            Files.writeString(outside.resolve("extra-" + i + ".csv"), "outside extra " + i + "\n");
        }
        Map<String, String> outsideBefore = snapshot(outside);
        Workbench wb = new Workbench(root);
        wb.checkpoints().create(List.of("data"), "clean", null);

        Outcomes outcomes = new Outcomes();
        long started = System.nanoTime();
        Swapper swapper = new Swapper(15);
        swapper.start();
        int i = 0;
        for (; i < MAX_ITERATIONS && !overTime(started); i++) {
            int n = i;
            swapper.pause.lock();
            try { // data/ is the real folder now
                Files.createDirectories(data);
                Files.writeString(data.resolve("extra-" + n + ".csv"), "inside extra\n"); // for the rollback to remove
                try (FileChannel ch = FileChannel.open(
                        data.resolve("big.bin"), StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
                    ch.write(ByteBuffer.wrap(("changed " + n).getBytes(StandardCharsets.UTF_8)), 0); // to restore
                }
            } finally {
                swapper.pause.unlock();
            }
            outcomes.record(() -> wb.rollback().rollback("01_clean", null, false, "race"));
        }
        swapper.stopAndRestore();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf(
                "rollback race: %d rollbacks of a %d MiB file (%s) in %.1f s, %d swaps%n",
                outcomes.total(), big.length >> 20, outcomes, seconds, swapper.swaps.get());

        assertThat(swapper.swaps.get()).as("the attack ran").isPositive();
        assertThat(outcomes.ok.get())
                .as("rollbacks that completed under the attack (not everything refused)")
                .isPositive();
        assertThat(differences(outsideBefore, snapshot(outside)))
                .as("files outside changed, created or deleted")
                .isEmpty();
        assertThat(objectContents()).noneMatch(content -> content.contains("outside"));
        assertThat(outcomes.unexpected)
                .as("calls that ended in an uncoded error")
                .isEmpty();
    }

    // ---------------------------------------------------------------- the attack

    /**
     * Moves {@code data/} aside and puts a link to the outside folder in its place, holds it a moment, and puts the
     * folder back; over and over until stopped. Whatever a rollback did to {@code data} meanwhile is put up with.
     */
    final class Swapper extends Thread {
        final AtomicInteger swaps = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        /** Held while data/ is swapped: the test's own edits wait for it, so only the workbench meets the link. */
        final ReentrantLock pause = new ReentrantLock();

        final int holdMillis;

        Swapper(int holdMillis) {
            this.holdMillis = holdMillis;
            setDaemon(true);
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stop.get()) {
                pause.lock();
                try {
                    Files.move(data, parked, StandardCopyOption.ATOMIC_MOVE);
                    Files.createSymbolicLink(data, outside);
                    swaps.incrementAndGet();
                    Thread.sleep(random.nextInt(holdMillis + 1));
                    putBack();
                } catch (IOException e) {
                    try {
                        putBack();
                    } catch (IOException ignored) {
                        // the next round tries again
                    }
                } catch (InterruptedException e) {
                    return;
                } finally {
                    pause.unlock();
                }
                try {
                    Thread.sleep(random.nextInt(holdMillis + 1));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void putBack() throws IOException {
            if (Files.isSymbolicLink(data)) {
                Files.delete(data);
            } else if (Files.exists(data, LinkOption.NOFOLLOW_LINKS) && Files.exists(parked)) {
                deleteTree(data); // a rollback recreated data/ meanwhile: the parked folder wins
            }
            if (Files.exists(parked, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(parked, data, StandardCopyOption.ATOMIC_MOVE);
            }
        }

        void stopAndRestore() throws Exception {
            stop.set(true);
            join();
            putBack();
            assertThat(data).isDirectory();
            assertThat(Files.isSymbolicLink(data)).isFalse();
        }
    }

    // ---------------------------------------------------------------- bookkeeping

    /** How the calls ended. */
    static final class Outcomes {
        final AtomicInteger ok = new AtomicInteger();
        final Map<ErrorCode, AtomicInteger> coded = new ConcurrentHashMap<>();
        final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

        interface Call {
            Object run() throws Exception;
        }

        void record(Call call) {
            try {
                call.run();
                ok.incrementAndGet();
            } catch (WorkbenchException e) {
                if (CLEAN.contains(e.code())) {
                    coded.computeIfAbsent(e.code(), c -> new AtomicInteger()).incrementAndGet();
                } else {
                    unexpected.add(e.code() + ": " + e.getMessage());
                }
            } catch (Exception | Error e) {
                StringBuilder chain = new StringBuilder(e.toString());
                for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                    chain.append(" <- ").append(c);
                }
                unexpected.add(chain.toString());
            }
        }

        int total() {
            return ok.get()
                    + coded.values().stream().mapToInt(AtomicInteger::get).sum()
                    + unexpected.size();
        }

        @Override
        public String toString() {
            return ok.get() + " ok, " + new TreeMap<>(coded) + ", " + unexpected.size() + " uncoded";
        }
    }

    static boolean overTime(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000 > MAX_MILLIS;
    }

    /** Every file and folder under {@code dir} with its content's hash, links as links. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String rel = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "link " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    out.put(rel, Sha256.of(p));
                } else {
                    out.put(rel, "dir");
                }
            }
        }
        return out;
    }

    /** The names whose entry differs between two snapshots, so a failure lists what happened outside, not everything. */
    static List<String> differences(Map<String, String> before, Map<String, String> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        return names.stream()
                .filter(n -> !Objects.equals(before.get(n), after.get(n)))
                .map(n ->
                        n + ": " + (before.containsKey(n) ? (after.containsKey(n) ? "changed" : "deleted") : "created"))
                .toList();
    }

    /** The start of every object in the store, as text (enough to find the outside files' marker). */
    List<String> objectContents() throws IOException {
        Path objects = root.resolve(".aw/objects");
        if (!Files.isDirectory(objects)) {
            return List.of();
        }
        List<String> contents = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(objects)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                byte[] head = new byte[(int) Math.min(Files.size(p), 4096)];
                try (var in = Files.newInputStream(p)) {
                    in.readNBytes(head, 0, head.length);
                }
                contents.add(new String(head, StandardCharsets.ISO_8859_1));
            }
        }
        return contents;
    }

    static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(p)) {
                for (Path c : children.toList()) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
