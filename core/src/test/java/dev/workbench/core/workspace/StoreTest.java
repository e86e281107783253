package dev.workbench.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store as its parts compose it. Each part's own behaviour is tested beside it: {@link StoreLockTest},
 * {@link JsonFilesTest}, {@link LineLogTest}, {@link TemporaryFilesTest}, {@link StorePathsTest}.
 */
class StoreTest {
    @TempDir
    Path root;

    @Test
    void read_withoutAwFolder_isEmptyAndCreatesNothing() {
        Store store = new Store(root);
        assertThat(store.read("status.json", Map.class)).isEmpty();
        assertThat(store.logs().tail("activity.jsonl", 10)).isEmpty();
        assertThat(store.list("experiments", ".json")).isEmpty();
        assertThat(store.logs().countLines("journal.jsonl")).isZero();
        assertThat(root.resolve(".aw")).doesNotExist();
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
                () -> store.transaction(() -> store.logs().append("activity.jsonl", Map.of("x", 1))),
                () -> store.logs().tail("activity.jsonl", 5))) {
            assertThatThrownBy(call::run)
                    .isInstanceOfSatisfying(
                            WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_OUTSIDE_ROOT));
        }
        assertThat(outside.resolve("evil.json")).doesNotExist();
        assertThat(Files.readString(outside.resolve("foreign.jsonl"))).isEqualTo("{}\n");
    }

    @Test
    void privateFolder_isOwnerOnly_andIgnoredByGit() throws Exception {
        Store store = new Store(root);
        store.transaction(() -> {
            store.privateFolder("run/hooks");
            store.writePrivate("run/hooks/token", new byte[] {1});
        });
        assertThat(Files.getPosixFilePermissions(root.resolve(".aw/run/hooks")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(root.resolve(".aw/run/hooks/token")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(root.resolve(".aw/run/.gitignore")))
                .isEqualTo("# private to this user and this machine\n*\n");
    }
}
