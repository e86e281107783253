package dev.workbench.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Workbench;
import dev.workbench.core.project.ProjectUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher against a real folder. Negative checks ("not reported") write a marker file after the ignored
 * ones and wait for the marker: events arrive in order, so once the marker is seen, the others would have been.
 */
class StoreWatcherTest {
    @TempDir
    Path root;

    final ChangeRecorder seen = new ChangeRecorder();
    StoreWatcher watcher;

    @AfterEach
    void tearDown() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void start() {
        watcher = StoreWatcher.start(root, seen);
    }

    @Test
    void fileCreatedModifiedDeleted_underAw_isReportedEachTime() throws Exception {
        Files.createDirectories(root.resolve(".aw/experiments"));
        start();
        write(".aw/experiments/a.json", "{}\n");
        seen.await(".aw/experiments/a.json");
        seen.clear();
        write(".aw/experiments/a.json", "{\"revision\": 2}\n");
        seen.await(".aw/experiments/a.json");
        seen.clear();
        Files.delete(root.resolve(".aw/experiments/a.json"));
        seen.await(".aw/experiments/a.json");
        assertThat(seen.batches()).allSatisfy(b -> assertThat(b.overflow()).isFalse());
    }

    @Test
    void atomicReplace_byTheStore_isReportedUnderTheFinalName_only() throws Exception {
        Workbench wb = new Workbench(root);
        wb.project().update(new ProjectUpdate("first", null, null, null, null, null, null, null));
        start();
        wb.project().update(new ProjectUpdate("second", null, null, null, null, null, null, null));
        seen.await(".aw/status.json", ".aw/activity.jsonl");
        assertThat(seen.seen())
                .allSatisfy(p -> assertThat(p).doesNotContain("/.").doesNotEndWith(".tmp"));
    }

    @Test
    void stageFolderCreatedAfterStart_isWatched_andWhatWasWrittenBeforeTheWatchIsReported() throws Exception {
        Files.createDirectories(root.resolve(".aw/stages"));
        start();
        // folder and file in one go: the file may well be written before the folder's watch lands
        write(".aw/stages/cleaning/review.md", "# Review\n");
        seen.await(".aw/stages/cleaning", ".aw/stages/cleaning/review.md");
        write(".aw/stages/cleaning/approval.json", "{}\n");
        seen.await(".aw/stages/cleaning/approval.json");
        write(".aw/stages/a/b/c/deep.json", "{}\n");
        seen.await(".aw/stages/a/b/c/deep.json");
    }

    @Test
    void folderMovedIn_withFilesAlreadyInIt_reportsThem_andWatchesThem() throws Exception {
        Files.createDirectories(root.resolve(".aw/stages"));
        write("elsewhere/cleaning/review.md", "# Review\n");
        write("elsewhere/cleaning/notes/plan.md", "# Plan\n");
        start();
        // A rename makes the folder appear with its files in it: no event will ever name them.
        Files.move(root.resolve("elsewhere/cleaning"), root.resolve(".aw/stages/cleaning"));
        seen.await(
                ".aw/stages/cleaning",
                ".aw/stages/cleaning/review.md",
                ".aw/stages/cleaning/notes",
                ".aw/stages/cleaning/notes/plan.md");
        seen.clear();
        write(".aw/stages/cleaning/notes/plan.md", "# Plan, v2\n");
        seen.await(".aw/stages/cleaning/notes/plan.md");
    }

    @Test
    void awMovedInAfterStart_withState_isReportedAndWatched() throws Exception {
        write("prepared/status.json", "{}\n");
        write("prepared/experiments/a.json", "{}\n");
        write("prepared/objects/ab/cdef", "content");
        start();
        Files.move(root.resolve("prepared"), root.resolve(".aw"));
        seen.await(".aw", ".aw/status.json", ".aw/experiments", ".aw/experiments/a.json");
        assertThat(seen.seen()).noneMatch(p -> p.startsWith(".aw/objects"));
        write(".aw/experiments/b.json", "{}\n");
        seen.await(".aw/experiments/b.json");
    }

    @Test
    void awCreatedAfterStart_isWatched() throws Exception {
        start();
        Workbench wb = new Workbench(root);
        wb.project().update(new ProjectUpdate("demo", null, null, null, null, null, null, null));
        seen.await(".aw", ".aw/status.json", ".aw/activity.jsonl");
        write(".aw/experiments/late.json", "{}\n");
        seen.await(".aw/experiments", ".aw/experiments/late.json");
    }

    @Test
    void awRemovedAndCreatedAgain_isWatchedAgain() throws Exception {
        write(".aw/status.json", "{}\n");
        start();
        Files.delete(root.resolve(".aw/status.json"));
        Files.delete(root.resolve(".aw"));
        seen.await(".aw/status.json", ".aw");
        seen.clear();
        write(".aw/journal.jsonl", "{}\n");
        seen.await(".aw", ".aw/journal.jsonl");
        write(".aw/activity.jsonl", "{}\n");
        seen.await(".aw/activity.jsonl");
    }

    @Test
    void temporaryAndHiddenNames_andOtherRootFiles_areNotReported() throws Exception {
        Files.createDirectories(root.resolve(".aw/runs"));
        start();
        write(".aw/runs/.r1.json.4242.1.tmp", "{}");
        write(".aw/runs/r2.json.tmp", "{}");
        write(".aw/.lock", "");
        write(".aw/.gitignore", "objects/\n");
        write(".runbook.md.4242.7.tmp", "# draft");
        write("notes.txt", "a person's own file");
        write("data.csv", "a,b\n");
        write("runbook.md", "# Runbook\n");
        write(".aw/runs/marker.json", "{}");
        seen.await("runbook.md", ".aw/runs/marker.json");
        assertThat(seen.seen()).containsExactlyInAnyOrder("runbook.md", ".aw/runs/marker.json");
    }

    @Test
    void contentStoreAndScratch_areNeverReported_evenWhenACheckpointFillsThem() throws Exception {
        write("data/a.csv", "a\n1\n");
        write("data/b.csv", "b\n2\n");
        Workbench wb = new Workbench(root);
        wb.project().update(new ProjectUpdate("demo", null, null, null, null, null, null, null));
        start();
        write(".aw/objects/ab/" + "c".repeat(62), "content");
        write(".aw/tmp/scratch", "x");
        write(".aw/cache/stat.json", "{}");
        String name = wb.checkpoints().create(List.of("data"), "raw", null).name();
        seen.await(".aw/checkpoints/" + name + ".json", ".aw/activity.jsonl");
        assertThat(root.resolve(".aw/objects")).isDirectoryRecursivelyContaining(p -> Files.isRegularFile(p));
        assertThat(seen.seen())
                .noneMatch(p -> p.startsWith(".aw/objects") || p.startsWith(".aw/tmp") || p.startsWith(".aw/cache"));
    }

    @Test
    void aWriteByAnotherProcess_isReported() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        start();
        Process p = new ProcessBuilder(
                        "sh", "-c", "mkdir -p .aw/runs && printf '{}' > .aw/runs/r1.json && printf x > runbook.md")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS))
                .as("the writer process ended")
                .isTrue();
        assertThat(p.exitValue()).isZero();
        seen.await(".aw/runs/r1.json", "runbook.md");
    }

    @Test
    void aSteadyStreamOfWrites_stillDeliversBatches_whileItGoesOn() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        start();
        // Writes closer together than the quiet period: only the cap on a batch's age lets one out meanwhile.
        long deadline = System.nanoTime() + ChangeRecorder.TIMEOUT.toNanos();
        int writes = 0;
        while (seen.batches().isEmpty() && System.nanoTime() < deadline) {
            write(".aw/activity.jsonl", "line " + writes++ + "\n");
            Thread.onSpinWait();
        }
        assertThat(seen.batches())
                .as("a batch was delivered while writes went on")
                .isNotEmpty();
        assertThat(seen.seen()).containsExactly(".aw/activity.jsonl");
    }

    @Test
    void lostEvents_areReportedAsOverflow_andWatchingGoesOn() throws Exception {
        Files.createDirectories(root.resolve(".aw/experiments"));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        ChangeRecorder after = new ChangeRecorder();
        watcher = StoreWatcher.start(root, c -> {
            if (blocked.getCount() > 0) {
                blocked.countDown();
                awaitQuietly(release);
            } else {
                after.accept(c);
            }
        });
        write(".aw/status.json", "{}");
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        // While the listener holds the thread, more events pile up on one folder than a watch key keeps.
        for (int i = 0; i < 1000; i++) {
            write(".aw/experiments/e" + i + ".json", "{}");
        }
        release.countDown();
        after.awaitBatches("an overflow batch", b -> b.stream().anyMatch(StoreWatcher.Changes::overflow));
        write(".aw/journal.jsonl", "{}");
        after.await(".aw/journal.jsonl");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aListenerThatThrows_doesNotStopTheWatcher() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        CountDownLatch threw = new CountDownLatch(1);
        watcher = StoreWatcher.start(root, c -> {
            if (threw.getCount() > 0) {
                threw.countDown();
                throw new IllegalStateException("listener bug");
            }
            seen.accept(c);
        });
        write(".aw/status.json", "{}");
        assertThat(threw.await(10, TimeUnit.SECONDS)).isTrue();
        write(".aw/journal.jsonl", "{}");
        seen.await(".aw/journal.jsonl");
        assertThat(watcher.thread().isAlive()).isTrue();
    }

    @Test
    void close_stopsTheThread_andIsIdempotent() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        start();
        Thread thread = watcher.thread();
        assertThat(thread.getName()).isEqualTo("aw-watcher");
        assertThat(thread.isDaemon()).isTrue();
        watcher.close();
        thread.join(ChangeRecorder.TIMEOUT.toMillis());
        assertThat(thread.isAlive()).isFalse();
        watcher.close();
        write(".aw/status.json", "{}");
        assertThat(seen.batches()).isEmpty(); // nothing can be delivered: the only thread that would is gone
    }

    @Test
    void close_fromTheListener_stopsWithoutWaitingForItself() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        AtomicBoolean closedInside = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        watcher = StoreWatcher.start(root, c -> {
            watcher.close();
            closedInside.set(true);
            done.countDown();
        });
        write(".aw/status.json", "{}");
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        watcher.thread().join(ChangeRecorder.TIMEOUT.toMillis());
        assertThat(watcher.thread().isAlive()).isFalse();
        assertThat(closedInside).isTrue();
    }
}
