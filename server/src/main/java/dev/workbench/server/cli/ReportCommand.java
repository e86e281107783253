package dev.workbench.server.cli;

import dev.workbench.core.Workbench;
import dev.workbench.core.workspace.Store;
import dev.workbench.page.Report;
import dev.workbench.server.Main;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aw report [--out FILE]}: the dashboard's views as one self-contained HTML file ({@link Report}), for a commit,
 * an email or a review. Without {@code --out} the HTML goes to stdout; with it, the file is written whole or not at all
 * (a temporary file beside it, then a rename) and its path is said on stderr. It is never written into {@code .aw/},
 * the workbench's own state.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Write the dashboard's views as one self-contained HTML file (to stdout, or --out FILE).")
public final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the report to this file (replaced whole) instead of stdout; its folder must exist"
                    + " and may not be inside .aw/.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Workbench wb = parent.workbench();
        Path target = null;
        if (out != null) {
            String problem = problem(wb.backend().root(), out);
            if (problem != null) {
                err.println("aw report: --out " + out + ": " + problem + " (nothing written)");
                return Main.USAGE;
            }
            target = out.toAbsolutePath().normalize();
        }
        String html = Report.html(wb, Instant.now().toString());
        if (target == null) {
            PrintStream stdout = Main.stdout(); // UTF-8 whatever the locale, as the tool commands print
            stdout.print(html);
            stdout.flush();
            return 0;
        }
        write(target, html);
        err.println("aw report: wrote " + target);
        return 0;
    }

    /** The permissions the report gets: the replaced file's, else rw-r--r-- less the umask; null off POSIX. */
    static Set<PosixFilePermission> shareable(Path target) throws IOException {
        if (!target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return null;
        }
        if (Files.exists(target)) {
            return Files.getPosixFilePermissions(target);
        }
        // The umask, as a plain new file shows it (rw-rw-rw- less the umask), then no one but the owner writes.
        Path probe = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".mode");
        try {
            Files.delete(probe);
            Files.createFile(probe);
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(probe);
            mode.retainAll(PosixFilePermissions.fromString("rw-r--r--"));
            return mode;
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** Why {@code file} cannot take the report, or null: its folder must exist and lie outside {@code .aw/}. */
    static String problem(Path root, Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return "the folder " + parent + " does not exist; create it first";
        }
        if (Files.isDirectory(target)) {
            return "is a folder; give a file name, e.g. " + target.resolve("report.html");
        }
        Path aw = root.toAbsolutePath().normalize().resolve(Store.DIR);
        Path realParent = parent.toRealPath();
        Path realAw = Files.exists(aw) ? aw.toRealPath() : aw;
        if (target.startsWith(aw) || realParent.startsWith(realAw)) {
            return "is inside " + Store.DIR + "/, the workbench's own state; write the report elsewhere";
        }
        return null;
    }

    /**
     * Writes {@code html} to {@code target} whole: a temporary file in the same folder, then a rename over it. A
     * report is meant to be shared: it keeps the permissions of the file it replaces, and a new one gets
     * rw-r--r-- less the umask, as any new file (a temporary file alone would be rw------- only).
     */
    private static void write(Path target, String html) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Set<PosixFilePermission> mode = shareable(target);
            if (mode != null) {
                Files.setPosixFilePermissions(tmp, mode);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
