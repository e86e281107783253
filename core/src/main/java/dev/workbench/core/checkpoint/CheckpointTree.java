package dev.workbench.core.checkpoint;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.ConfinedFiles;
import dev.workbench.core.workspace.ConfinedFolder;
import dev.workbench.core.workspace.RootPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * The files a checkpoint may hold and a rollback may restore: everything under the root except {@code .aw/} (the
 * workbench's own state) and any {@code .git/} folder (git's). The one place that resolves a caller's path against
 * that rule, and the one walk over the tree that both taking a checkpoint and planning a rollback read it with.
 */
final class CheckpointTree {
    private final Path root;
    private final Path aw;
    private final ConfinedFiles files;

    CheckpointTree(Path root, Path aw) {
        this.root = root;
        this.aw = aw;
        this.files = new ConfinedFiles(root);
    }

    Path root() {
        return root;
    }

    /** File access under the root, confined at the moment of use. */
    ConfinedFiles files() {
        return files;
    }

    /**
     * Resolves a path given by a caller: inside the root, and neither inside {@code .aw/} nor inside a {@code .git/}
     * folder, as written or through a symbolic link.
     */
    Path resolve(String given, String field) {
        Path p = RootPaths.resolve(root, given, field);
        String why = reserved(p);
        if (why == null) {
            why = reserved(RootPaths.real(p));
        }
        if (why != null) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    field + ": \"" + given + "\" is inside " + why + ", which is never checkpointed or restored");
        }
        return p;
    }

    /** Why a path under the root may not be checkpointed or restored, or null when it may. */
    String reserved(Path p) {
        if (p.startsWith(aw)) {
            return ".aw/, the workbench's own state";
        }
        if (p.startsWith(root)) {
            for (Path part : root.relativize(p)) {
                if (part.toString().equals(".git")) {
                    return ".git/, git's own state";
                }
            }
        }
        return null;
    }

    /** {@code p} relative to the root, with '/' separators; {@code .} for the root itself. */
    String relative(Path p) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
    }

    /** What the walk meets: folders it may enter, symbolic links (never followed) and regular files. */
    interface Visitor {
        void folder(String rel, String mode) throws IOException;

        void link(String rel, String target) throws IOException;

        /** A regular file, to be read (if at all) through {@code folder}'s handle; {@code stat} as the walk saw it. */
        void file(String rel, ConfinedFolder folder, String name, PosixFileAttributes attrs, FileStat stat)
                throws IOException;
    }

    /**
     * Walks {@code start} through {@link ConfinedFiles}: every folder is opened relative to its parent's handle
     * without following a link, and every file is read through its folder's handle, so a folder swapped for a link
     * after the paths were checked cannot lead the walk, or a read, outside the root. Reserved folders are left out
     * with all they hold; sockets, pipes and devices are not data and are left out too. A path absent now is
     * simply not visited.
     */
    void walk(Path start, Visitor visitor) {
        try {
            files.walkTree(relative(start), (rel, folder, name, attrs) -> {
                Path where = folder == null ? root : folder.path(name);
                if (attrs.isDirectory()) {
                    if (reserved(root.resolve(rel).normalize()) != null || reserved(where) != null) {
                        return false;
                    }
                    visitor.folder(rel, FileStat.of(where, attrs).permissions());
                    return true;
                }
                if (attrs.isSymbolicLink()) {
                    visitor.link(rel, folder.readLink(name));
                } else if (attrs.isRegularFile()) {
                    visitor.file(rel, folder, name, attrs, FileStat.of(where, attrs));
                }
                return false;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + start, e);
        }
    }
}
