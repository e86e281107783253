package dev.workbench.core.checkpoint;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.ConfinedFolder;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * File contents addressed by their SHA-256 under {@code .aw/objects/<2 hex>/<62 hex>}, shared by every checkpoint:
 * one copy per distinct content. Contents are read, hashed and written in one pass through a few reused buffers, so
 * a file of any size streams through a small heap. New contents are added through a {@link ObjectBatch}, which
 * forces them to disk together at its end, before the manifest that names them is written.
 */
public final class ObjectStore {
    static final String DIR = "objects";

    private final Store store;

    public ObjectStore(Store store) {
        this.store = store;
    }

    static String relative(String sha256) {
        return DIR + "/" + sha256.substring(0, 2) + "/" + sha256.substring(2);
    }

    public boolean has(String sha256) {
        return Files.isRegularFile(store.path(relative(sha256)));
    }

    /** Starts adding contents; must run inside a store transaction, and be committed before a manifest names them. */
    ObjectBatch batch() {
        return new ObjectBatch(store, this);
    }

    /** Where content comes from: a channel opened on demand (through a confined folder handle). */
    @FunctionalInterface
    public interface Source {
        ReadableByteChannel open() throws IOException;
    }

    /** Whether the object stored under {@code sha256} exists but is not {@code size} bytes long: damaged, to replace. */
    boolean damaged(String sha256, long size) throws IOException {
        Path existing = store.path(relative(sha256));
        return Files.exists(existing) && Files.size(existing) != size;
    }

    /**
     * Makes the file {@code name} in {@code folder}, whose hash the caller just computed, an object by hard-linking
     * it instead of copying it. Only for a file that is about to be replaced by a rename or deleted (a rollback's
     * safety checkpoint): once its path no longer names that inode, the object is the inode's only name and nothing
     * writes to it. The link is made by path (Java has no {@code linkat} on a folder handle), so it is kept only when
     * it is the very file the confined walk found ({@code confined}'s file key), else undone and the caller copies.
     * Forces the content to disk. Returns false where links cannot be made (another file system).
     */
    public boolean adopt(ConfinedFolder folder, String name, PosixFileAttributes confined, String sha256) {
        Path object = store.path(relative(sha256));
        Path file = folder.path(name);
        try {
            if (Files.exists(object)) {
                return true;
            }
            if (confined.fileKey() == null
                    || ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() != 1) {
                return false; // other names for the same inode could still change the object: copy instead
            }
            Files.createDirectories(object.getParent());
            Files.createLink(object, file);
            Object linked = Files.readAttributes(object, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
            if (!confined.fileKey().equals(linked)
                    || !confined.fileKey().equals(folder.stat(name).fileKey())) {
                Files.delete(object); // the path led elsewhere by the time it was linked: not ours to keep
                return false;
            }
            try (FileChannel ch = FileChannel.open(object, StandardOpenOption.READ)) {
                ch.force(true);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Copies a stored object to {@code target} (a new file), hashing on the way, and checks the hash: a missing
     * object or one whose bytes no longer match its name is {@code CHECKPOINT_CORRUPT}.
     */
    public void copyOut(String sha256, long size, Path target) {
        Path object = store.path(relative(sha256));
        HashingCopy.Copied copied;
        try (FileChannel in = FileChannel.open(object, StandardOpenOption.READ);
                FileChannel out =
                        FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            copied = HashingCopy.copy(in, out, size);
        } catch (NoSuchFileException e) {
            throw corrupt(sha256, "is missing");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read object " + sha256, e);
        }
        if (!copied.sha256().equals(sha256) || copied.size() != size) {
            throw corrupt(sha256, "is damaged (its content hashes to " + copied.sha256() + ")");
        }
    }

    /** Fails with {@code CHECKPOINT_CORRUPT} unless the object exists with the expected size. */
    public void requirePresent(String sha256, long size) {
        Path object = store.path(relative(sha256));
        try {
            if (Files.size(object) != size) {
                throw corrupt(sha256, "has the wrong size");
            }
        } catch (NoSuchFileException e) {
            throw corrupt(sha256, "is missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WorkbenchException corrupt(String sha256, String what) {
        return new WorkbenchException(
                ErrorCode.CHECKPOINT_CORRUPT,
                "object " + sha256 + " in .aw/objects/ " + what
                        + "; nothing was changed. An older checkpoint that does not need it may still be restorable");
    }
}
