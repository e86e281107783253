package dev.workbench.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLockTest {
    @TempDir
    Path root;

    @Test
    void transaction_serialisesReadModifyWriteAcrossThreadsAndStores() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            Store store = new Store(root); // one store per thread: the lock is per root, not per object
            pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    store.transaction(() -> {
                        int n = store.read("counter.json", Map.class)
                                .map(m -> (Integer) m.get("n"))
                                .orElse(0);
                        store.write("counter.json", Map.of("n", n + 1));
                    });
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new Store(root).read("counter.json", Map.class).orElseThrow().get("n"))
                .isEqualTo(400);
    }

    @Test
    void transaction_nested_reusesTheHeldLock() {
        Store store = new Store(root);
        String result = store.transaction(() -> store.transaction(() -> {
            store.write("a.json", Map.of("ok", true));
            return "done";
        }));
        assertThat(result).isEqualTo("done");
        assertThat(store.path("a.json")).exists();
    }

    /** A refused call leaves no trace: without a write, the deferred lock never creates {@code .aw/}. */
    @Test
    void transaction_beforeAwExists_writingNothing_createsNothing() {
        Store store = new Store(root);
        assertThat(store.transaction(() -> store.read("status.json", Map.class).isPresent()))
                .isFalse();
        assertThat(root.resolve(".aw")).doesNotExist();
    }

    @Test
    void transaction_beforeAwExists_firstWriteCreatesAwAndRunsOnce() throws Exception {
        Store store = new Store(root);
        AtomicInteger runs = new AtomicInteger();
        store.transaction(() -> {
            runs.incrementAndGet();
            store.write("status.json", Map.of("n", 1));
        });
        assertThat(runs).hasValue(1);
        assertThat(Files.readString(root.resolve(".aw/.gitignore")))
                .contains("objects/")
                .contains(".lock");
    }

    /** Another process made state after the body's reads, before its first write: the body runs again, locked. */
    @Test
    void transaction_beforeAwExists_staleReads_runTheBodyAgainUnderTheLock() throws Exception {
        Store store = new Store(root);
        AtomicInteger runs = new AtomicInteger();
        int seen = store.transaction(() -> {
            int n = store.read("counter.json", Map.class)
                    .map(m -> (Integer) m.get("n"))
                    .orElse(0);
            if (runs.incrementAndGet() == 1) { // what another process does between our read and our write
                try {
                    Files.createDirectories(root.resolve(".aw"));
                    Files.writeString(root.resolve(".aw/counter.json"), "{\"n\": 5}\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            store.write("counter.json", Map.of("n", n + 1));
            return n;
        });
        assertThat(runs).hasValue(2);
        assertThat(seen).isEqualTo(5);
        assertThat(store.read("counter.json", Map.class).orElseThrow().get("n")).isEqualTo(6);
    }

    @Test
    void anIoFailureAfterWrites_isStorageExceptionCountingThem_beforeAnyWrite_thePlainFailure() {
        Store store = new Store(root);
        UncheckedIOException failure = new UncheckedIOException(new IOException("disk full"));
        assertThatThrownBy(() -> store.transaction(() -> {
                    store.write("a.json", Map.of());
                    store.logs().append("log.jsonl", Map.of());
                    throw failure;
                }))
                .isInstanceOfSatisfying(
                        StorageException.class,
                        e -> assertThat(e.earlierWrites()).isEqualTo(2));
        assertThatThrownBy(() -> store.transaction(() -> {
                    store.read("a.json", Map.class);
                    throw failure;
                }))
                .isSameAs(failure);
    }

    @Test
    void beforeWrite_outsideTransaction_isRefused() {
        StoreLock lock = new StoreLock(root.resolve(".aw"), () -> {});
        assertThatThrownBy(lock::beforeWrite).isInstanceOf(IllegalStateException.class);
    }
}
