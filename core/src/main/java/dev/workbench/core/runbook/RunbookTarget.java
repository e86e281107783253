package dev.workbench.core.runbook;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.RootPaths;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the runbook goes: {@code path} (default {@value RunbookStatus#FILE}) inside the root, a Markdown file
 * ({@code .md}), neither in {@code .aw/} (the workbench's state) nor in {@code .git/}. A symbolic link to a
 * file inside the root is followed and its target written.
 *
 * @param file     the absolute path
 * @param relative the path relative to the root, with '/' separators
 */
record RunbookTarget(Path file, String relative) {
    static RunbookTarget resolve(Store store, String given) {
        String path = given == null ? RunbookStatus.FILE : given;
        Path file = followLink(RootPaths.resolve(store.root(), path, "path"));
        if (file.startsWith(store.dir()) || file.startsWith(store.root().resolve(".git"))) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "path: \"" + path + "\" is inside "
                            + (file.startsWith(store.dir()) ? ".aw/, the workbench's own state" : ".git/")
                            + "; write the runbook elsewhere under the root, e.g. " + RunbookStatus.FILE);
        }
        String name = file.equals(store.root()) ? "" : file.getFileName().toString();
        if (!name.endsWith(".md") || name.length() <= ".md".length()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "path: expected a Markdown file name ending in .md, got \"" + path + "\"; e.g. "
                            + RunbookStatus.FILE + " or docs/runbook.md");
        }
        if (Files.isDirectory(file)) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, "path: \"" + path + "\" is a folder; give a file name");
        }
        return new RunbookTarget(file, store.root().relativize(file).toString().replace('\\', '/'));
    }

    /** A link (which RootPaths has checked stays inside the root) is written through, not replaced. */
    private static Path followLink(Path file) {
        try {
            return Files.isSymbolicLink(file) && Files.exists(file) ? file.toRealPath() : file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + file, e);
        }
    }

    /** The current content, or null when there is no file yet. */
    byte[] read() {
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
