package dev.workbench.core.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Files under {@code .aw/} that only this user may read (the hooks' pending state, the HTTP token, the server's
 * hook endpoint): owner-only folders and files, never committed to git.
 */
public final class PrivateFiles {
    private final StorePaths paths;
    private final StoreLock lock;

    public PrivateFiles(StorePaths paths, StoreLock lock) {
        this.paths = paths;
        this.lock = lock;
    }

    /** Writes a secret atomically, readable by the owner alone (mode 0600). Must run inside a transaction. */
    public void write(String relative, byte[] bytes) {
        lock.beforeWrite();
        AtomicFile.write(paths.path(relative), bytes, true);
        lock.wrote();
    }

    /**
     * Creates the folder {@code relative} under {@code .aw/} and its missing parents, each readable by the owner alone
     * (mode 0700 where the file system has POSIX permissions; an existing folder is narrowed to it), for files only
     * this user may read (the hooks' pending state and the server's hook endpoint under {@code run/}). The outermost
     * folder made here also gets a {@code .gitignore} of {@code *}: what is private is never committed, even in a
     * workspace whose {@code .aw/.gitignore} predates the folder. Must run inside a transaction.
     */
    public void folder(String relative) {
        lock.beforeWrite();
        Path dir = paths.path(relative);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rwx------");
        FileAttribute<?>[] attributes =
                posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir;
                !p.equals(paths.dir()) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                p = p.getParent()) {
            missing.push(p);
        }
        try {
            for (Path p : missing) {
                try {
                    Files.createDirectory(p, attributes); // the umask cannot widen 0700
                    if (p.equals(missing.peekFirst())) { // the outermost folder made here covers those inside it
                        Files.writeString(p.resolve(".gitignore"), "# private to this user and this machine\n*\n");
                    }
                } catch (FileAlreadyExistsException e) {
                    // made meanwhile by another process
                }
            }
            if (posix
                    && !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)
                            .equals(mode)) {
                Files.setPosixFilePermissions(dir, mode); // made by someone else, or with a wider mode
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        if (!missing.isEmpty()) {
            lock.wrote();
        }
    }
}
