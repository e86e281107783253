package dev.workbench.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfinedFilesTest {
    @TempDir
    Path tmp;

    Path root;
    Path outside;
    ConfinedFiles files;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
        Files.createDirectories(root.resolve("real/dir"));
        Files.writeString(root.resolve("real/dir/a.csv"), "inside\n");
        Files.writeString(outside.resolve("a.csv"), "outside\n");
        files = new ConfinedFiles(root);
    }

    @Test
    void aLinkInsideTheRoot_isFollowedOnTheWay_andTheLastNameOnlyWhenAsked() throws IOException {
        Files.createSymbolicLink(root.resolve("alias"), Path.of("real/dir"));
        Files.createSymbolicLink(root.resolve("real/up"), Path.of(".."));
        assertThat(read("alias/a.csv")).isEqualTo("inside\n");
        assertThat(read("real/up/real/dir/a.csv")).isEqualTo("inside\n");
        try (ConfinedFiles.Located at = files.locate("alias", false)) {
            assertThat(at.attributes().isSymbolicLink()).isTrue();
        }
        try (ConfinedFiles.Located at = files.locate("alias", true)) {
            assertThat(at.attributes().isDirectory()).isTrue();
            assertThat(at.real()).isEqualTo("real/dir");
        }
    }

    @Test
    void aLinkLeadingOutside_orIntoAw_orUp_isRefused_forEveryOperation() throws IOException {
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createDirectories(root.resolve(".aw"));
        Files.writeString(root.resolve(".aw/token"), "secret");
        Files.createSymbolicLink(root.resolve("aw"), Path.of(".aw"));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        for (String path : List.of("out/a.csv", "aw/token", "../outside/a.csv", "loop/x")) {
            assertOutside(() -> read(path));
            assertOutside(() -> files.deleteTree(path));
            assertOutside(() -> files.setPermissions(path, PosixFilePermissions.fromString("rwxrwxrwx")));
            try (ConfinedFolder scratch = files.openTrusted(Files.createDirectories(tmp.resolve("scratch")))) {
                assertOutside(() -> files.createDirectories(path + "/new", scratch));
            }
        }
        assertOutside(() -> files.locate("out", true));
        assertThat(outside.resolve("a.csv")).hasContent("outside\n");
        try (var listed = Files.list(outside)) {
            assertThat(listed.map(p -> p.getFileName().toString())).containsExactly("a.csv"); // nothing made there
        }
        assertThat(Files.getPosixFilePermissions(outside.resolve("a.csv")))
                .isNotEqualTo(PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(root.resolve(".aw/token")).hasContent("secret");
    }

    @Test
    void aFolderHandle_keepsNamingTheFolderWalked_whenItsPathIsSwappedForALinkOutside() throws IOException {
        List<String> seen = new ArrayList<>();
        try (ConfinedFolder dir = files.folder("real/dir")) {
            Files.move(root.resolve("real"), root.resolve("parked"));
            Files.createSymbolicLink(root.resolve("real"), outside.getParent());
            try (InputStream in = dir.read("a.csv")) {
                seen.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            dir.deleteTree("a.csv");
        }
        assertThat(seen).containsExactly("inside\n");
        assertThat(root.resolve("parked/dir/a.csv")).doesNotExist();
        assertThat(outside.resolve("a.csv")).hasContent("outside\n");
        assertOutside(() -> read("real/dir/a.csv"));
    }

    @Test
    void aLinkMetWhereAFileOrFolderWasSeen_isRefused_notFollowed() throws IOException {
        try (ConfinedFolder dir = files.folder("real")) {
            Files.move(root.resolve("real/dir"), root.resolve("parked"));
            Files.createSymbolicLink(root.resolve("real/dir"), outside);
            assertOutside(() -> dir.open("dir"));
            Files.delete(root.resolve("real/dir"));
            Files.createSymbolicLink(root.resolve("real/dir"), outside.resolve("a.csv"));
            assertOutside(() -> dir.read("dir"));
            dir.deleteTree("dir"); // the link itself goes, never what it leads to
        }
        assertThat(root.resolve("real/dir")).doesNotExist();
        assertThat(outside.resolve("a.csv")).hasContent("outside\n");
    }

    @Test
    void foldersAreCreated_andFilesMovedIn_throughHandles() throws IOException {
        Path scratchDir = Files.createDirectories(root.resolve(".aw/tmp"));
        Files.writeString(scratchDir.resolve("staged"), "restored\n");
        try (ConfinedFolder scratch = files.openTrusted(scratchDir)) {
            files.createDirectories("made/deep/er", scratch);
            files.moveInto(scratch, "staged", "made/deep/er/file.csv");
        }
        assertThat(root.resolve("made/deep/er/file.csv")).hasContent("restored\n");
        assertThat(scratchDir).isEmptyDirectory();
        files.deleteTree("made");
        assertThat(root.resolve("made")).doesNotExist();
    }

    private String read(String path) throws IOException {
        try (ConfinedFiles.Located at = files.locate(path, true);
                InputStream in = at.parent().read(at.name())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertOutside(ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_OUTSIDE_ROOT));
    }
}
