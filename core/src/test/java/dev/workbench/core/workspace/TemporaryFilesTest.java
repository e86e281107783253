package dev.workbench.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryFilesTest {
    @TempDir
    Path root;

    @Test
    void temporaryFilesOfDeadProcesses_areSweptOnFirstLock_liveOnesKept() throws Exception {
        Path experiments = Files.createDirectories(root.resolve(".aw/experiments"));
        Path dead = Files.writeString(experiments.resolve(".a.json.999999999.1.tmp"), "{");
        Path live = Files.writeString(
                experiments.resolve(".b.json." + ProcessHandle.current().pid() + ".1.tmp"), "{");
        Store store = new Store(root);
        store.transaction(() -> store.write("status.json", Map.of("x", 1)));
        assertThat(dead).doesNotExist();
        assertThat(live).exists();
    }

    @Test
    void commit_movesIntoPlace_orKeepsWhatIsThereWhenAsked() throws Exception {
        Store store = new Store(root);
        boolean moved = store.transaction(() -> {
            Path tmp = store.newTemporaryFile();
            write(tmp, "first");
            return store.commitTemporary(tmp, "objects/ab/cd", true);
        });
        Path second = store.transaction(() -> {
            Path tmp = store.newTemporaryFile();
            write(tmp, "second");
            assertThat(store.commitTemporary(tmp, "objects/ab/cd", true)).isFalse();
            return tmp;
        });
        assertThat(moved).isTrue();
        assertThat(second).doesNotExist();
        assertThat(root.resolve(".aw/objects/ab/cd")).hasContent("first");
        store.transaction(() -> {
            Path tmp = store.newTemporaryFile();
            write(tmp, "third");
            assertThat(store.commitTemporary(tmp, "objects/ab/cd", false)).isTrue();
        });
        assertThat(root.resolve(".aw/objects/ab/cd")).hasContent("third");
        assertThat(root.resolve(".aw/tmp")).isEmptyDirectory();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
