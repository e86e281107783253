package dev.workbench.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {
    @TempDir
    Path root;

    private JsonFiles files(StoreLock lock) {
        return new JsonFiles(new StorePaths(root), lock);
    }

    private StoreLock lock() {
        return new StoreLock(new StorePaths(root).dir(), () -> {});
    }

    @Test
    void write_isPrettyStableAndEndsWithNewline() throws Exception {
        StoreLock lock = lock();
        JsonFiles files = files(lock);
        lock.transaction(() -> files.write("status.json", Map.of("name", "x", "list", List.of(1, 2))));
        String text = Files.readString(root.resolve(".aw/status.json"));
        assertThat(text).endsWith("}\n").contains("\n  \"name\": \"x\"").contains("\"list\": [\n    1,\n    2\n  ]");
        try (Stream<Path> listed = Files.list(root.resolve(".aw"))) {
            assertThat(listed.map(p -> p.getFileName().toString()))
                    .as("no temporary files left")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void write_outsideTransaction_isRefused() {
        JsonFiles files = files(lock());
        assertThatThrownBy(() -> files.write("status.json", Map.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void read_damagedFile_isStoreErrorNamingTheFile() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        Files.writeString(root.resolve(".aw/status.json"), "{ not json");
        assertThatThrownBy(() -> files(lock()).read("status.json", Map.class))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORE_ERROR);
                    assertThat(e.getMessage()).contains(".aw/status.json");
                });
    }

    @Test
    void list_namesMatchingFilesSorted_skippingHiddenOnes() {
        StoreLock lock = lock();
        JsonFiles files = files(lock);
        assertThat(files.list("experiments", ".json")).isEmpty();
        lock.transaction(() -> {
            files.write("experiments/b.json", Map.of());
            files.write("experiments/a.json", Map.of());
            files.writeBytes("experiments/.hidden.json", new byte[0]);
            files.writeBytes("experiments/notes.txt", new byte[0]);
        });
        assertThat(files.list("experiments", ".json")).containsExactly("a.json", "b.json");
    }

    @Test
    void delete_saysWhetherTheFileWasThere() {
        StoreLock lock = lock();
        JsonFiles files = files(lock);
        lock.transaction(() -> files.write("a.json", Map.of()));
        assertThat(lock.transaction(() -> files.delete("a.json"))).isTrue();
        assertThat(lock.transaction(() -> files.delete("a.json"))).isFalse();
        assertThat(files.read("a.json", Map.class)).isEmpty();
    }
}
