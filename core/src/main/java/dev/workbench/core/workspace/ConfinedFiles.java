package dev.workbench.core.workspace;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

/**
 * File access under the root that stays confined at the moment of use, not only at the moment of checking
 * ({@link RootPaths} checks the text of a path, but a folder can be swapped for a symbolic link after that).
 *
 * <p>Every operation starts from a handle on the root folder ({@link SecureDirectoryStream}, i.e. {@code openat})
 * and walks the path one name at a time ({@link ConfinedWalk}), opening each folder relative to the one before with
 * {@link LinkOption#NOFOLLOW_LINKS}. Reads, deletes, renames and mode changes then act on a name relative to the
 * folder handle ({@link ConfinedFolder}), so a folder swapped for a link later changes nothing: the handle still
 * names the folder that was walked. A symbolic link met on the way is resolved by the walk, not by the kernel: one
 * that leads inside the root is walked the same way (so links inside the project keep working as they always have),
 * one that leads outside the root or into {@code .aw/} is refused with {@link ErrorCode#PATH_OUTSIDE_ROOT}. The last
 * name of a path is never followed unless the caller asks to ({@link #locate}).
 *
 * <p>What stays path-based: reading a link's text (Java offers no {@code readlinkat}; the text read is only ever
 * walked through this class) and, when {@code .aw/tmp/} lies on another file system than the target (a mount point
 * inside the root), creating an empty folder or a link before it is moved into place; neither reads nor removes
 * anything. Where the platform has no {@link SecureDirectoryStream} every operation fails with
 * a {@code STORAGE_ERROR} instead of silently running unconfined.
 */
public final class ConfinedFiles {
    private final Path root;

    /** @param root the root folder, as a real path (e.g. {@link Store#root()}) */
    public ConfinedFiles(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * A name found by {@link #locate}: its folder (null for the root itself), the name and its attributes (null when
     * absent).
     */
    public record Located(ConfinedFolder parent, String name, String relative, PosixFileAttributes attributes)
            implements Closeable {
        public boolean exists() {
            return attributes != null;
        }

        /** The real path relative to the root ("." for the root). */
        public String real() {
            if (parent == null) {
                return ".";
            }
            return ConfinedFolder.join(parent.real(), name);
        }

        @Override
        public void close() {
            if (parent != null) {
                parent.close();
            }
        }
    }

    // ---------------------------------------------------------------- walking

    /** The root folder, opened. */
    public ConfinedFolder openRoot() throws IOException {
        return ConfinedFolder.open(root, "");
    }

    /**
     * A folder the workbench owns and has checked by other means (e.g. {@code .aw/tmp/} through {@link Store#path}),
     * opened as a handle; for moving staged files into place with {@link ConfinedFolder#moveHere}.
     */
    public ConfinedFolder openTrusted(Path dir) throws IOException {
        return ConfinedFolder.open(dir, null);
    }

    /** The folder at {@code relative} (from the root), walked name by name; links inside the root are followed. */
    public ConfinedFolder folder(String relative) throws IOException {
        ConfinedWalk walk = new ConfinedWalk(root, relative);
        return walk.walk(walk.names(relative));
    }

    /**
     * Finds {@code relative} (from the root): its parent folder walked name by name (links inside the root
     * followed, others refused), and the last name looked at without following it, unless {@code followLast} is
     * set, in which case a link there is resolved the same confined way. The caller closes it.
     */
    public Located locate(String relative, boolean followLast) throws IOException {
        ConfinedWalk walk = new ConfinedWalk(root, relative);
        Deque<String> names = walk.names(relative);
        while (true) {
            if (names.isEmpty()) {
                return new Located(null, null, ".", Files.readAttributes(root, PosixFileAttributes.class));
            }
            String last = names.removeLast();
            ConfinedFolder parent = walk.walk(names);
            PosixFileAttributes a;
            try {
                a = parent.stat(last);
            } catch (NoSuchFileException e) {
                a = null;
            } catch (IOException | RuntimeException e) {
                parent.close();
                throw e;
            }
            if (a == null || !a.isSymbolicLink() || !followLast) {
                return new Located(parent, last, relative, a);
            }
            String target;
            try {
                target = parent.readLink(last);
            } finally {
                parent.close();
            }
            names = walk.afterLink(parent.real(), target);
        }
    }

    /** Calls the visitor for {@code relative} (its last name not followed) and, for a folder, everything in it. */
    public void walkTree(String relative, Visitor visitor) throws IOException {
        Located found;
        try {
            found = locate(relative, false);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return; // a folder on the way is absent, or a file: so is the path
        }
        try (Located at = found) {
            if (!at.exists()) {
                return;
            }
            String rel = relative.isEmpty() ? "." : relative;
            ConfinedFolder f;
            try {
                if (!visitor.visit(rel, at.parent(), at.name(), at.attributes())
                        || !at.attributes().isDirectory()) {
                    return;
                }
                f = at.parent() == null ? openRoot() : at.parent().open(at.name());
            } catch (NoSuchFileException e) {
                return; // gone meanwhile: absent, as if the walk had come a moment later
            }
            try (f) {
                walkInside(f, rel, visitor);
            }
        }
    }

    /** What {@link #walkTree} reports for each name; returns whether to look inside a folder. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param relative the path as walked, relative to the root ("." for the root)
         * @param parent   the folder holding it, to read it through; null for the root itself
         * @param name     its name in {@code parent}
         */
        boolean visit(String relative, ConfinedFolder parent, String name, PosixFileAttributes attributes)
                throws IOException;
    }

    private void walkInside(ConfinedFolder f, String rel, Visitor visitor) throws IOException {
        for (String n : f.names()) {
            PosixFileAttributes a;
            try {
                a = f.stat(n);
            } catch (NoSuchFileException e) {
                continue; // removed meanwhile
            }
            String childRel = rel.equals(".") ? n : rel + "/" + n;
            ConfinedFolder child;
            try {
                if (!visitor.visit(childRel, f, n, a) || !a.isDirectory()) {
                    continue;
                }
                child = f.open(n);
            } catch (NoSuchFileException e) {
                continue; // removed meanwhile
            }
            try (child) {
                walkInside(child, childRel, visitor);
            }
        }
    }

    // ---------------------------------------------------------------- changing

    /** Deletes {@code relative} and everything under it; links are removed, never followed. Absent: nothing. */
    public void deleteTree(String relative) throws IOException {
        try (Located at = locate(relative, false)) {
            if (at.parent() == null) {
                throw new IllegalArgumentException("the root itself is never deleted");
            }
            if (at.exists()) {
                at.parent().deleteTree(at.name());
            }
        } catch (NoSuchFileException e) {
            // a parent is gone: so is the path
        }
    }

    /**
     * Creates the folder {@code relative} and its missing parents; each is made empty in {@code scratch} (a folder
     * the workbench owns on the same file system, e.g. {@code .aw/tmp/}) and renamed into its parent's handle.
     */
    public void createDirectories(String relative, ConfinedFolder scratch) throws IOException {
        ConfinedWalk walk = new ConfinedWalk(root, relative);
        Deque<String> names = walk.names(relative);
        ConfinedFolder cur = openRoot();
        int attempts = 0;
        try {
            while (!names.isEmpty()) {
                String n = names.removeFirst();
                ConfinedFolder next = walk.step(cur, n, names);
                if (next == null) { // absent: make it, then look again (a link or a folder may stand there by then)
                    if (++attempts > 8) {
                        throw new WorkbenchException(
                                ErrorCode.PATH_OUTSIDE_ROOT,
                                cur.path(n) + " kept changing"
                                        + " while it was being created (a link or a file appeared there each time); nothing"
                                        + " was made through it");
                    }
                    makeFolder(cur, n, scratch);
                    names.addFirst(n);
                    continue;
                }
                cur.close();
                cur = next;
            }
        } finally {
            cur.close();
        }
    }

    private void makeFolder(ConfinedFolder parent, String name, ConfinedFolder scratch) throws IOException {
        String tmp = "." + name.hashCode() + "." + System.nanoTime() + ".aw-dir.tmp";
        Path made = scratch.path(tmp);
        Files.createDirectory(made);
        try {
            parent.moveHere(scratch, tmp, name);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(made);
            // Another file system inside the root: make it by path, then it is opened by name like any other.
            try {
                Files.createDirectory(parent.path(name));
            } catch (FileAlreadyExistsException ignored) {
                // made meanwhile
            }
        } catch (AccessDeniedException e) {
            Files.deleteIfExists(made);
            throw e;
        } catch (FileSystemException e) {
            // Something stands there now (a folder made meanwhile, a file, a link), or stood there a moment ago:
            // the walk looks at the name again, a few times at most.
            Files.deleteIfExists(made);
        }
    }

    /**
     * Renames {@code name} from {@code scratch} to {@code relative}, over what is there; its parent folder must
     * exist. Across file systems it is copied beside the target in the target's folder and renamed from there.
     */
    public void moveInto(ConfinedFolder scratch, String name, String relative) throws IOException {
        try (Located at = locate(relative, false)) {
            if (at.parent() == null) {
                throw new IllegalArgumentException("nothing replaces the root");
            }
            ConfinedFolder parent = at.parent();
            try {
                parent.moveHere(scratch, name, at.name());
            } catch (AtomicMoveNotSupportedException e) {
                PosixFileAttributes a = scratch.stat(name);
                String sibling = "." + at.name() + ".aw-restore.tmp";
                if (a.isSymbolicLink()) {
                    parent.deleteTree(sibling);
                    Files.createSymbolicLink(parent.path(sibling), Path.of(scratch.readLink(name)));
                } else {
                    parent.deleteTree(sibling);
                    try (InputStream in = scratch.read(name);
                            OutputStream out = Channels.newOutputStream(parent.channel(
                                    sibling, EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)))) {
                        in.transferTo(out);
                    }
                    parent.setPermissions(sibling, a.permissions());
                }
                parent.moveHere(parent, sibling, at.name());
                scratch.deleteFile(name);
            }
        }
    }

    /** Sets the mode of {@code relative}, without following a link there. */
    public void setPermissions(String relative, Set<PosixFilePermission> permissions) throws IOException {
        try (Located at = locate(relative, false)) {
            if (at.parent() == null) {
                Files.setPosixFilePermissions(root, permissions); // the root is trusted: it was given
            } else {
                at.parent().setPermissions(at.name(), permissions);
            }
        }
    }

    /** Wraps an {@link IOException} of a confined operation for callers that do not declare it. */
    public static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException(what, e);
    }
}
