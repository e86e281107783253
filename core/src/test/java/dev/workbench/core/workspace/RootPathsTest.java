package dev.workbench.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootPathsTest {
    @TempDir
    Path tmp;

    Path root;
    Path outside;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
    }

    private static void assertOutside(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_OUTSIDE_ROOT));
    }

    @Test
    void relativePath_insideRoot_resolves() {
        assertThat(RootPaths.resolve(root, "data/raw/../clean.csv", "paths[0]"))
                .isEqualTo(root.resolve("data/clean.csv"));
    }

    @Test
    void dotDot_leavingRoot_isRefused() {
        assertOutside(() -> RootPaths.resolve(root, "../outside/x.csv", "paths[0]"));
    }

    @Test
    void absolutePath_elsewhere_isRefused() {
        assertOutside(() -> RootPaths.resolve(root, "/etc/passwd", "paths[0]"));
    }

    @Test
    void absolutePath_insideRoot_resolves() {
        assertThat(RootPaths.resolve(root, root.resolve("a.csv").toString(), "p"))
                .isEqualTo(root.resolve("a.csv"));
    }

    @Test
    void symlink_pointingOut_isRefused_evenForAChildThatDoesNotExist() throws Exception {
        Files.createSymbolicLink(root.resolve("link"), outside);
        assertOutside(() -> RootPaths.resolve(root, "link", "p"));
        assertOutside(() -> RootPaths.resolve(root, "link/new/file.csv", "p"));
    }

    @Test
    void symlink_insideRoot_isAllowed() throws Exception {
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
        assertThat(RootPaths.resolve(root, "alias/x.csv", "p")).isEqualTo(root.resolve("alias/x.csv"));
    }

    @Test
    void danglingSymlink_isRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("dangling"), tmp.resolve("nowhere"));
        assertOutside(() -> RootPaths.resolve(root, "dangling", "p"));
    }

    @Test
    void blankPath_isInvalidInput() {
        assertThatThrownBy(() -> RootPaths.resolve(root, " ", "paths[0]"))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }
}
