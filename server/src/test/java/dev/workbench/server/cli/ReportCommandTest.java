package dev.workbench.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Workbench;
import dev.workbench.core.project.ProjectUpdate;
import dev.workbench.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aw report --out FILE}: the whole file beside its target, never into .aw/, errors naming the option. */
class ReportCommandTest {
    @TempDir
    Path root;

    @TempDir
    Path elsewhere;

    final StringWriter err = new StringWriter();

    @BeforeEach
    void aProject() {
        new Workbench(root).project().update(new ProjectUpdate("Checkout", null, null, null, null, null, null, null));
    }

    int report(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "--root";
        all[1] = root.toString();
        all[2] = "report";
        System.arraycopy(args, 0, all, 3, args.length);
        return cli.execute(all);
    }

    @Test
    void out_writesTheReportWhole_andSaysWhereOnStderr() throws Exception {
        Path file = elsewhere.resolve("report.html");
        Files.writeString(file, "an older report");
        assertThat(report("--out", file.toString())).as(err.toString()).isZero();
        String html = Files.readString(file);
        assertThat(html).startsWith("<!doctype html>");
        assertThat(html).contains("<title>Workbench report: Checkout</title>").contains("<section id=\"overview\"");
        assertThat(err.toString()).contains(file.toAbsolutePath().toString());
        try (Stream<Path> left = Files.list(elsewhere)) {
            assertThat(left).as("no temporary file is left").containsExactly(file);
        }
    }

    @Test
    void out_replacingAFile_keepsItsPermissions_andANewFileIsReadableByOthersLessTheUmask() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                elsewhere.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path old = elsewhere.resolve("shared.html");
        Files.writeString(old, "an older report");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(report("--out", old.toString())).as(err.toString()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old)))
                .isEqualTo("rw-rw-r--");

        Path plain = Files.createFile(elsewhere.resolve("plain.txt")); // what the umask leaves of rw-rw-rw-
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        expected.retainAll(PosixFilePermissions.fromString("rw-r--r--"));
        Path fresh = elsewhere.resolve("fresh.html");
        assertThat(report("--out", fresh.toString())).as(err.toString()).isZero();
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(expected);
        assertThat(Files.getPosixFilePermissions(fresh)).contains(PosixFilePermission.OWNER_READ);
    }

    @Test
    void out_insideTheWorkbenchsState_isRefused_namingTheOption_andNothingIsWritten() throws Exception {
        Path inside = root.resolve(".aw/report.html");
        assertThat(report("--out", inside.toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--out").contains(".aw/");
        assertThat(inside).doesNotExist();
    }

    @Test
    void out_inAFolderThatDoesNotExist_isRefused_namingTheOption() {
        Path missing = elsewhere.resolve("no/such/folder/report.html");
        assertThat(report("--out", missing.toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--out").contains("does not exist");
        assertThat(missing.getParent()).doesNotExist();
    }

    @Test
    void out_aFolder_isRefused() {
        assertThat(report("--out", elsewhere.toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--out").contains("is a folder");
    }
}
