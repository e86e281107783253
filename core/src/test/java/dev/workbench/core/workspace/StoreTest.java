package dev.workbench.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path root;

    @Test
    void read_withoutAwFolder_isEmptyAndCreatesNothing() {
        Store store = new Store(root);
        assertThat(store.read("status.json", Map.class)).isEmpty();
        assertThat(store.tail("activity.jsonl", 10)).isEmpty();
        assertThat(store.list("experiments", ".json")).isEmpty();
        assertThat(store.countLines("journal.jsonl")).isZero();
        assertThat(root.resolve(".aw")).doesNotExist();
    }

    @Test
    void write_isPrettyStableAndEndsWithNewline() throws Exception {
        Store store = new Store(root);
        store.transaction(() -> store.write("status.json", Map.of("name", "x", "list", List.of(1, 2))));
        String text = Files.readString(root.resolve(".aw/status.json"));
        assertThat(text).endsWith("}\n").contains("\n  \"name\": \"x\"").contains("\"list\": [\n    1,\n    2\n  ]");
        assertThat(Files.list(root.resolve(".aw")).map(p -> p.getFileName().toString()))
                .as("no temporary files left").noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void temporaryFilesOfDeadProcesses_areSweptOnFirstLock_liveOnesKept() throws Exception {
        Path experiments = Files.createDirectories(root.resolve(".aw/experiments"));
        Path dead = Files.writeString(experiments.resolve(".a.json.999999999.1.tmp"), "{");
        Path live = Files.writeString(experiments.resolve(".b.json." + ProcessHandle.current().pid() + ".1.tmp"), "{");
        Store store = new Store(root);
        store.transaction(() -> store.write("status.json", Map.of("x", 1)));
        assertThat(dead).doesNotExist();
        assertThat(live).exists();
    }

    @Test
    void write_outsideTransaction_isRefused() {
        Store store = new Store(root);
        assertThatThrownBy(() -> store.write("status.json", Map.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void path_leavingAw_isRefused() {
        Store store = new Store(root);
        assertThatThrownBy(() -> store.path("../outside.json"))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_OUTSIDE_ROOT));
    }

    @Test
    void symlinkInsideAw_leadingOut_isRefused_forReadsAndWrites(@TempDir Path outside) throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        Files.createSymbolicLink(root.resolve(".aw/experiments"), outside);
        Files.writeString(outside.resolve("foreign.jsonl"), "{}\n");
        Files.createSymbolicLink(root.resolve(".aw/activity.jsonl"), outside.resolve("foreign.jsonl"));
        Store store = new Store(root);
        for (Runnable call : List.<Runnable>of(
                () -> store.transaction(() -> store.write("experiments/evil.json", Map.of("x", 1))),
                () -> store.transaction(() -> store.append("activity.jsonl", Map.of("x", 1))),
                () -> store.tail("activity.jsonl", 5))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(WorkbenchException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_OUTSIDE_ROOT));
        }
        assertThat(outside.resolve("evil.json")).doesNotExist();
        assertThat(Files.readString(outside.resolve("foreign.jsonl"))).isEqualTo("{}\n");
    }

    @Test
    void tail_returnsLastLinesOldestFirst_acrossChunks() {
        Store store = new Store(root);
        String pad = "x".repeat(1000);
        store.transaction(() -> {
            for (int i = 0; i < 300; i++) {
                store.append("log.jsonl", Map.of("i", i, "pad", pad));
            }
        });
        List<JsonNode> last = store.tail("log.jsonl", 120);
        assertThat(last).hasSize(120);
        assertThat(last.get(0).get("i").asInt()).isEqualTo(180);
        assertThat(last.get(119).get("i").asInt()).isEqualTo(299);
        assertThat(store.readAll("log.jsonl")).hasSize(300);
        assertThat(store.countLines("log.jsonl")).isEqualTo(300);
    }

    /** The count is extended as the log grows, and counted again when the file was replaced or edited in place. */
    @Test
    void countLines_followsAppends_replacements_andEditsInPlace() throws Exception {
        Store store = new Store(root);
        Store other = new Store(root); // another process's store, appending to the same log
        for (int i = 1; i <= 50; i++) {
            int n = i;
            (i % 2 == 0 ? other : store).transaction(() -> (n % 2 == 0 ? other : store).append("log.jsonl", Map.of("i", n)));
            assertThat(store.countLines("log.jsonl")).isEqualTo(i);
        }
        Path log = root.resolve(".aw/log.jsonl");
        String text = Files.readString(log);
        // the same inode, rewritten shorter, then longer than before with other lines
        try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap("{\"a\":1}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        assertThat(store.countLines("log.jsonl")).isEqualTo(1);
        Files.writeString(log, text.replace("\n", "\n\n"), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        assertThat(store.countLines("log.jsonl")).isEqualTo(100);
        // the same length, other content: the last bytes differ
        Files.writeString(log, text.replace("\n{", " {"), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        assertThat(store.countLines("log.jsonl")).isEqualTo(1);
        // replaced by a new file (an editor's rename)
        Path fresh = root.resolve(".aw/log.jsonl.new");
        Files.writeString(fresh, "{}\n{}\n{}\n");
        Files.move(fresh, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertThat(store.countLines("log.jsonl")).isEqualTo(3);
        Files.delete(log);
        assertThat(store.countLines("log.jsonl")).isZero();
    }

    @Test
    void append_afterATornLine_keepsTheNewEntryWhole() throws Exception {
        Store store = new Store(root);
        store.transaction(() -> store.append("log.jsonl", Map.of("i", 1)));
        Files.writeString(root.resolve(".aw/log.jsonl"), "{\"i\": 2, \"tor", StandardOpenOption.APPEND);
        store.transaction(() -> store.append("log.jsonl", Map.of("i", 3)));
        assertThat(store.readAll("log.jsonl")).extracting(n -> n.get("i").asInt()).containsExactly(1, 3);
    }

    @Test
    void read_damagedFile_isStoreErrorNamingTheFile() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        Files.writeString(root.resolve(".aw/status.json"), "{ not json");
        assertThatThrownBy(() -> new Store(root).read("status.json", Map.class))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORE_ERROR);
                    assertThat(e.getMessage()).contains(".aw/status.json");
                });
    }

    @Test
    void transaction_serialisesReadModifyWriteAcrossThreadsAndStores() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            Store store = new Store(root); // one store per thread: the lock is per root, not per object
            pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    store.transaction(() -> {
                        int n = store.read("counter.json", Map.class).map(m -> (Integer) m.get("n")).orElse(0);
                        store.write("counter.json", Map.of("n", n + 1));
                    });
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new Store(root).read("counter.json", Map.class).orElseThrow().get("n")).isEqualTo(400);
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
}
