package dev.workbench.core.workspace;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Path confinement for the store: every name under {@code .aw/} is turned into a path here, and only here, so no
 * part of the store can read or write through a symbolic link or a {@code ..} that leads out of {@code .aw/}.
 */
public final class StorePaths {
    private final Path root;
    private final Path aw;

    /** @param root the project root; it must exist, and is kept as its real path */
    public StorePaths(Path root) {
        this.root = realRoot(root);
        this.aw = this.root.resolve(Store.DIR);
    }

    private static Path realRoot(Path root) {
        try {
            Path real = root.toAbsolutePath().normalize().toRealPath();
            if (!Files.isDirectory(real)) {
                throw new WorkbenchException(ErrorCode.INVALID_INPUT, "root: expected a folder, got " + real);
            }
            return real;
        } catch (IOException e) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "root: folder does not exist: " + root);
        }
    }

    /** The root folder, as a real path. */
    public Path root() {
        return root;
    }

    /** {@code <root>/.aw}. */
    public Path dir() {
        return aw;
    }

    /** Whether {@code .aw/} exists: nothing is created until the first write. */
    public boolean initialized() {
        return Files.isDirectory(aw);
    }

    /**
     * A path under {@code .aw/}; {@code relative} is built by the workbench from validated names. The path must
     * stay inside {@code .aw/} as text and on disk: a symbolic link inside {@code .aw/} (the folder itself, a
     * sub-folder or a file) that leads elsewhere is refused, so nothing is read or written through it.
     */
    public Path path(String relative) {
        Path p = aw.resolve(relative).normalize();
        if (!p.startsWith(aw)) {
            throw new WorkbenchException(ErrorCode.PATH_OUTSIDE_ROOT, relative + " is outside " + Store.DIR);
        }
        Path resolved = RootPaths.resolve(root, p.toString(), Store.DIR + "/" + relative);
        if (Files.isSymbolicLink(resolved) || (Files.isSymbolicLink(aw))) {
            throw new WorkbenchException(
                    ErrorCode.PATH_OUTSIDE_ROOT,
                    Store.DIR + "/" + relative
                            + " is a symbolic link; the workbench keeps its state in plain files and folders");
        }
        return p;
    }
}
