package dev.workbench.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorePathsTest {
    @TempDir
    Path root;

    @Test
    void path_leavingAw_isRefused() {
        StorePaths paths = new StorePaths(root);
        assertThatThrownBy(() -> paths.path("../outside.json"))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_OUTSIDE_ROOT));
    }

    @Test
    void awItselfALink_isRefused(@TempDir Path elsewhere) throws Exception {
        Files.createSymbolicLink(root.resolve(".aw"), elsewhere);
        assertThatThrownBy(() -> new StorePaths(root).path("status.json"))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_OUTSIDE_ROOT));
    }

    @Test
    void aMissingRoot_isInvalidInput() {
        assertThatThrownBy(() -> new StorePaths(root.resolve("missing")))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void initialized_onlyOnceAwExists() throws Exception {
        StorePaths paths = new StorePaths(root);
        assertThat(paths.initialized()).isFalse();
        Files.createDirectories(paths.dir());
        assertThat(paths.initialized()).isTrue();
        assertThat(paths.path("experiments/a.json")).isEqualTo(root.toRealPath().resolve(".aw/experiments/a.json"));
    }
}
