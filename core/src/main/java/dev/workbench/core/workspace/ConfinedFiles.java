package dev.workbench.core.workspace;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * File access under the root that stays confined at the moment of use, not only at the moment of checking
 * ({@link RootPaths} checks the text of a path, but a folder can be swapped for a symbolic link after that).
 *
 * <p>Every operation starts from a handle on the root folder ({@link SecureDirectoryStream}, i.e. {@code openat})
 * and walks the path one name at a time, opening each folder relative to the one before with
 * {@link LinkOption#NOFOLLOW_LINKS}. Reads, deletes, renames and mode changes then act on a name relative to the
 * folder handle, so a folder swapped for a link later changes nothing: the handle still names the folder that was
 * walked. A symbolic link met on the way is resolved by this class, not by the kernel: one that leads inside the
 * root is walked the same way (so links inside the project keep working as they always have), one that leads
 * outside the root or into {@code .aw/} is refused with {@link ErrorCode#PATH_OUTSIDE_ROOT}. The last name of a
 * path is never followed unless the caller asks to ({@link #locate}).
 *
 * <p>What stays path-based: reading a link's text (Java offers no {@code readlinkat}; the text read is only ever
 * walked through this class) and, when {@code .aw/tmp/} lies on another file system than the target (a mount point
 * inside the root), creating an empty folder or a link before it is moved into place; neither reads nor removes
 * anything. Where the platform has no {@link SecureDirectoryStream} every operation fails with
 * a {@code STORAGE_ERROR} instead of silently running unconfined.
 */
public final class ConfinedFiles {
    private static final int MAX_LINKS = 40;
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;

    /** @param root the root folder, as a real path (e.g. {@link Store#root()}) */
    public ConfinedFiles(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A folder held open: names inside it are looked up relative to it, never through the text of a path. */
    public static final class Folder implements Closeable {
        private final ConfinedFiles owner;
        private final SecureDirectoryStream<Path> ds;
        private final Path location;
        /** Where it really is, relative to the root ("" for the root); null for a trusted folder outside the walk. */
        private final String real;

        private Folder(ConfinedFiles owner, SecureDirectoryStream<Path> ds, Path location, String real) {
            this.owner = owner;
            this.ds = ds;
            this.location = location;
            this.real = real;
        }

        /** Its path, for messages and for metadata only. */
        public Path location() {
            return location;
        }

        /** The path of a name in it, for messages and for metadata only. */
        public Path path(String name) {
            return location.resolve(name);
        }

        /** The real path relative to the root, "" for the root itself. */
        public String real() {
            return real;
        }

        /** The attributes of a name in this folder, a link's own. */
        public PosixFileAttributes stat(String name) throws IOException {
            return ds.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, NOFOLLOW).readAttributes();
        }

        /** The names in this folder, sorted; may be called once per handle. */
        public List<String> names() {
            List<String> names = new ArrayList<>();
            try {
                for (Path p : ds) {
                    names.add(p.getFileName().toString());
                }
            } catch (java.nio.file.DirectoryIteratorException e) {
                throw new UncheckedIOException("cannot list " + location, e.getCause());
            }
            names.sort(null);
            return names;
        }

        /** A sub-folder, opened without following a link; a link there now is {@code PATH_OUTSIDE_ROOT}. */
        public Folder open(String name) throws IOException {
            try {
                return openOrNull(name);
            } catch (LinkMet e) {
                throw owner.swapped(path(name));
            }
        }

        /** Reads a file in this folder, without following a link; a link there now is {@code PATH_OUTSIDE_ROOT}. */
        public InputStream read(String name) throws IOException {
            return Channels.newInputStream(readChannel(name));
        }

        /** {@link #read} as a channel: bulk copies (checkpoint content) then move bytes without a pass through the heap. */
        public SeekableByteChannel readChannel(String name) throws IOException {
            return channel(name, EnumSet.of(StandardOpenOption.READ));
        }

        private SeekableByteChannel channel(String name, Set<StandardOpenOption> options) throws IOException {
            Set<java.nio.file.OpenOption> all = new java.util.HashSet<>(options);
            all.add(LinkOption.NOFOLLOW_LINKS);
            try {
                return ds.newByteChannel(Path.of(name), all);
            } catch (IOException e) {
                throw refusedIfLink(e, name);
            }
        }

        /** The text of a link in this folder. */
        public String readLink(String name) throws IOException {
            try {
                return Files.readSymbolicLink(path(name)).toString();
            } catch (java.nio.file.NotLinkException e) {
                throw owner.changed(path(name));
            }
        }

        /** Deletes a name in this folder and, for a folder, everything in it; links are removed, never followed. */
        public void deleteTree(String name) throws IOException {
            PosixFileAttributes a;
            try {
                a = stat(name);
            } catch (NoSuchFileException e) {
                return;
            }
            if (a.isDirectory()) {
                try (Folder child = open(name)) {
                    for (String n : child.names()) {
                        child.deleteTree(n);
                    }
                } catch (NoSuchFileException e) {
                    return;
                }
                try {
                    ds.deleteDirectory(Path.of(name));
                } catch (NoSuchFileException ignored) {
                    // gone meanwhile
                } catch (IOException e) {
                    if (isLink(name)) { // the folder emptied was swapped for a link meanwhile
                        throw owner.swapped(path(name));
                    }
                    throw e;
                }
            } else {
                try {
                    ds.deleteFile(Path.of(name));
                } catch (NoSuchFileException ignored) {
                    // gone meanwhile
                } catch (IOException e) {
                    if (!a.isSymbolicLink() && isLink(name)) {
                        throw owner.swapped(path(name));
                    }
                    throw e;
                }
            }
        }

        /** Sets the mode of a name in this folder, without following a link. */
        public void setPermissions(String name, Set<PosixFilePermission> permissions) throws IOException {
            try {
                ds.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, NOFOLLOW).setPermissions(permissions);
            } catch (IOException e) {
                throw refusedIfLink(e, name);
            }
        }

        /**
         * Renames {@code name} in {@code from} to {@code target} in this folder, replacing what is there (a rename:
         * the target names the old thing or the new one, never none).
         */
        public void moveHere(Folder from, String name, String target) throws IOException {
            from.ds.move(Path.of(name), ds, Path.of(target));
        }

        private boolean isLink(String name) {
            try {
                return stat(name).isSymbolicLink();
            } catch (IOException e) {
                return false;
            }
        }

        /** Whether an open with NOFOLLOW_LINKS failed because it met a link (ELOOP), or a link stands there now. */
        private boolean linkMet(IOException e, String name) {
            if (e instanceof NoSuchFileException || e instanceof FileAlreadyExistsException
                    || e instanceof java.nio.file.AccessDeniedException || e instanceof NotDirectoryException) {
                return false;
            }
            String why = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
            return isLink(name) || (why != null && why.contains("symbolic link"));
        }

        /** {@code PATH_OUTSIDE_ROOT} when the failure was a link met where none was expected, else the failure. */
        private IOException refusedIfLink(IOException e, String name) {
            if (linkMet(e, name)) {
                throw owner.swapped(path(name));
            }
            return e;
        }

        /**
         * The sub-folder, or {@link LinkMet} when the name is a link (never followed here). A link met by the open
         * but gone by the time it is looked at (swapped back) is tried again, a few times, then refused.
         */
        private Folder openOrNull(String name) throws IOException {
            for (int attempt = 0; ; attempt++) {
                try {
                    SecureDirectoryStream<Path> child = ds.newDirectoryStream(Path.of(name), NOFOLLOW);
                    return new Folder(owner, child, path(name), real == null ? null : join(real, name));
                } catch (NoSuchFileException | NotDirectoryException | java.nio.file.AccessDeniedException e) {
                    throw e;
                } catch (IOException e) {
                    if (isLink(name)) {
                        throw LinkMet.INSTANCE;
                    }
                    if (!linkMet(e, name)) {
                        throw e;
                    }
                    if (attempt >= 3) {
                        throw owner.swapped(path(name));
                    }
                }
            }
        }

        @Override
        public void close() {
            try {
                ds.close();
            } catch (IOException ignored) {
                // a directory handle that fails to close has nothing left to lose
            }
        }
    }

    /** Thrown inside the walk when a name is a link; never escapes this class. */
    private static final class LinkMet extends IOException {
        static final LinkMet INSTANCE = new LinkMet();

        private LinkMet() {
            super("a symbolic link");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** A name found by {@link #locate}: its folder (null for the root itself), the name and its attributes (null when absent). */
    public record Located(Folder parent, String name, String relative, PosixFileAttributes attributes) implements Closeable {
        public boolean exists() {
            return attributes != null;
        }

        /** The real path relative to the root ("." for the root). */
        public String real() {
            if (parent == null) {
                return ".";
            }
            return join(parent.real(), name);
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
    public Folder openRoot() throws IOException {
        return trusted(root, "");
    }

    /**
     * A folder the workbench owns and has checked by other means (e.g. {@code .aw/tmp/} through {@link Store#path}),
     * opened as a handle; for moving staged files into place with {@link Folder#moveHere}.
     */
    public Folder openTrusted(Path dir) throws IOException {
        return trusted(dir, null);
    }

    private Folder trusted(Path dir, String real) throws IOException {
        DirectoryStream<Path> s = Files.newDirectoryStream(dir);
        if (!(s instanceof SecureDirectoryStream<Path> secure)) {
            s.close();
            throw new WorkbenchException(ErrorCode.STORAGE_ERROR, "this platform offers no SecureDirectoryStream "
                    + "(openat), so files under the root cannot be accessed without a race against symbolic links; the "
                    + "workbench refuses to read or change them unconfined; nothing was changed");
        }
        return new Folder(this, secure, dir, real);
    }

    /** The folder at {@code relative} (from the root), walked name by name; links inside the root are followed. */
    public Folder folder(String relative) throws IOException {
        return walk(names(relative, relative), relative, new int[1]);
    }

    /**
     * Finds {@code relative} (from the root): its parent folder walked name by name (links inside the root
     * followed, others refused), and the last name looked at without following it, unless {@code followLast} is
     * set, in which case a link there is resolved the same confined way. The caller closes it.
     */
    public Located locate(String relative, boolean followLast) throws IOException {
        int[] hops = new int[1];
        Deque<String> names = names(relative, relative);
        while (true) {
            if (names.isEmpty()) {
                return new Located(null, null, ".", Files.readAttributes(root, PosixFileAttributes.class));
            }
            String last = names.removeLast();
            Folder parent = walk(names, relative, hops);
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
            names = afterLink(parent.real(), target, relative, hops);
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
            Folder f;
            try {
                if (!visitor.visit(rel, at.parent(), at.name(), at.attributes()) || !at.attributes().isDirectory()) {
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
        boolean visit(String relative, Folder parent, String name, PosixFileAttributes attributes) throws IOException;
    }

    private void walkInside(Folder f, String rel, Visitor visitor) throws IOException {
        for (String n : f.names()) {
            PosixFileAttributes a;
            try {
                a = f.stat(n);
            } catch (NoSuchFileException e) {
                continue; // removed meanwhile
            }
            String childRel = rel.equals(".") ? n : rel + "/" + n;
            Folder child;
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
    public void createDirectories(String relative, Folder scratch) throws IOException {
        Deque<String> names = names(relative, relative);
        Folder cur = openRoot();
        int[] hops = new int[1];
        int attempts = 0;
        try {
            while (!names.isEmpty()) {
                String n = names.removeFirst();
                Folder next = step(cur, n, names, relative, hops);
                if (next == null) { // absent: make it, then look again (a link or a folder may stand there by then)
                    if (++attempts > 8) {
                        throw new WorkbenchException(ErrorCode.PATH_OUTSIDE_ROOT, cur.path(n) + " kept changing while it"
                                + " was being created (a link or a file appeared there each time); nothing was made through it");
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

    private void makeFolder(Folder parent, String name, Folder scratch) throws IOException {
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
        } catch (java.nio.file.AccessDeniedException e) {
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
    public void moveInto(Folder scratch, String name, String relative) throws IOException {
        try (Located at = locate(relative, false)) {
            if (at.parent() == null) {
                throw new IllegalArgumentException("nothing replaces the root");
            }
            Folder parent = at.parent();
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
                         OutputStream out = Channels.newOutputStream(parent.channel(sibling,
                                 EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)))) {
                        in.transferTo(out);
                    }
                    parent.setPermissions(sibling, a.permissions());
                }
                parent.moveHere(parent, sibling, at.name());
                scratch.ds.deleteFile(Path.of(name));
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

    // ---------------------------------------------------------------- the walk itself

    private Folder walk(Deque<String> names, String given, int[] hops) throws IOException {
        Folder cur = openRoot();
        try {
            while (!names.isEmpty()) {
                String n = names.removeFirst();
                Folder next = step(cur, n, names, given, hops);
                if (next == null) {
                    throw new NoSuchFileException(cur.path(n).toString());
                }
                cur.close();
                cur = next;
            }
            return cur;
        } catch (IOException | RuntimeException e) {
            cur.close();
            throw e;
        }
    }

    /**
     * One name of a walk from {@code cur}: the folder it opens, or null when the name is absent. For a link, the
     * names from the root that it stands for are put in front of {@code rest} and the root is returned. No name is
     * {@code ..}: {@link #names} normalises every path, a link's target included, before the walk.
     */
    private Folder step(Folder cur, String n, Deque<String> rest, String given, int[] hops) throws IOException {
        String target = null;
        for (int attempt = 0; target == null; attempt++) {
            try {
                return cur.openOrNull(n);
            } catch (NoSuchFileException e) {
                return null;
            } catch (LinkMet e) {
                try {
                    target = Files.readSymbolicLink(cur.path(n)).toString();
                } catch (java.nio.file.NotLinkException | NoSuchFileException swappedBack) {
                    if (attempt >= 3) {
                        throw changed(cur.path(n));
                    }
                }
            }
        }
        Deque<String> next = afterLink(cur.real(), target, given, hops);
        next.addAll(rest);
        rest.clear();
        rest.addAll(next);
        return reopenRoot(cur);
    }

    /** The root, opened again: the names put in front of the walk are from the root. */
    private Folder reopenRoot(Folder cur) throws IOException {
        Folder rootFolder = openRoot();
        cur.close();
        return rootFolder;
    }

    /** The names, from the root, that a link in folder {@code real} leading to {@code target} stands for. */
    private Deque<String> afterLink(String real, String target, String given, int[] hops) {
        if (++hops[0] > MAX_LINKS) {
            throw new WorkbenchException(ErrorCode.PATH_OUTSIDE_ROOT, "\"" + given + "\" goes through more than "
                    + MAX_LINKS + " symbolic links");
        }
        Path t = Path.of(target);
        Path resolved = (t.isAbsolute() ? t : root.resolve(real).resolve(t)).normalize();
        if (!resolved.startsWith(root)) {
            throw new WorkbenchException(ErrorCode.PATH_OUTSIDE_ROOT, "\"" + given + "\" goes through a symbolic link"
                    + " to " + resolved + ", outside the root " + root + "; nothing was read or changed through it");
        }
        if (resolved.startsWith(root.resolve(Store.DIR))) {
            throw new WorkbenchException(ErrorCode.PATH_OUTSIDE_ROOT, "\"" + given + "\" goes through a symbolic link"
                    + " into " + Store.DIR + "/, the workbench's own state; nothing was read or changed through it");
        }
        return names(root.relativize(resolved).toString(), given);
    }

    private Deque<String> names(String relative, String given) {
        Deque<String> names = new ArrayDeque<>();
        if (relative == null) {
            return names;
        }
        Path p = Path.of(relative).normalize(); // lexically, as RootPaths checked it
        if (p.isAbsolute()) {
            if (!p.startsWith(root)) {
                throw outside(given, p);
            }
            p = root.relativize(p);
        }
        if (p.startsWith("..")) {
            throw outside(given, root.resolve(p).normalize());
        }
        for (Path part : p) {
            String s = part.toString();
            if (!s.isEmpty() && !s.equals(".")) {
                names.add(s);
            }
        }
        return names;
    }

    private WorkbenchException outside(String given, Path where) {
        return new WorkbenchException(ErrorCode.PATH_OUTSIDE_ROOT, "\"" + given + "\" leads to " + where
                + ", outside the root " + root);
    }

    private WorkbenchException changed(Path where) {
        return new WorkbenchException(ErrorCode.PATH_OUTSIDE_ROOT, where + " kept changing between a symbolic link and"
                + " something else while it was being used; nothing was read or changed through it");
    }

    private WorkbenchException swapped(Path where) {
        return new WorkbenchException(ErrorCode.PATH_OUTSIDE_ROOT, where + " became a symbolic link while it was"
                + " being used; links met then are not followed, and nothing was read or changed through it");
    }

    private static String join(String real, String name) {
        return real.isEmpty() ? name : real + "/" + name;
    }

    /** Wraps an {@link IOException} of a confined operation for callers that do not declare it. */
    public static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException(what, e);
    }
}
