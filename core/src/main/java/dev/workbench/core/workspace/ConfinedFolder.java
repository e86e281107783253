package dev.workbench.core.workspace;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A folder held open ({@link SecureDirectoryStream}, i.e. {@code openat}): names inside it are looked up relative
 * to it, never through the text of a path, and never followed when they are links. Reached through
 * {@link ConfinedFiles}, which walks to it name by name.
 */
public final class ConfinedFolder implements Closeable {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final SecureDirectoryStream<Path> ds;
    private final Path location;
    /** Where it really is, relative to the root ("" for the root); null for a trusted folder outside the walk. */
    private final String real;

    private ConfinedFolder(SecureDirectoryStream<Path> ds, Path location, String real) {
        this.ds = ds;
        this.location = location;
        this.real = real;
    }

    /**
     * Opens a folder the workbench trusts by other means (the root it was given, a folder under {@code .aw/}).
     *
     * @param real where it is relative to the root, or null when it lies outside the walk
     */
    static ConfinedFolder open(Path dir, String real) throws IOException {
        DirectoryStream<Path> s = Files.newDirectoryStream(dir);
        if (!(s instanceof SecureDirectoryStream<Path> secure)) {
            s.close();
            throw new WorkbenchException(
                    ErrorCode.STORAGE_ERROR,
                    "this platform offers no SecureDirectoryStream "
                            + "(openat), so files under the root cannot be accessed without a race against symbolic links; the "
                            + "workbench refuses to read or change them unconfined; nothing was changed");
        }
        return new ConfinedFolder(secure, dir, real);
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
        return ds.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, NOFOLLOW)
                .readAttributes();
    }

    /** The names in this folder, sorted; may be called once per handle. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        try {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (DirectoryIteratorException e) {
            throw new UncheckedIOException("cannot list " + location, e.getCause());
        }
        names.sort(null);
        return names;
    }

    /** A sub-folder, opened without following a link; a link there now is {@code PATH_OUTSIDE_ROOT}. */
    public ConfinedFolder open(String name) throws IOException {
        try {
            return openOrNull(name);
        } catch (LinkMet e) {
            throw swapped(path(name));
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

    SeekableByteChannel channel(String name, Set<StandardOpenOption> options) throws IOException {
        Set<OpenOption> all = new HashSet<>(options);
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
        } catch (NotLinkException e) {
            throw changed(path(name));
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
            try (ConfinedFolder child = open(name)) {
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
                    throw swapped(path(name));
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
                    throw swapped(path(name));
                }
                throw e;
            }
        }
    }

    /** Deletes a file (or link) in this folder by name, without looking at what it is. */
    void deleteFile(String name) throws IOException {
        ds.deleteFile(Path.of(name));
    }

    /** Sets the mode of a name in this folder, without following a link. */
    public void setPermissions(String name, Set<PosixFilePermission> permissions) throws IOException {
        try {
            ds.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, NOFOLLOW)
                    .setPermissions(permissions);
        } catch (IOException e) {
            throw refusedIfLink(e, name);
        }
    }

    /**
     * Renames {@code name} in {@code from} to {@code target} in this folder, replacing what is there (a rename:
     * the target names the old thing or the new one, never none).
     */
    public void moveHere(ConfinedFolder from, String name, String target) throws IOException {
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
        if (e instanceof NoSuchFileException
                || e instanceof FileAlreadyExistsException
                || e instanceof AccessDeniedException
                || e instanceof NotDirectoryException) {
            return false;
        }
        String why = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        return isLink(name) || (why != null && why.contains("symbolic link"));
    }

    /** {@code PATH_OUTSIDE_ROOT} when the failure was a link met where none was expected, else the failure. */
    private IOException refusedIfLink(IOException e, String name) {
        if (linkMet(e, name)) {
            throw swapped(path(name));
        }
        return e;
    }

    /**
     * The sub-folder, or {@link LinkMet} when the name is a link (never followed here). A link met by the open
     * but gone by the time it is looked at (swapped back) is tried again, a few times, then refused.
     */
    ConfinedFolder openOrNull(String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                SecureDirectoryStream<Path> child = ds.newDirectoryStream(Path.of(name), NOFOLLOW);
                return new ConfinedFolder(child, path(name), real == null ? null : join(real, name));
            } catch (NoSuchFileException | NotDirectoryException | AccessDeniedException e) {
                throw e;
            } catch (IOException e) {
                if (isLink(name)) {
                    throw LinkMet.INSTANCE;
                }
                if (!linkMet(e, name)) {
                    throw e;
                }
                if (attempt >= 3) {
                    throw swapped(path(name));
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

    static String join(String real, String name) {
        return real.isEmpty() ? name : real + "/" + name;
    }

    static WorkbenchException changed(Path where) {
        return new WorkbenchException(
                ErrorCode.PATH_OUTSIDE_ROOT,
                where + " kept changing between a symbolic link and"
                        + " something else while it was being used; nothing was read or changed through it");
    }

    static WorkbenchException swapped(Path where) {
        return new WorkbenchException(
                ErrorCode.PATH_OUTSIDE_ROOT,
                where + " became a symbolic link while it was"
                        + " being used; links met then are not followed, and nothing was read or changed through it");
    }
}
