package dev.workbench.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineLogTest {
    @TempDir
    Path root;

    /** A log on its own, with the lock it writes under: what a store composes. */
    private record Parts(StoreLock lock, LineLog log) {
        static Parts open(Path root) {
            StorePaths paths = new StorePaths(root);
            StoreLock lock = new StoreLock(paths.dir(), () -> {});
            return new Parts(lock, new LineLog(paths, lock));
        }

        void append(String relative, Object entry) {
            lock.transaction(() -> log.append(relative, entry));
        }
    }

    @Test
    void tail_returnsLastLinesOldestFirst_acrossChunks() {
        Parts parts = Parts.open(root);
        String pad = "x".repeat(1000);
        parts.lock().transaction(() -> {
            for (int i = 0; i < 300; i++) {
                parts.log().append("log.jsonl", Map.of("i", i, "pad", pad));
            }
        });
        List<JsonNode> last = parts.log().tail("log.jsonl", 120);
        assertThat(last).hasSize(120);
        assertThat(last.get(0).get("i").asInt()).isEqualTo(180);
        assertThat(last.get(119).get("i").asInt()).isEqualTo(299);
        assertThat(parts.log().readAll("log.jsonl")).hasSize(300);
        assertThat(parts.log().countLines("log.jsonl")).isEqualTo(300);
    }

    /** The count is extended as the log grows, and counted again when the file was replaced or edited in place. */
    @Test
    void countLines_followsAppends_replacements_andEditsInPlace() throws Exception {
        Parts parts = Parts.open(root);
        Parts other = Parts.open(root); // another process's store, appending to the same log
        for (int i = 1; i <= 50; i++) {
            (i % 2 == 0 ? other : parts).append("log.jsonl", Map.of("i", i));
            assertThat(parts.log().countLines("log.jsonl")).isEqualTo(i);
        }
        LineLog log = parts.log();
        Path file = root.resolve(".aw/log.jsonl");
        String text = Files.readString(file);
        // the same inode, rewritten shorter, then longer than before with other lines
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(log.countLines("log.jsonl")).isEqualTo(1);
        Files.writeString(
                file, text.replace("\n", "\n\n"), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        assertThat(log.countLines("log.jsonl")).isEqualTo(100);
        // the same length, other content: the last bytes differ
        Files.writeString(
                file, text.replace("\n{", " {"), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        assertThat(log.countLines("log.jsonl")).isEqualTo(1);
        // replaced by a new file (an editor's rename)
        Path fresh = root.resolve(".aw/log.jsonl.new");
        Files.writeString(fresh, "{}\n{}\n{}\n");
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(log.countLines("log.jsonl")).isEqualTo(3);
        Files.delete(file);
        assertThat(log.countLines("log.jsonl")).isZero();
    }

    @Test
    void append_afterATornLine_keepsTheNewEntryWhole() throws Exception {
        Parts parts = Parts.open(root);
        parts.append("log.jsonl", Map.of("i", 1));
        Files.writeString(root.resolve(".aw/log.jsonl"), "{\"i\": 2, \"tor", StandardOpenOption.APPEND);
        parts.append("log.jsonl", Map.of("i", 3));
        assertThat(parts.log().readAll("log.jsonl"))
                .extracting(n -> n.get("i").asInt())
                .containsExactly(1, 3);
    }

    @Test
    void aMissingLog_readsAsEmpty_andCountsZero() {
        LineLog log = Parts.open(root).log();
        assertThat(log.tail("activity.jsonl", 10)).isEmpty();
        assertThat(log.countLines("journal.jsonl")).isZero();
        assertThat(root.resolve(".aw")).doesNotExist();
    }
}
