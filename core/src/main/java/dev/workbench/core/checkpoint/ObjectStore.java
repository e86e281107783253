package dev.workbench.core.checkpoint;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Sha256;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * File contents addressed by their SHA-256 under {@code .aw/objects/<2 hex>/<62 hex>}, shared by every checkpoint:
 * one copy per distinct content. Contents are hashed while they are copied, in one pass, with a fixed-size
 * buffer, so a file of any size streams through a small heap.
 */
public final class ObjectStore {
    static final String DIR = "objects";

    private final Store store;

    public ObjectStore(Store store) {
        this.store = store;
    }

    /** What storing a file did: its hash and size, and whether its content was new to the store. */
    public record Stored(String sha256, long size, boolean added) {}

    static String relative(String sha256) {
        return DIR + "/" + sha256.substring(0, 2) + "/" + sha256.substring(2);
    }

    public boolean has(String sha256) {
        return Files.isRegularFile(store.path(relative(sha256)));
    }

    /** Copies {@code file} into the store, hashing it on the way; content already stored is not kept twice. */
    public Stored put(Path file) {
        Path tmp = store.newTemporaryFile();
        try {
            HashingCopy.Copied copied;
            try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(tmp)) {
                copied = HashingCopy.copy(in, out, Files.size(file));
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true); // a manifest may only name objects that are on disk
            }
            // An object of the right name but the wrong size was damaged: the fresh copy replaces it.
            Path existing = store.path(relative(copied.sha256()));
            boolean damaged = Files.exists(existing) && Files.size(existing) != copied.size();
            boolean added = store.commitTemporary(tmp, relative(copied.sha256()), !damaged);
            return new Stored(copied.sha256(), copied.size(), added);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot store " + file, e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * Makes {@code file}, whose hash the caller just computed, an object by hard-linking it instead of copying
     * it. Only for a file that is about to be replaced by a rename or deleted (a rollback's safety checkpoint):
     * once its path no longer names that inode, the object is the inode's only name and nothing writes to it.
     * Forces the content to disk first. Returns false where links cannot be made (another file system), and the
     * caller copies instead.
     */
    public boolean adopt(Path file, String sha256) {
        Path object = store.path(relative(sha256));
        try {
            if (Files.exists(object)) {
                return true;
            }
            if (((Number) Files.getAttribute(file, "unix:nlink")).intValue() != 1) {
                return false; // other names for the same inode could still change the object: copy instead
            }
            try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
                ch.force(true);
            }
            Files.createDirectories(object.getParent());
            Files.createLink(object, file);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
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
        try (InputStream in = Files.newInputStream(object); OutputStream out = Files.newOutputStream(target)) {
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
        return new WorkbenchException(ErrorCode.CHECKPOINT_CORRUPT, "object " + sha256 + " in .aw/objects/ " + what
                + "; nothing was changed. An older checkpoint that does not need it may still be restorable");
    }

    /** Hashes a file without copying it. */
    public static String hash(Path file) {
        return Sha256.of(file);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temporary file is swept later
        }
    }
}
